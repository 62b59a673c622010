"""Numbers as values, so a source and its translation can be compared whatever their
languages write them as.

- Korean, Chinese and Japanese: digits (ASCII or full-width) with the units 조 억 만 천
  백 / 兆 億 亿 萬 万 千 百 十: "1억1천만" = "1.1亿" = 110,000,000, "1.5万亿" = 1.5 trillion,
  "500余万" = 5 million (and more); numerals in characters ("两千", "二〇二三年", "第十六届")
  where a counter or unit follows them (so "统一", "十分", "万一" and "四川" are not numbers);
  dates (2月11日, 3월 28일) and clock times (10时, 3시) are told apart from amounts.
- English: digits with scales ("$110 million", "S$1.89bn", "12 to 14 million" is 12
  million too), number words ("twenty-one", "two million", "a million"), ordinals,
  month names and their abbreviations ("Feb. 11").
- Product and model names are not amounts, on either side: 5G, 10G, COVID-19, H5N1, G20,
  F-35; a number with a unit attached is one ("500Mbps", "30km").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KOREAN_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3, "백": 10**2, "십": 10}
CJK_UNITS = KOREAN_UNITS | {"兆": 10**12, "億": 10**8, "亿": 10**8, "萬": 10**4, "万": 10**4, "千": 10**3,
                            "百": 10**2, "十": 10}
HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "hundred": 10**2}
SHORT_SCALES = {"k": 10**3, "mn": 10**6, "m": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12, "trn": 10**12}
ENGLISH_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
     "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
     "couple": 2, "both": 2, "twice": 2, "double": 2, "pair": 2, "triple": 3, "decade": 10, "century": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = ("one two three four five six seven eight nine").split()
ENGLISH_WORDS |= {f"{t}-{u}": v + i for t, v in _TENS.items() for i, u in enumerate(_UNITS, start=1)}
MONTHS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), start=1)}
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                       "Oct": 10, "Nov": 11, "Dec": 12}
# Units written straight after a number: "500Mbps", "30km". A letter that is not one of
# these makes a name of the number instead ("5G", "3D", "10G").
UNITS_ATTACHED = ("km|kg|mg|cm|mm|m|ml|kl|l|t|g|sq|ha|GB|MB|KB|TB|PB|Gbps|Mbps|Kbps|kbps|kW|MW|GW|TW|kWh|MWh|"
                  "GWh|TWh|Hz|kHz|MHz|GHz|nm|mph|kph|pc|pct|am|pm|a\\.m\\.|p\\.m\\.|yuan|x")

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－", "0123456789.,%+-")
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT_CHARS = "".join(CJK_UNITS)
_HAN_CHARS = "".join(HAN_DIGITS)
# A CJK number: digits or a numeral, then units, numerals, more digits after a unit
# ("1억 1천만"; not "1,000 2,000") and 余/多 before a unit ("500余万" = 5 million and more).
_CJK_RUN = re.compile(
    rf"(?:{_DIGITS}|[{_HAN_CHARS}十])"
    rf"(?:[{_UNIT_CHARS}{_HAN_CHARS}]|(?<=[{_UNIT_CHARS}])\s?{_DIGITS}|[余多](?=[{_UNIT_CHARS}]))*"
)
_CJK_TOKEN = re.compile(rf"{_DIGITS}|[{_UNIT_CHARS}{_HAN_CHARS}]")
# What may follow a number written in characters only: counters and units. Without one,
# 一 or 十 are usually parts of words (统一 "unify", 十分 "very", 一些 "some").
# (Not 国 or 级: 两国 is "Japan and the Philippines", 二级市场 "the secondary market".)
_COUNTERS = set("个個名人位家只件项項条條次年岁歲天月日号號倍种種类類批架辆輛座所部台艘枚颗顆张張本份场場届屆期起例元"
                "吨噸米股户戶栋棟间間轮輪篇首支队隊省市县縣区區成层層万萬亿億兆千百%")
_VAGUE_BEFORE = set("数數几幾上成周")  # 数十万 "hundreds of thousands"; 周三 is Wednesday
# Two numerals side by side are a guess ("六七千": six or seven thousand), unless they spell a
# year digit by digit ("二〇二三年").
_NUMERAL_PAIR = re.compile(r"[一二两兩三四五六七八九]{2}")
_DECADE = re.compile(r"年代|后|後")  # 80年代 "the 1980s", 90后 "the post-90s generation"
_MONTH_UNITS = set("月월")
_DAY_UNITS = set("日号號일")
# "（约4765亿令吉）", "(약 2400억 원)": the same amount in another currency, which translations may leave out.
_GLOSS_BEFORE = re.compile(r"[(（]\s*(?:약|约|約|大约|合)\s*$")
_TIME_UNITS = set("时時点點시분초")
_MINUTE_UNITS = set("分秒")
_PRODUCT_BEFORE = re.compile(r"[A-Z][A-Za-z]*-?$")  # "COVID-19", "H5N1", "G20", "F-35", "MH370"
_CURRENCY_BEFORE = re.compile(r"(?:^|[^A-Za-z])(?:RM|RMB|USD|EUR|GBP|JPY|CNY|KRW|HKD|SGD|AUD|CAD|Rs|Rp|NT|HK|US|S|A|C)$")


@dataclass(frozen=True)
class Number:
    """A number stated in a text: its value (or values, where it can be read two ways),
    where it is, and what kind of number it is: "amount", "year", "month", "day", "time" (a
    clock time) or "gloss" (an amount restated in another currency: "（约4765亿令吉）").
    ``approximate``: a value converted from another unit (75 mph = 120.7 km/h)."""

    values: tuple[float, ...]
    start: int
    end: int
    kind: str = "amount"
    approximate: bool = False

    @property
    def value(self) -> float:
        return self.values[0]

    @property
    def is_date(self) -> bool:
        return self.kind in ("month", "day")

    def means(self, value: float) -> bool:
        if self.approximate:
            return same_value(self.values[0], value) or any(abs(v - value) <= 0.06 * abs(value) for v in self.values)
        return any(same_value(v, value) for v in self.values)


# -- Korean, Chinese, Japanese ---------------------------------------------------


def cjk_value(expression: str) -> float | None:
    """ "1억1천만" -> 110000000; "1.5万亿" -> 1.5e12; "二〇二三" -> 2023; "两千" -> 2000;
    "一百零五" -> 105; None for a bare unit."""
    total, section, number, seen, after_numeral = 0.0, 0.0, None, False, False
    for token in _CJK_TOKEN.findall(expression.translate(_FULL_WIDTH)):
        if token in HAN_DIGITS:
            digit = HAN_DIGITS[token]
            number = number * 10 + digit if after_numeral and number is not None else digit  # 二〇二三 = 2023
            seen, after_numeral = True, True
            continue
        after_numeral = False
        if token[0].isdigit():
            number, seen = float(token.replace(",", "")), True
        elif CJK_UNITS[token] < 10**4:  # 十 百 千: within a section of four digits
            section += (number if number is not None else 1) * CJK_UNITS[token]
            number = None
        else:  # 万 亿 兆: close a section; a larger one multiplies what came before (1.5万亿)
            unit = CJK_UNITS[token]
            section += number or 0
            number = None
            total = (total + section) * unit if total < unit else total + (section or 1) * unit
            section = 0.0
    return total + section + (number or 0) if seen else None


def korean_value(expression: str) -> float | None:
    """ "1억1천만" -> 110000000; "3천" -> 3000; "12.5" -> 12.5; None for a bare unit."""
    return cjk_value(expression)


_ANY_CJK_NUMBER = re.compile(rf"[0-9０-９{_HAN_CHARS}十]")
_FULL_WIDTH_DIGIT = re.compile(r"[０-９．，％＋－]")
_DATE_OR_CLOCK_HINT = re.compile(r"\d[-/.:]\d")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?![\d.])")  # 2023-02-11, 2005.10
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")


def cjk_numbers(text: str) -> list[Number]:
    """Every number in Korean, Chinese or Japanese text, units applied, with its kind;
    product and model names (5G, COVID-19) left out."""
    if not _ANY_CJK_NUMBER.search(text):  # most sentences: one fast scan decides
        return []
    if _FULL_WIDTH_DIGIT.search(text):
        text = text.translate(_FULL_WIDTH)  # same length: spans stay valid
    numbers = _dates_and_clocks(text) if _DATE_OR_CLOCK_HINT.search(text) else []
    taken = {i for n in numbers for i in range(n.start, n.end)}
    for run in _CJK_RUN.finditer(text):
        if run.start() in taken:
            continue
        start, end = run.span()
        expression = run.group(0).rstrip()
        end = start + len(expression)
        after, before = text[end:end + 1], text[max(0, start - 1):start]
        if not expression[0].isdigit():
            if (after not in _COUNTERS and before != "第") or before in _VAGUE_BEFORE or len(expression) > 12:
                continue
        elif _is_product_name(text, start, end):
            continue
        pair = _NUMERAL_PAIR.search(expression)
        if pair and not (after == "年" and len(expression) == 4):  # 二〇二三年 spells a year
            numbers += _either(text, expression, pair, start, end)
            continue
        value = cjk_value(expression)
        if value is not None:
            numbers.append(Number(_readings(text, end, value), start, end, _cjk_kind(text, start, end, value)))
    return sorted(numbers, key=lambda n: n.start)


def _either(text: str, expression: str, pair: re.Match, start: int, end: int) -> list[Number]:
    """ "一万六七千" is 16,000 or 17,000: either reading will do. A pair with no unit after it
    ("七八" alone, "九二共识") is no amount."""
    if not re.search(f"[{_UNIT_CHARS}]", expression[pair.end():]):
        return []
    values = tuple(v for digit in pair.group(0)
                   if (v := cjk_value(expression[:pair.start()] + digit + expression[pair.end():])) is not None)
    return [Number(values, start, end, _cjk_kind(text, start, end, values[0]))] if values else []


def _dates_and_clocks(text: str) -> list[Number]:
    """ "2023-02-11": a year, a month and a day; "13:07:20": a clock time."""
    numbers = []
    for m in _ISO_DATE.finditer(text):
        numbers.append(Number((float(m.group(1)),), m.start(1), m.end(1), "year"))
        numbers += [Number((float(m.group(i)),), m.start(i), m.end(i), kind)
                    for i, kind in ((2, "month"), (3, "day")) if m.group(i)]
    for m in _CLOCK.finditer(text):
        numbers += [Number((float(d.group(0)),), m.start() + d.start(), m.start() + d.end(), "time")
                    for d in re.finditer(r"\d+", m.group(0))]
    return numbers


def _readings(text: str, end: int, value: float) -> tuple[float, ...]:
    """A two-digit decade ("80年代", "90后") is also its full year: the 1980s. A small number before
    조 is also an article of law ("헌법 9조": Article 9), not only trillions."""
    if value < 100 and value == int(value) and _DECADE.match(text, end) and text[end - 2:end].isdigit():
        return (value, 1900 + value) if value >= 30 else (value, 2000 + value, 1900 + value)
    if text[end - 1:end] == "조" and re.search(r"(?<![\d,.])\d{1,3}조$", text[max(0, end - 5):end]):
        return (value, value / 10**12)
    return (value,)


def _is_product_name(text: str, start: int, end: int) -> bool:
    """Digits joined to Latin letters: "5G", "H5N1", "COVID-19", "Windows11" (but "500Mbps" and
    "RM476" are amounts)."""
    if _joined_to_name(text, start):
        return True
    if _STOCK_CODE.match(text, end):
        return True
    return bool(re.match(r"[A-Za-z]", text[end:end + 1])) and not _UNIT_AFTER.match(text, end)


_STOCK_CODE = re.compile(r"\.(?:SH|SZ|HK|BJ|T|KS|KQ)\b")  # "600884.SH"


_UNIT_AFTER = re.compile(rf"(?:{UNITS_ATTACHED})(?![A-Za-z])")


def _cjk_kind(text: str, start: int, end: int, value: float) -> str:
    after = text[end:end + 1] or " "
    if after in _MONTH_UNITS:
        return "month"
    if after in _DAY_UNITS:
        return "day"
    if _GLOSS_BEFORE.search(text[max(0, start - 6):start]):
        return "gloss"
    if after in _TIME_UNITS or (after in _MINUTE_UNITS and text[start - 1:start] in _TIME_UNITS):
        return "time"
    if after in "年년" and value >= 1000:
        return "year"  # a calendar year; 3年 is a duration
    return "amount"


def korean_values(text: str, with_dates: bool = True) -> list[float]:
    """Every number written with digits in Korean text, Korean units applied. Without dates,
    day and month numbers ("28일", "3월") and clock times are left out."""
    return [n.value for n in cjk_numbers(text) if with_dates or not (n.is_date or n.kind == "time")]


# -- English ------------------------------------------------------------------------


_SCALE_WORDS = "|".join(ENGLISH_SCALES)
_ENGLISH_NUMBER = re.compile(
    rf"(?:(?<=\bRM)|(?<=\bRMB)|(?<=\bRs)|(?<=\bRp)|(?<![\w.#]))(?P<digits>{_DIGITS})"
    rf"(?P<scales>(?:\s?-?(?:{_SCALE_WORDS})(?![a-z]))*)"
    rf"(?P<suffix>(?:st|nd|rd|th|s|AD|BC|{'|'.join(SHORT_SCALES)}|{UNITS_ATTACHED})(?![A-Za-z]))?"
    rf"(?![A-Za-z\d])",  # case matters: "5g" is grams, "5G" a network
)
_WORD = re.compile(r"[A-Za-z]+(?:-[a-z]+)?")
_WORD_VALUES = {w: float(v) for w, v in ENGLISH_WORDS.items()} | {m.lower(): float(v) for m, v in MONTHS.items()}
_LOWER_MONTHS = {m.lower() for m in MONTHS}
# "12 to 14 million": the first number shares the second's scale.
_RANGE_TAIL = re.compile(rf"\s*(?:to|-|–|and|or)\s*(?:US\$|S\$|HK\$|[$€£¥])?\s*{_DIGITS}\s?-?({_SCALE_WORDS}|bn|mn|tn)\b",
                         re.IGNORECASE)
_SCALE_ALONE = re.compile(rf"\b(?:an?)\s+({_SCALE_WORDS})\b", re.IGNORECASE)
_ABBREVIATED_MONTH = re.compile(rf"(?<=\d )({'|'.join(MONTH_ABBREVIATIONS)})\b|"  # "11 Feb"
                                rf"\b({'|'.join(MONTH_ABBREVIATIONS)})(?:\.|(?=\s+\d))")  # "Feb. 11", "Feb 11"


def english_numbers(text: str) -> list[Number]:
    """Numbers in English text with their spans: digits with scales, number words (with a scale:
    "two million"), "a million", month names and abbreviations. Product names ("5G") are left out."""
    numbers = [n for m in _ENGLISH_NUMBER.finditer(text) if (n := _digits_number(text, m)) is not None]
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        value = _WORD_VALUES.get(word)  # a set lookup per word beats one regex of every number word
        if value is None:
            if "-" not in word:
                continue
            word = word.split("-", 1)[0]  # "six-month", "two-page": the number leads the compound
            value = _WORD_VALUES.get(word)
        if value is not None:
            if word in _LOWER_MONTHS and not m.group(0)[0].isupper():
                continue  # "may", "march" as verbs
            scale = re.match(rf"\s+({_SCALE_WORDS}|dozen)\b", text[m.end():], re.IGNORECASE)
            values = (value, value * (ENGLISH_SCALES.get(scale.group(1).lower()) or 12)) if scale else (value,)
            kind = "month" if word.capitalize() in MONTHS and m.group(0)[0].isupper() else "amount"
            numbers.append(Number(values, m.start(), m.end(), kind))
    for m in _SCALE_ALONE.finditer(text):
        numbers.append(Number((float(ENGLISH_SCALES[m.group(1).lower()]),), m.start(), m.end()))
    for m in _ABBREVIATED_MONTH.finditer(text):
        numbers.append(Number((float(MONTH_ABBREVIATIONS[m.group(1) or m.group(2)]),), m.start(), m.end(), "month"))
    for m in _ROMAN.finditer(text):
        numbers.append(Number((float(ROMAN_NUMERALS[m.group(1)]),), m.start(1), m.end(1)))
    return sorted((_converted(text, _as_day(text, n)) for n in numbers), key=lambda n: n.start)


ROMAN_NUMERALS = {r: i for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX"
                                             .split(), start=1) if i > 1}
_ROMAN = re.compile(r"\b[A-Z][a-z]+ (" + "|".join(sorted(ROMAN_NUMERALS, key=len, reverse=True)) + r")\b")  # "World War II"
# English news converts units; the source's number is then the converted value, roughly.
_CONVERSIONS = {"decades": 10.0, "decade": 10.0, "centuries": 100.0, "miles": 1.609344, "mile": 1.609344,
                "mph": 1.609344, "feet": 0.3048, "foot": 0.3048, "square feet": 0.092903, "square-foot": 0.092903,
                "pounds": 0.453592, "acres": 0.404686}
_UNIT_WORD = re.compile(r"[\s-]*(square[\s-](?:feet|foot)|decades?|centuries|miles?|mph|feet|foot|pounds|acres)\b")


_NEXT_TO_MONTH = re.compile(r"\s*(?:of\s+)?(?:" + "|".join([*MONTHS, *MONTH_ABBREVIATIONS]) + r")\b")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join([*MONTHS, *MONTH_ABBREVIATIONS]) + r")\.?\s*$")


def _as_day(text: str, n: Number) -> Number:
    """A number beside a month name is a day: "Feb. 11", "11 February", "the 11th of March"."""
    if n.kind == "amount" and n.value <= 31 and (_NEXT_TO_MONTH.match(text, n.end)
                                                 or _MONTH_BEFORE.search(text[max(0, n.start - 12):n.start])):
        return Number(n.values, n.start, n.end, "day")
    return n


def _converted(text: str, n: Number) -> Number:
    """ "five decades" is also 50; "150 miles" also about 241 (km); "9,700-foot" about 2,957 (m)."""
    m = _UNIT_WORD.match(text, n.end)
    if n.kind != "amount" or not m:
        return n
    factor = _CONVERSIONS[m.group(1).replace("-", " ").replace("square foot", "square feet")]
    exact = m.group(1).startswith(("decade", "centur"))
    return Number(n.values + tuple(v * factor for v in n.values), n.start, n.end, n.kind, approximate=not exact)


def _joined_to_name(text: str, start: int) -> bool:
    """Whether the digits at ``start`` continue a capitalised name ("COVID-19", "F-35", "H5N1"),
    not a currency ("RM476.5")."""
    before = text[max(0, start - 12):start]
    return bool(_PRODUCT_BEFORE.search(before)) and not _CURRENCY_BEFORE.search(before)


def _digits_number(text: str, m: re.Match) -> Number | None:
    if _joined_to_name(text, m.start()):
        return None
    plain = float(m.group("digits").replace(",", ""))
    value = plain
    for word in re.findall(_SCALE_WORDS, m.group("scales").lower()):
        value *= ENGLISH_SCALES[word]
    suffix = (m.group("suffix") or "").lower()
    if suffix in SHORT_SCALES:  # "$1.89bn"; a bare "m" may be metres: both readings
        values = (value * SHORT_SCALES[suffix], value) if suffix == "m" else (value * SHORT_SCALES[suffix],)
    elif value == plain and (tail := _RANGE_TAIL.match(text, m.end())):
        scale = tail.group(1).lower()
        values = (value, value * (ENGLISH_SCALES.get(scale) or SHORT_SCALES[scale]))
    else:
        values = (value,)
    return Number(values, m.start(), m.end())


def english_values(text: str) -> list[float]:
    """Numbers in English text: digits with scales ("$110 million"), number words, month names."""
    return [n.value for n in english_numbers(text)]


# -- comparing -------------------------------------------------------------------------


_MONTH_NAME = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b|" + _ABBREVIATED_MONTH.pattern)


def source_numbers(text: str, translation: str) -> list[Number]:
    """Numbers a source sentence states that its translation should state too: CJK units
    understood; days and months only when the translation writes a date ("Feb. 11") itself,
    clock times never (15时 is "3 p.m."); not an amount of 0 or 1, which English writes as
    "a", "an", "the first"."""
    numbers = cjk_numbers(text)
    with_dates = any(n.is_date for n in numbers) and bool(_MONTH_NAME.search(translation))
    return [n for n in numbers
            if (n.is_date and with_dates) or n.kind == "year" or (n.kind in ("amount", "gloss") and n.value > 1)]


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


_ANY_NUMBER = re.compile(r"[0-9０-９]")


def has_number(text: str) -> bool:
    """Whether a stretch of text states a number: digits, a CJK number, an English number word
    or a month name."""
    if _ANY_NUMBER.search(text) or cjk_numbers(text):
        return True
    return any(w.lower() in _WORD_VALUES for w in _WORD.findall(text))
