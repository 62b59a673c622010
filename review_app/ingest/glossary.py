"""Glossary files: reading a user's TSV/CSV glossary, and the starter glossary shipped
with the app (used for a project that has none).

A glossary row is: wrong form, right form, optional source term, note, and an
optional context — cue words of which one must appear in the sentence or the
two before it ("Ministry of Finance" is wrong only where the text is about the
United States), unless the segment's source has the source term. The context
is stored as "|"-separated cue words ("US|U.S.|American").
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import BadInputError
from .decode import read_input

FIELDS = ("wrong", "right", "source_term", "note", "context")
STARTER_GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "glossary_us_un.tsv"


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
