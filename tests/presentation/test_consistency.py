"""Find and replace, and propagation of a correction to identical and near-identical segments."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.presentation.consistency import (
    IDENTICAL,
    NEAR_IDENTICAL,
    SAME_SOURCE,
    FindReplace,
    clip_words,
    highlight_terms,
    propagation_offers,
    transplant,
)

OLD = "He also explained that North Korean workers are more vulnerable."
NEW = "The State Department also explained that North Korean workers are more vulnerable."


@pytest.mark.parametrize(("other", "expected"), [
    ("He also explained that Chinese workers are more vulnerable.",
     "The State Department also explained that Chinese workers are more vulnerable."),
    ("Yesterday He also explained that workers are at risk.", "Yesterday The State Department also explained that "
                                                               "workers are at risk."),
    ("She also explained that North Korean workers are more vulnerable.", None),  # "He" is not there to change
    ("He said that North Korean workers are more vulnerable.", None),  # the words after "He" differ
])
def test_an_edit_is_carried_over_only_where_its_words_and_neighbours_are(other, expected):
    assert transplant(OLD, NEW, other) == expected


def test_several_edits_and_insertions_are_carried_over():
    old, new = "Reporter Kim Young-gyo reports.", "Reporter Kim Young-kyo reports for VOA."
    assert transplant(old, new, "Reporter Kim Young-gyo reports.") == new
    assert transplant(old, new, "Today, Reporter Kim Young-gyo reports.") == "Today, Reporter Kim Young-kyo reports for VOA."


def test_offers_are_identical_then_same_source_then_near_identical_and_exclude_the_rest():
    rows = [(1, "그는 설명했다", OLD),  # the corrected segment itself
            (2, None, OLD),  # identical text
            (3, "그는 설명했다", "He also explained it."),  # identical source, different wording
            (4, None, "He also explained that Chinese workers are more vulnerable."),  # near-identical
            (5, None, "She also explained that North Korean workers are more vulnerable."),  # near, but no "He"
            (6, None, NEW),  # already right
            (7, None, "An unrelated sentence about sanctions.")]
    offers = propagation_offers(OLD, NEW, "그는 설명했다", rows, exclude=1)
    assert [(o.segment_id, o.kind) for o in offers] == [(2, IDENTICAL), (3, SAME_SOURCE), (4, NEAR_IDENTICAL)]
    assert offers[0].after == NEW
    assert offers[1].after == "The State Department also explained it."
    assert offers[2].after == "The State Department also explained that Chinese workers are more vulnerable."
    assert propagation_offers(OLD, OLD, None, rows, exclude=1) == []


def test_find_is_literal_with_case_and_whole_word_options():
    text = "The U.S. said (again) that us officials, U.S. envoys and the U.S.-led group met."
    assert FindReplace("u.s.").spans(text) == [(4, 8), (41, 45), (61, 65)]
    assert FindReplace("U.S.", "US", case_sensitive=True).apply(text).count("US") == 3
    assert FindReplace("(again)", r"\1 anew").apply(text).startswith(r"The U.S. said \1 anew that")
    assert FindReplace("us", "we", whole_word=True).apply(text) == text.replace("us officials", "we officials")
    assert FindReplace("Us", whole_word=True, case_sensitive=True).spans(text) == []
    with pytest.raises(BadInputError, match="type the words to find"):
        FindReplace("  ").pattern()
    assert FindReplace("a", "b", True, True).describe() == "replace “a” with “b” (match case, whole words)"


def test_concordance_words_are_one_trimmed_line_and_marked_in_any_case():
    assert clip_words("  North\nKorean   workers ") == "North Korean workers"
    assert clip_words("x" * 200) == "x" * 80
    assert highlight_terms("Kim Young-gyo met kim young-GYO.", "young-gyo") == [(4, 13), (22, 31)]
