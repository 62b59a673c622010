"""Streaming readers: one shard of a corpus file -> its sentence pairs, one at a time, in flat memory.

A shard is a byte range of a TSV, JSONL or Moses file (whole lines: a line belongs to the
shard it starts in), a run of Parquet row groups, or a whole TMX or compressed file. A line
that cannot be read (undecodable bytes, a wrong field count, bad JSON) becomes a pair with
a ``problem``, so it is counted and reported with its line, and the shard goes on; a
shard-wide fault (malformed XML, an unreadable Parquet file) raises BadInputError naming
the file and line, and only that shard fails.

Column names follow :mod:`review_app.ingest.tabular` (``source``/``src``...,
``mt``/``target``/``translation``...), plus the language codes (a ``ko``/``en`` header, or
the ``translation`` struct of the Hugging Face layout that ``review-app export --format
parquet`` writes).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest

from ..errors import BadInputError
from ..ingest.tabular import DEFAULT_NAMES, parse_json_line
from ..ingest.tmx import iter_units
from ..ingest.xmlsafe import canonical_lang
from .files import locate
from .plan import Shard, choose_pair

_CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Pair:
    line: int  # 1-based line (Parquet: row) within the shard; TMX: the unit's line in the file
    source: str | None
    target: str | None
    excluded: str | None = None  # why the pair is not a pair (a TMX unit without one of the languages)
    problem: str | None = None  # why the line could not be read


def read_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    """The shard's pairs in order. ``facts`` gets ``lines``, the lines (Parquet: rows) the shard spans,
    once read to the end, and the ``source`` and ``target`` language where the file names them (TMX)."""
    if shard.problem:
        raise BadInputError(shard.problem)
    reader = {"tsv": _tsv_pairs, "jsonl": _jsonl_pairs, "moses": _moses_pairs, "parquet": _parquet_pairs,
              "tmx": _tmx_pairs}
    return reader[shard.format](shard, facts)


# -- lines -------------------------------------------------------------------

def _open(uri: str, compressed: bool):
    place = locate(uri)
    try:
        if compressed:
            return place.fs.open_input_stream(place.path, compression="detect")
        return place.fs.open_input_file(place.path)
    except OSError as exc:
        raise BadInputError(f"{uri}: cannot open ({str(exc).splitlines()[0]})") from None


def iter_lines(stream, start: int, end: int | None) -> Iterator[bytes]:
    """The lines that start in [start, end) of a seekable stream (``end`` None: to the end), without
    their line break; the last one runs past ``end`` to its own break."""
    buffer, at, line_start = b"", 0, start
    if start > 0:  # the line under ``start`` began in the shard before: skip to its end
        stream.seek(start - 1)
        line_start = start - 1
        while True:
            data = stream.read(_CHUNK)
            if not data:
                return
            newline = data.find(b"\n")
            if newline >= 0:
                buffer, line_start = data[newline + 1:], line_start + newline + 1
                break
            line_start += len(data)
    while end is None or line_start < end:
        newline = buffer.find(b"\n", at)
        if newline < 0:
            data = stream.read(_CHUNK)
            if not data:
                if at < len(buffer):
                    yield _without_cr(buffer[at:])
                return
            buffer, at = buffer[at:] + data, 0
            continue
        yield _without_cr(buffer[at:newline])
        line_start += newline + 1 - at
        at = newline + 1


def _without_cr(line: bytes) -> bytes:
    return line[:-1] if line.endswith(b"\r") else line


def shard_lines(uri: str, compressed: bool, start: int, end: int | None) -> Iterator[bytes]:
    with _open(uri, compressed) as stream:
        lines = iter_lines(stream, start, end) if not compressed else iter_lines(stream, 0, None)
        for number, line in enumerate(lines, 1):
            yield line[len(_BOM):] if number == 1 and start == 0 and line.startswith(_BOM) else line


def _numbered(lines: Iterator[bytes], facts: dict) -> Iterator[tuple[int, bytes]]:
    """(line number, line) from 1, with the count left in ``facts["lines"]``."""
    number = 0
    for number, line in enumerate(lines, 1):
        yield number, line
    facts["lines"] = number


def decode_line(raw: bytes) -> tuple[str | None, str | None]:
    """(text, None), or (None, why the line is not text)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 ({exc.reason} at byte {exc.start + 1} of the line)"
    if "\x00" in text:
        return None, f"binary data (a NUL byte at character {text.index(chr(0)) + 1} of the line)"
    return text, None


