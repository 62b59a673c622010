"""Garbled attribution: the errors MT from a pro-drop language makes about who said what.

Korean leaves out a subject that the previous sentence made clear ("...라고
설명했습니다" = "[the State Department] explained that ..."), and MT fills the gap
with "He". This check follows the document with the speaker tracker
(language/english/tracker.py: entities typed person/people/organisation/publication/
place, linked across mentions, the last speaker) and judges each reporting pronoun
(He/She/They/It before said/added/explained/..., ", he said", '," he said'): garbled
when its most plausible antecedent is an organisation or publication, when no person
of its gender is in reach, when "it"/"they" reports for one person, or when its gender
contradicts the person who spoke. With a Korean source, the Korean subject
(language/korean/subjects.py) settles it: an organisation there means the English
"he"/"she" is wrong, a person or 그/그녀 means it is right, a dropped subject leaves it
to the English context. A pronoun the rules let pass gets a second look from a
small learned model (language/english/speaker_model.py: a logistic regression over the
tracker's features, built from the tuning half of the garbled set by
scripts/build_attribution_model.py), which may flag it and name the organisation the
context points to (the one the sentence before was about, a newspaper for "reported");
it never overrules a person named just before, "they" after people or the police, or
"it". Each finding's score is its confidence (0..1); the repair names the speaker as the
document last did, with the other candidates in the message. It also flags the subjectless reporting
fragments the same MT leaves behind (". pointed out.", "Added.") and stray sentence
tails such as ". , China, etc.".
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..language.english.lexicon import PLURAL_REPORTING_VERBS
from ..language.english.mentions import display_name
from ..language.english.reporting import ADVERBS, PRONOUN_VERBS, is_speech
from ..language.english.reporting import VERBS as _VERBS
from ..language.english.speaker_model import AttributionModel, context_words, pronoun_features, shipped_model
from ..language.english.tracker import (
    PERSON,
    PUBLICATION,
    PUBLISHER,
    REACH,
    SPEAKER,
    SUBJECT,
    UNNAMED,
    WHEN,
    Entity,
    SpeakerTracker,
    fits_pronoun,
)
from ..language.korean import subjects as korean_subjects
from ..language.korean.analyser import kiwi
from ..language.korean.bodies import english_names
from ..language.korean.subjects import NOT_REPORTING, reporting_subjects
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

_OPENERS = (
    r"(?:(?:And|But|So|Also|However|Meanwhile|Moreover|Furthermore|In addition|Then|Earlier|Later|"
    r"Previously|Separately|Still|Yet|Instead|Nevertheless|Again|Finally),?\s+)?"
)
# "He also explained ...", "But she said ..." at the start of a sentence.
_INITIAL = re.compile(rf"^[“\"‘']?{_OPENERS}(?P<pro>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+{ADVERBS}(?P<verb>{PRONOUN_VERBS})\b")
# "..., he said." / "...,” he added on Monday." / "...‘behave,’” they said" / "That, he said, could ..." /
# "..., but he said ..."
_INNER = re.compile(
    rf"(?:[,;]|[,.!?][”\"’']{{1,2}})\s+(?:(?:and|but|so|yet|while)\s+)?(?P<pro>he|she|they|it)\s+{ADVERBS}"
    rf"(?P<verb>{PRONOUN_VERBS})\b"
)
# A reporting verb with no subject, closing a sentence: "... activities. pointed out." / "..., added."
_DANGLING_TAIL = re.compile(rf"(?P<cut>[.,;])\s+(?P<verb>(?:also\s+)?(?:{_VERBS}))\s*(?P<end>[.!]?)[”\"’']?\s*$")
_DANGLING_ALONE = re.compile(rf"^(?:Also\s+)?(?P<verb>{_VERBS})\s*[.!]$", re.IGNORECASE)
# The first reporting verb of a sentence, which a dangling one replaces: "He said that ...".
_MAIN_VERB = re.compile(rf"\b(?P<verb>{_VERBS})\b(?=\s+(?:that|how|why|whether)\b)")
# ". , China, etc.": a sentence end, then a tail that starts with a comma.
_STRAY_TAIL = re.compile(r"(?<!\.\.)(?P<end>[.!?])[”\"’']?(?P<gap>\s+)(?P<tail>[,;:]\s*[^.!?]*[.!?]?)")  # not "... ,"
# A quote, then a capitalised subject with its apposition: the comma before "said" is no cut.
# (also with the quote mark put after the space, or written as an opening one: 'trauma, "Robert Soulas, ..., said.')
_QUOTE_THEN_SUBJECT = re.compile(r"[,.!?]\s?[”“\"’']\s*(?:the\s+)?[A-Z][\w.'’-]*")
_PAST = {"say": "said", "says": "said", "add": "added", "adds": "added"}
_THIRD_PERSON = {"say": "says", "have": "has", "are": "is", "were": "was", "do": "does"}
# "insisted on saving his son": the verb reports no speech here.
_NOT_SPEECH_AFTER = re.compile(r"\s+on\s+\w+ing\b")
_HEARSAY = {"say", "tell", "claim", "report", "argue", "insist", "note", "think", "believe"}
# Verbs institutions use more than people do: "he reported" after a newspaper is the newspaper.
_INSTITUTIONAL = {"reported", "reports", "announced", "announces", "stated", "states", "disclosed", "quoted"}
DOCUMENT_START = 3  # sentences at the top (headline, dateline, lead) kept in reach for the whole document


WORDS = "organisation words"  # the reason the person-in-reach model gives: the words read like an organisation


@dataclass(frozen=True)
class Verdict:
    """Why a reporting pronoun is garbled, who the speaker is (None: unknown), how sure (0..1)."""

    confidence: float
    speaker: Entity | None
    reason: str
    alternatives: tuple[Entity, ...] = ()
    name: str = ""  # how the repair names the speaker (no speaker: the Korean subject the message names)


class GarbledAttribution(Check):
    """A pronoun reports what an organisation said."""

    name = "attribution"
    severity = Severity.MAJOR
    help = (
        "Korean leaves out subjects, and MT writes 'He said' or 'He also explained' where the speaker is the "
        "newspaper, ministry or department named before. Follows who is speaking through the document and flags "
        "a reporting pronoun (He/She/They/It, at the start of a sentence, in ', he said.' or after a quote) whose "
        "most plausible antecedent is an organisation or publication, that has no matching person in reach, that "
        "reports for a single person as 'it'/'they', or whose gender contradicts the person it stands for; with "
        "the Korean source, an organisation subject there settles it. Suggests the sentence with the speaker "
        "named. Also flags subjectless reporting fragments ('... activities. pointed out.', 'Added.') and stray "
        "tails ('. , China, etc.')."
    )

    def __init__(self, model: AttributionModel | None = None):
        """``model``: the learned decision (default: the shipped one; none shipped: the rules decide)."""
        self.model = model or shipped_model()
        # (segment index, pronoun start in the segment, features, person in reach?) of every reporting
        # pronoun judged by the English context: what scripts/build_attribution_model.py learns from.
        self.recorded: list[tuple[int, int, dict[str, float], bool]] = []

    def start_document(self, document: DocumentView) -> None:
        self.texts: list[str] = []
        # sentence number -> {pronoun start: (sentence, start) of the antecedent's mention, UNNAMED (judged
        # garbled, speaker unknown) or None}
        self.decided: dict[int, dict[int, tuple[int, int] | str | None]] = {}
        self.korean = KoreanSubjects(document) if has_korean_source(document) else None
        self.genders: set[str] = set()  # "m"/"f": a he or she (not one judged garbled) met so far

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits: list[Hit] = []
        self.segment = segment.index
        for number, (start, end) in enumerate(segment.sentence_spans):
            sentence = segment.text[start:end]
            hits += self._pronouns(sentence, start, lambda number=number: self._korean_subject(segment, number))
            hits += _dangling_report(sentence, start)
            hits += _stray_tail(sentence, start)
        return hits

    def _korean_subject(self, segment: SegmentView, number: int):
        """The Korean subject for the segment's ``number``-th sentence (read only when a pronoun reports:
        kiwipiepy costs milliseconds a sentence), or None."""
        if not self.korean or not segment.source:
            return None
        subjects = self.korean.subjects(segment)
        return subjects[number] if subjects and number < len(subjects) else None

    # -- pronouns -----------------------------------------------------------

    def _pronouns(self, sentence: str, offset: int, korean_subject) -> list[Hit]:
        number = len(self.texts)
        self.texts.append(sentence)
        reports = [m for m in _pronoun_reports(sentence) if is_speech(sentence, m.group("verb"), m.end("verb"))
                   and not _NOT_SPEECH_AFTER.match(sentence, m.end("verb")) and not _not_a_report(m)]
        if not reports:
            self.genders |= _genders(sentence)
            return []
        tracker = self._replay(number)
        korean = korean_subject()
        hits, resolved = [], {}
        for report in reports:
            verdict = judge(tracker, report, number, korean, self.korean, self.genders)
            if self.model is not None and _learnable(report) and (korean is None or _from_korean(
                    tracker, report.group("pro").lower(), (number, report.start("pro")), korean, self.korean) is False):
                verdict = self._learned(tracker, report, number, verdict, offset)
            if verdict is not None and korean is None and _quotes_one_person(report):
                verdict = None  # '"The attackers entered my house," he said.': an organisation says "we"
            antecedent = verdict.speaker if verdict else None
            resolved[report.start("pro")] = UNNAMED if verdict is not None and antecedent is None else \
                _mention_of(tracker, antecedent, (number, report.start("pro")))
            if verdict is not None:
                if verdict.speaker is not None:
                    verdict = replace(verdict, name=speaker_name(verdict.speaker, (number, report.start("pro"))))
                hits.append(_pronoun_hit(sentence, offset, report, verdict))
        self.decided[number] = resolved
        masked = sentence
        for hit in hits:  # a pronoun judged garbled is no person of that gender
            masked = masked[:hit.start - offset] + " " * (hit.end - hit.start) + masked[hit.end - offset:]
        self.genders |= _genders(masked)
        return hits

    def _learned(self, tracker: SpeakerTracker, report: re.Match, number: int, verdict: Verdict | None,
                 offset: int) -> Verdict | None:
        """A second look at a pronoun the rules let pass: a report whose own subject is an "it" that acts
        is the organisation in reach speaking (unless a fitting person just spoke), and the model flags it
        when the context makes a dropped organisation subject likely, naming the organisation the context
        points to; where a fitting person was just named, a second model judges by the words around the
        pronoun. What the rules flag stays as they flagged it."""
        if verdict is not None and verdict.confidence >= self.threshold:
            return verdict
        pronoun, start = report.group("pro").lower(), report.start("pro")
        features = pronoun_features(tracker, pronoun, report.group("verb"), number, start,
                                    verdict.confidence if verdict else 0.0, self.genders, closes_report(report))
        acting = _acting_organisation(tracker, report, number, features)
        if acting is not None:
            return acting
        # English reads the pronoun as the person just named: only the words can say otherwise.
        near = _english_fits(features)
        model = self.model.person_in_reach if near else self.model
        if model is None:
            return verdict
        if near:
            features = features | context_words(report.string, start, pronoun, tracker.sentences.get(number - 1, ""))
        self.recorded.append((self.segment, offset + start, features, near))
        probability = model.probability(features)
        if probability < model.threshold or number == 0:
            return verdict
        speaker, others = likely_organisation(tracker, (number, start), report.group("verb"))
        reason = WORDS if near else "organisation" if speaker else "no person"
        return Verdict(probability, speaker, reason, others)

    def _replay(self, number: int) -> SpeakerTracker:
        """A tracker over the document's top and the REACH sentences before ``number`` and the part of
        sentence ``number`` itself, with the pronouns already judged resolved as judged."""
        tracker = SpeakerTracker()
        keep = sorted(set(range(min(DOCUMENT_START, number))) | set(range(max(0, number - REACH - 1), number)))
        for index in keep:
            tracker.add(self.texts[index], self._resolved(tracker, index), number=index)
        tracker.add(self.texts[number], number=number)
        return tracker

    def _resolved(self, tracker: SpeakerTracker, index: int) -> dict[int, Entity | str | None] | None:
        decided = self.decided.get(index)
        if not decided:
            return None
        return {start: where if where in (None, UNNAMED) else tracker.entity_at(*where)
                for start, where in decided.items()}


# After a reporting verb, a report whose subject is an "it" that acts: "(that) it will offer", "it had
# lost", "it was cancelling", "it intends to"; not "it is believed", "it would be hard", "it seems".
IT_ACTS = re.compile(
    rf"(?:\s+(?:{WHEN.pattern}))?\s+(?:that\s+)?it\s+(?:"
    r"(?:will|would|could|can|might|may|must|should)\s+(?:(?:not|also|now|still)\s+)?(?!be\b|have\s+been\b)[a-z]+"
    r"|(?:had|has|have)\s+(?:(?:not|also|already)\s+)?(?:[a-z]+ed|lost|made|sold|spent|paid|cut|won|built|bought|"
    r"taken|given|found|kept|held|brought|sent|begun|shown|grown|set|put|raised)\b"
    r"|(?:is|was)\s+(?:(?:not|also|now|still)\s+)?[a-z]+ing\b"
    r"|(?:lost|made|sold|spent|paid|cut|won|built|bought|sent|took|gave|found|kept|held|brought|began|showed|"
    r"grew|set|put|chose|sought|struck|signed)\b"
    r"|(?!is\b|was\b|has\b|does\b|seems\b|appears\b|remains\b|looks\b|means\b|matters\b)[a-z]+(?:s|ed)\b)")


def _acting_organisation(tracker: SpeakerTracker, report: re.Match, number: int,
                         features: dict[str, float]) -> Verdict | None:
    """ "He said it will offer buyouts": the "it" that acts in the report is the organisation in reach, and
    the one that speaks, unless a person who fits the pronoun spoke in this or the last sentence."""
    pronoun = report.group("pro").lower()
    if pronoun not in ("he", "she") or number == 0 or features["person_speaker_1"] or \
            not IT_ACTS.match(report.string, report.end("verb")):
        return None
    speaker, others = likely_organisation(tracker, (number, report.start("pro")), report.group("verb"))
    return Verdict(0.65, speaker, "organisation", others) if speaker is not None else None


def _not_a_report(report: re.Match) -> bool:
    """ "they are called 'U.S. nationals'", "He was reported missing by the police", "it is estimated that":
    a passive, not a report ("he was quoted as saying" is one); "He told me ...": first-person narrative, not
    news attribution."""
    between = report.string[report.end("pro"):report.start("verb")]
    verb = report.group("verb").lower()
    after = report.string[report.end("verb"):]
    be = bool(re.search(r"\b(?:is|are|was|were|been)\s+$", between))
    # "it is estimated that ...", "they are estimated to reduce ...": a passive has no speaker to garble
    # ("he was quoted as saying" is a report; "he was saying" is no passive).
    participle = verb != "quoted" and (verb.endswith("ed") or verb in ("said", "told", "written"))
    passive = be and (participle or report.group("pro").lower() == "it")
    # "he report": a plain form after a singular pronoun is no English report (a cut word, a typo).
    plain = verb in PLURAL_REPORTING_VERBS and report.group("pro").lower() != "they"
    # "They wrote a PDF file prefix": writing a thing, not a message, reports nothing.
    written = verb in ("wrote", "writes", "write") and bool(_WRITTEN_THING.match(after))
    return passive or plain or written or (verb in ("told", "tell", "tells") and bool(re.match(r"\s+(?:me|us)\b", after)))


_WRITTEN_THING = re.compile(
    r"\s+(?:a|an|the|two|three|several|many|some|more|most|all|his|her|their|its)\s+"
    r"(?!(?:[\w-]+\s+){0,2}(?:letters?|statements?|notes?|messages?|posts?|columns?|editorials?|reports?|blogs?|"
    r"op-eds?|articles?|e-?mails?|tweets?)\b)[\w-]+")


def _quotes_one_person(report: re.Match) -> bool:
    """Whether "he"/"she" reports a quote in the first person singular, in its own sentence."""
    if report.group("pro").lower() not in ("he", "she"):
        return False
    return any(_FIRST_PERSON.search(report.string, a, b) for a, b in _quoted_spans(report.string))


_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll)\b")


def _learnable(report: re.Match) -> bool:
    """Whether the model judges this pronoun, not the rules alone: "it" for an organisation is right
    English, and "They say ..." mostly hearsay."""
    pronoun, verb = report.group("pro").lower(), report.group("verb").lower()
    return pronoun != "it" and not (pronoun == "they" and verb in ("say", "says"))


_MALE = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|Mr\.?)\b")
_FEMALE = re.compile(r"\b(?:[Ss]he|[Hh]er|Ms\.?|Mrs\.?)\b")


def _genders(text: str) -> set[str]:
    return ({"m"} if _MALE.search(text) else set()) | ({"f"} if _FEMALE.search(text) else set())


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[“\"][^”\"]*[”\"]?", sentence)]


def _mention_of(tracker: SpeakerTracker, entity: Entity | None, before: tuple[int, int]) -> tuple[int, int] | None:
    if entity is None:
        return None
    last = entity.last(before) or (entity.mentions[0] if entity.mentions else None)
    return (last.sentence, last.start) if last else None


def judge(tracker: SpeakerTracker, report: re.Match, number: int, korean=None, reader=None,
          genders: set[str] = frozenset()) -> Verdict | None:
    """Whether the reporting pronoun ``report`` in sentence ``number`` is garbled, and who spoke
    (``genders``: the genders of the he/she met earlier in the document, also beyond reach)."""
    here = (number, report.start("pro"))
    if korean is not None:
        verdict = _from_korean(tracker, report.group("pro").lower(), here, korean, reader)
        if verdict is not False:
            return verdict
    verdict = _english_verdict(tracker, report, number, genders)
    if verdict is None or (verdict.speaker is not None and not verdict.speaker.org_like):
        return verdict
    # An organisation spoke: name the one a pro-drop source most likely left out (the topic of the
    # sentence before, a medium for "reported"), not merely the last to speak: "The STB announced ...
    # The government has taken measures. He announced ..." is the government.
    speaker, others = likely_organisation(tracker, here, report.group("verb"))
    return replace(verdict, speaker=speaker, alternatives=others) if speaker is not None else verdict


def _english_verdict(tracker: SpeakerTracker, report: re.Match, number: int, genders: set[str]) -> Verdict | None:
    """The verdict the English context gives (who spoke last, who fits the pronoun, who is in reach)."""
    pronoun = report.group("pro").lower()
    here = (number, report.start("pro"))
    # What the sentence itself says before an inner "..., he said" is the report, not its speaker: only
    # the sentences before count (and the last speaker, who may be in this one: "X said ..., and he added").
    # A person named after the verb ("He reported that Pohiva received treatment", "He announced mourning
    # for D'Souza") is not the pronoun: English would have said "he" there too.
    sentence = tracker.sentences[number]
    clause = _NEXT_CLAUSE.search(sentence, report.end("verb"))
    clause_end = clause.start() if clause else len(sentence)
    named_after = {id(e) for m, e in tracker.mentions if m.sentence == number and not m.pronoun and
                   e.kind == PERSON and report.end("verb") <= m.start < clause_end}
    everyone = tracker.candidates(pronoun, number, 0)
    ranked = [c for c in everyone if id(c.entity) not in named_after]
    # The he/she met earlier most likely stood for the person named after the verb.
    genders = genders - {c.entity.gender for c in everyone if id(c.entity) in named_after}
    last = tracker.last_speaker(*here)
    speaker, spoke = last if last and id(last[0]) not in named_after else (None, None)
    if spoke is not None and _ACCORDING.search(tracker.sentences.get(spoke.sentence, "")[:spoke.start]):
        # "Pelosi called ..., according to NBC": a source, not a speaker; the person the sentence is about
        # came up after it as far as the next pronoun is concerned.
        spoke = replace(spoke, start=-1)
    fitting = [c for c in ranked if fits_pronoun(c.entity, pronoun) and c.entity is not speaker]
    # A person earlier in the sentence itself, outside quotes, who is its subject ("Du blamed ..., but he
    # said"), or anyone when nobody else is in reach ("... and he's in the end, he would say").
    quoted = _quoted_spans(tracker.sentences[number])
    same = [c for c in tracker.candidates(pronoun, *here) if c.last.sentence == number and
            id(c.entity) not in named_after and c.entity.kind == PERSON and fits_pronoun(c.entity, pronoun) and
            c.entity is not speaker and not any(a <= c.last.start < b for a, b in quoted)]
    if same and _COORDINATED.search(tracker.sentences[number][:here[1]]):
        return None  # "... then found the father, but he insisted ...": the clause before names the speaker
    closing = closes_report(report)
    if same and not closing and _FRONTED.match(tracker.sentences[number]):
        return None  # "After Kim arrived in Seoul, he said that ...": so does a clause set before the subject
    if closing:
        same = [] if fitting else same  # "Kim was arrested, he said.": Kim is what was said, not who said it
    fitting += [c for c in same if c.last.role in ("subject", "speaker") or not fitting]
    orgs = spoken_to_last(tracker, [c.entity for c in ranked if c.entity.org_like], here)
    if pronoun in ("he", "she"):
        verb = report.group("verb").lower()
        # In "..., he said." closing its sentence, who the sentence names before it is what was said.
        until = (number, 0) if closing else here
        verdict = _judge_person_pronoun(pronoun, verb, here, until, speaker, spoke, fitting, orgs, ranked)
        if verdict is not None and verdict.reason in ("gender", "no person") and \
                ("m" if pronoun == "he" else "f") in genders:
            # A person of this gender came up earlier in the document: the pronoun may well continue
            # that chain from beyond reach, so the finding is kept below the threshold.
            return Verdict(min(verdict.confidence, 0.45), verdict.speaker, verdict.reason, verdict.alternatives)
        return verdict
    if pronoun == "it":
        if speaker is not None and speaker.kind == PERSON and not orgs:
            return Verdict(0.6, speaker, "it")
        return None
    return _judge_they(report, here, speaker, spoke, ranked)


def closes_report(report: re.Match) -> bool:
    """Whether an inner "..., he said." closes its sentence, so that what comes before it is the report
    (not a fronted clause that may name the speaker: "After Kim arrived, he said that ...")."""
    return report.start("pro") > 0 and bool(_REPORT_CLOSES.match(report.string, report.end("verb")))


# What may follow a report that closes its sentence: "..., he said on Monday.", "..., she told reporters."
_REPORT_CLOSES = re.compile(r"(?:\s+(?!that\b)[\w’'-]+){0,5}\s*[.!?]?[”\"’']?\s*$")
# Where the reported clause ends and a coordinated one begins ("He asked him to study, and Daniel agreed").
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|although|though|so)\b|;")
# A subordinate clause set before the main one ("After Kim arrived, he said ..."), whose subject the main
# clause's pronoun takes up.
_FRONTED = re.compile(r"[“\"‘']?(?:After|When|Whenever|While|As|Before|Since|Once|Although|Though|Because|If|Upon|"
                      r"Until|Whereas)\s")
# A pronoun that opens a coordinated clause ("..., but he said"): pro-drop MT leaves a dropped subject at
# the start of a sentence or in a trailing ", he said", not here.
_COORDINATED = re.compile(r"\b(?:and|but|yet|while)\s+$")


def _judge_person_pronoun(pronoun, verb, here, until, speaker, spoke, fitting, orgs, ranked) -> Verdict | None:
    # A person who came up after the organisation spoke and before ``until`` takes the pronoun, if the text
    # made them prominent: a subject or speaker, or someone named ("the ministry said Kim was arrested").
    people_after = [c for c in fitting if c.entity.kind == PERSON and spoke is not None and any(
        (spoke.sentence, spoke.start) < (m.sentence, m.start) < until and m.role in ("subject", "speaker")
        for m in c.entity.mentions)]
    if speaker is not None and speaker.org_like:
        distance = here[0] - spoke.sentence
        if people_after:
            institutional = _MEDIA_VERBS if speaker.kind == PUBLICATION else _INSTITUTIONAL
            if verb in institutional and distance <= 2:
                return Verdict(0.7, speaker, "organisation")  # "..., he reported.": a newspaper reports
            return None  # "The ministry said Kim was arrested. He said ...": Kim
        confidence = 0.9 if distance <= 1 else 0.8 if distance <= 3 else 0.7
        if any(c.entity.kind == PERSON for c in fitting):
            confidence -= 0.15
        return Verdict(confidence, speaker, "organisation", tuple(o for o in orgs if o is not speaker)[:2])
    if speaker is not None and speaker.kind == PERSON:
        if fits_pronoun(speaker, pronoun) or any(c.entity.kind == PERSON for c in fitting):
            return None
        # Only a gender the text states (Mr. Lee, a spokeswoman) contradicts; one read off an earlier
        # pronoun may itself be the error.
        stated = any(m.gender and not m.pronoun for m in speaker.mentions)
        return Verdict(0.7 if stated else 0.45, speaker, "gender")
    if any(c.entity.kind == PERSON for c in fitting):
        return None
    subjects = [c.entity for c in ranked if c.entity.org_like and c.last.role in ("subject", "speaker")]
    if subjects:
        return Verdict(0.65, subjects[0], "no person", tuple(o for o in orgs if o is not subjects[0])[:2])
    if orgs:
        return Verdict(0.55, orgs[0], "no person", tuple(orgs[1:3]))
    # Nobody at all: the pronoun was invented (the speaker may be in a headline or dateline far back).
    return Verdict(0.55 if here[0] >= 1 else 0.4, None, "no person")


def _english_fits(features: dict[str, float]) -> bool:
    """Where English reads the pronoun as someone in reach, which the tracker's model never overrules (the
    person-in-reach model judges these by their words): a person who fits "he"/"she" named in this sentence
    or the one before ("The government appointed a new envoy. He said ..."), and "they" after people or an
    organisation English calls "they" ("Police said ... They said ...")."""
    return bool(features["they_fits"] or features["person_speaker_1"] or features["person_other_1"])


def likely_organisation(tracker: SpeakerTracker, here: tuple[int, int], verb: str = "") -> tuple[
        Entity | None, tuple[Entity, ...]]:
    """The organisation a garbled pronoun most likely stands for, and up to two others: a newspaper or
    agency for "reported"/"quoted"; else the one the sentence before was about (its subject or speaker:
    the topic a pro-drop source dropped); else the last one that spoke in reach; else the most salient
    one that was a subject; else the most salient one."""
    # Only the sentences before: what this one says before ", he said" is the report, not its speaker.
    orgs = [c for c in tracker.candidates("it", here[0], 0) if c.entity.org_like]
    # The sentence before: its last speaker first ("According to Yonhap, the NIS told lawmakers ...": the
    # NIS), then its subject.
    before = [(m, e) for m, e in tracker.mentions
              if m.sentence == here[0] - 1 and m.role in (SPEAKER, SUBJECT) and e.org_like]
    previous = [e for m, e in sorted(before, key=lambda me: (me[0].role != SPEAKER, -me[0].start))]
    last = tracker.last_speaker(*here)
    media = verb.lower() in _MEDIA_VERBS
    ranked = [
        *([e for e in previous if e.kind == PUBLICATION] if media else []),
        *([c.entity for c in orgs if c.entity.kind == PUBLICATION] if media else []),
        *previous[:1],
        *([last[0]] if last is not None and last[0].org_like else []),
        *(c.entity for c in orgs if c.last.role in (SPEAKER, SUBJECT)),
        *(c.entity for c in orgs),
    ]
    unique = list({id(e): e for e in ranked}.values())  # each at its first rank (by identity: entities are mutable)
    unique = spoken_to_last(tracker, unique, here)
    if not media:
        unique = _publishers_last(unique, here)
    return (unique[0], tuple(unique[1:3])) if unique else (None, ())


def _publishers_last(entities: list[Entity], here: tuple[int, int]) -> list[Entity]:
    """``entities`` with the story's own outlet (named only in its byline or site tail) moved last: it
    reports, but the SFC, not the Economic Observer, "announced" the app."""
    return sorted(entities, key=lambda e: all(m.role == PUBLISHER for m in e.mentions
                                              if (m.sentence, m.start) < here and not m.pronoun))


def spoken_to_last(tracker: SpeakerTracker, entities: list[Entity], here: tuple[int, int]) -> list[Entity]:
    """``entities`` with those only ever spoken to ("told GB News", "in a statement to the ABC") moved last."""
    return sorted(entities, key=lambda e: all(_addressed(tracker, m) for m in e.mentions
                                              if (m.sentence, m.start) < here))


_ADDRESSEE = re.compile(r"\b(?:told|(?:statement|interview|letter|remarks?|said|speaking|spoke|talking|talked)\s+"
                        r"(?:to|with))\s+$", re.IGNORECASE)


def _addressed(tracker: SpeakerTracker, mention) -> bool:
    """Whether a mention is the one spoken to, not a speaker: "told [GB News]", "a statement to [the ABC]"."""
    return bool(_ADDRESSEE.search(tracker.sentences.get(mention.sentence, "")[:mention.start]))


_MEDIA_VERBS = frozenset("reported reports quoted".split())
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+$")


def _judge_they(report, here, speaker, spoke, ranked) -> Verdict | None:
    if report.group("verb").lower() in _HEARSAY:
        return None  # "They say ...": mostly hearsay
    plural = [c for c in ranked if (c.entity.kind == "people" or c.entity.plural) and
              c.last.role in ("subject", "speaker")]
    if speaker is None:
        # Nobody spoke, and nothing English calls "they" is in reach: an organisation that did something is.
        subjects = [c.entity for c in ranked if c.entity.org_like and c.last.role in ("subject", "speaker")]
        return Verdict(0.55, subjects[0], "they for an organisation") if subjects and not plural else None
    if speaker.kind == "people" or speaker.plural:
        return None  # "Officials said ... They added": right
    distance = here[0] - spoke.sentence
    people_after = [c for c in ranked if c.entity.kind == "people" and c.last.role in ("subject", "speaker") and
                    (c.last.sentence, c.last.start) > (spoke.sentence, spoke.start)]
    if people_after or distance > 2:
        return None
    if speaker.kind == PERSON:
        # "Kim said ... They added ...": sure only right after the person spoke, at the sentence start.
        sure = here[1] <= 4 and distance <= 1
        return Verdict(0.55 if sure else 0.45, speaker, "they for a person")
    return Verdict(0.6, speaker, "they for an organisation")


class KoreanSubjects:
    """The Korean source's subjects, read per segment (kiwipiepy), and their English names."""

    def __init__(self, document: DocumentView):
        self.names = english_names(document.glossary)
        # The analyser's model loads here, in start_document: loaded by the first segment's score it took
        # ~3 s of that segment's time budget, so a fresh process cut that one segment's checks short
        # (a batch worker's findings then depended on which shard it met first).
        kiwi()

    def subjects(self, segment: SegmentView):
        """One Korean subject per English sentence of the segment: sentence by sentence when the counts
        agree, else the one Korean sentence that reports (for every English sentence), else none."""
        korean = reporting_subjects(segment.source)
        english = len(segment.sentence_spans)
        if len(korean) == english:
            return korean
        reporting = [k for k in korean if k.kind != NOT_REPORTING]
        return reporting * english if len(reporting) == 1 else None


