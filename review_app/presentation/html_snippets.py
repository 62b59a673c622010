"""Escaped HTML snippets for the review page: word diffs, neighbours, findings, MQM marks,
the concordance, plain text. (The open segment's MT is drawn by the span picker component.)

Every piece of document text that reaches the browser as HTML passes through
``html.escape`` here, so a segment containing ``<script>`` shows as text. Pages
hand these strings to ``st.html`` (which sanitizes again); keeping the
formatting here keeps it out of page bodies and unit-testable.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from ..model import Correction, Finding, Severity
from .word_diff import DELETE, INSERT, DiffPart, word_diff

SEVERITY_COLOURS = {
    Severity.CRITICAL: "#ffb3b3",
    Severity.MAJOR: "#ffd591",
    Severity.MINOR: "#fff1a8",
    Severity.INFO: "#d6e4ff",
}
_TEXT_STYLE = "white-space:pre-wrap;line-height:1.6;font-size:1.05rem"
_INSERT_STYLE = "background:#c9f2d0;text-decoration:none"
_DELETE_STYLE = "background:#ffd6d6;color:#8a1c1c;margin-right:.15em"


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def text_block(text: str | None, *, muted: bool = False, test_id: str | None = None) -> str:
    """A paragraph of escaped text, whitespace kept."""
    colour = ";color:#6b7280" if muted else ""
    attr = f' data-testid="{escape(test_id)}"' if test_id else ""
    return f'<div class="ra-text"{attr} style="{_TEXT_STYLE}{colour}">{escape(text)}</div>'


def finding_title(finding: Finding) -> str:
    """The hover text of a highlighted span: check, severity, message and the repair."""
    title = f"{finding.check} ({Severity(finding.severity).value}): {finding.message}"
    if finding.suggestion:
        title += f"\nSuggestion: {finding.suggestion}"
    return title


def diff_html(parts: Sequence[DiffPart]) -> str:
    """A word diff as one line of text: insertions green, deletions struck through in red."""
    return f'<div class="ra-text" style="{_TEXT_STYLE}">{diff_spans(parts)}</div>'


def diff_spans(parts: Sequence[DiffPart]) -> str:
    """A word diff's inline HTML, for a caller's own block."""
    out = []
    for part in parts:
        if part.op == INSERT:
            out.append(f'<ins style="{_INSERT_STYLE}">{escape(part.text)}</ins>')
        elif part.op == DELETE:
            out.append(f'<del style="{_DELETE_STYLE}">{escape(part.text)}</del>')
        else:
            out.append(escape(part.text))
    return "".join(out)


def history_html(history: Sequence[Correction], mt: str) -> str:
    """Every saved version, newest first: who, when, status, comment and what it changed."""
    items = []
    previous = {0: mt}
    for c in history:
        previous[c.version] = c.text
    for c in reversed(history):
        before = previous.get(c.based_on_version, mt)
        when = c.created_at.strftime("%Y-%m-%d %H:%M") if c.created_at else ""
        head = (
            f"<b>v{c.version}</b> · {escape(c.reviewer)} · {escape(when)} · "
            f"{escape(c.status.label)}"
        )
        comment = f'<div style="color:#4b5563">“{escape(c.comment)}”</div>' if c.comment else ""
        items.append(f'<li style="margin-bottom:.6rem">{head}{comment}{diff_html(word_diff(before, c.text))}</li>')
    return f'<ul class="ra-history" style="padding-left:1.1rem">{"".join(items)}</ul>'


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+!|<>~$"


def markdown_text(text: str | None) -> str:
    """Text for Streamlit's markdown elements (captions, headers) with every markdown character
    backslash-escaped, so a file or reviewer name cannot turn into a link or formatting."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in (text or ""))


# -- the editor's layout -------------------------------------------------------------------

_ONE_LINE = "white-space:nowrap;overflow:hidden;text-overflow:ellipsis"
MQM_COLOURS = {"critical": "#7f1d1d", "major": "#dc2626", "minor": "#ca8a04", "neutral": "#6b7280"}


