"""A speaker tracker for English documents: who is mentioned, what kind of entity each is, which
mentions name the same entity, and who spoke last.

Read a document sentence by sentence (``SpeakerTracker.add``). Each sentence gives mentions, typed
as a person (with a gender when a title, a gendered noun or a resolved he/she gives one), people,
an organisation, a publication (newspaper, news agency, report, statement) or a place. Mentions are
linked into entities: personal names by surname or family name (Kim Young-gyo / Mr. Kim / Kim),
organisations by name, acronym (Food and Drug Administration / FDA) and head noun (the State
Department / the department; Yonhap / the agency), he/she to the most salient matching person,
it/they to an organisation, a title in apposition to the name before it ("Mitch McConnell, the Senate
Majority Leader,"), and a lone surname to the person named in full before ("Adam Kokesh ... Kokesh ran").
Datelines ("SEOUL (Yonhap) --", "(CNN) --") make their agency a speaker of the whole document; a byline
("By Kim Young-gyo", "Reporter Kim Young-gyo reports.") names the writer, who is nobody's antecedent, and
the story's own outlet (a byline's "Economic Observer reporter ...", a headline's "- Economic Observer")
is marked as its publisher.

``candidates`` ranks the entities a pronoun at a given place may stand for, by salience: recent
mentions count more, and the subject of a reporting verb (a speaker) most. The attribution check
(checks/attribution.py) decides from that ranking whether a reporting pronoun is garbled.

Rule-based and fast (no parser): tuned on GUM's train split only; measured on its dev and test
splits by review_app/evaluation/tracker.py.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import (
    CALENDAR,
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
    THING_ACRONYMS,
    TITLES,
)
from .mentions import ORG, PEOPLE, PERSON, classify_phrase, display_name, noun_gender, org_phrase, subject_of
from .names import bare, is_capitalised, is_org_head, is_place, is_place_name, name_end, tokens
from .reporting import ADVERBS, REPORTING, is_speech

PUBLICATION, PLACE = "publication", "place"
UNNAMED = "unnamed"  # in ``SpeakerTracker.add``'s resolved: a pronoun judged garbled whose speaker is unknown
ORG_LIKE = frozenset({ORG, PUBLICATION})
SPEAKER, SUBJECT, OTHER, BYLINE = "speaker", "subject", "other", "byline"
PUBLISHER = "publisher"  # the outlet named in a byline or a headline's site tail

# Heads of a publication's name or description: what a "publication or report" is.
PUBLICATION_HEADS = frozenset(
    """newspaper paper daily magazine journal broadcaster network station channel wire agency report statement
    communique communiqué announcement study survey poll document letter article editorial release analysis
    website site times post herald tribune gazette news press television radio tv ilbo sinmun shimbun
    yonhap xinhua reuters afp ap kcna nhk kyodo cnn bbc voa rfa interfax tass itar-tass bloomberg""".split()
)
NEWS_AGENCIES = frozenset(
    "yonhap xinhua reuters afp ap kcna kyodo interfax tass itar-tass bloomberg agence france-presse".split())
# What a second mention may call an entity of this class ("Yonhap" ... "the agency").
_CLASS_HEADS = {
    "agency": ("agency",),
    "news agency": ("agency", "news agency", "wire service", "service"),
    "newspaper": ("newspaper", "paper", "daily", "publication"),
    "state": ("government", "country", "regime", "state", "nation", "administration"),
    "broadcaster": ("broadcaster", "network", "station", "channel"),
}
_ALL_CLASS_HEADS = frozenset(h for heads in _CLASS_HEADS.values() for h in heads)
# Last words of a name that "the agency" may stand for ("the Food and Drug Administration").
_AGENCY_HEADS = frozenset("agency administration service bureau commission authority".split())
_NEWSPAPER_WORDS = frozenset("times post herald tribune gazette journal daily ilbo sinmun shimbun guardian "
                             "telegraph independent chronicle observer globe sun mirror".split())
_BROADCASTERS = frozenset("cnn bbc nhk voa rfa kbs mbc sbs ytn abc nbc cbs fox msnbc cctv".split())
# Names in the lexicon's organisation heads ("Yonhap", "Pentagon"): names, not descriptions.
_PROPER_HEADS = frozenset({w.lower() for w in ORG_NAMES} | NEWS_AGENCIES | _BROADCASTERS | {
    "pentagon", "kremlin", "kcna", "rodong", "sinmun", "tass", "itar-tass", "nhk", "voa", "rfa"})
_PRONOUNS = {"he": (PERSON, "m"), "she": (PERSON, "f"), "it": (ORG, None), "they": (PEOPLE, None)}
_DEFINITE = re.compile(r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+(?P<mods>(?:[a-z][\w'’-]*\s+){0,3}?)"
                       r"(?P<head>[a-z][\w-]*)\b")
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .,'-]{1,40}?\s*)?\((?P<org>[A-Z][\w .&-]{1,40})\)\s*(?:[-—–]+|:)")
_BYLINE = re.compile(r"^(?:By|Reporter|Correspondent|Written by)\s+(?P<name>(?:[A-Z][\w'’-]*\s*){1,4})")
_REPORTER_REPORTS = re.compile(r"^(?:Reporter|Correspondent)\s+(?P<name>(?:[A-Z][\w'’-]*\s*){1,4}?)\s+reports\.?$")
# The outlet that wrote the story, named at its top: a byline with the outlet ("Economic Observer reporter
# Chen Shan", "Xinhua correspondent Li Hua": how Chinese and Korean news opens, often merged into the next
# sentence by MT) or a headline's site tail ("... - Economic Observer - a professional financial news
# website"). The outlet reports ("China News Network reported on February 11" is how MT renders a Chinese
# dateline) but announces nothing: the attribution check ranks it last for other verbs.
_OUTLET_BYLINE = re.compile(r"^[“\"]?(?P<outlet>(?:[A-Z][\w'’.&-]*\s+){1,5}?)(?:[Rr]eporters?|[Cc]orrespondents?)"
                            r"\s+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)")
_SITE_TAIL = re.compile(r"\S\s+[-–—|－]\s*(?P<outlet>[A-Z][^-–—|－:]{1,50}?)(?:\s*[-–—|－]\s*[^-–—|－]{1,60})?\s*$")
REACH = 5  # sentences before a pronoun in which an entity counts as in reach


@dataclass(frozen=True)
class Mention:
    sentence: int
    start: int
    end: int
    text: str
    kind: str
    gender: str | None = None
    role: str = OTHER
    plural: bool = False
    pronoun: bool = False


@dataclass
class Entity:
    id: int
    kind: str
    name: str  # how a repair names it
    gender: str | None = None
    plural: bool = False
    keys: frozenset[str] = frozenset()  # lower-case names, surnames, acronyms, head nouns
    mentions: list[Mention] = field(default_factory=list)
    document_speaker: bool = False  # a dateline's agency: in reach everywhere

    @property
    def org_like(self) -> bool:
        return self.kind in ORG_LIKE

    def last(self, before: tuple[int, int]) -> Mention | None:
        earlier = [m for m in self.mentions if (m.sentence, m.start) < before]
        return earlier[-1] if earlier else None

@dataclass(frozen=True)
class Candidate:
    entity: Entity
    salience: float
    last: Mention  # its last mention before the pronoun


# -- reading one sentence ------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def read_sentence(text: str) -> tuple[Mention, ...]:
    """The mentions in one sentence (sentence index 0; ``SpeakerTracker`` renumbers them), in order,
    without overlaps: speakers first, then names, descriptions and pronouns."""
    found: list[Mention] = []
    _add(found, _dateline(text))
    _add(found, _byline(text))
    for mention in _outlet_byline(text):
        _add(found, mention)
    for mention in _speakers(text):
        _add(found, mention)
    _add(found, _site_tail(text))
    for mention in _possessed_orgs(text):
        _add(found, mention)
    for mention in _named_descriptions(text):
        _add(found, mention)
    for mention in _names(text):
        _add(found, mention)
    for mention in _descriptions(text):
        _add(found, mention)
    for mention in _pronouns(text):
        _add(found, mention)
    for subject in _subject_mentions(text, found):
        found[found.index(subject)] = _with_role(subject, SUBJECT)
    return tuple(sorted(found, key=lambda m: m.start))


def _add(found: list[Mention], mention: Mention | None) -> None:
    if mention is None or mention.start >= mention.end:
        return
    if any(m.start < mention.end and mention.start < m.end for m in found):
        return
    found.append(mention)


def _with_role(m: Mention, role: str) -> Mention:
    return Mention(m.sentence, m.start, m.end, m.text, m.kind, m.gender, role, m.plural, m.pronoun)


def _dateline(text: str) -> Mention | None:
    m = _DATELINE.match(text)
    if m is None:
        return None
    return Mention(0, m.start("org"), m.end("org"), m.group("org").strip(), PUBLICATION, role=SPEAKER)


def _byline(text: str) -> Mention | None:
    m = _REPORTER_REPORTS.match(text) or _BYLINE.match(text)
    if m is None or len(text) > 80:
        return None
    name = m.group("name").strip()
    start = m.start("name")
    return Mention(0, start, start + len(name), name, PERSON, role=BYLINE)


def _outlet_byline(text: str) -> list[Mention]:
    """ "Economic Observer reporter Chen Shan": the outlet and its writer (a name of two words at most: MT
    runs the byline into the next sentence)."""
    m = _OUTLET_BYLINE.match(text)
    outlet = _outlet(text, m) if m else None
    if outlet is None:
        return []
    return [outlet, Mention(0, m.start("name"), m.end("name"), m.group("name"), PERSON, role=BYLINE)]


def _site_tail(text: str) -> Mention | None:
    m = _SITE_TAIL.search(text)
    return _outlet(text, m) if m and len(text[:m.start("outlet")].split()) >= 3 else None


def _outlet(text: str, match: re.Match) -> Mention | None:
    """The outlet a byline or site tail names."""
    mention = _typed(text, match.start("outlet"), match.end("outlet"), PUBLISHER)
    if mention is None or not (mention.kind in ORG_LIKE or _media_name(mention.text)):
        return None
    kind = PUBLICATION if _media_name(mention.text) else mention.kind  # "Economic Observer" reads as a person
    return Mention(0, mention.start, mention.end, mention.text, kind, role=PUBLISHER)


def _speakers(text: str) -> list[Mention]:
    """Subjects of reporting verbs: "the State Department said", "..., said the ministry",
    "according to Yonhap"."""
    out = []
    for match in REPORTING.finditer(text):
        if match.group(0)[0].isupper() or not is_speech(text, match.group(0), match.end()):
            continue
        span = subject_of(text, match.start(), match.end())
        if span is not None and WHEN.fullmatch(text[span[0]:span[1]].strip(" ,")):
            span = subject_of(text, *span)  # "Neil Basu, on Sunday said": the subject is before the time
        if span is None:
            continue
        start, end = span
        while start < end and text[start] in "\"“”‘’' ":
            start += 1
        phrase = text[start:end]
        last_word = phrase.split()[-1].lower() if phrase.split() else ""
        if last_word in _PRONOUNS or last_word in {"i", "we", "you"}:
            continue  # "pictures of Iraqis they say ...": the pronoun is the subject (read by _pronouns)
        mention = _typed(text, start, end, SPEAKER)
        if mention is not None:
            out.append(mention)
    for match in re.finditer(r"\b[Aa]ccording to\s+(?P<np>[^,.;]+)", text):
        mention = _typed(text, match.start("np"), match.end("np"), SPEAKER)
        if mention is not None:
            out.append(mention)
    return out


# A time said between a subject and its verb, or after the verb: "on Sunday", "last week", "yesterday".
WHEN = re.compile(r"(?:on|last|this|early|late|earlier|later)\s+\w+|yesterday|today|earlier|later|then",
                   re.IGNORECASE)


def _typed(text: str, start: int, end: int, role: str) -> Mention | None:
    lead = re.match(r"(?:(?:and|but|so|while|as|or|yet|then)\s+)+", text[start:end], re.IGNORECASE)
    start += lead.end() if lead else 0
    # "The United Nations (UN) emergency relief coordinator Jan Egeland": an acronym in brackets is an
    # aside; blanked (offsets kept), it no longer cuts the title off the name.
    phrase = _ACRONYM_ASIDE.sub(lambda m: " " * len(m.group(0)), text[start:end])
    kind, gender, plural = classify_phrase(phrase)
    head = _head(phrase)
    words = [w for w, _, _ in tokens(phrase)]
    titled = _after_title(words) if words and words[-1][:1].isupper() else None
    if titled:  # "municipal government spokeswoman Wang Zhaoqian", "Tech police chief Wendell Flinchum"
        kind, gender, plural = PERSON, _title_gender(titled) or noun_gender(titled.lower()), False
    if kind == PERSON and not titled and not gender and _agency_or_site(phrase):
        kind = ORG  # "Agence France-Presse reported", "Znak.com reported": no person's name
    if kind is None:
        return None
    # "the Church", "the Joint Chiefs of Staff": a capitalised name after "the" is no person; "The Wooster
    # professor" and "the BBC's Rachel Harvey" are.
    if kind == PERSON and re.match(r"[Tt]he\s+[A-Z]", phrase.strip()) and not gender and not titled and (
            head not in PERSON_NOUNS) and not _POSSESSED_NAME.match(phrase.strip()):
        kind = ORG
    singular = re.sub(r"ies$", "y", head) if head.endswith("ies") else head.removesuffix("s")  # "news agencies"
    if kind == ORG and (head in PUBLICATION_HEADS or singular in PUBLICATION_HEADS or _media_name(phrase)):
        kind = PUBLICATION
    if kind == ORG and _all_places(phrase) and role != SPEAKER:
        kind = PLACE
    if kind == PERSON and head in PLURAL_PERSON_NOUNS:
        kind = PEOPLE
    # The name itself, not the whole phrase: "the US State Department defined ..." -> "the US State
    # Department", "the ministry in Seoul" -> "the ministry".
    trimmed = org_phrase(phrase) if kind in ORG_LIKE else _person_phrase(phrase)
    if not trimmed:
        return None
    return Mention(0, start, start + len(trimmed), " ".join(trimmed.split()), kind, gender, role, plural)


# " (UN)" before a lower-case word: an acronym in brackets inside a longer phrase.
_ACRONYM_ASIDE = re.compile(r"\s\([A-Z][A-Z.&]{1,7}\)(?=\s+[a-z])")
# "the BBC's Rachel Harvey": a name of two capitalised words after the possessive is the person's.
_POSSESSED_NAME = re.compile(r"[Tt]he\s+[^,]*?['’]s\s+[A-Z][a-z]+\s+[A-Z][a-z]+$")


def _person_phrase(phrase: str) -> str:
    """ "another North Korean worker had entered Russia" -> "another North Korean worker"."""
    words = tokens(phrase)
    for i, (word, start, _) in enumerate(words[1:], start=1):
        if word in {",", "(", "who", "which", "that"} or word.lower() in _VERBISH or (
                word.islower() and word.endswith("ed")):
            return phrase[:words[i - 1][2]].strip(" ,")
    return phrase.strip(" ,")


def _head(phrase: str) -> str:
    words = [bare(w).lower() for w, _, _ in tokens(re.split(r",|\s(?:of|for|in|at|on|from|who|which)\s", phrase)[0])]
    words = [w for w in words if w.isalnum() or "-" in w]
    return words[-1] if words else ""


def _media_name(phrase: str) -> bool:
    words = {bare(w).lower() for w in phrase.split()}
    # A web address names a site that publishes ("Znak.com").
    return bool(words & (NEWS_AGENCIES | _NEWSPAPER_WORDS | _BROADCASTERS)) or bool(_WEB_NAME.search(phrase))


def _agency_or_site(phrase: str) -> bool:
    """A short name with a news agency's word or a web address in it."""
    words = phrase.split()
    return len(words) <= 4 and (bool({bare(w).lower() for w in words} & NEWS_AGENCIES) or bool(_WEB_NAME.search(phrase)))


