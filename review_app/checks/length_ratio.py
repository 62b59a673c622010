"""The translation is far longer or shorter than its source."""
from __future__ import annotations

import math
from collections.abc import Iterable

from ..language.scripts import HAN_OR_KANA, HANGUL_RUN
from ..model import Severity
from .base import Check, Hit, SegmentView


class LengthRatio(Check):
    """The translation is far longer or shorter than its source."""

    name = "length_ratio"
    severity = Severity.MINOR
    needs_source = True
    threshold = 4.0  # robust z-score; ~1.6% of korean-english-news-v1's human pairs exceed it
    min_source_chars = 20
    help = (
        "English runs about 2.0x the characters of Korean (measured on korean-english-news-v1), 3x of Chinese "
        "or Japanese, 1.1x of Latin-script languages. Flags a pair whose length ratio is more than "
        "4 robust standard deviations from that: a dropped clause, a hallucinated one, or misaligned lines."
    )
    SPREAD = 0.25  # robust standard deviation of log(length ratio) on that corpus

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        source, text = segment.source.strip(), segment.text.strip()
        if len(source) < self.min_source_chars or not text:
            return []
        expected = _expected_ratio(source)
        z = (math.log(len(text) / len(source)) - math.log(expected)) / self.SPREAD
        direction = "longer" if z > 0 else "shorter"
        return [Hit(0, len(segment.text), f"the translation is {len(text) / len(source):.1f}x the source's length "
                                          f"(about {expected:.1f}x is usual): much {direction} than expected",
                    abs(z))]


def _expected_ratio(source: str) -> float:
    if HANGUL_RUN.search(source):
        return 2.0
    if HAN_OR_KANA.search(source):
        return 3.0
    return 1.1
