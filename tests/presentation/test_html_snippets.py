"""Word diffs and the escaped HTML of the review page, on real sentences."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.model import Correction, Finding, Segment, SegmentStatus, Severity
from review_app.presentation import html_snippets
from review_app.presentation.consistency import highlight_terms
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
    segment = Segment(1, 1, 4, 0, text, source=payload)
    span = {"start": 3, "end": 7, "kind": "mqm", "severity": "major", "title": payload}
    outputs = [
        html_snippets.text_block(text), html_snippets.findings_compact([finding]),
        html_snippets.diff_html(word_diff(text, payload)), html_snippets.history_html([correction], text),
        html_snippets.context_rows([segment], with_source=True), html_snippets.spans_html(text, [span]),
        html_snippets.concordance_html([(segment, correction)], payload, highlight_terms),
        html_snippets.concordance_html([], payload, highlight_terms),
    ]
    for out in outputs:
        assert "<script" not in out and "<img" not in out and "<svg" not in out
        assert html.escape(payload, quote=True) in out


def test_findings_are_short_lines_with_the_suggestion_on_hover():
    finding = attribution_finding(SEED_HE)
    out = html_snippets.findings_compact([finding])
    item = re.search(r'<li data-check="attribution"[^>]*><div title="([^"]*)"', out)
    title = html.unescape(item.group(1))
    assert finding.message in title and finding.suggestion in title
    assert "-webkit-line-clamp:2" in out and html_snippets.findings_compact([]) == ""


def test_neighbours_take_one_line_each_with_the_whole_text_on_hover():
    long = Segment(1, 1, 4, 0, SEED_HE, source="그는 또한 설명했다")
    out = html_snippets.context_rows([long], with_source=True)
    assert out.count("<tr>") == 1 and out.count("text-overflow:ellipsis") == 2
    assert f'title="{html.escape(SEED_HE, quote=True)}"' in out
    assert html_snippets.context_rows([long], with_source=False).count("text-overflow:ellipsis") == 1


def test_mqm_marks_are_underlined_with_what_they_are_on_hover():
    spans = [{"start": 0, "end": 2, "kind": "mqm", "severity": "major", "title": "Accuracy/Mistranslation · Major · ana"}]
    out = html_snippets.spans_html(SEED_HE, spans)
    assert out.startswith('<span class="ra-mqm" title="Accuracy/Mistranslation · Major · ana" '
                          'style="border-bottom:3px solid #dc2626">He</span>')
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == SEED_HE


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
