"""Sentence segmentation.

English: a rule-based splitter written for news MT. It is several times faster
than pysbd (which managed ~1,200 sentences/s on the seed, below the import
target) and, unlike it, never splits before a lower-case word or a stray comma:
in MT output ". pointed out." and ". , China, etc." are garbled endings of the
sentence before, and a reviewer must see and repair them together with it.

Korean: kiwipiepy's sentence splitter (it ships its model; loaded once, lazily).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..language.korean.analyser import kiwi

# Words that end with a period but rarely end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
    messrs mme mlle no nos vs etc al approx dept est fig inc corp co ltd llc bros univ assn intl natl
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c ph.d b.a m.a jan. cf ave blvd rd""".split()
)

# After "U.S." or "etc." a sentence may still end; these words say it did.
SENTENCE_STARTERS = frozenset(
    "he she they it we i this that these those the a an there but however meanwhile earlier later".split()
)

# A candidate boundary: end punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_NEXT_TOKEN = re.compile(r"\s+([^\s]+)")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…]+[\"'”’)\]]*$")


def _is_abbreviation(word: str) -> bool:
    bare = word.lstrip("(\"'“‘").lower()
    if bare in ABBREVIATIONS:
        return True
    # Initials ("J." in "J. R. Smith") and dotted acronyms ("U.S", "N.Y").
    return bool(re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]", bare))


def _opens_sentence(token: str) -> bool:
    first = token.lstrip("\"'“‘([")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or token[:1] in "\"“‘'(")


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each English sentence in ``text``, whitespace trimmed."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        nxt = _NEXT_TOKEN.match(text, end)
        if nxt is None or not _opens_sentence(nxt.group(1)):
            continue
        if match.group(0).startswith(".") and not match.group(0).startswith(".."):
            # Only the end of the sentence matters; searching from its start is quadratic.
            before = _WORD_BEFORE.search(text, max(start, end - 40), end)
            word = before.group(1) if before else ""
            if _is_abbreviation(word) and nxt.group(1).lower().strip("\"“‘'") not in SENTENCE_STARTERS:
                continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def split_english(text: str) -> list[str]:
    return [text[a:b] for a, b in iter_sentence_spans(text)]


def split_korean(text: str) -> list[str]:
    return [s.text.strip() for s in kiwi().split_into_sents(text) if s.text.strip()]


def split_sentences(text: str, lang: str | None = "en") -> list[str]:
    """Sentences of one paragraph in the given language (English rules for anything but Korean)."""
    if (lang or "").lower().startswith("ko"):
        return split_korean(text)
    return split_english(text)
