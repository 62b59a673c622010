"""A number in the source is missing from the translation (numbers compared by value)."""
from __future__ import annotations

from collections.abc import Iterable

from ..language.numbers import Number, english_numbers, source_numbers
from ..model import Severity
from .base import Check, DocumentView, Hit, SegmentView


class NumberMismatch(Check):
    """A number in the source is missing from the translation."""

    name = "numbers"
    severity = Severity.MAJOR
    needs_source = True
    help = (
        "Compares the numbers of source and translation by value: Korean, Chinese and Japanese units "
        "(1억1천만 = 1.1亿 = 110 million, 1.5万亿 = 1.5 trillion, 两千 = 2,000), English scales ($110 million, "
        "S$1.89bn), years, dates (2月11日 = Feb. 11) and percentages; product names (5G, COVID-19) are not "
        "amounts. Flags each source number that the translation does not state: at the translation's number "
        "that stands in its place, or, where there is none, at the number in the source. English translations only "
        "(it reads English number words and formats)."
    )

    def start_document(self, document: DocumentView) -> None:
        self.reads_target = (document.target_lang or "en").lower().split("-")[0] == "en"

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        wanted = _distinct(source_numbers(segment.source, segment.text)) if self.reads_target else []
        if not wanted:
            return []
        found = english_numbers(segment.text)
        missing = []
        for number in wanted:
            match = _nearest(segment, number, [n for n in found if any(n.means(v) for v in number.values)])
            if match is None:
                missing.append(number)
            else:
                found.remove(match)
        return [h for number in missing if (h := self._hit(segment, number, found)) is not None]

    def _hit(self, segment: SegmentView, number: Number, unmatched: list[Number]) -> Hit | None:
        # Only a number of the same kind can stand in its place ("January" for 2月, not "one").
        alike = [n for n in unmatched if _alike(n, number) and (n.is_date or n.value > 1)]  # not "one", "first"
        instead = _nearest(segment, number, alike)
        if instead is None and number.kind == "gloss":
            return None  # "（约4765亿令吉）": a restated amount may be left out, not mistranslated
        if instead is None:  # left out: mark it in the source, where a reviewer would
            return Hit(number.start, number.end, f"the source has the number {_show(number.value)}, "
                                                 "which the translation does not state", 1.0, side="source")
        unmatched.remove(instead)
        shown = segment.text[instead.start:instead.end]
        return Hit(instead.start, instead.end, f"the source has the number {_show(number.value)}; "
                                               f"the translation has “{shown}” instead", 1.0)


def _distinct(numbers: list[Number]) -> list[Number]:
    """One of each value: a date stated in a dateline and again in the text ("2月11日电 ... 2月11日")
    is translated once."""
    seen, out = set(), []
    for n in numbers:
        key = (n.kind if n.is_date else "", n.values)
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def _alike(english: Number, source: Number) -> bool:
    """Whether one can stand for the other: a month for a month, a day for a day, an amount for an amount."""
    if english.is_date or source.is_date:
        return english.kind == source.kind
    return True


def _nearest(segment: SegmentView, number: Number, candidates: list[Number]) -> Number | None:
    """The candidate nearest the place (relative to each text's length) where the source states ``number``."""
    if not candidates:
        return None
    where = number.start / max(len(segment.source), 1)
    return min(candidates, key=lambda n: abs(n.start / max(len(segment.text), 1) - where))


def _show(value: float) -> str:
    if abs(value - round(value)) < 1e-6 * max(1.0, abs(value)):
        value = round(value)
        return f"{value}" if 1000 <= value <= 2100 else f"{value:,}"  # years without a comma
    return f"{value:,.6g}" if value < 1000 else f"{value:,.2f}"
