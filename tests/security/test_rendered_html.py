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
    ("views/review.py", "st.html(html_snippets.context_html(view.before))"): "context_html escapes segment text",
    ("views/review.py", 'st.html(html_snippets.highlight_findings(seg.source, view.findings, "source", '
                        'test_id="segment-source"))'): "highlight_findings escapes the source and finding texts",
    ("views/models.py", 'st.html(html_snippets.text_block(segment.source, test_id="grid-source"))'): "text_block",
    ("views/models.py", 'st.html(html_snippets.text_block(reference[0], test_id="grid-reference"))'): "text_block",
    ("views/review.py", "st.html(html_snippets.highlight_findings(seg.mt, view.findings) + "
                        "html_snippets.findings_list(view.findings))"): "highlight_findings + findings_list",
    ("views/review.py", 'st.html(html_snippets.text_block(seg.corrected, test_id="segment-current"))'): "text_block",
    ("views/review.py", "st.html(html_snippets.context_html(view.after))"): "context_html",
    ("views/review.py", "st.html(f'<div style=\"font-size:.85rem;color:#4b5563\"><b>{n}</b> · '"):
        "candidate card: n is an int, the label and score lines pass html_snippets.escape, the diff diff_html",
    ("views/review.py", 'st.html(html_snippets.text_block(pending.text, test_id="conflict-mine"))'): "text_block",
    ("views/review.py", "st.html(html_snippets.diff_html(word_diff(pending.text, seg.text)))"): "diff_html",
    ("views/review.py", 'st.html(html_snippets.history_html(view.history, seg.mt) if view.history else '
                        '"<p>Not reviewed yet.</p>")'): "history_html, or a constant",
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
    source = (UI / "views" / "review.py").read_text(encoding="utf-8")
    card = source[source.index("def candidate_cards"):source.index("def editor")]
    assert "html_snippets.escape(line)" in card and "html_snippets.escape(candidate_label(cand))" in card
    assert "html_snippets.diff_html(word_diff(seg.mt, cand.text))" in card


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
    segment = Segment(id=1, document_id=1, position=0, paragraph=0, mt=payload)
    correction = Correction(id=1, segment_id=1, version=1, text=payload + " fixed", status=SegmentStatus.APPROVED,
                            reviewer=payload, created_at=datetime.now(timezone.utc), based_on_version=0,
                            comment=payload)
    for markup in (html_snippets.text_block(payload, test_id=payload), html_snippets.highlight_findings(payload, [finding]),
                   html_snippets.findings_list([finding]), html_snippets.diff_html(word_diff(payload, payload + "x")),
                   html_snippets.history_html([correction], payload), html_snippets.context_html([segment]),
                   html_snippets.escape(payload)):
        _safe(markup)
    assert "\\<" in html_snippets.markdown_text(payload) or "<" not in payload