_WEB_NAME = re.compile(r"\w\.(?:com|org|net|info|co\.uk|ru|de|fr)\b")


def _all_places(phrase: str) -> bool:
    words = [w for w in phrase.split() if w.lower() not in {"the", "of", "and"}]
    return bool(words) and all(is_place(w) for w in words)


def _names(text: str) -> list[Mention]:
    """Capitalised names: persons, organisations, places, acronyms."""
    words = tokens(text)
    out = []
    i = 0
    while i < len(words):
        word = words[i][0]
        if not (is_capitalised(word) and word[0].isalpha()):
            i += 1
            continue
        j = name_end(words, i)
        mention = _name(text, words, i, j)
        if mention is not None:
            out.append(mention)
        i = j
    return out


def _name(text: str, words, i: int, j: int) -> Mention | None:
    run = words[i:j]
    while run and bare(run[0][0]) in NON_NAME_WORDS and bare(run[0][0]) not in TITLES:
        run = run[1:]
    if not run:
        return None
    start, end = run[0][1], run[-1][2]
    if text[end - 1:end] == "." and not re.fullmatch(r"(?:[A-Z]\.)+", run[-1][0]) and run[-1][0] not in TITLES:
        end -= 1
    plain = [bare(w) for w, _, _ in run]
    content = [w for w in plain if w.lower() not in {"of", "and", "for", "the", "&", "on", "de"}]
    if not content:
        return None
    before = words[i - 1][0].lower() if i > 0 else ""
    after = words[j][0].lower() if j < len(words) else ""
    phrase = text[start:end]
    if content[0] in MALE_TITLES or content[0] + "." in MALE_TITLES:
        return Mention(0, start, end, phrase, PERSON, "m")
    if content[0] in FEMALE_TITLES or content[0] + "." in FEMALE_TITLES:
        return Mention(0, start, end, phrase, PERSON, "f")
    lowered = [w.lower() for w in content]
    titled = _after_title(content)
    if titled:
        # "Chinese Foreign Minister Yang Jiechi", "Ministry Spokesman Qin Gang": a title, then the name.
        return Mention(0, start, end, phrase, PERSON, _title_gender(titled))
    if all(w in CALENDAR for w in content):
        return None  # "Friday", "March": when, not where (an "its" after them is no month's)
    if len(content) == 1 and content[0] in THING_ACRONYMS:
        return None  # "GDP", "HIV": no one
    # A gazetteer's one-word name only after "in", "from"...: "Paris" may be a woman, "Houston" a man.
    if all(is_place(w) or w in _COUNTRY_ACRONYMS or w.capitalize() in PLACES for w in content) or (
            is_place_name(" ".join(content)) and (len(content) > 1 or before in _PLACE_PREPOSITIONS)):
        if after.isalpha() and after.islower() and content[-1].endswith(("an", "ese", "ish", "i", "ch")):
            return None  # "North Korean workers": a nationality describing a noun
        return Mention(0, start, end, phrase, PLACE)  # "Moscow", "the U.S." (as a speaker, _typed makes it an org)
    if len(content) > 1 and lowered[-1] in PERSON_NOUNS and not is_org_head(lowered[-1]):
        return Mention(0, start, end, phrase, PERSON)  # "the Republican Senate Majority Leader": a title
    if any(is_org_head(w) for w in lowered) or any(w in ORG_NAMES for w in content) or _acronym(content) or (
            content[-1] in CAPITALISED_ORG_ENDS or _media_name(phrase)):  # "The Guardian", "the Deseret News"
        kind = PUBLICATION if (lowered[-1] in PUBLICATION_HEADS or _media_name(phrase)) else ORG
        if before == "the" and start >= 4:
            start -= 4
        if after in ORG_HEADS or after in PUBLICATION_HEADS:
            return None  # "the Yonhap news agency": the description reads it whole
        return Mention(0, start, end, text[start:end], kind, plural=lowered[-1] in PLURAL_ORGS)
    if content[-1] in _THING_HEADS or before in {"‘", "“", '"'} or is_place(content[0]):
        return None  # "the SDN List", a quoted title, "Russian Far East"
    if content[0] in TITLES and len(content) > 1:
        return Mention(0, start, end, phrase, PERSON, _title_gender(content[0]))
    if any(w in NON_NAME_WORDS or is_place(w) or w in _COUNTRY_ACRONYMS for w in content) or not all(
            c[:1].isupper() for c in content):  # "Industry-wide US car sales": no name
        return None
    if after in PERSON_NOUNS or after in ORG_HEADS or before in {"the", "a", "an"}:
        return None  # a name used as a modifier: "the Kim Jong-un regime", "a Pulitzer winner"
    if any(ch.isdigit() for ch in phrase) or any(w.endswith(("’s", "'s")) for w, _, _ in run[:-1]):
        return None  # "IE6", "Milan's Piazza"
    if len(content) == 1 and content[0].endswith("s") and is_place(content[0][:-1]):
        return Mention(0, start, end, phrase, PEOPLE)  # "Greeks", "Russians"
    opens = all(not w[0].isalnum() for w, _, _ in words[:i])
    if len(content) == 1 and opens and (content[0].lower() in PLURAL_PERSON_NOUNS or content[0].endswith("ers")):
        return Mention(0, start, end, phrase, PEOPLE)  # "Protesters had blocked roads": a common noun
    if len(content) >= 2 and before not in _PLACE_PREPOSITIONS or after in _VERBISH or (
            opens and after.isalpha() and after.islower() and after.endswith("ed")):  # "Du blamed ..."
        return Mention(0, start, end, phrase, PERSON)
    return None