def context_rows(segments, *, with_source: bool) -> str:
    """Neighbouring segments as rows of source | text (or text alone), one line each, the whole
    text on hover: reading order around the open segment at a glance."""
    rows = []
    for s in segments:
        cells = f'<td style="color:#9ca3af;width:2.2rem;vertical-align:top">{s.position + 1}</td>'
        if with_source:
            cells += _cell(s.source or "", "width:48%")
        cells += _cell(s.text, "")
        rows.append(f"<tr>{cells}</tr>")
    return ('<table class="ra-context" style="width:100%;table-layout:fixed;border-collapse:collapse;'
            f'font-size:.88rem;color:#6b7280;line-height:1.4">{"".join(rows)}</table>')


def _cell(text: str, style: str) -> str:
    return (f'<td title="{escape(text)}" style="{style};padding:1px 6px 1px 0">'
            f'<div style="{_ONE_LINE}">{escape(text)}</div></td>')


def clamped(inner_html: str, *, lines: int, title: str) -> str:
    """``inner_html`` cut to ``lines`` lines with an ellipsis, the whole text on hover."""
    return (f'<div title="{escape(title)}" style="display:-webkit-box;-webkit-line-clamp:{lines};'
            f'-webkit-box-orient:vertical;overflow:hidden;line-height:1.45">{inner_html}</div>')


def spans_html(text: str, spans) -> str:
    """``text`` with MQM marks (``presentation.mqm_marks.spans_for`` dicts) underlined, what each is on hover."""
    n = len(text)
    cuts = sorted({0, n, *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s["start"] <= lo and s["end"] >= hi]
        piece = escape(text[lo:hi])
        if covering:
            colour = MQM_COLOURS.get(covering[0]["severity"], "#dc2626")
            title = "\n".join(s["title"] for s in covering)
            piece = (f'<span class="ra-mqm" title="{escape(title)}" '
                     f'style="border-bottom:3px solid {colour}">{piece}</span>')
        out.append(piece)
    return "".join(out)


def concordance_html(pairs, words: str, highlight) -> str:
    """Earlier corrections with the looked-up words marked: source, MT, and the correction."""
    if not pairs:
        return f'<p style="color:#6b7280">No earlier correction has “{escape(words)}”.</p>'
    items = []
    for segment, correction in pairs:
        source = f'<div style="color:#6b7280">{_marked(segment.source, words, highlight)}</div>' if segment.source else ""
        items.append(
            f'<li style="margin-bottom:.5rem"><span style="color:#9ca3af">{segment.position + 1} · '
            f'{escape(correction.reviewer)} · v{correction.version}</span>{source}'
            f'<div style="color:#8a1c1c">MT: {_marked(segment.mt, words, highlight)}</div>'
            f'<div style="color:#166534">→ {_marked(correction.text, words, highlight)}</div></li>')
    return f'<ul class="ra-concordance" style="padding-left:1rem;font-size:.9rem">{"".join(items)}</ul>'


def _marked(text: str, words: str, highlight) -> str:
    out, last = [], 0
    for lo, hi in highlight(text, words):
        out.append(escape(text[last:lo]) + f"<mark>{escape(text[lo:hi])}</mark>")
        last = hi
    return "".join(out) + escape(text[last:])


def findings_compact(findings: Sequence[Finding]) -> str:
    """The findings as short lines under the marked text: check, severity and message (clipped to
    two lines), the suggested repair on hover; the full list is the candidates' repairs."""
    if not findings:
        return ""
    items = []
    for f in findings:
        colour = SEVERITY_COLOURS[Severity(f.severity)]
        line = (f'<span style="background:{colour};border-radius:3px;padding:0 4px">'
                f"{escape(f.check)} · {escape(Severity(f.severity).value)}</span> {escape(f.message)}")
        items.append(f'<li data-check="{escape(f.check)}" style="margin:0 0 .2rem">'
                     f'{clamped(line, lines=2, title=finding_title(f))}</li>')
    return (f'<ul class="ra-findings" style="list-style:none;padding:0;margin:0;font-size:.85rem;color:#374151">'
            f'{"".join(items)}</ul>')
