"""Garbled attribution: the errors MT from a pro-drop language makes about who said what.

Korean leaves out a subject that the previous sentence made clear ("...라고
설명했습니다" = "[the State Department] explained that ..."), and MT fills the gap
with "He". This check follows the speakers through the document (language/english/mentions.py
types each as a person, people or an organisation) and flags a reporting
pronoun whose most plausible antecedent is an organisation, with the
organisation put back as the repair. It also flags the subjectless reporting
fragments the same MT leaves behind (". pointed out.", "Added.") and stray
sentence tails such as ". , China, etc.".
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable

from ..language.english.mentions import (
    ORG,
    PEOPLE,
    PERSON,
    Mention,
    display_name,
    find_people,
    find_speakers,
    sentence_subject,
)
from ..language.english.reporting import ADVERBS, is_speech
from ..language.english.reporting import VERBS as _VERBS
from ..model import Severity
from .base import Check, Edit, Hit, SegmentView

_OPENERS = (
    r"(?:(?:And|But|So|Also|However|Meanwhile|Moreover|Furthermore|In addition|Then|Earlier|Later|"
    r"Previously|Separately|Still|Yet|Instead|Nevertheless|Again|Finally),?\s+)?"
)
# "He also explained ...", "But she said ..." at the start of a sentence.
_INITIAL = re.compile(rf"^[“\"‘']?{_OPENERS}(?P<pro>He|She|They)\s+{ADVERBS}(?P<verb>{_VERBS})\b")
# "..., he said." / "...,” he added on Monday." / "That, he said, could ..." / "..., but he said ..."
_INNER = re.compile(
    rf"(?:[,;]|[,.!?][”\"’'])\s+(?:(?:and|but|so|yet|while)\s+)?(?P<pro>he|she|they)\s+{ADVERBS}(?P<verb>{_VERBS})\b"
)
# A reporting verb with no subject, closing a sentence: "... activities. pointed out." / "..., added."
_DANGLING_TAIL = re.compile(rf"(?P<cut>[.,;])\s+(?P<verb>(?:also\s+)?(?:{_VERBS}))\s*(?P<end>[.!]?)[”\"’']?\s*$")
_DANGLING_ALONE = re.compile(rf"^(?:Also\s+)?(?P<verb>{_VERBS})\s*[.!]$", re.IGNORECASE)
# The first reporting verb of a sentence, which a dangling one replaces: "He said that ...".
_MAIN_VERB = re.compile(rf"\b(?P<verb>{_VERBS})\b(?=\s+(?:that|how|why|whether)\b)")
# ". , China, etc.": a sentence end, then a tail that starts with a comma.
_STRAY_TAIL = re.compile(r"(?P<end>[.!?])[”\"’']?(?P<gap>\s+)(?P<tail>[,;:]\s*[^.!?]*[.!?]?)")
_PAST = {"say": "said", "says": "said", "add": "added", "adds": "added"}
_THIRD_PERSON = {"say": "says", "have": "has", "are": "is", "were": "was", "do": "does"}

WINDOW = 3  # sentences looked back for an antecedent
FALLBACK_DISTANCE = 2  # an antecedent that only opened the previous sentence scores like one two back


class GarbledAttribution(Check):
    """A pronoun reports what an organisation said."""

    name = "attribution"
    severity = Severity.MAJOR
    help = (
        "Korean leaves out subjects, and MT writes 'He said' or 'He also explained' where the speaker is the "
        "newspaper, ministry or department named before. Flags a reporting pronoun (He/She/They, at the start of "
        "a sentence or in ', he said.') whose nearest antecedent is an organisation, not a matching person, and "
        "suggests the sentence with the organisation named. Also flags subjectless reporting fragments "
        "('... activities. pointed out.', 'Added.') and stray tails ('. , China, etc.')."
    )

    def start_document(self, document) -> None:
        self.history: deque[_Sentence] = deque(maxlen=WINDOW)

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits: list[Hit] = []
        for start, end in segment.sentence_spans:
            sentence = segment.text[start:end]
            hits += self._pronouns(sentence, start)
            hits += _dangling_report(sentence, start)
            hits += _stray_tail(sentence, start)
        return hits

    # -- pronouns -----------------------------------------------------------

    def _pronouns(self, sentence: str, offset: int) -> list[Hit]:
        reports = [m for m in _pronoun_reports(sentence) if is_speech(sentence, m.group("verb"), m.end("verb"))]
        if not reports:
            # Most sentences report nothing through a pronoun: read their mentions only if a
            # later pronoun needs them.
            self.history.append(_Sentence(sentence))
            return []
        skip = {m.start("pro") for m in reports}
        mentions = sorted(find_speakers(sentence) + find_people(sentence, skip), key=lambda m: m.start)
        hits = []
        for report in reports:
            pronoun = report.group("pro").lower()
            before = [m for m in mentions if m.end <= report.start("pro")]
            antecedent, distance = self._antecedent(pronoun, before, report.group("verb"))
            if antecedent is None:
                gender = {"he": "m", "she": "f"}.get(pronoun)
                mentions.append(Mention(PERSON if gender else PEOPLE, report.start("pro"), report.end("pro"),
                                        report.group("pro"), gender))
                continue
            hits.append(_pronoun_hit(sentence, offset, report, antecedent, distance))
            mentions.append(Mention(ORG, report.start("pro"), report.end("pro"), antecedent.name, speaker=True))
        self.history.append(_Sentence(sentence, sorted(mentions, key=lambda m: m.start)))
        return hits

    def _antecedent(self, pronoun: str, same_sentence: list[Mention], verb: str) -> tuple[Mention | None, int]:
        """The organisation a reporting pronoun stands for, and how many sentences back; (None, 0) if
        the pronoun may well be right (a matching person comes first, or nothing is close)."""
        candidates = [(0, m) for m in reversed(same_sentence)]
        for back, sentence in enumerate(reversed(self.history), start=1):
            candidates += [(back, m) for m in reversed(sentence.mentions)]
        if pronoun == "they":
            return _antecedent_of_they(candidates, verb)
        gender = "m" if pronoun == "he" else "f"
        for back, mention in candidates:
            if mention.kind == PERSON and mention.gender in (None, gender):
                return None, 0
            if mention.kind == ORG and mention.speaker:
                return mention, back
        # No speaker and no person at all: an organisation that the sentence before opened with as
        # its subject ("The central bank raised rates. He explained ...") is who is speaking.
        if self.history and not same_sentence:
            subject = self.history[-1].subject
            if subject is not None:
                return subject, FALLBACK_DISTANCE
        return None, 0


class _Sentence:
    """A sentence of the history, its mentions read when first asked for."""

    def __init__(self, text: str, mentions: list[Mention] | None = None):
        self.text = text
        self._mentions = mentions

    @property
    def mentions(self) -> list[Mention]:
        if self._mentions is None:
            self._mentions = sorted(find_speakers(self.text) + find_people(self.text), key=lambda m: m.start)
        return self._mentions

    @property
    def subject(self) -> Mention | None:
        return sentence_subject(self.text)


def _antecedent_of_they(candidates, verb: str) -> tuple[Mention | None, int]:
    # "They say" is mostly generic hearsay; and people, or an organisation English calls
    # "they" (the police), make "they" right.
    if verb.lower() in {"say", "tell", "claim", "report", "argue", "insist", "note"}:
        return None, 0
    for back, mention in candidates:
        if back > 1 or mention.kind in (PEOPLE, PERSON):
            return None, 0
        if mention.kind == ORG and mention.speaker:
            return (None, 0) if mention.plural else (mention, back)
    return None, 0


_ANY_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")


def _pronoun_reports(sentence: str) -> list[re.Match]:
    if not _ANY_PRONOUN.search(sentence):
        return []
    found = [m for m in (_INITIAL.match(sentence),) if m]
    found += list(_INNER.finditer(sentence))
    return found


def _pronoun_hit(sentence: str, offset: int, report: re.Match, antecedent: Mention, distance: int) -> Hit:
    name = display_name(antecedent.name)
    at_start = report.start("pro") == 0 or not sentence[: report.start("pro")].strip(" “\"‘'")
    replacement = name[:1].upper() + name[1:] if at_start or report.group("pro")[0].isupper() else name
    edits = [Edit(offset + report.start("pro"), offset + report.end("pro"), replacement)]
    verb = report.group("verb")
    if report.group("pro").lower() == "they" and verb in _THIRD_PERSON:
        edits.append(Edit(offset + report.start("verb"), offset + report.end("verb"), _THIRD_PERSON[verb]))
    score = {0: 1.0, 1: 1.0, 2: 0.8}.get(distance, 0.6)
    if report.group("pro").lower() == "they":
        score -= 0.2
    return Hit(
        offset + report.start("pro"), offset + report.end("pro"),
        f"“{report.group('pro')} {verb}”: the speaker is {name}, not a person (the source left the subject "
        f"out and the MT filled in a pronoun)",
        score, tuple(edits),
    )


# -- fragments ------------------------------------------------------------------


def _dangling_report(sentence: str, offset: int) -> list[Hit]:
    """ "… activities. pointed out." -> "He pointed out that … activities."; "Added." alone."""
    alone = _DANGLING_ALONE.match(sentence)
    if alone:
        return [Hit(offset, offset + len(sentence), f"“{sentence}” reports speech with no subject", 1.0)]
    tail = _DANGLING_TAIL.search(sentence, max(0, len(sentence) - 40))  # it ends the sentence
    if tail is None or tail.start() == 0 or tail.group("verb")[0].isupper():
        return []
    verb = tail.group("verb").removeprefix("also ").strip()
    if tail.group("cut") == ".":  # keep the sentence's own period, drop the fragment with its period
        edits = [Edit(offset + tail.start("cut") + 1, offset + tail.end("end"), "")]
    else:  # "..., pointed out." -> "...."
        edits = [Edit(offset + tail.start("cut"), offset + tail.end("verb"), "")]
    main = _MAIN_VERB.search(sentence, 0, tail.start())
    if main:
        edits.append(Edit(offset + main.start("verb"), offset + main.end("verb"), _PAST.get(verb, verb)))
    return [Hit(
        offset + tail.start("verb"), offset + tail.end("verb"),
        f"“{tail.group('verb')}” has no subject: a reporting verb cut off from its sentence",
        1.0, tuple(edits),
    )]


def _stray_tail(sentence: str, offset: int) -> list[Hit]:
    """ "… coal exports. , China, etc." -> "… coal exports, China, etc." (nothing is dropped)."""
    hits = []
    for m in _STRAY_TAIL.finditer(sentence):
        edit = Edit(offset + m.start("end"), offset + m.start("tail"), "")
        hits.append(Hit(offset + m.start("tail"), offset + m.end("tail"),
                        f"“{m.group('tail').strip()}” is a stray fragment after the end of the sentence",
                        1.0, (edit,)))
    if re.match(r"\s*[,;:]\s*\w", sentence):
        hits.append(Hit(offset, offset + len(sentence), "the sentence starts with a comma: a stray fragment", 1.0))
    return hits