def has_korean_source(document: DocumentView) -> bool:
    """Whether the document is a Korean source's translation (declared, or Hangul in its first sources)."""
    return (document.source_lang or "").lower().startswith("ko") or any(
        s.source and _HANGUL.search(s.source) for s in document.segments[:20])


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _from_korean(tracker, pronoun: str, here, korean, reader) -> Verdict | None | bool:
    """The verdict the Korean subject gives: garbled for an organisation, right for a person or 그/그녀,
    False when the subject was dropped (the English context decides)."""
    if korean.kind == korean_subjects.DROPPED:
        return False
    if korean.kind in (korean_subjects.PERSON, korean_subjects.PRONOUN):
        return None if pronoun in ("he", "she", "they") else False
    if korean.kind != korean_subjects.ORG or pronoun == "it":
        return False  # "It said" stands for the organisation as English has it: the English decides
    english = reader.names.english(korean.noun) if reader else None
    entity = _english_entity(tracker, here, korean.noun, english)
    # No English name anywhere: flag without a repair (Korean words in the English would be no repair).
    return Verdict(0.95, entity, "korean organisation", name="" if entity else korean.noun)


def _english_entity(tracker, here, noun: str, english: str | None) -> Entity | None:
    """The document's own entity for a Korean organisation: by its English name (from the table, or the
    noun itself when Korean writes it in Latin letters: "NHC는"), else the one the English context points
    to (``likely_organisation``, a medium for a Korean medium); or a new one named from the table; None
    when neither the table nor the English context names it."""
    before = (here[0], 0)  # what this sentence says before ", he said" is the report, not its speaker
    english = english or (noun if re.fullmatch(r"[A-Za-z][A-Za-z.&\s-]*", noun) else None)
    if english:
        key = english.lower().removeprefix("the ")
        for candidate in tracker.candidates("it", *before, reach=10):
            if candidate.entity.org_like and (key in candidate.entity.keys or key.split()[-1] in candidate.entity.keys):
                return candidate.entity
        return Entity(-1, "org", english)
    speaker, _ = likely_organisation(tracker, before, "reported" if korean_subjects.is_medium(noun) else "")
    return speaker


