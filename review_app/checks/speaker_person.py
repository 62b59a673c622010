"""The translation speaks in a person its source does not.

Chinese and Korean leave out a subject where English needs one, and MT fills the gap with a speaker:
"We support basic telecommunications enterprises ..." for a Chinese sentence with no 我们, "I would
like to extend my sincere condolences ..." for one with no 我. The news report then speaks in its own
voice. So a first-person pronoun outside quotation marks is flagged when the segment's source has no
first person (Chinese 我, 咱, 俺, 本人, or 本报 "this paper"; the Korean pronouns 나, 저, 우리, 저희,
본인 as kiwipiepy reads them). Without a Chinese or Korean source this part says nothing: English alone
cannot tell an invented "we" from a speaker's own.

Reported speech shifts the person in English, not in Chinese or Korean: "Xi Jinping said that you
have overcome ..." copies the letter's 你们 into indirect speech, where English says "they" or names
the people addressed. From the English alone, "you" is flagged after "<past reporting verb> (a few
words) that", and every later "you" of the segment with it; with an invented first person, every "you"
("I hope that you will ...").

Both are the pronoun errors professional MQM raters mark Major in Chinese-English news MT (the first
person most of all); ``review-app check --eval-mqm`` measures the check against them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from ..language.english.reporting import VERBS
from ..language.korean.analyser import kiwi
from ..language.scripts import HANGUL_RUN, SCRIPTS
from ..model import Severity
from .attribution import has_korean_source
from .base import Check, DocumentView, Hit, SegmentView

# "I" only where it is the pronoun: "I would", "I'm" (not "World War I and ...", "Phase I trials").
# ("mine" is left out: "a coal mine" is news English, the possessive "mine" is not.)
_FIRST_PERSON = re.compile(r"\b(?:I(?=\s+(?!(?:and|or|of|in|to|the|an?|on|at|for|with|from|by|as)\b)[a-z]|['’])|"
                           r"[Mm]e|[Mm]y|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b")
_QUOTE_MARK = re.compile(r"``|''|’’|‘‘|[“”\"]")
_OPENING = frozenset({"``", "‘‘", "“"})
# An interview transcript speaks in the first person by design ("Q: May I ask ...").
_TRANSCRIPT = re.compile(r"^\s*(?:Q|A|Question|Answer|Reporter|Interviewer)\s*[:：]")
_CHINESE_FIRST_PERSON = re.compile(r"[我咱俺]|本人|本报|本台|本刊|本网|本社")
_KOREAN_FIRST_PERSON = frozenset("나 저 우리 저희 본인 내 제".split())
_HAN = re.compile(f"[{SCRIPTS['Han']}]")
# "<past reporting verb> (a few words) that [a phrase,] you": indirect speech that kept the speaker's "you"
# ("Xi said in his reply that you have ..."). Past forms only: "He says that you can ..." is mostly the
# generic "you".
_REPORTED_YOU = re.compile(
    rf"(?<!\bI )(?<!\b[Ww]e )(?<!\b[Yy]ou )(?<!['’]ve )\b(?P<verb>{VERBS})(?:\s+[\w'’-]+){{0,4}}?"
    rf"\s+that\s+(?:[^.;:“”\"?!]{{0,60}}?,\s+)?(?P<you>[Yy]ou|[Yy]our)\b")
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourselves|[Yy]ourself)\b")
_NOT_A_REPORT = re.compile(r"(?:\b(?:being|been|is|was|are|were|be)\s+)$")  # "it being said that you can see"


class SpeakerPerson(Check):
    """A person the source does not speak in: an invented “we” or “I”, a “you” kept in reported speech."""

    name = "speaker_person"
    severity = Severity.MAJOR
    help = ("A first-person pronoun (“We support ...”, “I would like to ...”) outside quotation marks where "
            "the Chinese or Korean source has no first person: the MT filled a dropped subject with a speaker "
            "the source does not have. And “you” kept in reported speech (“Xi said that you have ...”), "
            "where English says “they” or names the people addressed.")

    def start_document(self, document: DocumentView) -> None:
        self.source_lang = document.source_lang
        self.english = (document.target_lang or "en").lower().startswith("en")
        self.in_quote, self.paragraph = False, None  # a quote of several sentences runs across segments
        if has_korean_source(document):
            kiwi()  # its model loads here, not in the first segment's time budget (as in the attribution check)

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        if not self.english:
            return []
        if segment.paragraph != self.paragraph:
            self.in_quote, self.paragraph = False, segment.paragraph
        quoted, self.in_quote = quoted_spans(segment.text, self.in_quote)
        outside = lambda i: not any(a <= i < b for a, b in quoted)  # noqa: E731
        invented = self._invented_first_person(segment, outside)
        return invented + _second_person(segment.text, outside, after_invented=bool(invented))

    def _invented_first_person(self, segment: SegmentView, outside: Callable[[int], bool]) -> list[Hit]:
        if not segment.source or _TRANSCRIPT.match(segment.text):
            return []
        first = [m for m in _FIRST_PERSON.finditer(segment.text) if outside(m.start())]
        language = _source_language(segment.source, self.source_lang) if first else None
        if not language or _has_first_person(segment.source, language):
            return []
        return [Hit(m.start(), m.end(), f"“{m.group()}”: the {_NAMES[language]} source has no first person; the MT "
                    "gave the sentence a speaker the source does not have (name who acts, or leave the subject out)",
                    0.8)
                for m in first]


def _second_person(text: str, outside: Callable[[int], bool], after_invented: bool) -> list[Hit]:
    """ "you" in reported speech, from the first one after "said (...) that" to the segment's end ("said that
    you have overcome ... . You are not only ..."); with an invented first person, every "you" outside
    quotes ("I hope that you will ..." addresses the people the source reports on)."""
    if after_invented:
        start = 0
    elif "that" not in text or not _SECOND_PERSON.search(text):
        return []  # the common case, without running the long pattern of reporting verbs
    else:
        reported = [m for m in _REPORTED_YOU.finditer(text) if _past(m.group("verb")) and outside(m.start("you"))
                    and not _NOT_A_REPORT.search(text, 0, m.start())]
        if not reported:
            return []
        start = reported[0].start("you")
    return [Hit(m.start(), m.end(), f"“{m.group()}” in reported speech: English reports the speaker's “you” as "
                "the people addressed (“they”, or by name)", 0.9)
            for m in _SECOND_PERSON.finditer(text, start) if outside(m.start())]


_NAMES = {"zh": "Chinese", "ko": "Korean"}


def quoted_spans(text: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """The quoted stretches of ``text`` and whether a quote is still open at its end; ``open_at_start``:
    the segment before left a quote open, which goes on here if this text's first quotation mark closes it
    ("We will ... . We also ...," he said.)."""
    marks = list(_QUOTE_MARK.finditer(text))
    carried = open_at_start and bool(marks) and not _opens(text, marks[0], True)
    spans, start = [], 0 if carried else None
    for mark in marks:
        if _opens(text, mark, start is not None):
            start = mark.start() if start is None else start
        elif start is not None:
            spans.append((start, mark.end()))
            start = None
        else:
            spans.append((0, mark.end()))  # a close with no opening: the segment began inside a quote
    if start is not None:
        spans.append((start, len(text)))
    return spans, start is not None


def _opens(text: str, mark: re.Match, open_now: bool) -> bool:
    """Whether a quotation mark opens a quote: curly and doubled marks say so; a straight one by where it
    stands (after a space or at the start, before a word: opens; after a word: closes)."""
    if mark.group() != '"':
        return mark.group() in _OPENING
    before = text[mark.start() - 1] if mark.start() else " "
    after = text[mark.end()] if mark.end() < len(text) else " "
    if (before.isspace() or before in "([{—–-\"") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–"):
        return False
    return not open_now


def _past(verb: str) -> bool:
    verb = verb.lower()
    return verb.endswith("ed") and verb != "called" or verb.split()[0] in ("said", "told", "wrote", "pointed")


def _source_language(source: str, declared: str | None) -> str | None:
    """ "zh" or "ko" for a source this check can read for a first person, else None."""
    if declared:
        declared = declared.lower().split("-")[0]
        return declared if declared in _NAMES else None
    if HANGUL_RUN.search(source):
        return "ko"
    return "zh" if _HAN.search(source) and not re.search(f"[{SCRIPTS['Kana']}]", source) else None


def _has_first_person(source: str, language: str) -> bool:
    if language == "zh":
        return bool(_CHINESE_FIRST_PERSON.search(source))
    return _korean_first_person(source)


@functools.lru_cache(maxsize=1024)
def _korean_first_person(source: str) -> bool:
    return any(t.tag == "NP" and t.form in _KOREAN_FIRST_PERSON for t in kiwi().tokenize(source))