_COUNTRY_ACRONYMS = frozenset("US U.S. UK U.K. USA U.S.A. UAE ROK DPRK PRC".split())
_PLACE_PREPOSITIONS = frozenset("in at of from into near to across outside inside via".split())


# Last words of capitalised names that are things, not people ("the SDN List", "Expo Park").
_THING_HEADS = frozenset(
    """List Act Law Report Program Programme Agreement Treaty Plan Project Initiative Prize Award Festival Day
    War Games Cup Street Road Avenue Square Bridge Building Tower Hall Park Center Centre Museum Airport Station
    Line Index Fund Summit Forum Conference Convention Protocol Accord Declaration Resolution Code Rule Rules
    Bill Constitution Trophy Series Championship Tournament League Mountains Lake River Sea Island Islands Valley
    Church Cathedral Temple Palace Castle Stadium Arena Hotel Hospital School University College Zone Region
    Province District County State Coast Peninsula Gulf Bay Desert Forest Canal Dam Port Harbor Harbour""".split()
)


# After a lone capitalised word, a word that shows it is a person's surname ("Sanchez said").
_VERBISH = frozenset("said says told added explained noted asked wrote is was has had will would who".split())


_RANKS = frozenset("chief head spokesperson".split())


def _after_title(content: list[str]) -> str | None:
    """The title in a run that has a personal name after it ("Foreign Minister Yang Jiechi" -> "Minister")."""
    for k, word in enumerate(content[:-1]):
        if word in TITLES or word + "." in TITLES or word.lower() in PERSON_NOUNS | _RANKS:
            rest = content[k + 1:]
            if rest and not any(is_org_head(w.lower()) or w in TITLES or is_place(w) for w in rest) and all(
                    w[:1].isupper() and not w.isupper() for w in rest):
                return word
    return None


