"""Quotation marks or end punctuation lost or added in translation."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

_QUOTES = re.compile(r"[\"“”«»「」『』]")
# A real quotation (not a scare-quoted word): a quoted span of 15 characters or more,
# quotes paired in order (an unclosed one runs to the end of the segment).
_QUOTATION = re.compile(r'"[^"]{15,}(?:"|$)|“[^”]{15,}(?:”|$)|«[^»]{15,}(?:»|$)|「[^」]{15,}(?:」|$)|『[^』]{15,}(?:』|$)')
_PAIRED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')


def has_quotation(text: str) -> bool:
    short_quotes_removed = _PAIRED.sub(lambda m: m.group(0) if len(m.group(0)) >= 17 else "", text)
    return bool(_QUOTATION.search(short_quotes_removed))
_END = re.compile(r"([.!?。！？…])[\s\"'”’」』)\]]*$")


class QuotesAndPunctuation(Check):
    """Quotation marks or end punctuation lost or added in translation."""

    name = "punctuation"
    severity = Severity.MINOR
    needs_source = True
    help = (
        "Compares double quotation marks (a quote turned into reported speech, or invented) and the final "
        "question or exclamation mark, or the lack of any end punctuation, between source and translation."
    )

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits = []
        # A quotation on one side and no quotation mark at all on the other: a quote became
        # reported speech, or words were put in someone's mouth.
        if has_quotation(segment.source) and not _QUOTES.search(segment.text):
            hits.append(Hit(0, len(segment.text), "the source quotes someone; the translation lost the quotation "
                                                  "marks", 1.0))
        elif has_quotation(segment.text) and not _QUOTES.search(segment.source):
            hits.append(Hit(0, len(segment.text), "the translation adds a quotation that the source does not "
                                                  "mark as one", 1.0))
        hits += _end_punctuation(segment)
        return hits


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
