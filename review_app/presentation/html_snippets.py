"""Escaped HTML snippets for the review page: finding spans, word diffs, plain text.

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


def highlight_findings(text: str, findings: Sequence[Finding], side: str = "target",
                       test_id: str | None = None) -> str:
    """``text`` with the span of each finding on that ``side`` marked ("target": the MT; "source": what
    the MT left out); overlapping spans take the worst severity.

    Spans are clamped to the text; an empty span shows as a caret where something is missing.
    """
    findings = [f for f in findings if f.side == side]
    n = len(text)
    spans = [(max(0, min(f.start, n)), max(0, min(f.end, n)), f) for f in findings]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for k, lo in enumerate(cuts):
        out.extend(_caret(f) for s, e, f in spans if s == e == lo)
        hi = cuts[k + 1] if k + 1 < len(cuts) else lo
        if hi > lo:
            covering = [f for s, e, f in spans if s <= lo and e >= hi and s < e]
            out.append(_mark(text[lo:hi], covering) if covering else escape(text[lo:hi]))
    attr = f' data-testid="{escape(test_id)}"' if test_id else ""
    return f'<div class="ra-text"{attr} style="{_TEXT_STYLE}">{"".join(out)}</div>'


def _worst(findings: Sequence[Finding]) -> Finding:
    return min(findings, key=lambda f: Severity(f.severity).rank)


def _mark(piece: str, covering: Sequence[Finding]) -> str:
    worst = _worst(covering)
    title = "\n".join(finding_title(f) for f in covering)
    checks = " ".join(sorted({f.check for f in covering}))
    colour = SEVERITY_COLOURS[Severity(worst.severity)]
    return (
        f'<mark data-check="{escape(checks)}" title="{escape(title)}" '
        f'style="background:{colour};border-radius:3px;padding:0 1px">{escape(piece)}</mark>'
    )


def _caret(finding: Finding) -> str:
    colour = SEVERITY_COLOURS[Severity(finding.severity)]
    return (
        f'<mark data-check="{escape(finding.check)}" title="{escape(finding_title(finding))}" '
        f'style="background:{colour};border-radius:3px">\u2038</mark>'
    )


def findings_list(findings: Sequence[Finding]) -> str:
    """Each finding's check, severity, message and suggested repair, beside the highlighted text."""
    if not findings:
        return ""
    items = []
    for f in findings:
        colour = SEVERITY_COLOURS[Severity(f.severity)]
        line = (
            f'<span style="background:{colour};border-radius:3px;padding:0 4px">'
            f"{escape(f.check)} · {escape(Severity(f.severity).value)}</span> {escape(f.message)}"
        )
        if f.suggestion:
            line += f'<br><span style="color:#4b5563">Suggestion: {escape(f.suggestion)}</span>'
        items.append(f'<li data-check="{escape(f.check)}" style="margin-bottom:.4rem">{line}</li>')
    return f'<ul class="ra-findings" style="padding-left:1.1rem;margin:.3rem 0">{"".join(items)}</ul>'


def diff_html(parts: Sequence[DiffPart]) -> str:
    """A word diff as one line of text: insertions green, deletions struck through in red."""
    out = []
    for part in parts:
        if part.op == INSERT:
            out.append(f'<ins style="{_INSERT_STYLE}">{escape(part.text)}</ins>')
        elif part.op == DELETE:
            out.append(f'<del style="{_DELETE_STYLE}">{escape(part.text)}</del>')
        else:
            out.append(escape(part.text))
    return f'<div class="ra-text" style="{_TEXT_STYLE}">{"".join(out)}</div>'


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


def context_html(segments) -> str:
    """Neighbouring segments, small and grey, each with its number, for context."""
    rows = "".join(
        f'<div style="margin:.15rem 0"><span style="color:#9ca3af">{s.position + 1}</span> {escape(s.text)}</div>'
        for s in segments
    )
    return f'<div class="ra-context" style="font-size:.9rem;color:#6b7280;line-height:1.45">{rows}</div>'