def _acronym(content: list[str]) -> bool:
    return len(content) == 1 and 2 <= len(content[0].replace(".", "")) <= 6 and \
        content[0].replace(".", "").isalpha() and content[0].replace(".", "").isupper()


def _title_gender(title: str) -> str | None:
    if title in MALE_TITLES or title + "." in MALE_TITLES or title.lower() in MALE_NOUNS:
        return "m"
    if title in FEMALE_TITLES or title + "." in FEMALE_TITLES or title.lower() in FEMALE_NOUNS:
        return "f"
    return None


def _descriptions(text: str) -> list[Mention]:
    """Definite descriptions: "the department", "the agency", "its report", "the spokesman"."""
    out = []
    for m in _DEFINITE.finditer(text):
        head = m.group("head").lower()
        start, end = m.start(), m.end()
        nxt = text[end:end + 12].lstrip()
        if nxt[:1].isalpha() and nxt.split()[0].lower() in (ORG_HEADS | PERSON_NOUNS):
            continue  # "the department store", "the ministry spokesman": the next word is the head
        if head == "news" and not m.group("mods"):
            continue  # "after hearing the news of her death": what was heard, not a broadcaster
        if is_org_head(head):
            kind = PUBLICATION if head in PUBLICATION_HEADS or head.rstrip("s") in PUBLICATION_HEADS else ORG
            plural = head in PLURAL_ORGS or (head.endswith("s") and head not in ORG_HEADS)
            out.append(Mention(0, start, end, text[start:end], kind, plural=plural))
        elif head in PLURAL_PERSON_NOUNS:
            out.append(Mention(0, start, end, text[start:end], PEOPLE))
        elif head in PERSON_NOUNS:
            out.append(Mention(0, start, end, text[start:end], PERSON, noun_gender(head)))
    for m in re.finditer(r"\b[a-z]+\b", text):
        if m.group(0) in PLURAL_PERSON_NOUNS:  # "researchers say", "some parents": people
            out.append(Mention(0, m.start(), m.end(), m.group(0), PEOPLE))
        elif m.group(0) in _BARE_PLURAL_ORGS:  # "police in Clairton responded": English calls them "they"
            out.append(Mention(0, m.start(), m.end(), m.group(0), ORG, plural=True))
    for m in _INDEFINITE.finditer(text):
        words = re.findall(r"\S+", text[m.end():m.end() + 60])[:4]
        for k, word in enumerate(words[:3]):
            head = word.strip(",.;:")
            if head in PERSON_NOUNS:
                following = words[k + 1].strip(",.;:") if k + 1 < len(words) and word == head else ""
                if not following[:1].isalpha() or following in _AFTER_PERSON:
                    end = text.index(head, m.end()) + len(head)
                    out.append(Mention(0, m.start(), end, text[m.start():end], PERSON, noun_gender(head)))
                break
            if not word.isalpha() or not word.islower():
                break
    return out