_ANY_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")


def _pronoun_reports(sentence: str) -> list[re.Match]:
    if not _ANY_PRONOUN.search(sentence):
        return []
    found = [m for m in (_INITIAL.match(sentence),) if m]
    found += list(_INNER.finditer(sentence))
    return found


def speaker_name(entity: Entity, before: tuple[int, int]) -> str:
    """How a repair names the speaker: as the document last did ("the newspaper", "the State Department"
    for "the US State Department"), a person by the fullest name."""
    if not entity.org_like:
        return entity.name
    named = [m for m in entity.mentions if not m.pronoun and (m.sentence, m.start) < before
             and re.search(r"\w\w", m.text)]  # not a stray 'The "' the reader cut off at a quote
    return display_name(named[-1].text if named else entity.name)


def _pronoun_hit(sentence: str, offset: int, report: re.Match, verdict: Verdict) -> Hit:
    pronoun, verb = report.group("pro"), report.group("verb")
    quoted = f"“{pronoun} {verb}”"
    others = " / ".join(display_name(e.name) for e in verdict.alternatives)
    if verdict.speaker is None:
        message = (f"{quoted}: the Korean subject is an organisation, {verdict.name}, with no English name in "
                   "the text or the glossary" if verdict.reason == "korean organisation" else
                   f"{quoted}: reads like an organisation's report, not the person named before" if
                   verdict.reason == WORDS else
                   f"{quoted}: no one in reach is a “{pronoun.lower()}” (the source may have left the subject out)")
        return Hit(offset + report.start("pro"), offset + report.end("pro"), message, verdict.confidence)
    name = verdict.name or verdict.speaker.name
    at_start = not sentence[: report.start("pro")].strip(" “\"‘'")
    replacement = name[:1].upper() + name[1:] if at_start or pronoun[0].isupper() else name
    edits = [Edit(offset + report.start("pro"), offset + report.end("pro"), replacement)]
    if pronoun.lower() == "they" and _third_person(verb) != verb:
        edits.append(Edit(offset + report.start("verb"), offset + report.end("verb"), _third_person(verb)))
    message = {
        "organisation": f"{quoted}: the speaker is {name}, not a person (the source left the subject out and "
                        "the MT filled in a pronoun)",
        "korean organisation": f"{quoted}: the Korean subject is an organisation, {name}",
        "no person": f"{quoted}: no “{pronoun.lower()}” is in reach; the speaker is likely {name}",
        WORDS: f"{quoted}: reads like a report by {name}, not by the person named before (the source may have left "
               "the subject out)",
        "gender": f"{quoted}: the speaker is {name}, and “{pronoun.lower()}” does not fit",
        "it": f"{quoted}: “it” stands for a person here, {name}",
        "they for a person": f"{quoted}: “they” stands for one person here, {name}",
        "they for an organisation": f"{quoted}: the speaker is {name}",
    }[verdict.reason]
    if others:
        message += f" (or {others})"
    return Hit(offset + report.start("pro"), offset + report.end("pro"), message, verdict.confidence, tuple(edits))


