"""Reading one noun phrase of an English sentence: what kind of entity it names (a person, with a
gender when the text gives one, people, or an organisation), how a second mention names an
organisation, and where the subject of a reporting verb is. The speaker tracker (tracker.py) builds
a document's entities from these readings.
"""
from __future__ import annotations

import re

from .lexicon import (
    CAPITALISED_ORG_ENDS,
    FEMALE_NOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_TITLES,
    NON_NAME_WORDS,
    ORG_HEADS,
    ORG_NAMES,
    PERSON_NOUNS,
    PLACES,
    PLURAL_ORGS,
    PLURAL_PERSON_NOUNS,
    REPORTING_VERBS,
    THING_ACRONYMS,
    TITLES,
    VERB_ADVERBS,
)
from .names import bare, is_capitalised, is_org_head, is_place, is_place_name, org_name_continues, tokens

PERSON, PEOPLE, ORG = "person", "people", "org"


_TRAILING_ADVERBS = re.compile(rf"(?:\s+(?:{'|'.join(VERB_ADVERBS)}))+\s*$", re.IGNORECASE)
# Where a reported clause opens: "that", an opening quote, a colon or semicolon.
_CLAUSE_START = re.compile(r"(?:\bthat\b|[“;:]|\"(?=\w))\s*")
_QUOTE_CLOSE = re.compile(r"[,.!?][”\"]\s+")
_ADVERBIAL_OPENERS = re.compile(
    r"^\s*(?:earlier|later|meanwhile|however|also|then|last|next|in|on|at|for|from|during|after|before|since|"
    r"while|when|although|though|because|as|citing|according|despite|under|with|without|by|to|yesterday|"
    r"today|recently|previously|moreover|furthermore|still|but|and|so|instead|particularly|specifically)\b",
    re.IGNORECASE,
)


# -- typing a noun phrase -----------------------------------------------------


def classify_phrase(phrase: str) -> tuple[str | None, str | None, bool]:
    """(kind, gender, plural-org) of a noun phrase such as "the US State Department",
    "Managers of several Russian construction companies", "Aaron Arnold, a member of ..."."""
    head_words = _head_chunk(phrase)
    if not head_words:
        return None, None, False
    lowered = [bare(w).lower() for w in head_words]
    head = lowered[-1]
    first = bare(head_words[0])
    if len(head_words) == 1 and first in THING_ACRONYMS:
        return None, None, False  # "GDP grew": no speaker
    if first in MALE_TITLES or first + "." in MALE_TITLES:
        return PERSON, "m", False
    if first in FEMALE_TITLES or first + "." in FEMALE_TITLES:
        return PERSON, "f", False
    if is_org_head(head) or any(bare(w) in ORG_NAMES for w in head_words) or "House" in head_words or (
            bare(head_words[-1]) in CAPITALISED_ORG_ENDS):  # "Mahan Air"
        return ORG, None, head in PLURAL_ORGS or (head not in ORG_HEADS and head.endswith("s"))
    if head in PLURAL_PERSON_NOUNS:
        return PEOPLE, None, False
    if head in PERSON_NOUNS or first in TITLES:
        return PERSON, noun_gender(head), False
    if any(w in PERSON_NOUNS for w in lowered):  # "lead researcher Andrew H. Bass"
        return PERSON, next((noun_gender(w) for w in lowered if noun_gender(w)), None), False
    if _name_after_role(head_words):
        return PERSON, None, False  # "Whitecaps centre back Omar Jarun": the centre is no organisation here
    if any(is_org_head(w) for w in lowered) or (len(head_words) == 1 and _is_acronym(first)):
        return ORG, None, False  # "the Ministry of Finance", "the civil liberties group EveryOne", "the FDA"
    if any(is_place(w) for w in head_words) and all(is_place(w) or w in {"the", "of", "and"} for w in head_words) or (
            len(head_words) > 1 and is_place_name(" ".join(head_words))):
        return ORG, None, False  # "North Korea said", "Seoul said": a country speaks for its government
    if all(is_capitalised(w) for w in head_words) and not any(w in NON_NAME_WORDS for w in head_words):
        return PERSON, None, False  # a personal name
    return None, None, False