_BARE_PLURAL_ORGS = frozenset({"police", "authorities"})


def _possessed_orgs(text: str) -> list[Mention]:
    """ "South Korea's central bank", "Japan's foreign ministry": an organisation named by its owner."""
    out = []
    for m in _POSSESSED_ORG.finditer(text):
        position = m.end()
        for word in re.findall(r"\S+", text[m.end():m.end() + 50])[:3]:
            head = word.strip(",.;:")
            position = text.index(word, position) + len(head)
            if is_org_head(head):
                after = text[position:position + 20].split()
                if head == word and after and after[0].strip(",.;:").lower() in PERSON_NOUNS:
                    break  # "Jerusalem's police chief": a person
                kind = PUBLICATION if head in PUBLICATION_HEADS else ORG
                out.append(Mention(0, m.start(), position, text[m.start():position], kind,
                                   plural=head in PLURAL_ORGS))
                break
            if head != word or not head.isalpha() or not head.islower():
                break
    return out


def _named_descriptions(text: str) -> list[Mention]:
    """ "the Singapore government", "the Iraqi government", "the Trump administration": an organisation
    head after capitalised modifiers, which neither a name nor a plain description reads whole."""
    out = []
    for m in _NAMED_DESCRIPTION.finditer(text):
        head = m.group("head").lower()
        after = text[m.end():m.end() + 20].split()
        if not is_org_head(head) or (after and after[0].strip(",.;:").lower() in ORG_HEADS | PERSON_NOUNS):
            continue  # "the Singapore government spokesman": the next word is the head
        kind = PUBLICATION if head in PUBLICATION_HEADS else ORG
        out.append(Mention(0, m.start(), m.end(), m.group(0), kind, plural=head in PLURAL_ORGS))
    return out


