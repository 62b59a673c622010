"""Checks that compare a translation with its source, where a source is present:
numbers by value (Korean units understood), length-ratio outliers, lost or added
quotation marks and end punctuation. Also untranslated Hangul left in the
English, which needs no source.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

from ..model import Severity
from .base import Check, Edit, Hit, SegmentView
from .numbers import english_values, same_value, source_values

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+(?:\s+[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+)*")
_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


class NumberMismatch(Check):
    """A number in the source is missing from the translation."""

    name = "numbers"
    severity = Severity.MAJOR
    needs_source = True
    help = (
        "Compares the numbers of source and translation by value: Korean units (1억1천만 = 110 million, "
        "3천 = 3,000, 2만 = 20,000), English scales ($110 million), years, days, months (3월 = March) and "
        "percentages. Flags each source number that the translation does not state."
    )

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        wanted = source_values(segment.source, segment.text)
        found = english_values(segment.text)
        hits = []
        for value in wanted:
            match = next((i for i, v in enumerate(found) if same_value(v, value)), None)
            if match is None:
                hits.append(Hit(0, len(segment.text), f"the source has the number {_show(value)}, "
                                                      "which the translation does not state", 1.0))
            else:
                found.pop(match)
        return hits


def _show(value: float) -> str:
    if value == int(value):
        return f"{value:.0f}" if 1000 <= value <= 2100 else f"{value:,.0f}"  # years without a comma
    return f"{value:,}"


class UntranslatedHangul(Check):
    """Korean text left untranslated in the English."""

    name = "untranslated"
    severity = Severity.MAJOR
    help = "Hangul in the translation: the MT left words untranslated (or the source leaked into the target)."

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        return [Hit(m.start(), m.end(), f"“{m.group(0)}” is untranslated Korean", 1.0)
                for m in _HANGUL.finditer(segment.text)]


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
    if _HANGUL.search(source):
        return 2.0
    if _HAN_OR_KANA.search(source):
        return 3.0
    return 1.1


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
