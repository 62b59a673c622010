"""Quotation marks lost or added in translation: a quote turned into reported speech, or
words put in someone's mouth."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Hit, SegmentView

_QUOTES = re.compile(r"[\"“”‘’«»「」『』《》〈〉]")  # 《》: a Chinese title, which English puts in quotes
# A real quotation (not a scare-quoted word): a quoted span of 15 characters or more,
# quotes paired in order (an unclosed one runs to the end of the segment).
_QUOTATION = re.compile(r'"[^"]{15,}(?:"|$)|“[^”]{15,}(?:”|$)|«[^»]{15,}(?:»|$)|「[^」]{15,}(?:」|$)|『[^』]{15,}(?:』|$)')
_PAIRED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')


def quotation(text: str) -> tuple[int, int] | None:
    """The span of the first real quotation (15 characters or more inside the marks), if any."""
    short_quotes_blanked = _PAIRED.sub(lambda m: m.group(0) if len(m.group(0)) >= 17 else " " * len(m.group(0)), text)
    m = _QUOTATION.search(short_quotes_blanked)
    return m.span() if m else None


class QuotationMarks(Check):
    """Quotation marks lost or added in translation."""

    name = "quotation"
    # Info: measured on WMT23 zh-en MQM, a lost quotation is no likelier than any other stretch of
    # the sentence to hold a marked error, so it informs the reviewer without ranking the queue.
    severity = Severity.INFO
    needs_source = True
    help = (
        "A quotation on one side and no quotation mark at all on the other: a quote became reported speech "
        "(marked in the source), or the translation quotes words the source does not (marked in the translation)."
    )

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        source_quote, text_quote = quotation(segment.source), quotation(segment.text)
        if source_quote and not _QUOTES.search(segment.text):
            return [Hit(*source_quote, "the source quotes someone here; the translation lost the quotation marks",
                        1.0, side="source")]
        if text_quote and not _QUOTES.search(segment.source):
            return [Hit(*text_quote, "the translation adds a quotation that the source does not mark as one", 1.0)]
        return []
