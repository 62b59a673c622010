"""Checks that read the translation alone: doubled words, leftover markup and
mojibake, page-furniture residue inside article text, sentences that start in
lower case."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..ingest.furniture import FURNITURE_PATTERNS
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

_DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+)\1\b", re.IGNORECASE)
# Doubles that English allows: "he had had enough", "that that", "bye bye".
ALLOWED_DOUBLES = frozenset("had that bye ha no so very knock tut chop hush yada".split())


class DoubledWord(Check):
    """A word is written twice in a row."""

    name = "doubled_word"
    severity = Severity.MINOR
    help = "“the the”, “to to”: one of the two is suggested away. Doubles English allows (“had had”) are skipped."

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits = []
        for m in _DOUBLED.finditer(segment.text):
            if m.group(1).lower() in ALLOWED_DOUBLES:
                continue
            hits.append(Hit(m.start(), m.end(), f"“{m.group(1)}” is doubled", 1.0,
                            (Edit(m.end(1), m.end(), ""),)))
        return hits


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


_RESIDUE = re.compile(
    r"\b(?:Related (?:Articles|Posts|Stories)|Leave a (?:Comment|Reply)|This site uses Akismet[^.]*\.?|"
    r"Learn how your comment data is processed\.?|Click here[^.]*|Read more|Share (?:this|on (?:Facebook|Twitter))|"
    r"Subscribe to (?:our|the) [\w ]{1,30}|Advertisement|All rights reserved\.?|Copyright ©[^.]*|"
    r"Posted (?:on|by) [\w ,]{1,40}|Your email address will not be published\.?)"
    r"|\s*\|\s*(?:Voice of America|VOA|Yonhap|Reuters|AP News|BBC News|CNN)\b.*$",
)  # case-sensitive: "Advertisement" on its own line is furniture, "an advertisement" is not


class FurnitureResidue(Check):
    """Page furniture left inside the article text."""

    name = "furniture"
    severity = Severity.MINOR
    sees_excluded = True
    help = (
        "Web-page text that is not the article but was not set aside on import: 'Related Articles', 'Leave a "
        "Comment', a '| Voice of America' site name, or a title repeated inside a sentence. Segments already "
        "excluded as furniture are only read for their titles."
    )

    def start_document(self, document: DocumentView) -> None:
        titles = {s.text.split("|")[0].strip(" “”\"") for s in document.segments if s.excluded}
        self.titles = [t for t in titles if len(t) >= 20]

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        if segment.excluded:
            return []
        text = segment.text
        reason = next((r for r, p in FURNITURE_PATTERNS if p.match(text.strip())), None)
        if reason:
            return [Hit(0, len(text), f"this segment looks like page furniture ({reason}), not article text", 1.0)]
        hits = [_residue_hit(text, m.start(), m.end()) for m in _RESIDUE.finditer(text)]
        for title in self.titles:
            at = text.find(title)
            if at >= 0 and len(title) < len(text) - 5:
                hits.append(_residue_hit(text, at, at + len(title)))
        return hits


def _residue_hit(text: str, start: int, end: int) -> Hit:
    rest = (text[:start] + text[end:]).strip()
    edits = (Edit(start, end, ""),) if (start == 0 or end >= len(text.rstrip())) and rest else ()
    return Hit(start, end, f"“{text[start:end].strip()}” is page furniture inside the article text", 1.0, edits)


_LOWER_START = re.compile(r"[\s“\"‘'(\[]*([a-z])(?![A-Z])")


class LowercaseStart(Check):
    """A sentence starts with a lower-case letter."""

    name = "lowercase_start"
    severity = Severity.MINOR
    help = "Often a sentence cut in two by MT or by segmentation; the repair capitalises it."

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits = []
        for start, end in segment.sentence_spans:
            m = _LOWER_START.match(segment.text, start, end)
            if m and not re.match(r"[a-z]\.[a-z]\.|e-|i[A-Z]", segment.text[m.start(1):m.start(1) + 4]):
                at = m.start(1)
                hits.append(Hit(at, min(end, at + 20), "the sentence starts with a lower-case letter", 1.0,
                                (Edit(at, at + 1, segment.text[at].upper()),)))
        return hits
