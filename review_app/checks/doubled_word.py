"""A word is written twice in a row."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

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
