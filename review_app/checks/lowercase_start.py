"""A sentence starts with a lower-case letter."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

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