def _name_after_role(words: list[str]) -> bool:
    """A personal name (two capitalised words or more, none an organisation's or a place's) after a lower-case
    noun that is no organisation's head."""
    k = len(words)
    while k > 0 and is_capitalised(words[k - 1]):
        k -= 1
    name = [bare(w) for w in words[k:]]
    return 0 < k and len(name) >= 2 and words[k - 1].islower() and not is_org_head(words[k - 1].lower()) and not any(
        is_org_head(w.lower()) or w in ORG_NAMES or w in CAPITALISED_ORG_ENDS or is_place(w) for w in name)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and word not in THING_ACRONYMS


def noun_gender(noun: str) -> str | None:
    if noun in MALE_NOUNS:
        return "m"
    if noun in FEMALE_NOUNS:
        return "f"
    return None


def _head_chunk(phrase: str) -> list[str]:
    """The words of a phrase's first chunk (before "of", "for", a comma...), after a possessive:
    "the spokesman for the ministry" -> [the, spokesman]; "the Council’s Expert Panel" -> [Expert, Panel]."""
    words = [w for w, _, _ in tokens(phrase)]
    chunk: list[str] = []
    for i, word in enumerate(words):
        if word in {",", "(", "–", "-", "—"} or word.lower() in {"of", "for", "under", "at", "from", "with", "in",
                                                                    "who", "which", "on", "to"}:
            if chunk and not (word == "of" and org_name_continues(words, i)):
                break
            if word in {",", "("}:
                break
            continue
        if word.endswith(("’s", "'s")) and i + 1 < len(words):
            chunk = []  # "the Council’s Panel": the head follows the possessive
            continue
        if word.lower() in {"and", "&"} and chunk and is_capitalised(chunk[-1]) and i + 1 < len(words) \
                and is_capitalised(words[i + 1]):
            chunk.append(word)  # "the Food and Drug Administration"
            continue
        if chunk and _looks_like_verb(word, chunk):
            break  # "the US State Department defined ...": the phrase ended
        chunk.append(word)
    return [w for w in chunk if w.lower() not in {"the", "a", "an", "this", "that", "these", "those", "its"}]


_AUXILIARIES = frozenset(
    "is was are were be been has have had will would can could may might must should did does do not".split()
)


def _looks_like_verb(word: str, chunk: list[str]) -> bool:
    lowered = word.lower()
    if not word.islower():
        return False  # capitalised inside a phrase is a name: "the United States", "Will Smith"
    if lowered in _AUXILIARIES or lowered in REPORTING_VERBS:
        return True
    if is_org_head(lowered) or lowered in PERSON_NOUNS or lowered in PLURAL_PERSON_NOUNS:
        return False
    if lowered.endswith("ed"):
        return True
    # After a name (not a nationality: "Russian construction companies"), a lower-case
    # word that is no head noun is the verb.
    return is_capitalised(chunk[-1]) and not is_place(chunk[-1]) and chunk[-1] not in NON_NAME_WORDS


# Capitalised words of PLACES that belong to an institution's own name ("National Intelligence Service").
_NAME_WORDS = frozenset(
    "National Federal United Democratic Islamic People's Peoples Republic Kingdom Union Federation "
    "State States City County Province".split()
)


def display_name(phrase: str) -> str:
    """How a second mention names an organisation: "the US State Department" -> "the State Department"
    (the country goes, "the National Intelligence Service" keeps its name)."""
    # "the East Sea.The Korea Meteorological Administration": a sentence end with its space lost.
    phrase = re.split(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])", phrase)[-1].strip(" ,")
    phrase = re.sub(r"['’]s$", "", phrase)  # "the STB's plan": the owner speaks, not "the STB's"
    words = phrase.split()
    named = _name_after_description(words)
    if named:
        return named
    article = ""
    if words and words[0].lower() == "the":
        article, words = "the ", words[1:]
    if not article and words and _country_noun(words[0]):
        return " ".join(words)  # "China News Network", "Singapore Airlines": the country is part of the name
    while len(words) > 2 and _leading_place(words) and sum(is_capitalised(w) for w in words[1:]) >= 2:
        words = words[1:]
    return article + " ".join(words)


