"""The seed article, labelled by hand: what every check must find on every segment, no more."""
from __future__ import annotations

import pytest

from review_app.checks import run_checks
from review_app.ingest import read_document

from ..conftest import SEED

# position (as `review-app segments` numbers them) -> [(check, flagged text)]; positions not
# listed have no finding. 0-2 and 33-36 are page furniture.
EXPECTED = {
    18: [("attribution", "He")],
    20: [("glossary", "Human Trafficking Facts Report")],
    21: [("attribution", "He"), ("attribution", "pointed out")],
    23: [("attribution", "He")],
    26: [("attribution", "He")],
    28: [("glossary", "Office of Overseas Assets Control"), ("glossary", "Ministry of Finance")],
    29: [("attribution", "He")],
    30: [("glossary", "Expert Panel on North Korea Sanctions Committee")],
    31: [("glossary", "Expert Panel on North Korea Sanctions Committee"), ("attribution", ", China, etc.")],
    32: [("name_variant", "Kim Young-kyo")],
}

# The five garbled "He" sentences: how each repair must begin.
REPAIRS = {
    18: "The newspaper added that the number was significantly reduced",
    21: "The State Department pointed out that the Russian government is actively involved",
    23: "The State Department also explained that North Korean workers",
    26: "The State Department advised that we need to better understand",
    29: "The Treasury Department then explained the background of the sanctions",
}


@pytest.fixture(scope="module")
def seed():
    draft = read_document(SEED.name, SEED.read_bytes())
    return draft, run_checks(draft)


def test_the_seed_has_37_segments_as_labelled(seed):
    draft, _ = seed
    assert len(draft.segments) == 37
    assert [i for i, s in enumerate(draft.segments) if s.excluded] == [0, 1, 2, 33, 34, 35, 36]


@pytest.mark.parametrize("position", range(37))
def test_findings_match_the_hand_labels(seed, position):
    draft, findings = seed
    text = draft.segments[position].mt
    found = sorted((f.check, text[f.start:f.end]) for f in findings[position])
    assert found == sorted(EXPECTED.get(position, [])), text


@pytest.mark.parametrize("position", sorted(REPAIRS))
def test_he_sentences_are_repaired_with_the_right_speaker(seed, position):
    draft, findings = seed
    pronoun = next(f for f in findings[position] if f.check == "attribution" and f.end - f.start == 2)
    assert pronoun.suggestion.startswith(REPAIRS[position])
    assert pronoun.severity.value == "major"


def test_one_click_repairs_everything_in_the_segment(seed):
    """The 'pointed out.' fragment and the garbled 'He' are repaired together."""
    draft, findings = seed
    suggestions = {f.suggestion for f in findings[21]}
    assert len(suggestions) == 1
    (repaired,) = suggestions
    assert repaired.endswith("unofficial labor activities.") and "pointed out." not in repaired
    assert repaired.startswith("The State Department pointed out that")


def test_stray_fragment_is_joined_without_losing_words(seed):
    draft, findings = seed
    fragment = next(f for f in findings[31] if f.check == "attribution")
    assert fragment.suggestion.endswith("such as coal exports, China, etc.")


def test_glossary_repairs_compose_in_one_sentence(seed):
    draft, findings = seed
    assert {f.suggestion for f in findings[28]} == {
        "The Office of Foreign Assets Control (OFAC) under the Treasury Department has added ‘Joseon Iron and "
        "Steel Comprehensive Trading’, which is a North Korean-based institution in Russia, and ‘Mokran LLC,’ a "
        "Russian construction company, to the ‘SDN List’."
    }


def test_name_variant_suggests_the_first_spelling(seed):
    draft, findings = seed
    (variant,) = findings[32]
    assert variant.suggestion == "This is Kim Young-gyo from VOA News."
