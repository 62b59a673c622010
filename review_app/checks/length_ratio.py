"""The translation is far longer or shorter than its source, for its language pair."""
from __future__ import annotations

from collections.abc import Iterable

from ..language.length import LengthNorm
from ..model import Severity
from .base import Check, DocumentView, Hit, SegmentView


class LengthRatio(Check):
    """The translation is far longer or shorter than its source."""

    name = "length_ratio"
    # Info: it can say which segment but not where in it, so it does not rank the queue by itself;
    # the risk score weighs the same length signal with the others.
    severity = Severity.INFO
    needs_source = True
    threshold = 4.0  # robust z-score against the document's own norm
    min_source_chars = 20
    help = (
        "Learns how long translations run against their sources in this document (the median length ratio "
        "of its pairs and their spread, pulled towards the usual ratio of the source's script when the "
        "document is short: about 2x for Korean, 3.5x for Chinese or Japanese, 1.1x for Latin-script "
        "languages into English) and flags a pair more than 4 robust standard deviations from it: a dropped "
        "clause, a hallucinated one, or misaligned lines."
    )

    def start_document(self, document: DocumentView) -> None:
        self.norm = LengthNorm.learn((s.source, s.text) for s in document.content if s.source)

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        source, text = segment.source.strip(), segment.text.strip()
        if len(source) < self.min_source_chars or not text:
            return []
        z = self.norm.z(source, text)
        if z is None:
            return []
        direction = "longer" if z > 0 else "shorter"
        return [Hit(0, len(segment.text), f"the translation is {len(text) / len(source):.1f}x the source's length "
                                          f"(about {self.norm.ratio:.1f}x is usual in this document): much "
                                          f"{direction} than expected", abs(z))]
