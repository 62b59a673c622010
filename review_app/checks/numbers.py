"""A number in the source is missing from the translation (numbers compared by value)."""
from __future__ import annotations

from collections.abc import Iterable

from ..language.numbers import english_values, same_value, source_values
from ..model import Severity
from .base import Check, Hit, SegmentView


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
