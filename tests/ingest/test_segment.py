"""Sentence segmentation: English rules for news MT, Korean via kiwipiepy."""
from __future__ import annotations

import pytest

from review_app.ingest.segment import split_english, split_korean, split_sentences
from review_app.ingest.text import read_text, split_paragraphs

from ..conftest import ROOT, SEED


@pytest.mark.parametrize(
    "text, expected",
    [
        # Abbreviations, dates, titles and initials stay inside the sentence.
        ("Last November, the U.S. Treasury Department announced sanctions. He then explained the background.",
         ["Last November, the U.S. Treasury Department announced sanctions.", "He then explained the background."]),
        ("The number had declined since Dec. 2, 2019, when sanctions took effect. Mr. Kim agreed.",
         ["The number had declined since Dec. 2, 2019, when sanctions took effect.", "Mr. Kim agreed."]),
        ("Analyst J. R. Smith of Johns Hopkins Univ. disagreed. So did Dr. Lee.",
         ["Analyst J. R. Smith of Johns Hopkins Univ. disagreed.", "So did Dr. Lee."]),
        # Quotes close with their sentence; a quoted question followed by narration splits.
        ("“The regime may have forced its citizens into labor,” the report said. It was released in June.",
         ["“The regime may have forced its citizens into labor,” the report said.", "It was released in June."]),
        # After "U.S." a pronoun starts a new sentence.
        ("Workers were sent to the U.S. They stayed a year.", ["Workers were sent to the U.S.", "They stayed a year."]),
        # Decimals and amounts are not boundaries.
        ("The deal is worth $3.5 million. Officials said so.", ["The deal is worth $3.5 million.", "Officials said so."]),
        # MT garbage after a period stays with its sentence so it can be repaired there.
        ("They appear to have been engaged in unofficial labor activities. pointed out.",
         ["They appear to have been engaged in unofficial labor activities. pointed out."]),
        ("compared to traditional activities such as coal exports. , China, etc.",
         ["compared to traditional activities such as coal exports. , China, etc."]),
    ],
)
def test_english_sentences(text, expected):
    assert split_english(text) == expected


def test_korean_sentences_use_kiwi():
    first_two = (ROOT / "corpora/korean-english-news-v1/dev.ko").read_text(encoding="utf-8").splitlines()[:2]
    sentences = split_korean(" ".join(first_two))
    assert sentences == [line.strip() for line in first_two]
    assert split_sentences(" ".join(first_two), "ko") == sentences


def test_paragraphs_from_blank_lines_and_line_breaks():
    text = (
        "Title line\nby news dir\n\n"
        "Managers of several Russian construction companies said they\n"
        "continued to work with North Korean workers.\nThese managers agreed.\n"
    )
    assert split_paragraphs(text) == [
        "Title line",
        "by news dir",
        "Managers of several Russian construction companies said they continued to work with North Korean workers.",
        "These managers agreed.",
    ]


def test_seed_sentence_counts_per_paragraph():
    draft = read_text(SEED.name, SEED.read_bytes())
    per_paragraph: dict[int, int] = {}
    for seg in draft.segments:
        per_paragraph[seg.paragraph] = per_paragraph.get(seg.paragraph, 0) + 1
    # The lead paragraph has three sentences, the two "At the same time ... He advised" and
    # comment-notice paragraphs two each, every other paragraph one.
    multi = {p: n for p, n in per_paragraph.items() if n > 1}
    assert multi == {3: 3, 23: 2, 32: 2}
    assert len(per_paragraph) == 33 and len(draft.segments) == 37


def test_seed_furniture_is_kept_but_excluded_with_reasons():
    draft = read_text(SEED.name, SEED.read_bytes())
    excluded = [(s.mt, s.exclusion_reason) for s in draft.segments if s.excluded]
    expected = [
        ("Home World “North Korean workers", "breadcrumb and page title"),
        ("“North Korean workers continue", "repeated title"),
        ("by news dir", "byline"),
        ("Related Articles", "related-articles block"),
        ("Leave a Comment", "comment form"),
        ("This site uses Akismet", "comment-system notice"),
        ("Learn how your comment data is processed.", "comment-system notice"),
    ]
    assert len(excluded) == len(expected)
    for (text, reason), (prefix, expected_reason) in zip(excluded, expected):
        assert text.startswith(prefix) and reason == expected_reason
    # The reporter's sign-off is article text, not furniture.
    signoff = next(s for s in draft.segments if s.mt.startswith("This is Kim Young-kyo"))
    assert not signoff.excluded


def test_korean_source_text_pairs_with_mt_sentences():
    ko = "미 국무부는 성명을 발표했다. 국무부는 조사를 촉구했다.\n\n재무부는 제재를 부과했다."
    en = "The State Department issued a statement. He urged an investigation.\n\nThe Treasury imposed sanctions."
    draft = read_text("a.en.txt", en.encode(), source_lang="ko", source_data=ko.encode(), source_name="a.ko.txt")
    assert [(s.source, s.mt) for s in draft.segments] == [
        ("미 국무부는 성명을 발표했다.", "The State Department issued a statement."),
        ("국무부는 조사를 촉구했다.", "He urged an investigation."),
        ("재무부는 제재를 부과했다.", "The Treasury imposed sanctions."),
    ]
