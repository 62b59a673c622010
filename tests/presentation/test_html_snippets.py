"""Word diffs and the escaped HTML of the review page, on real sentences."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.model import Correction, Finding, Segment, SegmentStatus, Severity
from review_app.presentation import html_snippets
from review_app.presentation.word_diff import DELETE, EQUAL, INSERT, changed_words, word_diff

from ..ui.helpers import attribution_finding, mlqe_rows

SEED_HE = ("He also explained that North Korean workers who entered the country with these visas are more "
           "vulnerable to human trafficking as they work illegally.")


def _old(parts):
    return "".join(p.text for p in parts if p.op != INSERT)


def _new(parts):
    return "".join(p.text for p in parts if p.op != DELETE)


@pytest.mark.parametrize("row", mlqe_rows("ro-en", 40) + mlqe_rows("ru-en", 40), ids=lambda r: f"{r['lp']}-{r['id']}")
def test_diff_of_post_edits_rebuilds_both_sides(row):
    parts = word_diff(row["mt_detok"], row["pe"])
    assert _old(parts) == row["mt_detok"] and _new(parts) == row["pe"]
    assert all(p.text for p in parts)
    # No two neighbours share an operation: runs are merged.
    assert all(a.op != b.op for a, b in zip(parts, parts[1:]))


def test_diff_marks_the_replaced_words_only():
    row = mlqe_rows("ro-en", 1)[0]  # "... for IA in the area of gambling theory ." -> "... AI ... game theory ."
    parts = word_diff(row["mt"], row["pe"])
    assert [p.text for p in parts if p.op == DELETE] == ["IA", "gambling"]
    assert [p.text for p in parts if p.op == INSERT] == ["AI", "game"]
    assert changed_words(row["mt"], row["pe"]) == 4


def test_identical_text_is_one_equal_part():
    assert word_diff(SEED_HE, SEED_HE) == [word_diff(SEED_HE, SEED_HE)[0]]
    assert word_diff(SEED_HE, SEED_HE)[0].op == EQUAL
    assert changed_words(SEED_HE, SEED_HE) == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_round_trips_any_text(old, new):
    parts = word_diff(old, new)
    assert _old(parts) == old and _new(parts) == new


INJECTIONS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>']


@pytest.mark.parametrize("payload", INJECTIONS)
def test_every_renderer_escapes_document_text(payload):
    text = f"He said {payload} today."
    finding = Finding("attribution", Severity.MAJOR, 0, 2, f"msg {payload}", f"The agency said {payload}")
    correction = Correction(1, 1, 1, payload, SegmentStatus.APPROVED, payload, None, 0, comment=payload)
    outputs = [
        html_snippets.text_block(text), html_snippets.highlight_findings(text, [finding]), html_snippets.findings_list([finding]),
        html_snippets.diff_html(word_diff(text, payload)), html_snippets.history_html([correction], text),
        html_snippets.context_html([Segment(1, 1, 4, 0, text)]),
    ]
    for out in outputs:
        assert "<script" not in out and "<img" not in out and "<svg" not in out
        assert html.escape(payload, quote=True) in out


def test_finding_span_is_marked_with_message_and_suggestion():
    finding = attribution_finding(SEED_HE)
    out = html_snippets.highlight_findings(SEED_HE, [finding])
    mark = re.search(r'<mark data-check="attribution" title="([^"]*)"[^>]*>([^<]*)</mark>', out)
    assert mark.group(2) == "He"
    title = html.unescape(mark.group(1))
    assert finding.message in title and finding.suggestion in title
    # The rest of the sentence is outside the mark, unchanged.
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == SEED_HE


def test_overlapping_spans_take_the_worst_severity():
    text = "The Office of Overseas Assets Control (OFAC) under the Ministry of Finance"
    minor = Finding("terminology", Severity.MINOR, 4, 37, "not the agency's name")
    critical = Finding("name", Severity.CRITICAL, 14, 22, "wrong word")
    out = html_snippets.highlight_findings(text, [minor, critical])
    marks = re.findall(r'<mark data-check="([^"]*)"[^>]*background:(#\w+)[^>]*>([^<]*)</mark>', out)
    assert [m[2] for m in marks] == ["Office of ", "Overseas", " Assets Control"]
    assert marks[1][1] == html_snippets.SEVERITY_COLOURS[Severity.CRITICAL]
    assert marks[1][0] == "name terminology"
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\u2038", "") == text


def test_spans_outside_the_text_are_clamped_and_empty_spans_show_a_caret():
    text = "Reporter Kim Young-gyo reports."
    past_end = Finding("name", Severity.MINOR, 9, 500, "spelling differs from the sign-off")
    empty = Finding("punctuation", Severity.INFO, 8, 8, "missing comma")
    out = html_snippets.highlight_findings(text, [past_end, empty])
    assert out.count("\u2038") == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\u2038", "") == text


def test_history_lists_newest_first_with_the_change_of_each_version():
    v1 = Correction(1, 7, 1, "The State Department also explained it.", SegmentStatus.NEEDS_WORK, "ana", None, 0)
    v2 = Correction(2, 7, 2, "The State Department also explained that.", SegmentStatus.APPROVED, "bo", None, 1,
                    comment="tense")
    out = html_snippets.history_html([v1, v2], "He also explained it.")
    assert out.index("<b>v2</b>") < out.index("<b>v1</b>")
    assert "<del" in out and "bo" in out and "tense" in out
    v2_part = out[: out.index("<b>v1</b>")]
    assert re.findall(r"<del[^>]*>([^<]*)</del>", v2_part) == ["it"]


def test_markdown_text_leaves_no_link_or_markup_active():
    name = "[click](javascript:alert(1)) <b>bold</b> *x* `code` 000_2200bcb4e5cf4e2f.txt"
    out = html_snippets.markdown_text(name)
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in out and "\\<b\\>" in out and "\\*x\\*" in out
    assert out.replace("\\", "") == name
