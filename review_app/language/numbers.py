"""Numbers as values, in English and in Korean, so a source and its translation
can be compared: "1억1천만 달러" = "$110 million" = 110,000,000; "3천" = 3,000;
"2만" = 20,000; "12조3천억" = "12.3 trillion"; "1992년" = 1992; "3월" = March.
"""
from __future__ import annotations

import re

KOREAN_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3, "백": 10**2}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "hundred": 10**2}
ENGLISH_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
     "couple": 2, "both": 2, "twice": 2, "double": 2, "pair": 2, "triple": 3, "decade": 10, "century": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = ("one two three four five six seven eight nine").split()
ENGLISH_WORDS |= {f"{t}-{u}": v + i for t, v in _TENS.items() for i, u in enumerate(_UNITS, start=1)}
MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), start=1)}

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Digits and units, where further digits only follow a unit: "1억 1천만", not "1,000 2,000".
_KOREAN_RUN = re.compile(rf"{_DIGITS}(?:\s?[조억만천백])*(?:(?<=[조억만천백])\s?{_DIGITS}(?:\s?[조억만천백])*)*")
_KOREAN_PART = re.compile(rf"({_DIGITS})?\s?([조억만천백])?")
_KOREAN_MONTH = re.compile(r"(\d{1,2})\s?월")
_ENGLISH_NUMBER = re.compile(
    rf"(?<![\w]){_DIGITS}(?:st|nd|rd|th|s|AD|BC)?(?:\s?-?(?:{'|'.join(ENGLISH_SCALES)}))*(?![\w])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+(?:-[a-z]+)?")
_WORD_VALUES = {w: float(v) for w, v in ENGLISH_WORDS.items()} | {m.lower(): float(v) for m, v in MONTHS.items()}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def korean_values(text: str, with_dates: bool = True) -> list[float]:
    """Every number written with digits in Korean text, Korean units applied. Without dates,
    day and month numbers ("28일", "3월") and clock times are left out: English news often
    writes them as "Monday" or not at all."""
    values = []
    for run in _KOREAN_RUN.finditer(text):
        if not with_dates and text[run.end():run.end() + 1] in _DATE_UNITS:
            continue
        value = korean_value(run.group(0))
        if value is not None:
            values.append(value)
    return values


_DATE_UNITS = set("월일시분초")


def korean_value(expression: str) -> float | None:
    """ "1억1천만" -> 110000000; "3천" -> 3000; "12.5" -> 12.5; None for a bare unit."""
    total, section, seen_digit = 0.0, 0.0, False
    for digits, unit in _KOREAN_PART.findall(expression.replace(" ", "")):
        if not digits and not unit:
            continue
        seen_digit = seen_digit or bool(digits)
        number = _number(digits) if digits else None
        if unit in ("천", "백"):
            section += (number if number is not None else 1) * KOREAN_UNITS[unit]
        elif unit:  # 만, 억, 조 close a section: "1천만" = 1000 x 10,000
            section += number or 0
            total += (section or 1) * KOREAN_UNITS[unit]
            section = 0
        else:
            section += number
    return total + section if seen_digit else None


def english_values(text: str) -> list[float]:
    """Numbers in English text: digits with scales ("$110 million"), number words, month names."""
    values = []
    for m in _ENGLISH_NUMBER.finditer(text):
        token = m.group(0).lower()
        digits = re.match(_DIGITS, token).group(0)
        value = _number(digits)
        for scale, factor in ENGLISH_SCALES.items():
            value *= factor ** token.count(scale)
        values.append(value)
    # A set lookup per word is faster than one regex alternation of every number word.
    for word in map(str.lower, _WORD.findall(text)):
        if word not in _WORD_VALUES and "-" in word:
            word = word.split("-", 1)[0]  # "six-month", "two-page": the number leads the compound
        if word in _WORD_VALUES:
            values.append(_WORD_VALUES[word])
    return values


def source_values(text: str, translation: str) -> list[float]:
    """Numbers a source sentence states that its translation should state too: Korean units
    understood; dates only when the translation writes a date ("March 3") itself; not 0 or 1,
    which English writes as "a", "an", "the first"."""
    with_dates = bool(_MONTH_NAME.search(translation))
    return [v for v in korean_values(text, with_dates) if v > 1]


_MONTH_NAME = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


_ANY_NUMBER = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万萬亿億兆两]")


def has_number(text: str) -> bool:
    """Whether a stretch of text states a number: digits (ASCII or full-width), a CJK numeral,
    an English number word or a month name."""
    if _ANY_NUMBER.search(text):
        return True
    return any(w.lower() in _WORD_VALUES for w in _WORD.findall(text))
