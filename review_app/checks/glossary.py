"""Glossaries: reading a user's TSV/CSV, the shipped starter glossary, and the
check that flags a known-wrong term and suggests the right one.

A glossary row is: wrong form, right form, optional source term, note, and an
optional context — cue words of which one must appear in the sentence or the
two before it ("Ministry of Finance" is wrong only where the text is about the
United States), unless the segment's source has the source term. The context
is stored as "|"-separated cue words ("US|U.S.|American").
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import BadInputError
from ..ingest.decode import read_input
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

FIELDS = ("wrong", "right", "source_term", "note", "context")
STARTER_GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "glossary_us_un.tsv"
CONTEXT_SENTENCES = 2  # how many sentences before a term its context cue may be in


def parse_glossary(name: str, data: bytes) -> list[dict]:
    """Entries of a glossary file. A header row (naming the columns above) is optional; lines
    starting with # are comments. A malformed row raises BadInputError with its line number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{name}: byte {exc.start}: not UTF-8") from None
    delimiter = "," if name.lower().endswith(".csv") and "\t" not in text.split("\n", 1)[0] else "\t"
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
    columns: tuple[str, ...] = FIELDS
    entries: list[dict] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or not "".join(fields).strip() or fields[0].lstrip().startswith("#"):
                continue
            if not entries and columns is FIELDS and fields[0].strip().lower() == "wrong":
                columns = _header(name, line, fields)
                continue
            entries.append(_entry(name, line, columns, fields))
    except csv.Error as exc:
        raise BadInputError(f"{name}: line {reader.line_num}: {exc}") from None
    return entries


def _header(name: str, line: int, fields: list[str]) -> tuple[str, ...]:
    columns = tuple(f.strip().lower() for f in fields)
    unknown = [c for c in columns if c not in FIELDS]
    if unknown or "right" not in columns:
        raise BadInputError(
            f"{name}: line {line}: header must name columns from {', '.join(FIELDS)} (got {', '.join(columns)})"
        )
    return columns


def _entry(name: str, line: int, columns: Sequence[str], fields: list[str]) -> dict:
    if len(fields) > len(columns):
        raise BadInputError(f"{name}: line {line}: {len(fields)} fields, but at most {len(columns)} are known")
    row = {c: (f.strip() or None) for c, f in zip(columns, fields)}
    if not row.get("wrong") or not row.get("right"):
        missing = "wrong" if not row.get("wrong") else "right"
        raise BadInputError(f"{name}: line {line}: column {columns.index(missing) + 1} ({missing} form) is empty")
    if row["wrong"] == row["right"]:
        raise BadInputError(f"{name}: line {line}: wrong and right forms are the same ({row['wrong']!r})")
    return {"wrong": row["wrong"], "right": row["right"], "source_term": row.get("source_term"),
            "note": row.get("note"), "context": row.get("context")}


def load_glossary(path: Path | str) -> list[dict]:
    return parse_glossary(str(path), read_input(path))


def default_glossary() -> list[dict]:
    """The glossary for a document whose project has none: the "glossary" setting, else the starter one."""
    configured = settings.get("glossary")
    return list(_cached_glossary(str(configured or STARTER_GLOSSARY)))


@lru_cache(maxsize=4)
def _cached_glossary(path: str) -> tuple[dict, ...]:
    return tuple(load_glossary(path))


def context_cues(entry: dict) -> tuple[str, ...]:
    return tuple(c.strip() for c in (entry.get("context") or "").split("|") if c.strip())


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
