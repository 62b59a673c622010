"""End punctuation lost or changed in translation (quotation marks: checks/quotation.py)."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

_END = re.compile(r"([.!?。！？…])[\s\"'”’」』)\]]*$")


class EndPunctuation(Check):
    """End punctuation lost or changed in translation."""

    name = "punctuation"
    severity = Severity.MINOR
    needs_source = True
    help = (
        "Compares the final question mark, or the lack of any end punctuation, between source and translation."
    )

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        return _end_punctuation(segment)


def _end_punctuation(segment: SegmentView) -> list[Hit]:
    source_end = _END.search(segment.source.strip())
    text_end = _END.search(segment.text.strip())
    text = segment.text.rstrip()
    if source_end and not text_end and text:
        mark = {"。": ".", "！": "!", "？": "?"}.get(source_end.group(1), source_end.group(1))
        return [Hit(len(text), len(text), f"the source ends with “{source_end.group(1)}”, the translation "
                                          "has no end punctuation", 1.0, (Edit(len(text), len(text), mark),))]
    if source_end and text_end:
        a, b = _kind(source_end.group(1)), _kind(text_end.group(1))
        if a != b and "?" in (a, b):
            return [Hit(text_end.start(1), text_end.end(1),
                        f"the source ends with “{source_end.group(1)}” but the translation with “{text_end.group(1)}”",
                        1.0)]
    return []


def _kind(mark: str) -> str:
    return {"？": "?", "！": "!", "。": "."}.get(mark, mark)
