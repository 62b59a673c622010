"""Outputs of other systems (Google, DeepL, Papago, an LLM, anything) imported as candidates.

Two ways to line a file up with a document's segments:

- by line (plain text): one line per segment, in reading order. The file may
  cover every segment or only the reviewable ones (page furniture left out);
  any other count is refused with both counts and the line where they part.
  Without ``--document`` the project's documents are taken one after another.
- by id (``.tsv`` as ``id<TAB>text``, or ``.jsonl`` with ``id`` and ``text``): ids
  are the segments' external ids, or their 0-based positions when they have none.

Empty lines, and lines for page furniture, keep their place but store nothing. A system's outputs
are imported once per document; a second file needs another ``--system`` name.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from ..ingest.decode import decode_text
from ..model import ORIGIN_SYSTEM, Candidate, Segment
from .base import utc_now

ALIGNMENTS = ("auto", "line", "id")
_TEXT_KEYS = ("text", "translation", "hyp", "mt", "target")


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    key: str | None = None


@dataclass(frozen=True)
class ImportReport:
    system: str
    file: str
    align: str
    documents: tuple[str, ...]
    stored: int
    empty: int
    furniture: int  # lines for excluded segments (page furniture), not stored
    uncovered: int  # segments the file has no output for (id alignment only)

    def summary(self) -> str:
        out = f"{self.file}: {self.stored} candidates from {self.system} ({self.align} alignment) in {', '.join(self.documents)}"
        if self.empty:
            out += f"; {self.empty} empty lines stored nothing"
        if self.furniture:
            out += f"; {self.furniture} lines for page furniture not stored"
        if self.uncovered:
            out += f"; {self.uncovered} segments have no line in the file"
        return out


def alignment_for(name: str, align: str) -> str:
    if align not in ALIGNMENTS:
        raise BadInputError(f"unknown alignment {align!r} (known: {', '.join(ALIGNMENTS)})")
    if align != "auto":
        return align
    return "id" if Path(name).suffix.lower() in {".tsv", ".jsonl", ".ndjson"} else "line"


def read_rows(name: str, data: bytes, align: str) -> list[Row]:
    text = decode_text(name, data)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    if align == "line":
        return [Row(n, line.strip()) for n, line in enumerate(lines, 1)]
    if Path(name).suffix.lower() in {".jsonl", ".ndjson"}:
        return [_json_row(name, n, line) for n, line in enumerate(lines, 1) if line.strip()]
    return [_tsv_row(name, n, line) for n, line in enumerate(lines, 1) if line.strip() and not _is_header(n, line)]


def _is_header(n: int, line: str) -> bool:
    return n == 1 and line.split("\t", 1)[0].strip().lower() == "id"


def _tsv_row(name: str, n: int, line: str) -> Row:
    key, tab, text = line.partition("\t")
    if not tab:
        raise BadInputError(f"{name}: line {n}: expected ID<TAB>TEXT, found no tab")
    return Row(n, text.strip(), key.strip())


def _json_row(name: str, n: int, line: str) -> Row:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"{name}: line {n}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict) or "id" not in obj:
        raise BadInputError(f"{name}: line {n}: expected an object with an \"id\" and a \"text\"")
    key = next((k for k in _TEXT_KEYS if k in obj), None)
    if key is None or not isinstance(obj[key], str):
        raise BadInputError(f"{name}: line {n}: no text field (one of {', '.join(_TEXT_KEYS)})")
    return Row(n, obj[key].strip(), str(obj["id"]))


def align_by_line(name: str, rows: list[Row], segments: list[Segment], label: str) -> list[tuple[Segment, Row]]:
    reviewable = [s for s in segments if not s.excluded]
    for target in (segments, reviewable):
        if len(rows) == len(target):
            return list(zip(target, rows))
    n = len(rows)
    counts = f"{label} has {len(segments)} segments ({len(reviewable)} without page furniture)"
    if n < len(reviewable):
        where = f"line {n + 1}: the file ends after {n} lines, but"
    elif n < len(segments):
        where = f"line {n + 1}: the file ends after {n} lines (more than the reviewable segments, fewer than all), but"
    else:
        where = f"line {len(segments) + 1}: the file has {n} lines, more than"
    raise BadInputError(f"{name}: {where} {counts}; give one line per segment, in reading order")


def align_by_id(name: str, rows: list[Row], segments: list[Segment], label: str) -> list[tuple[Segment, Row]]:
    by_key = {(s.external_id if s.external_id is not None else str(s.position)): s for s in segments}
    seen: dict[str, int] = {}
    pairs = []
    for row in rows:
        if row.key in seen:
            raise BadInputError(f"{name}: line {row.line}: id {row.key!r} again (first on line {seen[row.key]})")
        seen[row.key] = row.line
        if row.key not in by_key:
            raise BadInputError(f"{name}: line {row.line}: id {row.key!r} matches no segment of {label}")
        pairs.append((by_key[row.key], row))
    return pairs


def candidates_from(name: str, data: bytes, pairs: list[tuple[Segment, Row]], system: str,
                    align: str) -> list[Candidate]:
    """The candidates an aligned file gives, with their provenance; empty lines and lines
    for page furniture give none."""
    provenance = {"file": Path(name).name, "sha256": hashlib.sha256(data).hexdigest(), "align": align,
                  "time": utc_now()}
    return [
        Candidate(seg.id, ORIGIN_SYSTEM, row.text, system, {**provenance, "line": row.line, "id": row.key})
        for seg, row in pairs
        if row.text and not seg.excluded
    ]
