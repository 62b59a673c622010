"""Markup, character entities or mojibake left in the text."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]{0,200})?/?>")
# UTF-8 read as Windows-1252 ("â€™"), EUC-KR punctuation read as Latin-1 ("¡°").
_CP1252_MOJIBAKE = re.compile(r"[ÂÃâ][\u0080-\u00bf\u0152-\u0178\u02c6\u02dc\u2013-\u203a\u2122\u20ac]{1,2}")
_EUCKR_MOJIBAKE = re.compile(r"¡[¡-þ]")


class MarkupResidue(Check):
    """Markup, character entities or mojibake left in the text."""

    name = "markup"
    severity = Severity.MINOR
    help = (
        "HTML entities (&#8212;, &amp;), tags (<br>, </p>) and mojibake: UTF-8 read as Windows-1252 (â€™) or "
        "EUC-KR punctuation read as Latin-1 (¡°…¡±). The repair decodes or removes them."
    )

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        text = segment.text
        hits = []
        for m in _ENTITY.finditer(text):
            fixed = html.unescape(m.group(0))
            if fixed != m.group(0):
                hits.append(_markup_hit(m, fixed, "a character entity"))
        for m in _TAG.finditer(text):
            hits.append(_markup_hit(m, "", "a markup tag"))
        for pattern, decode in ((_CP1252_MOJIBAKE, _from_cp1252), (_EUCKR_MOJIBAKE, _from_euckr)):
            for m in pattern.finditer(text):
                fixed = decode(m.group(0))
                if fixed:
                    hits.append(_markup_hit(m, fixed, "mojibake (text decoded with the wrong encoding)"))
        return hits


def _markup_hit(m: re.Match, replacement: str, what: str) -> Hit:
    shown = f"“{replacement}”" if replacement else "nothing"
    return Hit(m.start(), m.end(), f"“{m.group(0)}” is {what}; it should be {shown}", 1.0,
               (Edit(m.start(), m.end(), replacement),))


def _from_cp1252(run: str) -> str | None:
    try:
        return run.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _from_euckr(run: str) -> str | None:
    try:
        fixed = run.encode("latin-1").decode("euc-kr")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed and not fixed.isalnum() else None