_NAMED_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?P<head>[a-z][\w-]*)\b")
_INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+")
# Words after a person noun that show it is the person ("a new envoy to Washington", "a man who").
_AFTER_PERSON = frozenset("who whom whose to in at of from for with said says told was is has had and or but on "
                          "named called".split())
_POSSESSED_ORG = re.compile(r"\b(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*['’]s\s+")


def _pronouns(text: str) -> list[Mention]:
    out = []
    for m in re.finditer(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Hh]im|[Hh]is|[Hh]er|[Tt]hem|[Tt]heir|[Ii]ts)\b", text):
        word = m.group(0).lower()
        base = {"him": "he", "his": "he", "her": "she", "them": "they", "their": "they", "its": "it"}.get(word, word)
        kind, gender = _PRONOUNS[base]
        if base == "it" and _pleonastic(text, m.end()):
            continue
        role = OTHER
        if word in _PRONOUNS:
            # "He said", "he also told": a pronoun speaking is a speaker like any name.
            report = REPORTING.match(text, _skip_adverbs(text, m.end()))
            role = SPEAKER if report and is_speech(text, report.group(0), report.end()) else SUBJECT
        out.append(Mention(0, m.start(), m.end(), m.group(0), kind, gender, role, base == "they", pronoun=True))
    return out


_ADVERB_RUN = re.compile(rf"\s+{ADVERBS}")


def _skip_adverbs(text: str, end: int) -> int:
    m = _ADVERB_RUN.match(text, end)
    return m.end() if m else end


def _pleonastic(text: str, end: int) -> bool:
    """ "It is clear that", "it was reported": an "it" that stands for nothing."""
    return re.match(r"\s+(?:is|was|has been|had been|would be|will be|seems|appears|remains|became|takes|took)\b",
                    text[end:]) is not None


def _subject_mentions(text: str, found: list[Mention]) -> list[Mention]:
    """The mentions that open the sentence's main clause and any clause after a colon ("'Fund E account'
    is coming: the SFC authorized ..."): their subjects, if they are not speakers already."""
    opener = re.match(r"\s*[“\"‘']?(?:(?:[A-Z][a-z]+ly|However|Meanwhile|Earlier|Later|Also|But|And|So|Then|Now|"
                      r"In \w+(?: \w+)?|On \w+(?: \w+)?|Last \w+|This \w+)\s*,?\s+)?", text)
    start = opener.end() if opener else 0
    positions = {start} | {m.end() for m in re.finditer(r":\s+", text)}
    # "Opposition leader Sam Rainsy called ...": a person's name after the title that opens the sentence.
    title = _OPENING_TITLE.match(text, start)
    titled = title.end() if title and title.group("noun") in PERSON_NOUNS else None
    return [m for m in found if m.role == OTHER and (m.start in positions or m.start == titled and m.kind == PERSON)]


_OPENING_TITLE = re.compile(r"(?:[A-Z][\w-]*\s+){0,2}(?P<noun>[a-z]+)\s+(?=[A-Z])")


# -- the document --------------------------------------------------------------------------------


