"""Source-language text left untranslated in the translation."""
from __future__ import annotations

from collections.abc import Iterable

from ..language.scripts import HANGUL_RUN
from ..model import Severity
from .base import Check, Hit, SegmentView


class UntranslatedHangul(Check):
    """Korean text left untranslated in the English."""

    name = "untranslated"
    severity = Severity.MAJOR
    help = "Hangul in the translation: the MT left words untranslated (or the source leaked into the target)."

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        return [Hit(m.start(), m.end(), f"“{m.group(0)}” is untranslated Korean", 1.0)
                for m in HANGUL_RUN.finditer(segment.text)]
