"""Page furniture left inside the article text."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..ingest.furniture import FURNITURE_PATTERNS
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

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
