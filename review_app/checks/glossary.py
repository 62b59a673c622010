"""A term the glossary says is wrong: flag it and suggest the right one.

Entries come from the project's glossary, else the starter glossary
(:mod:`review_app.ingest.glossary` reads both); an entry with context cues applies
only where a cue is near or the source has the source term.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..ingest.glossary import context_cues, default_glossary
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

CONTEXT_SENTENCES = 2  # how many sentences before a term its context cue may be in


class _Term:
    """One compiled glossary entry."""

    def __init__(self, entry: dict):
        self.entry = entry
        # Not when a capitalised word follows: "Ministry of State" is not "Ministry of State Security".
        self.wrong = re.compile(rf"(?<!\w)(?i:{_flexible(entry['wrong'])})(?!\w)(?!\s+[A-Z][a-z])")
        self.right = re.compile(rf"(?<!\w){_flexible(entry['right'])}(?!\w)", re.IGNORECASE)
        cues = context_cues(entry)
        self.context = re.compile("|".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in cues)) if cues else None

    def applies(self, nearby: str, source: str | None) -> bool:
        """Entries without a context always apply; others when a cue is near or the source has the term."""
        if self.context is None or self.context.search(nearby):
            return True
        source_term = self.entry.get("source_term")
        return bool(source and source_term and source_term in source)


def _flexible(term: str) -> str:
    """A term as a pattern that allows any run of spaces between its words, and "U.S." for "US"."""
    return r"\s+".join(r"U\.?S\.?" if word in {"US", "U.S."} else re.escape(word) for word in term.split())


class GlossaryTerm(Check):
    """A term the glossary says is wrong."""

    name = "glossary"
    severity = Severity.MAJOR
    help = (
        "Names of bodies and reports as Korean-to-English MT tends to render them (Office of Overseas Assets "
        "Control for the Office of Foreign Assets Control). Uses the project's glossary, else the starter "
        "glossary shipped with the app (or the file in the 'glossary' setting). Entries with a context apply "
        "only when one of their cue words is in the sentence or the two before it."
    )

    def start_document(self, document: DocumentView) -> None:
        entries = document.glossary if document.glossary else default_glossary()
        self.terms, self.any_wrong = _compiled(tuple(tuple(sorted(e.items())) for e in entries))
        self.recent: list[str] = []

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        self.recent.append(segment.text)
        if not self.any_wrong.search(segment.text):
            return []  # one pass over the text rules out every entry
        nearby = " ".join(self.recent[-CONTEXT_SENTENCES - 1:])
        hits = []
        for term in self.terms:
            if term.applies(nearby, segment.source):
                hits += _wrong_forms(term, segment.text)
        return hits


@lru_cache(maxsize=8)
def _compiled(entries: tuple) -> tuple[list["_Term"], re.Pattern]:
    """The terms of a glossary and one pattern that finds any wrong form (cached per glossary)."""
    terms = [_Term(dict(e)) for e in entries]
    wrong_forms = "|".join(_flexible(t.entry["wrong"]) for t in terms) or r"(?!x)x"
    any_wrong = re.compile(rf"(?<!\w)(?:{wrong_forms})", re.IGNORECASE)
    return terms, any_wrong


def _wrong_forms(term: _Term, text: str) -> list[Hit]:
    hits = []
    for m in term.wrong.finditer(text):
        if term.right.search(text, m.start()) and term.right.search(text, m.start()).start() == m.start():
            continue  # the right form starts with the wrong one ("X" inside "X Y"): already right
        note = term.entry.get("note") or ""
        message = f"“{m.group(0)}” should be “{term.entry['right']}”" + (f" ({note})" if note else "")
        hits.append(Hit(m.start(), m.end(), message, 1.0, (Edit(m.start(), m.end(), term.entry["right"]),)))
    return hits