def _text_lines(shard: Shard, facts: dict, skip_header: bool = False) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, None) per non-blank line of a line-based shard, or (number, None, why) for a
    line that is not text."""
    for number, raw in _numbered(shard_lines(shard.uri, shard.compressed, shard.start, shard.end), facts):
        if number == 1 and skip_header:
            continue
        text, problem = decode_line(raw)
        if problem is not None or text.strip():
            yield number, text, problem


def _tsv_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    layout = shard.columns
    source_at, target_at, fields = layout["source"], layout["target"], layout["fields"]
    for number, text, problem in _text_lines(shard, facts, skip_header=shard.start == 0 and layout["header"]):
        parts = text.split("\t") if problem is None else []
        if problem is None and len(parts) != fields:
            what = "the header has" if layout["header"] else "the first line has"
            problem = f"{len(parts)} tab-separated fields but {what} {fields}"
        if problem is not None:
            yield Pair(number, None, None, problem=problem)
        else:
            yield Pair(number, parts[source_at] if source_at is not None else None, parts[target_at])


def _jsonl_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    names = _names(shard.source_lang, shard.target_lang)
    for number, text, problem in _text_lines(shard, facts):
        record = None
        if problem is None:
            record, problem = _json_object(text)
        if problem is not None:
            yield Pair(number, None, None, problem=problem)
            continue
        source, target, problem = _pick(record, names, shard.source_lang, shard.target_lang)
        yield Pair(number, source, target, problem=problem)


def _json_object(text: str) -> tuple[dict | None, str | None]:
    try:
        record = parse_json_line(text)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    except ValueError as exc:  # nested too deep for Python's stack
        return None, str(exc)
    if not isinstance(record, dict):
        return None, f"a JSON {type(record).__name__}, not an object"
    return record, None


def _names(source_lang: str | None, target_lang: str | None) -> dict[str, tuple[str, ...]]:
    return {
        "source": DEFAULT_NAMES["source"] + ((source_lang.lower(),) if source_lang else ()),
        "target": DEFAULT_NAMES["mt"] + ((target_lang.lower(),) if target_lang else ()),
    }


def _pick(record: dict, names, source_lang, target_lang) -> tuple[str | None, str | None, str | None]:
    translation = record.get("translation")
    if isinstance(translation, dict) and len(translation) >= 2:
        src, tgt = choose_pair(list(translation), source_lang, target_lang)
        return _text(translation.get(src)), _text(translation.get(tgt)) or "", None
    lowered = {str(k).lower(): k for k in record}
    target_key = next((lowered[n] for n in names["target"] if n in lowered), None)
    if target_key is None:
        return None, None, f"no target field (looked for {', '.join(names['target'])})"
    source_key = next((lowered[n] for n in names["source"] if n in lowered), None)
    return _text(record.get(source_key)) if source_key else None, _text(record[target_key]) or "", None


def _text(value) -> str | None:
    return None if value is None else str(value)


def _moses_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    sources = shard_lines(shard.uri, shard.compressed, shard.start, shard.end)
    targets = shard_lines(shard.partner_uri, shard.compressed, shard.partner_start, shard.partner_end)
    number = 0
    for number, (raw_source, raw_target) in enumerate(zip_longest(sources, targets), 1):
        if raw_source is None or raw_target is None:  # planned pairs were counted; compressed ones are not
            ahead, behind = (shard.name, shard.partner_uri) if raw_target is None else (shard.partner_uri, shard.name)
            raise BadInputError(f"{ahead}: line {number}: {behind} has no line {number}; "
                                "a Moses pair needs one line per sentence on each side")
        source, problem = decode_line(raw_source)
        target, target_problem = decode_line(raw_target)
        if problem or target_problem:
            side = "source" if problem else "target"
            yield Pair(number, None, None, problem=f"{side} side: {problem or target_problem}")
            continue
        yield Pair(number, source, target)
    facts["lines"] = number


# -- Parquet -----------------------------------------------------------------

def _parquet_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    import pyarrow.parquet as pq

    place = locate(shard.uri)
    layout = shard.columns
    if layout["struct"]:  # the Hugging Face layout keys the texts by language
        facts.update(source=layout["source"], target=layout["target"])
    number = 0
    with place.fs.open_input_file(place.path) as stream:
        groups = list(range(shard.start, shard.end))
        try:
            batches = pq.ParquetFile(stream).iter_batches(batch_size=10_000, row_groups=groups,
                                                          columns=[layout["column"]] if layout["struct"] else
                                                          [c for c in (layout["source"], layout["target"]) if c])
            for batch in batches:
                sources, targets = _parquet_columns(batch, layout)
                for source, target in zip(sources, targets):
                    number += 1
                    yield Pair(number, source, target if target is not None else "")
            facts["lines"] = number
        except (OSError, ValueError) as exc:  # ArrowInvalid and ArrowIOError are among these
            raise BadInputError(f"{shard.name}: row {number + 1} of the shard: {str(exc).splitlines()[0]}") from None


def _parquet_columns(batch, layout) -> tuple[list, list]:
    if layout["struct"]:
        column = batch.column(0)
        return column.field(layout["source"]).to_pylist(), column.field(layout["target"]).to_pylist()
    targets = batch.column(layout["target"]).to_pylist()
    sources = batch.column(layout["source"]).to_pylist() if layout["source"] else [None] * len(targets)
    return sources, targets


# -- TMX ---------------------------------------------------------------------

def _tmx_pairs(shard: Shard, facts: dict) -> Iterator[Pair]:
    """Units as pairs; the pair of languages is chosen from the options, the header and the first unit
    (as :func:`review_app.ingest.tmx.read_tmx` does, but without reading every unit first)."""
    found: dict = {}
    source = target = None
    with _open(shard.uri, shard.compressed) as stream:
        for unit in iter_units(shard.name, stream, found):
            if source is None:  # the first unit: the languages asked for where it has them, else its own
                present = {v.lang.lower(): v.lang for v in unit.variants}
                asked = [canonical_lang(lang) for lang in (shard.source_lang, shard.target_lang)]
                source = present.get((asked[0] or "").lower()) or _tmx_source(found.get("header", {}), unit)
                target = present.get((asked[1] or "").lower()) if (asked[1] or "").lower() != source.lower() else None
                target = target or next((v.lang for v in unit.variants if v.lang.lower() != source.lower()), None)
                facts.update(source=source, target=target)
            src, tgt = unit.variant(source), unit.variant(target) if target else None
            if src is None or tgt is None:
                missing = " or ".join(lang for lang, v in ((source, src), (target or "a second language", tgt))
                                      if v is None)
                reason = f"no {missing} text (the unit has {', '.join(v.lang for v in unit.variants)})"
                yield Pair(unit.line, src.text if src else None, tgt.text if tgt else "", excluded=reason)
                continue
            yield Pair(unit.line, src.text, tgt.text)
    facts["lines"] = 0  # unit lines are the file's own: no shard before this one to count


def _tmx_source(header: dict, unit) -> str:
    srclang = canonical_lang(header.get("srclang"))
    if srclang and srclang.lower() != "*all*":
        return srclang
    return unit.srclang or unit.variants[0].lang


__all__ = ["Pair", "read_pairs", "iter_lines", "decode_line"]
