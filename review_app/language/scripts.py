"""Which writing system a stretch of text is in (Unicode blocks), for checks that
compare a translation's script with its source's."""
from __future__ import annotations

import re

_HANGUL = r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# A run of Hangul words: "국무부 대변인" is one untranslated phrase, not two.
HANGUL_RUN = re.compile(rf"[{_HANGUL}]+(?:\s+[{_HANGUL}]+)*")
HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
