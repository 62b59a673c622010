"""Every field rendered as HTML is escaped (issue 17 #2).

The inventory below is every place the UI hands HTML to the browser (st.html, markdown with
unsafe_allow_html, components): each is built from html_snippets' escaping functions, constants,
or (one place) the server's own cookie script. A new call fails this test until it is added
here with the reason it is safe. The second test proves the escaping functions escape: hostile
text in every field they take, parsed back, gives no element or attribute that could run.
"""
from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import html as lxml_html

from review_app.model import Correction, Finding, Segment, SegmentStatus, Severity
from review_app.presentation import html_snippets
from review_app.presentation.word_diff import word_diff

UI = Path(__file__).resolve().parents[2] / "review_app" / "ui"

# (file, line's source text) of every HTML sink, and why what it renders is safe.
INVENTORY = {
    ("views/review.py", "st.html(review_segment.PAGE_CSS)"): "a constant stylesheet",
    ("review_segment.py", "st.html(html_snippets.context_rows(segments, with_source=with_source))"):
        "context_rows escapes segment texts (positions are ints)",
    ("review_segment.py", "st.html(html_snippets.findings_compact(view.findings))"):
        "findings_compact escapes check, severity and message; colours come from a constant table",
    ("review_segment.py", 'st.html(html_snippets.text_block(seg.text, test_id="segment-current"))'): "text_block",
    ("review_segment.py", 'st.html(html_snippets.text_block(pending.text, test_id="conflict-mine"))'): "text_block",
    ("review_segment.py", "st.html(html_snippets.diff_html(word_diff(pending.text, seg.text)))"): "diff_html",
    ("review_segment.py", 'st.html(html_snippets.history_html(view.history, seg.mt) if view.history else '
                          '"<p>Not reviewed yet.</p>")'): "history_html, or a constant",
    ("review_panels.py", "st.html(f'<div style=\"font-size:.8rem;color:#4b5563\">'"):
        "the document's MQM line: html_snippets.escape inside html_snippets.clamped (title escaped)",
    ("review_panels.py", "st.html(_candidate_html(seg.mt, row, bool(view.findings)))"):
        "candidate card: the number is an int, agreement, scores and reference lines pass html_snippets.escape, "
        "the text spans_html or diff_spans, inside clamped",
    ("review_panels.py", "st.html(f'<div style=\"font-size:.8rem;color:#4b5563\">{html_snippets.escape(offer.where)} · '"):
        "an offer: where and kind escaped, similarity a float, the change diff_html",
    ("review_panels.py", "st.html(html_snippets.concordance_html(pairs, words, highlight_terms))"):
        "concordance_html escapes every text and name (highlight_terms gives offsets)",
    ("review_panels.py", "st.html(\"\".join(f'<div style=\"font-size:.85rem\"><span style=\"color:#9ca3af\">{s.position + 1}</span>'"):
        "replace preview: positions are ints, each change diff_html",
    ("views/models.py", 'st.html(html_snippets.text_block(segment.source, test_id="grid-source"))'): "text_block",
    ("views/models.py", 'st.html(html_snippets.text_block(reference[0], test_id="grid-reference"))'): "text_block",
    ("app.py", "st.html(script, unsafe_allow_javascript=True, width=1)"):
        "state.cookie_script(): a constant script with a one-time code of [A-Za-z0-9_-] made by the server",
}


def _html_sinks() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(UI.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            unsafe = any(k.arg in ("unsafe_allow_html", "unsafe_allow_javascript") for k in node.keywords)
            if name.endswith(("st.html", "components.html", "components.v1.html", ".iframe")) or unsafe:
                found.add((str(path.relative_to(UI)), lines[node.lineno - 1].strip()))
    return found


def test_every_html_sink_is_in_the_inventory_with_its_reason():
    sinks = _html_sinks()
    assert sinks == set(INVENTORY), f"new: {sinks - set(INVENTORY)}; gone: {set(INVENTORY) - sinks}"


def test_the_candidate_card_escapes_what_it_interpolates():
    source = (UI / "review_panels.py").read_text(encoding="utf-8")
    card = source[source.index("def _candidate_html"):source.index("def _agreement_chart")]
    assert "html_snippets.escape(line)" in card and "html_snippets.escape(row.agreement)" in card
    assert "html_snippets.escape(scores)" in card and "title=row.candidate.text" in card
    assert "html_snippets.spans_html(" in card and "html_snippets.diff_spans(word_diff(mt, row.candidate.text))" in card


PAYLOADS = ["<script>window.__x=1</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>", "<iframe srcdoc='<script>'></iframe>", "&lt;b&gt;"]


def _safe(markup: str) -> None:
    tree = lxml_html.fragment_fromstring(markup, create_parent="div")
    for element in tree.iter():
        assert element.tag not in {"script", "img", "svg", "iframe", "a", "object", "embed"}, markup
        assert not any(attr.lower().startswith("on") for attr in element.attrib), markup
        links = [v for k, v in element.attrib.items() if k.lower() in {"href", "src", "action", "formaction"}]
        assert not any("javascript:" in v.lower() for v in links), markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_snippet_escapes_hostile_text_in_every_field(payload):
    finding = Finding(check=payload, severity=Severity.MAJOR, start=0, end=5, message=payload, suggestion=payload)
    segment = Segment(id=1, document_id=1, position=0, paragraph=0, mt=payload, source=payload)
    correction = Correction(id=1, segment_id=1, version=1, text=payload + " fixed", status=SegmentStatus.APPROVED,
                            reviewer=payload, created_at=datetime.now(timezone.utc), based_on_version=0,
                            comment=payload)
    spans = [{"start": 0, "end": len(payload), "severity": payload, "title": payload}]
    for markup in (html_snippets.text_block(payload, test_id=payload), html_snippets.spans_html(payload, spans),
                   html_snippets.findings_compact([finding]), html_snippets.diff_html(word_diff(payload, payload + "x")),
                   html_snippets.diff_spans(word_diff(payload, "x" + payload)),
                   html_snippets.history_html([correction], payload),
                   html_snippets.context_rows([segment], with_source=True),
                   html_snippets.concordance_html([(segment, correction)], payload, lambda text, words: [(0, 1)]),
                   html_snippets.concordance_html([], payload, lambda text, words: []),
                   html_snippets.clamped(html_snippets.escape(payload), lines=2, title=payload),
                   html_snippets.escape(payload)):
        _safe(markup)
    assert "\\<" in html_snippets.markdown_text(payload) or "<" not in payload