class SpeakerTracker:
    """Entities of one document, built sentence by sentence."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.sentences: dict[int, str] = {}
        self.mentions: list[tuple[Mention, Entity]] = []
        self.surnames: set[str] = set()  # of people named in full so far ("kokesh" after "Adam Kokesh")

    # reading

    def add(self, text: str, resolved: dict[int, Entity | str | None] | None = None,
            number: int | None = None) -> list[tuple[Mention, Entity]]:
        """Read the next sentence (``number``: its place in the document, if sentences were skipped);
        ``resolved`` maps the start of a pronoun whose antecedent the caller has decided (a garbled
        "He" that is the ministry) to that entity, or to UNNAMED (garbled, for a speaker nobody named).
        Returns the sentence's linked mentions."""
        number = (max(self.sentences) + 1 if self.sentences else 0) if number is None else number
        self.sentences[number] = text
        linked = []
        for raw in self._with_surnames(text, read_sentence(text)):
            mention = Mention(number, raw.start, raw.end, raw.text, raw.kind, raw.gender, raw.role, raw.plural,
                              raw.pronoun)
            named = _apposed(text, linked[-1] if linked else None, mention)
            if named is not None:
                entity = named  # "Francis D'Souza, previously the Deputy Chief Minister of Goa": one person
            elif resolved and mention.start in resolved:
                entity = resolved[mention.start]
                if entity is UNNAMED:
                    continue  # a garbled "He" for a speaker nobody named: no person to take up later
                entity = entity if entity is not None else self._resolve_pronoun(mention)
            elif mention.pronoun:
                entity = self._resolve_pronoun(mention)
            else:
                entity = self._link(mention)
            if entity is None:
                continue
            entity.mentions.append(mention)
            dateline = _DATELINE.match(text) if number == 0 else None
            if dateline and mention.start == dateline.start("org"):
                entity.document_speaker = True  # "SEOUL (Yonhap) --": the agency speaks for the whole story
            linked.append((mention, entity))
            self.mentions.append((mention, entity))
            self.surnames |= _surname(mention)
        return linked

    def _with_surnames(self, text: str, found: tuple[Mention, ...]) -> list[Mention]:
        """The sentence's mentions and the lone surnames of people named in full before ("Kokesh ran for
        Congress", "with Zinichev describing ..."), which the sentence alone does not tell from other
        capitalised words."""
        if not self.surnames:
            return list(found)  # nobody named in full yet: no scan (this runs on every sentence checked)
        extra = [Mention(0, m.start(), m.start() + len(bare(m.group())), bare(m.group()), PERSON)
                 for m in re.finditer(r"\b[A-Z][\w'’-]+", text) if bare(m.group()).lower() in self.surnames and
                 not any(f.start < m.end() and m.start() < f.end for f in found)]
        if not extra:
            return list(found)
        for subject in _subject_mentions(text, extra):
            extra[extra.index(subject)] = _with_role(subject, SUBJECT)
        return sorted([*found, *extra], key=lambda m: m.start)

    def _new(self, mention: Mention, name: str | None = None) -> Entity:
        entity = Entity(len(self.entities), mention.kind, name or _clean_name(mention.text), mention.gender,
                        mention.plural)
        entity.keys = _keys(mention)
        self.entities.append(entity)
        return entity

    def _link(self, mention: Mention) -> Entity:
        keys = _keys(mention)
        if mention.role == BYLINE:
            return self._new(mention)
        for entity in reversed(self.entities):
            if self._same(entity, mention, keys):
                entity.keys = entity.keys | keys
                if mention.gender and not entity.gender:
                    entity.gender = mention.gender
                if _better_name(mention, entity):
                    entity.name = _clean_name(mention.text)
                return entity
        return self._new(mention)

    def _same(self, entity: Entity, mention: Mention, keys: set[str]) -> bool:
        if mention.kind in ORG_LIKE:
            if not entity.org_like and entity.kind != PLACE:
                return False
            definite = _is_description(mention.text)
            if definite:
                # "the department" is the last organisation called a department; "the agency" Yonhap.
                return _head(mention.text) in entity.keys
            return bool(keys & entity.keys - _head_keys(entity.keys))
        if mention.kind == PLACE:
            return entity.kind in (PLACE, ORG) and bool(keys & entity.keys - _head_keys(entity.keys))
        if mention.kind == PERSON and entity.kind == PERSON:
            if mention.gender and entity.gender and mention.gender != entity.gender:
                return False
            if _is_description(mention.text):
                return _head(mention.text) in entity.keys and self._recent(entity, 3)
            return bool(keys & entity.keys)
        if mention.kind == PEOPLE and entity.kind == PEOPLE:
            return _is_description(mention.text) and _head(mention.text) in entity.keys and self._recent(entity, 3)
        if mention.kind == PERSON and entity.kind == ORG and not mention.gender:
            return bare(_clean_name(mention.text)).lower() == entity.name.lower()  # a name found to be a company's
        return False

    def _recent(self, entity: Entity, sentences: int) -> bool:
        return bool(entity.mentions) and entity.mentions[-1].sentence >= max(self.sentences) - sentences

    def _resolve_pronoun(self, mention: Mention) -> Entity | None:
        word = mention.text.lower()
        base = {"him": "he", "his": "he", "her": "she", "them": "they", "their": "they", "its": "it"}.get(word, word)
        if mention.role == SPEAKER:
            # "..., they said": a pronoun speaking goes on with the last speaker it fits.
            last = self.last_speaker(mention.sentence, mention.start)
            if last and fits_pronoun(last[0], base):
                return last[0]
        ranked = self.candidates(base, mention.sentence, mention.start)
        fits = [c for c in ranked if fits_pronoun(c.entity, base)]
        if base == "they":
            # People first, then organisations English calls "they" (the police), then any other.
            fits.sort(key=lambda c: (c.entity.kind != PEOPLE, not c.entity.plural))
        if fits:
            entity = fits[0].entity
            if base in ("he", "she") and not entity.gender:
                entity.gender = "m" if base == "he" else "f"
            return entity
        if word == "its":
            return _named_company(ranked, mention)
        if base in ("he", "she"):
            # Nobody named fits: the pronoun's own person (named before the document starts, or far back).
            return self._new(mention, name=mention.text)
        return None

    # asking

    def candidates(self, pronoun: str, sentence: int, position: int, reach: int = REACH) -> list[Candidate]:
        """Entities mentioned before (sentence, position) within ``reach`` sentences, the most salient first."""
        here = (sentence, position)
        ranked = []
        for entity in self.entities:
            score, last = 0.0, None
            for m in entity.mentions:
                if (m.sentence, m.start) >= here or m.role == BYLINE:
                    continue
                distance = sentence - m.sentence
                if distance > reach and not entity.document_speaker:
                    continue
                weight = {SPEAKER: 1.0, SUBJECT: 0.7}.get(m.role, 0.35)
                score += weight * 0.5 ** min(distance, reach)
                last = m
            if last is not None:
                ranked.append(Candidate(entity, score, last))
        return sorted(ranked, key=lambda c: (-c.salience, -c.last.sentence, -c.last.start))

    def entity_at(self, sentence: int, start: int) -> Entity | None:
        """The entity of the mention that starts at ``start`` in sentence ``sentence``."""
        for mention, entity in self.mentions:
            if mention.sentence == sentence and mention.start == start:
                return entity
        return None

    def last_speaker(self, sentence: int, position: int, reach: int = REACH) -> tuple[Entity, Mention] | None:
        """Who spoke last before (sentence, position): the entity of the latest reporting-verb subject."""
        for mention, entity in reversed(self.mentions):
            if (mention.sentence, mention.start) >= (sentence, position) or mention.role != SPEAKER:
                continue
            if sentence - mention.sentence > reach:
                return None
            return entity, mention
        return None


