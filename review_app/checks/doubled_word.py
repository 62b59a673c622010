"""A word is written twice in a row (a reduplicated given name, "Fang Fang", "Li Li", is a name)."""
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
    help = ("“the the”, “to to”: one of the two is suggested away. Doubles English allows (“had had”) and "
            "reduplicated given names (“Fang Fang”, “Li Li”) are skipped.")

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits = []
        for m in _DOUBLED.finditer(segment.text):
            if m.group(1).lower() in ALLOWED_DOUBLES or _is_reduplicated_name(m):
                continue
            hits.append(Hit(m.start(), m.end(), f"“{m.group(1)}” is doubled", 1.0,
                            (Edit(m.end(1), m.end(), ""),)))
        return hits


def _is_reduplicated_name(m: re.Match) -> bool:
    """ "Fang Fang", "Li Li": both halves capitalised alike (not "The the", not "THE THE")."""
    first, second = m.group(1), m.group(0)[m.end(2) - m.start():]
    return first == second and first[0].isupper() and not first.isupper()
