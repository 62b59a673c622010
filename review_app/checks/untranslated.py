"""Source-language text left untranslated in the translation."""
from __future__ import annotations

from collections.abc import Iterable

from ..language.scripts import SCRIPT_LANGUAGE, foreign_runs
from ..model import Severity
from .base import Check, DocumentView, Hit, SegmentView


class UntranslatedText(Check):
    """Text in another script left untranslated."""

    name = "untranslated"
    severity = Severity.MAJOR
    help = (
        "Letters of a script the target language is not written in: Hangul, Chinese characters, kana, "
        "Cyrillic, Arabic, ... in an English translation (the MT left words untranslated, or the source "
        "leaked into the target). Latin letters (names, acronyms) are allowed in any target language."
    )

    def start_document(self, document: DocumentView) -> None:
        self.target_lang = document.target_lang

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        return [Hit(start, end, f"“{segment.text[start:end]}” is untranslated {SCRIPT_LANGUAGE[script]}", 1.0)
                for start, end, script in foreign_runs(segment.text, self.target_lang)]