def _third_person(verb: str) -> str:
    """The form an organisation takes where "they" took ``verb``: "claim" -> "claims", "deny" -> "denies"."""
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if verb not in PLURAL_REPORTING_VERBS:
        return verb  # "said", "pointed out": the same for both
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")


# -- fragments ------------------------------------------------------------------


def _dangling_report(sentence: str, offset: int) -> list[Hit]:
    """ "… activities. pointed out." -> "He pointed out that … activities."; "Added." alone."""
    alone = _DANGLING_ALONE.match(sentence)
    if alone:
        return [Hit(offset, offset + len(sentence), f"“{sentence}” reports speech with no subject", 1.0)]
    tail = _DANGLING_TAIL.search(sentence, max(0, len(sentence) - 40))  # it ends the sentence
    if tail is None or tail.start() == 0 or tail.group("verb")[0].isupper():
        return []
    if tail.group("cut") == "," and _QUOTE_THEN_SUBJECT.search(sentence[:tail.start()]):
        return []  # '"...," Khaled Al-Maeena, editor at the Saudi Gazette, said.': the subject is there
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
        if not re.search(r"[^\W\d_]", m.group("tail")):
            continue  # "right? :)": an emoticon, no words
        edit = Edit(offset + m.start("end"), offset + m.start("tail"), "")
        hits.append(Hit(offset + m.start("tail"), offset + m.end("tail"),
                        f"“{m.group('tail').strip()}” is a stray fragment after the end of the sentence",
                        1.0, (edit,)))
    lead = re.match(r"\s*([,;:])\s*\w", sentence)
    if lead:
        mark = {",": "a comma", ";": "a semicolon", ":": "a colon"}[lead.group(1)]
        hits.append(Hit(offset, offset + len(sentence), f"the sentence starts with {mark}: a stray fragment", 1.0))
    return hits