def _named_company(ranked: list[Candidate], mention: Mention) -> Entity | None:
    """ "Time Warner's plans to expand its entry": with no organisation in reach, an "its" whose sentence
    names someone read as a person only because the name is capitalised (no title, no gender, never a
    "he" or "she") shows that name is a company's; it becomes one, and "its" stands for it."""
    here = [c for c in ranked if c.last.sentence == mention.sentence and c.entity.kind == PERSON]
    if len(here) != 1:
        return None
    entity = here[0].entity
    if entity.gender or any(m.pronoun or m.gender or m.kind != PERSON for m in entity.mentions) or \
            not all(w[:1].isupper() for w in entity.name.split()) or len(entity.name.split()) > 3:
        return None
    entity.kind = ORG
    return entity


def _apposed(text: str, before: tuple[Mention, Entity] | None, mention: Mention) -> Entity | None:
    """The person a title in apposition names: "Mitch McConnell, the Republican Senate Majority Leader,"."""
    if before is None or before[1].kind != PERSON or mention.kind != PERSON or mention.pronoun:
        return None
    head = mention.text.split()[-1].lower() if mention.text.split() else ""
    gap = text[before[0].end:mention.start]
    return before[1] if head in PERSON_NOUNS and _APPOSITION.fullmatch(gap) else None


_APPOSITION = re.compile(r",\s+(?:(?:previously|formerly|now|then|currently|also|once)\s+)?(?:(?:the|a|an)\s+)?")


def _surname(mention: Mention) -> set[str]:
    """The surname of a person named in full: the last of two or more capitalised name words."""
    if mention.kind != PERSON or mention.pronoun or mention.role == BYLINE:
        return set()
    names = [bare(w) for w in mention.text.split() if w[:1].isupper() and bare(w) not in TITLES]
    return {names[-1].lower()} if len(names) >= 2 else set()


def fits_pronoun(entity: Entity, pronoun: str) -> bool:
    """Whether English would call this entity he, she, it or they."""
    if pronoun in ("he", "she"):
        return entity.kind == PERSON and entity.gender in (None, "m" if pronoun == "he" else "f")
    if pronoun == "it":
        return entity.org_like and not entity.plural or entity.kind == PLACE
    return entity.kind == PEOPLE or (entity.org_like and entity.plural) or entity.org_like


def _is_description(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in {"the", "this", "that", "its", "their", "a", "an", "one"} and not any(
        w[:1].isupper() for w in text.split()[1:])


def _clean_name(text: str) -> str:
    return text.strip(" ,\"“”‘’'")


def _keys(mention: Mention) -> frozenset[str]:
    return _keys_of(mention.text, mention.kind)


@functools.lru_cache(maxsize=8192)
def _keys_of(text: str, kind: str) -> frozenset[str]:
    """What a later mention may call a mention of this text and kind by."""
    mention = Mention(0, 0, len(text), text, kind)
    words = [bare(w) for w in re.findall(r"[\w.&'’-]+", mention.text)]
    content = [w for w in words if w.lower() not in {"the", "a", "an", "of", "and", "for", "this", "that", "its",
                                                     "their", "one", "&"}]
    keys = {" ".join(content).lower()} if content else set()
    if mention.kind == PERSON:
        names = [w for w in content if w[:1].isupper() and w not in TITLES and w.rstrip(".") not in TITLES and
                 w + "." not in TITLES]
        keys |= {w.lower() for w in names}  # "Kim", "Young-gyo", "Bush"
        keys |= {w.lower() for w in content if w.islower()}  # "spokesman"
    elif mention.kind in ORG_LIKE or mention.kind == PLACE:
        lowered = [w.lower() for w in content]
        if lowered:
            keys.add(lowered[-1])  # "department"
            keys.add(display_name(" ".join(content)).lower())
            if len(content) >= 2:
                keys.add("".join(w[0] for w in content if w[:1].isupper()).lower())  # FDA
            if len(content) == 1 and content[0].replace(".", "").isupper():
                keys.add(content[0].replace(".", "").lower())
        keys |= _class_keys(mention, lowered)
    return frozenset(keys)


def _class_keys(mention: Mention, lowered: list[str]) -> set[str]:
    words = set(lowered)
    keys: set[str] = set()
    if words & NEWS_AGENCIES or {"news", "agency"} <= words:
        keys.update(_CLASS_HEADS["news agency"])
    elif words & _AGENCY_HEADS:
        keys.update(_CLASS_HEADS["agency"])
    if words & _NEWSPAPER_WORDS or "newspaper" in words:
        keys.update(_CLASS_HEADS["newspaper"])
    if words & _BROADCASTERS:
        keys.update(_CLASS_HEADS["broadcaster"])
    if mention.kind in (ORG, PLACE) and words and all(w.capitalize() in PLACES or w in {"u.s.", "us", "uk"}
                                                      for w in words):
        keys.update(_CLASS_HEADS["state"])  # "Seoul said ... the government"
    return keys


@functools.lru_cache(maxsize=8192)
def _head_keys(keys: frozenset[str]) -> frozenset[str]:
    """The keys that are bare head nouns (only a definite description may match on them)."""
    return frozenset(k for k in keys if k in _ALL_CLASS_HEADS or (
        " " not in k and is_org_head(k) and k not in _PROPER_HEADS))


def _better_name(mention: Mention, entity: Entity) -> bool:
    """A proper name beats a description, and a person's full name a surname."""
    if _is_description(mention.text) or mention.pronoun:
        return False
    current = entity.name
    return _is_description(current) or current.lower() in {"he", "she", "it", "they"} or (
        entity.kind == PERSON and len(mention.text.split()) > len(current.split()))
