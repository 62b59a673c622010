"""Whether a wording still has the MT's findings: the rule behind the approval question, each
candidate's risk and the checks' precision."""
from __future__ import annotations

import pytest

from review_app.model import Finding, FindingOverride, Segment, Severity
from review_app.presentation.approval import confirm_message, findings_to_confirm, open_findings, worst_open

MT = "He also explained that North Korean workers who entered the country are vulnerable."
SEG = Segment(1, 1, 23, 0, MT)
HE = Finding("attribution", Severity.MAJOR, 0, 2, "A pronoun reports what an organisation said.", segment_id=1)
MISSING = Finding("punctuation", Severity.MINOR, len(MT) - 1, len(MT) - 1, "Something is missing here.", segment_id=1)
WORKERS = Finding("glossary", Severity.CRITICAL, MT.index("workers"), MT.index("workers") + 7, "Term.", segment_id=1)


@pytest.mark.parametrize(("text", "still"), [
    (MT, ["attribution", "punctuation", "glossary"]),  # the MT itself has them all
    ("The State Department also explained that North Korean workers who entered the country are vulnerable.",
     ["punctuation", "glossary"]),  # "He" rewritten
    ("He also explained that North Korean labourers who entered the country are vulnerable.",
     ["attribution", "punctuation"]),  # the flagged word replaced
    ("He also explained that North Korean workers who entered the country are vulnerable, officials said.",
     ["attribution", "glossary"]),  # something inserted at the flagged point
    ("He also explained that North Korean workers who entered the country recently are vulnerable.",
     ["attribution", "punctuation", "glossary"]),  # an edit elsewhere deals with nothing
])
def test_a_finding_stays_open_until_its_words_are_rewritten(text, still):
    assert [f.check for f in open_findings([HE, MISSING, WORKERS], SEG, text)] == still


def test_only_major_and_worse_that_nobody_dismissed_are_asked_about():
    dismissed = FindingOverride(1, "attribution", Severity.MAJOR, 0, 2, "A pronoun ...", "ana")
    assert [f.check for f in findings_to_confirm([HE, MISSING, WORKERS], SEG, MT)] == ["attribution", "glossary"]
    assert [f.check for f in findings_to_confirm([HE, MISSING, WORKERS], SEG, MT, [dismissed])] == ["glossary"]
    moved = FindingOverride(1, "attribution", Severity.MAJOR, 3, 7, "elsewhere", "ana")  # not this finding
    assert [f.check for f in findings_to_confirm([HE], SEG, MT, [moved])] == ["attribution"]


def test_a_wordings_risk_is_its_worst_open_finding():
    assert worst_open([HE, MISSING, WORKERS], SEG, MT) == Severity.CRITICAL
    assert worst_open([HE, MISSING], SEG, MT.replace("He", "The ministry", 1)) == Severity.MINOR
    assert worst_open([HE], SEG, MT.replace("He", "The ministry", 1)) is None


def test_the_question_names_each_finding():
    assert confirm_message([HE]) == ("This text still has 1 finding of major or worse severity: "
                                     "attribution (major): A pronoun reports what an organisation said.")
    assert confirm_message([HE, WORKERS]).startswith("This text still has 2 findings")


def test_a_source_side_finding_stands_until_the_wording_states_what_was_left_out():
    source = "미국 재무부는 어제 북한 기관 50곳을 제재했다."
    seg = Segment(1, 1, 0, 0, "The US Treasury sanctioned North Korean entities yesterday.", source=source,
                  source_lang="ko", target_lang="en")
    fifty = source.index("50")
    left_out = Finding("numbers", Severity.MAJOR, fifty, fifty + 2, "the source has the number 50", side="source")
    assert open_findings([left_out], seg, seg.mt + " Really.") == [left_out]  # an edit elsewhere changes nothing
    fixed = "The US Treasury sanctioned 50 North Korean entities yesterday."
    assert open_findings([left_out], seg, fixed) == []
