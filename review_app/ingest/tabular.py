"""Parallel input with one segment per row: TSV/CSV with a header, JSONL, and
line-aligned files (source, MT, optional reference)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping

from ..errors import BadInputError
from ..model import DocumentDraft, SegmentDraft
from .decode import decode_text

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
    text = decode_text(name, data)
    if fmt == "jsonl":
        first = next((line for line in text.split("\n") if line.strip()), "{}")
        try:
            record = json.loads(first)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{name}: line 1, column {exc.colno}: not JSON ({exc.msg})") from None
        return list(record) if isinstance(record, dict) else []
    delimiter = "\t" if fmt == "tsv" else ","
    quoting = csv.QUOTE_NONE if fmt == "tsv" else csv.QUOTE_MINIMAL
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting), [])
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


def read_delimited(name: str, data: bytes, *, delimiter: str, columns: Mapping[str, str] | None = None,
                   source_lang: str | None = None, target_lang: str = "en", escapes: bool = False) -> DocumentDraft:
    text = decode_text(name, data)
    # TSV in MT work is unquoted (MLQE-PE, WMT); CSV follows RFC 4180 quoting.
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting, strict=True)
    try:
        header = next(reader)
        cols = _resolve_columns(name, header, columns)
        rows = []
        for fields in reader:
            if not fields or fields == [""]:
                continue
            if len(fields) != len(header):
                raise BadInputError(
                    f"{name}: line {reader.line_num}: {len(fields)} fields but the header has {len(header)}"
                )
            if escapes and delimiter == "\t":
                fields = [_unescape(f) for f in fields]
            rows.append(_segment(dict(zip(header, fields)), cols))
    except csv.Error as exc:
        raise BadInputError(f"{name}: line {reader.line_num}: {exc}") from None
    fmt = "tsv" if delimiter == "\t" else "csv"
    return _draft(name, fmt, rows, source_lang, target_lang)


def read_jsonl(name: str, data: bytes, *, columns: Mapping[str, str] | None = None,
               source_lang: str | None = None, target_lang: str = "en") -> DocumentDraft:
    rows = []
    cols = None
    for number, line in enumerate(decode_text(name, data).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{name}: line {number}, column {exc.colno}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise BadInputError(f"{name}: line {number}: expected a JSON object, got {type(record).__name__}")
        if cols is None:
            cols = _resolve_columns(name, list(record), columns)
        if cols["mt"] not in record:
            raise BadInputError(f"{name}: line {number}: no {cols['mt']!r} field")
        rows.append(_segment(record, cols))
    return _draft(name, "jsonl", rows, source_lang, target_lang)


def read_aligned(files: Mapping[str, tuple[str, bytes]], *, source_lang: str | None = None,
                 target_lang: str = "en") -> DocumentDraft:
    """Line-aligned files: ``files`` maps role (source, mt, reference) to (name, bytes)."""
    if "mt" not in files:
        raise BadInputError("aligned import needs an MT file (--mt)")
    lines = {role: decode_text(n, d).rstrip("\n").split("\n") for role, (n, d) in files.items()}
    mt_name = files["mt"][0]
    for role, role_lines in lines.items():
        if len(role_lines) != len(lines["mt"]):
            raise BadInputError(_count_mismatch(files[role][0], role_lines, mt_name, lines["mt"]))
    rows = [
        SegmentDraft(
            mt=mt,
            source=lines["source"][i] if "source" in lines else None,
            reference=lines["reference"][i] if "reference" in lines else None,
            external_id=str(i + 1),
        )
        for i, mt in enumerate(lines["mt"])
    ]
    return _draft(mt_name, "aligned", rows, source_lang, target_lang)


def _count_mismatch(name_a: str, a: list[str], name_b: str, b: list[str]) -> str:
    """Both counts and the first line where the files stop lining up (one blank, the other not)."""
    diverge = next(
        (i + 1 for i, (x, y) in enumerate(zip(a, b)) if bool(x.strip()) != bool(y.strip())),
        min(len(a), len(b)) + 1,
    )
    return f"line {diverge}: {name_a} has {len(a)} lines but {name_b} has {len(b)}; they diverge at line {diverge}"
