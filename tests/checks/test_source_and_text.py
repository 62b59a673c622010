"""Source-aware checks on korean-english-news-v1 pairs, and the monolingual checks on real lines."""
from __future__ import annotations

import pytest

from review_app.checks import run_checks
from review_app.checks.name_variant import is_variant
from review_app.language.numbers import english_values, korean_value, korean_values
from review_app.model import DocumentDraft, SegmentDraft

from ..conftest import ROOT

NEWS = ROOT / "corpora" / "korean-english-news-v1"
KO = (NEWS / "dev.ko").read_text(encoding="utf-8").split("\n")
EN = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")


def findings(check, mt, source=None, *context):
    segments = tuple(SegmentDraft(mt=c) for c in context) + (SegmentDraft(mt=mt, source=source),)
    return run_checks(DocumentDraft("t", "text", segments), names=[check])[-1]


@pytest.mark.parametrize("korean, value", [
    ("1억1천만 달러", 110_000_000), ("3천", 3_000), ("2만", 20_000), ("12조3천억", 12.3e12),
    ("1억 1천만", 110_000_000), ("5백만", 5_000_000), ("1,000", 1_000), ("12.5", 12.5),
])
def test_korean_units(korean, value):
    assert korean_value(korean) == pytest.approx(value)


def test_numbers_of_a_real_pair_agree():
    # dev line 1: "1억1천만 달러" / "$110 million"; line 2: "12조3천억 번" / "12.3 trillion calculations"
    assert korean_values(KO[0]) == [1, 110_000_000] and 110_000_000 in english_values(EN[0])  # 1년 = a year
    assert findings("numbers", EN[0], KO[0]) == [] and findings("numbers", EN[1], KO[1]) == []


def test_number_words_in_compounds_count():
    # dev line 458: "6개월간의 단속조치로 ... 82명" / "The six-month crackdown netted 82 suspected terrorists"
    assert findings("numbers", EN[457], KO[457]) == []
    assert 6 in english_values("a six-month crackdown") and 21 in english_values("twenty-one guns")


def test_a_changed_number_is_flagged():
    wrong = EN[0].replace("$110 million", "$11 million")
    (found,) = findings("numbers", wrong, KO[0])
    assert "110,000,000" in found.message


def test_real_reference_with_a_different_number_is_flagged():
    # dev line 111: the Korean says 50만 척 (500,000 boats), the English "More than 50,000 fishing boats".
    (found,) = findings("numbers", EN[110], KO[110])
    assert "500,000" in found.message


def test_years_and_percentages():
    assert findings("numbers", EN[2], KO[2]) == []  # 1992년 / in 1992
    assert [f.check for f in findings("numbers", "Exports rose 15 percent.", "수출이 5% 늘었다.")] == ["numbers"]


def test_untranslated_hangul():
    (found,) = findings("untranslated", "The 통일부 said talks would resume.")
    assert (found.start, found.end) == (4, 7)


def test_length_ratio_outlier_on_a_truncated_translation():
    assert findings("length_ratio", EN[1], KO[1]) == []
    (found,) = findings("length_ratio", "The supercomputer.", KO[1])
    assert "shorter" in found.message


def test_lost_quotation_and_end_punctuation():
    # dev line 4 quotes Gordon ("key to the country's mission ..."); drop the quotes.
    assert findings("quotation", EN[3], KO[3]) == [] and findings("punctuation", EN[3], KO[3]) == []
    unquoted = EN[3].replace('"', "")
    assert [f.message for f in findings("quotation", unquoted, KO[3])] == [
        "the source quotes someone here; the translation lost the quotation marks"]
    (found,) = findings("punctuation", EN[2].rstrip("."), KO[2])
    assert found.suggestion == EN[2]


def test_doubled_word_from_a_real_line():
    # dev line 197 really has "relationships relationships".
    (found,) = findings("doubled_word", EN[196])
    assert "relationships relationships" not in found.suggestion
    assert findings("doubled_word", "He had had enough.") == []


@pytest.mark.parametrize("line, fixed", [
    (73, "—"),  # "&#8212;"
    (74, "“"),  # "¡°There are early indications ..." (EUC-KR quotes read as Latin-1)
    (234, "ñ"),  # "jalape&ntilde; os"
])
def test_markup_and_mojibake_from_real_lines(line, fixed):
    found = findings("markup", EN[line - 1])
    assert found and all(f.suggestion for f in found)
    assert fixed in found[0].suggestion


def test_cp1252_mojibake_and_tags():
    (found,) = findings("markup", "The ministry said itâ€™s ready.")
    assert found.suggestion == "The ministry said it’s ready."
    assert findings("markup", "North Korea<br/> fired a missile.")[0].suggestion == "North Korea fired a missile."


def test_furniture_residue_in_article_text():
    (found,) = findings("furniture", "North Korean workers remain in Vladivostok. Related Articles")
    assert found.suggestion == "North Korean workers remain in Vladivostok."
    assert findings("furniture", "The newspaper introduced a worker who carried the advertisement.") == []


def test_lowercase_start_from_real_lines():
    # dev lines 12 and 14 are sentence halves that start in lower case.
    (found,) = findings("lowercase_start", EN[13])
    assert found.suggestion == "That 15 of the 19 hijackers were Saudi citizens."
    assert findings("lowercase_start", "iPhone sales rose.") == []


@pytest.mark.parametrize("a, b, variant", [
    ("Kim Young-gyo", "Kim Young-kyo", True), ("Kasparov", "Kasparow", True), ("Lee Sang-chul", "Lee Sang-cheol", True),
    ("Kim Jong-un", "Kim Jong-il", False), ("Korea", "Korean", False), ("North Korea", "South Korea", False),
])
def test_name_variants(a, b, variant):
    assert is_variant(a, b) is variant
