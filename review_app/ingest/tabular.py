"""Parallel input with one segment per row: TSV/CSV with a header, JSONL, and
line-aligned files (source, MT, optional reference)."""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping

from ..errors import BadInputError
from ..model import DocumentDraft, SegmentDraft
from .decode import iter_lines

ROLES = ("source", "mt", "reference", "id")
# Header names accepted for each role without a --columns mapping.
DEFAULT_NAMES = {
    "source": ("source", "src", "source_text", "src_text"),
    "mt": ("mt", "target", "translation", "hyp", "mt_text"),
    "reference": ("reference", "ref", "pe", "post_edit"),
    "id": ("id", "segment_id", "seg_id", "key"),
}


def guess_columns(name: str, header: list[str], mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """role -> column name present in the header: the ones ``mapping`` names, else the usual names."""
    lowered = {h.strip().lower(): h for h in header}
    resolved = {}
    for role in ROLES:
        wanted = (mapping or {}).get(role)
        if wanted is not None:
            if wanted.lower() not in lowered:
                raise BadInputError(f"{name}: line 1: no column {wanted!r} for {role} (columns: {', '.join(header)})")
            resolved[role] = lowered[wanted.lower()]
            continue
        found = next((lowered[n] for n in DEFAULT_NAMES[role] if n in lowered), None)
        if found is not None:
            resolved[role] = found
    return resolved


def _resolve_columns(name: str, header: list[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """role -> column name actually present in the header; an MT column is required."""
    resolved = guess_columns(name, header, mapping)
    if "mt" not in resolved:
        raise BadInputError(
            f"{name}: line 1: no MT column (looked for {', '.join(DEFAULT_NAMES['mt'])}); "
            "map one with {columns}", columns="--columns mt=NAME"
        )
    return resolved


def read_header(name: str, data: bytes, fmt: str) -> list[str]:
    """A tabular file's columns: a TSV/CSV header, or the first JSONL object's keys."""
    lines = (line for _, line in iter_lines(name, data, newline=""))  # only the first is read
    if fmt == "jsonl":
        first = next((line for line in lines if line.strip()), "{}")
        record = _json_record(name, 1, first)  # depth and integer size bounded, as for every record
        return list(record) if isinstance(record, dict) else []
    delimiter = "\t" if fmt == "tsv" else ","
    quoting = csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL
    try:
        return next(csv.reader(lines, delimiter=delimiter, quoting=quoting), [])
    except csv.Error as exc:
        raise BadInputError(f"{name}: line 1: {exc}") from None


def _draft(name: str, fmt: str, rows: list[SegmentDraft], source_lang, target_lang) -> DocumentDraft:
    if not rows:
        raise BadInputError(f"{name}: no segments (only a header?)")
    return DocumentDraft(name=name, format=fmt, segments=tuple(rows), source_lang=source_lang, target_lang=target_lang)


def _segment(record: Mapping, columns: dict[str, str]) -> SegmentDraft:
    def get(role):
        value = record.get(columns[role]) if role in columns else None
        return None if value is None or value == "" else str(value)

    return SegmentDraft(mt=get("mt") or "", source=get("source"), reference=get("reference"), external_id=get("id"))


_ESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def _unescape(field: str) -> str:
    """Undo linear-TSV escapes (``\\t \\n \\r \\\\``, as review-app export and PostgreSQL write them)."""
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), field) if "\\" in field else field


def iter_delimited(name: str, data: bytes, *, delimiter: str, columns: Mapping[str, str] | None = None,
                   escapes: bool = False) -> Iterator[tuple[str, SegmentDraft]]:
    """("line N", segment) for each row under the header, read a line at a time."""
    # TSV in MT work is unquoted (MLQE-PE, WMT); CSV follows RFC 4180 quoting.
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader((line for _, line in iter_lines(name, data, newline="")), delimiter=delimiter,
                        quoting=quoting, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise BadInputError(f"{name}: the file is empty")
        cols = _resolve_columns(name, header, columns)
        for fields in reader:
            if not fields or fields == [""]:
                continue
            if len(fields) != len(header):
                raise BadInputError(
                    f"{name}: line {reader.line_num}: {len(fields)} fields but the header has {len(header)}"
                )
            if escapes and delimiter == "\t":
                fields = [_unescape(f) for f in fields]
            yield f"line {reader.line_num}", _segment(dict(zip(header, fields)), cols)
    except csv.Error as exc:
        raise BadInputError(f"{name}: line {reader.line_num}: {exc}") from None


def read_delimited(name: str, data: bytes, *, delimiter: str, columns: Mapping[str, str] | None = None,
                   source_lang: str | None = None, target_lang: str = "en", escapes: bool = False) -> DocumentDraft:
    rows = [seg for _, seg in iter_delimited(name, data, delimiter=delimiter, columns=columns, escapes=escapes)]
    return _draft(name, "tsv" if delimiter == "\t" else "csv", rows, source_lang, target_lang)


_MAX_JSON_DEPTH = 64  # a record is flat; 100,000 nested arrays blew Python's stack (RecursionError)


def _json_record(name: str, number: int, line: str):
    try:
        return parse_json_line(line)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"{name}: line {number}, column {exc.colno}: not JSON ({exc.msg})") from None
    except ValueError as exc:  # nested too deep, or an integer too long to convert
        raise BadInputError(f"{name}: line {number}: {exc}") from None


def parse_json_line(line: str):
    """One JSON line with its nesting depth bounded; ValueError says why not (JSONDecodeError: not JSON).
    The batch readers use it too, where a bad line is reported rather than raised."""
    depth = max_nesting(line)
    if depth > _MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested {depth:,} deep; a record is a flat object")
    return json.loads(line, parse_int=_bounded_int)


def max_nesting(text: str) -> int:
    """How deep brackets nest in ``text``, outside strings (a cheap scan before json.loads)."""
    if text.count("[") + text.count("{") <= _MAX_JSON_DEPTH:
        return 0
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        ch = token.group(0)
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _bounded_int(digits: str) -> int | str:
    """Integers as JSON gives them; one of more than 100 digits is kept as its text (no id needs more,
    and Python refuses to convert over 4,300 digits)."""
    return int(digits) if len(digits) <= 100 else digits


def iter_jsonl(name: str, data: bytes, *, columns: Mapping[str, str] | None = None
               ) -> Iterator[tuple[str, SegmentDraft]]:
    cols = None
    for number, line in iter_lines(name, data):
        if not line.strip():
            continue
        record = _json_record(name, number, line)
        if not isinstance(record, dict):
            raise BadInputError(f"{name}: line {number}: expected a JSON object, got {type(record).__name__}")
        if cols is None:
            cols = _resolve_columns(name, list(record), columns)
        if cols["mt"] not in record:
            raise BadInputError(f"{name}: line {number}: no {cols['mt']!r} field")
        yield f"line {number}", _segment(record, cols)


def read_jsonl(name: str, data: bytes, *, columns: Mapping[str, str] | None = None,
               source_lang: str | None = None, target_lang: str = "en") -> DocumentDraft:
    rows = [seg for _, seg in iter_jsonl(name, data, columns=columns)]
    return _draft(name, "jsonl", rows, source_lang, target_lang)


def iter_aligned(files: Mapping[str, tuple[str, bytes]]) -> Iterator[tuple[str, SegmentDraft]]:
    """Line-aligned files: ``files`` maps role (source, mt, reference) to (name, bytes); read in step."""
    if "mt" not in files:
        raise BadInputError("aligned import needs an MT file (--mt)")
    roles = list(files)
    streams = {role: _lines_without_final_newline(*files[role]) for role in roles}
    counts = dict.fromkeys(roles, 0)
    diverge: dict[str, int] = {}
    number = 0
    while True:
        row = {role: next(streams[role], None) for role in roles}
        if all(v is None for v in row.values()):
            break
        number += 1
        for role, value in row.items():
            if value is not None:
                counts[role] += 1
            if role not in diverge and (value is None or row["mt"] is None
                                        or bool(value.strip()) != bool(row["mt"].strip())):
                diverge[role] = number
        if any(v is None for v in row.values()):
            continue  # keep counting the longer files for the message
        yield f"line {number}", SegmentDraft(mt=row["mt"], source=row.get("source"), reference=row.get("reference"),
                                             external_id=str(number))
    for role in roles:
        if counts[role] != counts["mt"]:
            at = diverge.get(role, min(counts[role], counts["mt"]) + 1)
            raise BadInputError(f"line {at}: {files[role][0]} has {counts[role]} lines but {files['mt'][0]} has "
                                f"{counts['mt']}; they diverge at line {at}")


def _lines_without_final_newline(name: str, data: bytes) -> Iterator[str]:
    """The file's lines; empty lines at its very end are not lines of the document."""
    empty = 0
    for _, line in iter_lines(name, data):
        line = line[:-1] if line.endswith("\n") else line
        if not line:
            empty += 1
            continue
        yield from [""] * empty
        empty = 0
        yield line


def read_aligned(files: Mapping[str, tuple[str, bytes]], *, source_lang: str | None = None,
                 target_lang: str = "en") -> DocumentDraft:
    rows = [seg for _, seg in iter_aligned(files)]
    return _draft(files["mt"][0], "aligned", rows, source_lang, target_lang)
