"""Which writing system a stretch of text is in (Unicode blocks), for checks that
compare a translation's script with its source's: the scripts by name, which ones
a target language is written in, and the runs of text in any other script."""
from __future__ import annotations

import functools
import re

_HANGUL = r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# A run of Hangul words: "국무부 대변인" is one untranslated phrase, not two.
HANGUL_RUN = re.compile(rf"[{_HANGUL}]+(?:\s+[{_HANGUL}]+)*")
HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# Letters of each script (punctuation and symbols of a block are left out: "【", "︱", "·" are not words).
SCRIPTS = {
    "Latin": r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Hangul": _HANGUL,
    "Han": r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Kana": r"\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9d",
    "Cyrillic": r"\u0400-\u04ff\u0500-\u052f",
    "Greek": r"\u0370-\u03ff\u1f00-\u1fff",
    "Arabic": r"\u0600-\u06ff\u0750-\u077f",
    "Hebrew": r"\u05d0-\u05ea",
    "Thai": r"\u0e01-\u0e5b",
    "Devanagari": r"\u0900-\u097f",
    "Georgian": r"\u10a0-\u10ff",
    "Armenian": r"\u0531-\u0587",
}
# The scripts a language is written in; Latin letters (names, acronyms) are allowed in every language.
LANGUAGE_SCRIPTS = {
    "ko": {"Hangul", "Han"}, "zh": {"Han"}, "ja": {"Han", "Kana"}, "ru": {"Cyrillic"}, "uk": {"Cyrillic"},
    "bg": {"Cyrillic"}, "sr": {"Cyrillic"}, "kk": {"Cyrillic"}, "el": {"Greek"}, "ar": {"Arabic"},
    "fa": {"Arabic"}, "ur": {"Arabic"}, "he": {"Hebrew"}, "th": {"Thai"}, "hi": {"Devanagari"},
    "mr": {"Devanagari"}, "ne": {"Devanagari"}, "ka": {"Georgian"}, "hy": {"Armenian"},
}
SCRIPT_LANGUAGE = {"Hangul": "Korean", "Han": "Chinese characters", "Kana": "Japanese kana", "Cyrillic": "Cyrillic",
                   "Greek": "Greek", "Arabic": "Arabic", "Hebrew": "Hebrew", "Thai": "Thai",
                   "Devanagari": "Devanagari", "Georgian": "Georgian", "Armenian": "Armenian"}


def target_scripts(lang: str | None) -> frozenset[str]:
    primary = (lang or "en").replace("_", "-").split("-")[0].lower()  # "zh-Hant" -> "zh"
    return frozenset({"Latin"} | LANGUAGE_SCRIPTS.get(primary, set()))


@functools.cache
def foreign_run_pattern(lang: str | None) -> re.Pattern:
    """Runs of letters in scripts that ``lang`` is not written in, words joined across spaces
    ("国务院 办公厅" is one phrase): one named group per script."""
    allowed = target_scripts(lang)
    groups = [rf"(?P<{name}>[{chars}]+(?:\s+[{chars}]+)*)" for name, chars in SCRIPTS.items() if name not in allowed]
    return re.compile("|".join(groups))


@functools.cache
def _any_foreign_letter(lang: str | None) -> re.Pattern:
    allowed = target_scripts(lang)
    return re.compile("[" + "".join(chars for name, chars in SCRIPTS.items() if name not in allowed) + "]")


def foreign_runs(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """(start, end, script) of every run of letters in a script other than the target language's.
    A lone Greek letter is science ("α-synuclein", "Δ"), not an untranslated word."""
    if not _any_foreign_letter(lang).search(text):  # most text has none: one fast scan decides
        return []
    runs = []
    for m in foreign_run_pattern(lang).finditer(text):
        script = m.lastgroup
        if script == "Greek" and len(m.group(0)) == 1:
            continue
        runs.append((m.start(), m.end(), script))
    return runs
