"""Who is mentioned in an English sentence, and who is reported as speaking.

A light, rule-based reading (no parser): capitalised names, person nouns,
pronouns, and the subjects of reporting verbs, each typed as a person (with a
gender when the text gives one), people, or an organisation. The attribution
check walks these mentions back through a document to find what a pronoun
stands for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import (
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_PRONOUNS,
    MALE_TITLES,
    NON_NAME_WORDS,
    ORG_HEADS,
    ORG_NAMES,
    PARTICIPLES,
    PERSON_NOUNS,
    PLACES,
    PLURAL_ORGS,
    PLURAL_PERSON_NOUNS,
    REPORTING_VERBS,
    TITLES,
    VERB_ADVERBS,
)
from .names import CONNECTORS, bare, is_capitalised, is_org_head, is_place, name_end, org_name_continues, tokens
from .reporting import REPORTING, is_speech

PERSON, PEOPLE, ORG = "person", "people", "org"


@dataclass(frozen=True)
class Mention:
    kind: str  # PERSON, PEOPLE or ORG
    start: int  # offsets in the analysed text
    end: int
    name: str
    gender: str | None = None  # "m", "f" or None (unknown)
    speaker: bool = False  # the subject of a reporting verb
    plural: bool = False  # an organisation English calls "they" (the police)


_SINGLE_QUOTED = re.compile(r"‘[^’]{3,}’")
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?P<np>[^,.;]+)")
_TRAILING_ADVERBS = re.compile(rf"(?:\s+(?:{'|'.join(VERB_ADVERBS)}))+\s*$", re.IGNORECASE)
# Where a reported clause opens: "that", an opening quote, a colon or semicolon.
_CLAUSE_START = re.compile(r"(?:\bthat\b|[“;:]|\"(?=\w))\s*")
_VERB_S = {"says", "is", "was", "has", "does", "goes", "tells", "adds", "notes", "reports", "explains", "thinks"}
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
    if first in MALE_TITLES or first + "." in MALE_TITLES:
        return PERSON, "m", False
    if first in FEMALE_TITLES or first + "." in FEMALE_TITLES:
        return PERSON, "f", False
    if is_org_head(head) or any(bare(w) in ORG_NAMES for w in head_words) or "House" in head_words:
        return ORG, None, head in PLURAL_ORGS or (head not in ORG_HEADS and head.endswith("s"))
    if head in PLURAL_PERSON_NOUNS:
        return PEOPLE, None, False
    if head in PERSON_NOUNS or first in TITLES:
        return PERSON, _noun_gender(head), False
    if any(w in PERSON_NOUNS for w in lowered):  # "lead researcher Andrew H. Bass"
        return PERSON, next((_noun_gender(w) for w in lowered if _noun_gender(w)), None), False
    if any(is_org_head(w) for w in lowered) or (len(head_words) == 1 and _is_acronym(first)):
        return ORG, None, False  # "the Ministry of Finance", "the civil liberties group EveryOne", "the FDA"
    if any(is_place(w) for w in head_words) and all(is_place(w) or w in {"the", "of", "and"} for w in head_words):
        return ORG, None, False  # "North Korea said", "Seoul said": a country speaks for its government
    if all(is_capitalised(w) for w in head_words) and not any(w in NON_NAME_WORDS for w in head_words):
        return PERSON, None, False  # a personal name
    return None, None, False


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _noun_gender(noun: str) -> str | None:
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
    if lowered in _AUXILIARIES or lowered in REPORTING_VERBS:
        return True
    if not word.islower() or is_org_head(lowered) or lowered in PERSON_NOUNS or lowered in PLURAL_PERSON_NOUNS:
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
    phrase = phrase.strip(" ,")
    words = phrase.split()
    article = ""
    if words and words[0].lower() == "the":
        article, words = "the ", words[1:]
    while len(words) > 2 and bare(words[0]) in (PLACES - _NAME_WORDS) | {"US", "U.S.", "UN", "U.N.", "ROK"} and sum(
        is_capitalised(w) for w in words[1:]
    ) >= 2:
        words = words[1:]
    return article + " ".join(words)


# -- reading a sentence ---------------------------------------------------------


def subject_of(text: str, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """Span of the subject of the reporting verb at text[verb_start:verb_end], or None."""
    before = text[:verb_start]
    clause_starts = [m.end() for m in _CLAUSE_START.finditer(before)]
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


def find_speakers(text: str) -> list[Mention]:
    """Organisations reported as saying something in ``text`` ("the State Department said",
    "..., the newspaper reported", "according to Yonhap")."""
    found: list[Mention] = []
    for match in REPORTING.finditer(text):
        verb = match.group(0)
        if verb[0].isupper() or not is_speech(text, verb, match.end()):
            continue
        if verb in PARTICIPLES and found:
            continue  # "the report said, adding that ...": the same speaker
        span = subject_of(text, match.start(), match.end())
        mention = _speaker_mention(text, *span) if span else None
        if mention is None:
            mention = _name_before(text, match.start())  # "... days after the FDA announced"
        if mention is not None:
            found.append(mention)
    for match in _ACCORDING_TO.finditer(text):
        mention = _speaker_mention(text, match.start("np"), match.end("np"))
        if mention is not None:
            found.append(mention)
    return found


def sentence_subject(text: str) -> Mention | None:
    """The organisation a sentence opens with as its subject ("South Korea's central bank raised
    rates ..."), whatever its verb; None if the subject is anything else."""
    span = _first_subject(text, len(text))
    mention = _speaker_mention(text, *span) if span else None
    if mention is None or mention.kind != ORG:
        return None
    return replace(mention, speaker=False)


_NAME_BEFORE = re.compile(r"((?:\bthe\s+)?(?:[A-Z][\w.&'’-]*\s+)*[A-Z][\w.&'’-]*)\s*$")


def _name_before(text: str, verb_start: int) -> Mention | None:
    """A capitalised name right before a verb, as its subject."""
    before = _TRAILING_ADVERBS.sub("", text[:verb_start]).rstrip()
    m = _NAME_BEFORE.search(before)
    return _speaker_mention(text, m.start(1), m.end(1)) if m else None


def _speaker_mention(text: str, start: int, end: int) -> Mention | None:
    while start < end and text[start] in "\"“”‘’' ":
        start += 1
    phrase = text[start:end]
    kind, gender, plural = classify_phrase(phrase)
    if kind is None:
        return None
    name = _org_phrase(phrase) if kind == ORG else phrase
    return Mention(kind, start, end, name, gender, speaker=True, plural=plural)


def _org_phrase(phrase: str) -> str:
    """The organisation's own name from a subject phrase: the phrase up to its head word
    ("the US State Department defined North Korean workers ..." -> "the US State Department")."""
    chunk = _head_chunk(phrase)
    if not chunk:
        return phrase.strip()
    end = phrase.find(chunk[-1], phrase.find(chunk[0])) + len(chunk[-1])
    return phrase[:end].strip(" ,")


def find_people(text: str, skip: set[int] = frozenset()) -> list[Mention]:
    """Persons and groups of people mentioned anywhere in ``text``: names, person nouns, pronouns.
    Token starts in ``skip`` are pronouns the caller reads as garbled, not as people."""
    masked = _SINGLE_QUOTED.sub(lambda m: " " * len(m.group(0)), text)  # ‘titles’ name no one
    words = tokens(masked)
    found: list[Mention] = []
    i = 0
    while i < len(words):
        word, start, end = words[i]
        lowered = word.lower()
        if start in skip:
            i += 1
            continue
        if lowered in MALE_PRONOUNS or lowered in FEMALE_PRONOUNS:
            found.append(Mention(PERSON, start, end, word, "m" if lowered in MALE_PRONOUNS else "f"))
        elif is_capitalised(word) and word[0].isalpha():
            j = name_end(words, i)
            mention = _name_mention(words, i, j, masked)
            if mention:
                found.append(mention)
            i = j
            continue
        elif lowered in PERSON_NOUNS and not _is_modifier(words, i):
            found.append(Mention(PERSON, start, end, word, _noun_gender(lowered)))
        elif lowered in PLURAL_PERSON_NOUNS:
            found.append(Mention(PEOPLE, start, end, word))
        i += 1
    return found


def _name_mention(words, i: int, j: int, text: str) -> Mention | None:
    run = [bare(w) for w, _, _ in words[i:j]]
    content = [w for w in run if w.lower() not in CONNECTORS and w != "."]
    while content and content[0] in NON_NAME_WORDS and content[0] not in TITLES:
        content = content[1:]
    if not content:
        return None
    start, end = words[i][1], words[j - 1][2]
    following = words[j][0].lower() if j < len(words) else ""
    preceding = words[i - 1][0].lower() if i > 0 else ""
    if any(w.lower() in ORG_HEADS or w in ORG_NAMES for w in content) or "House" in content:
        return None
    if following in ORG_HEADS or following.startswith("-"):
        return None  # "the Kim Jong-un regime": a name used as a modifier
    if content[0] in MALE_TITLES or content[0] + "." in MALE_TITLES:
        return Mention(PERSON, start, end, " ".join(content), "m")
    if content[0] in FEMALE_TITLES or content[0] + "." in FEMALE_TITLES:
        return Mention(PERSON, start, end, " ".join(content), "f")
    if content[0] in TITLES and len(content) > 1:
        return Mention(PERSON, start, end, " ".join(content))
    if any(is_place(w) for w in content) or any(w in NON_NAME_WORDS for w in content):
        return None  # "Armed Islamic groups", "Late Sunday": not a person's name
    if run[0].lower() in _DETERMINERS:
        preceding = run[0].lower()  # "The Agricola Zarigosa produce center": a thing
    if preceding in _DETERMINERS or is_org_head(preceding) or any(w.isupper() and len(w) > 1 for w in content):
        return None  # "the Great Pyramid", "our Op-Ed page", "the group EveryOne", "ASCI White"
    if len(content) >= 2:
        return Mention(PERSON, start, end, " ".join(content))
    if _could_be_surname(words, i, content[0], following, preceding):
        return Mention(PERSON, start, end, content[0])
    return None


_PLACE_PREPOSITIONS = frozenset("of in at from to near into across outside inside via".split())


def _could_be_surname(words, i: int, word: str, following: str, preceding: str) -> bool:
    """A lone capitalised word is a person ("Sanchez said", "Du blamed") unless it opens the
    sentence ("Kidnapping and ..."), is a gerund, or follows a preposition ("the city of Hualien")."""
    opens_sentence = all(not w[0].isalnum() for w, _, _ in words[:i])
    return (
        not opens_sentence
        and not word.endswith("ing")
        and preceding not in _PLACE_PREPOSITIONS
        and following.isalpha() and following.islower()
    ) or (opens_sentence and following in REPORTING_VERBS)


_DETERMINERS = frozenset(
    "a an the another this that one his her their its our my your every each any no whose".split()
)


def _is_modifier(words, i: int) -> bool:
    """Whether a person noun is no person here: with no determiner shortly before it ("new tourist
    and student visas"), or followed by the noun it describes ("a student visa")."""
    if not any(w.lower() in _DETERMINERS for w, _, _ in words[max(0, i - 3):i]):
        return True
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1][0].rstrip(".")
    return nxt.isalpha() and nxt.islower() and nxt not in _VERB_S and nxt not in _FOLLOWERS and (
        nxt.endswith("s") and len(nxt) > 3 or nxt in _COMPOUND_HEADS
    )


# Words after a person noun that show it is the person ("the worker who ...", "a man in ...").
_FOLLOWERS = frozenset("who whom whose that which and or but in at of from for with on to as is was has had".split())
# Nouns a person noun often modifies in news ("a student visa", "worker safety").
_COMPOUND_HEADS = frozenset("visa card union safety group camp permit program programme rights id".split())