def _name_after_description(words: list[str]) -> str | None:
    """ "United States automobile company General Motors" -> "General Motors": the capitalised name after
    the description's head noun."""
    lower = [k for k, w in enumerate(words) if w.islower()]
    if not lower or lower[-1] == len(words) - 1 or not is_org_head(bare(words[lower[-1]]).lower()):
        return None
    return " ".join(words[lower[-1] + 1:])


def _country_noun(word: str) -> bool:
    """ "China", not "US" (an acronym) or "Russian" (an adjective that describes the name)."""
    return _leading_place([word]) and not word.isupper() and not word.endswith(("an", "ese", "ish", "i", "ch", "."))


def _leading_place(words: list[str]) -> bool:
    """Whether the first word is a country to drop: not the "New" of "the New York Times", a name."""
    first = bare(words[0])
    return first != "New" and first in (PLACES - _NAME_WORDS) | {"US", "U.S.", "UN", "U.N.", "ROK"}


# -- reading a sentence ---------------------------------------------------------


def subject_of(text: str, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """Span of the subject of the reporting verb at text[verb_start:verb_end], or None."""
    before = text[:verb_start]
    # A closing quote ends the reported words: '"...," Jason Kindopp, the firm's analyst, said' has its
    # subject after it, and _CLAUSE_START would start the zone at the quote's opening instead.
    clause_starts = [m.end() for m in _CLAUSE_START.finditer(before)] + [
        m.end() for m in _QUOTE_CLOSE.finditer(before)]
    clause_starts.sort()
    zone_start = clause_starts[-1] if clause_starts else 0
    zone = before[zone_start:]
    trimmed = _TRAILING_ADVERBS.sub("", zone).rstrip()
    if not trimmed:
        return _inverted_subject(text, verb_end)
    if trimmed.endswith((",", "”", "\"")):
        inverted = _inverted_subject(text, verb_end)
        if inverted or trimmed.endswith(("”", "\"")):
            return inverted
        # "Aaron Arnold, a member of ..., said": the subject opens the chain of commas.
        span = _first_subject(zone, len(trimmed))
        return (zone_start + span[0], zone_start + span[1]) if span else None
    # "..., the newspaper reported" / "Managers of several companies said": after the last comma.
    last_comma = trimmed.rfind(",")
    chunk_start = last_comma + 1 if last_comma >= 0 else 0
    chunk = trimmed[chunk_start:]
    if re.fullmatch(r"\s*(?:and|but|or|then)", chunk, re.IGNORECASE):
        # "X called the blasts ..., and said": the verb shares the sentence's subject.
        return _first_subject(text, verb_start)
    start = zone_start + chunk_start + (len(chunk) - len(chunk.lstrip()))
    return (start, zone_start + len(trimmed)) if start < zone_start + len(trimmed) else None


def _first_subject(text: str, limit: int) -> tuple[int, int] | None:
    """The first chunk of a sentence that is not an adverbial opener."""
    offset = 0
    for chunk in text[:limit].split(","):
        if chunk.strip() and not _ADVERBIAL_OPENERS.match(chunk):
            start = offset + len(chunk) - len(chunk.lstrip())
            return start, offset + len(chunk.rstrip())
        offset += len(chunk) + 1
    return None


def _inverted_subject(text: str, verb_end: int) -> tuple[int, int] | None:
    """ "..., said the ministry." -> the span of "the ministry"."""
    m = re.match(r"\s+((?:the\s+)?[A-Z][^,.;!?“”\"]{0,60}?)\s*(?:[,.;!?]|$)", text[verb_end:])
    if m is None:
        return None
    return verb_end + m.start(1), verb_end + m.end(1)


def org_phrase(phrase: str) -> str:
    """The organisation's own name from a subject phrase: the phrase up to its head word
    ("the US State Department defined North Korean workers ..." -> "the US State Department")."""
    chunk = _head_chunk(phrase)
    if not chunk:
        return phrase.strip()
    end = phrase.find(chunk[-1], phrase.find(chunk[0])) + len(chunk[-1])
    return phrase[:end].strip(" ,")
