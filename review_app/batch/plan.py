"""From the inputs a user names to shards: which files, in which format, cut where.

A shard is the unit of work, of resumption and of output (``kept/part-NNNNN.parquet``):
a byte range of a TSV or JSONL file (lines belong to the shard they start in, so cutting
reads nothing), a run of Parquet row groups, a stretch of a Moses pair (both files are
scanned once for line starts, since their ranges must hold the same lines), or a whole
TMX or compressed file. Shards are numbered in input order, then file order: that order
decides which copy of a duplicate is the first, whatever engine runs them.

A file that cannot be planned (a TSV whose columns cannot be told, a Moses pair whose line
counts differ, UTF-16) becomes a shard that carries its problem, so it is reported like any
failed shard and the other files go on.
"""
from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, replace
from pathlib import PurePosixPath

from pyarrow import fs as pafs

from ..errors import BadInputError
from ..ingest.tabular import DEFAULT_NAMES
from .files import Location, expand, locate
from .options import BUCKET_PAIRS, BatchOptions

SUFFIXES = {".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
            ".tmx": "tmx"}
COMPRESSIONS = (".gz", ".bz2", ".zst", ".lz4")  # what pyarrow's compression="detect" reads
_BYTES_PER_PAIR = 100  # for the number of dedup buckets only: a guess erring towards more buckets
_SCAN_CHUNK = 16 << 20


@dataclass(frozen=True)
class Shard:
    index: int
    name: str  # the file as the user named it (or as found under their folder or glob)
    uri: str
    format: str  # tsv | jsonl | moses | parquet | tmx
    start: int = 0  # byte offset (Parquet: first row group)
    end: int | None = None  # None: to the end of the file
    compressed: bool = False
    partner_uri: str | None = None  # Moses: the target-side file, and its range
    partner_start: int = 0
    partner_end: int | None = None
    columns: dict | None = None  # where source and target are (TSV, Parquet)
    source_lang: str | None = None
    target_lang: str | None = None
    problem: str | None = None  # the file could not be planned: the shard fails with this
    weight: int = 0  # about how many bytes it reads: the heaviest shards are handed out first

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Shard":
        return cls(**data)

    @property
    def where(self) -> str:
        """The shard in one phrase, for messages: ``shard 3 (corpus.tsv, bytes 33554432-50331648)``."""
        if self.format == "parquet":
            span = f", row groups {self.start}-{self.end - 1}" if self.end else ""
        elif self.end is not None and (self.start or self.end):
            span = f", bytes {self.start}-{self.end}"
        else:
            span = ""
        return f"shard {self.index} ({self.name}{span})"


@dataclass(frozen=True)
class Plan:
    shards: tuple[Shard, ...]
    buckets: int
    inputs: tuple[dict, ...]  # name, format, size, modified: the fingerprint's view of the files
    ignored: tuple[str, ...]  # files under a folder or glob that are no corpus format
    fingerprint: str


def make_plan(options: BatchOptions) -> Plan:
    files, ignored = find_inputs(options)
    shards: list[Shard] = []
    inputs, estimated = [], 0
    for place, name, fmt, compressed, partner in files:
        info = place.info()
        inputs.append({"name": name, "format": fmt, **_stamp(info),
                       "partner": _stamp(partner.info()) if partner else None})
        base = Shard(index=0, name=name, uri=place.uri, format=fmt, compressed=compressed,
                     partner_uri=partner.uri if partner else None, source_lang=options.source_lang,
                     target_lang=options.target_lang)
        try:
            pieces, pairs = _cut(base, place, partner, info.size, options)
        except BadInputError as exc:
            pieces, pairs = [replace(base, problem=str(exc))], 0
        estimated += pairs
        shards += [replace(piece, index=len(shards) + i, weight=_weight(piece, info.size, len(pieces)))
                   for i, piece in enumerate(pieces)]
    if not shards:
        raise BadInputError("no corpus files among the inputs (.tsv, .jsonl, .parquet, .tmx, or a Moses pair "
                            "with --source-lang/--target-lang)")
    buckets = options.buckets or max(1, math.ceil(estimated / BUCKET_PAIRS))
    return Plan(tuple(shards), buckets, tuple(inputs), tuple(ignored), options.fingerprint(inputs))


def _stamp(info) -> dict:
    """What tells that a file changed since a run began."""
    return {"size": info.size, "modified": info.mtime.isoformat() if info.mtime else None}


def _weight(shard: Shard, file_size: int, pieces: int) -> int:
    if shard.format == "parquet" or shard.end is None:
        return file_size // pieces
    partner = (shard.partner_end or 0) - shard.partner_start if shard.partner_uri else 0
    return shard.end - shard.start + partner


# -- finding the files ---------------------------------------------------------

def find_inputs(options: BatchOptions) -> tuple[list[tuple], list[str]]:
    """(location, name, format, compressed, Moses partner) per corpus file, and the files left aside."""
    found: list[tuple] = []
    ignored: list[str] = []
    out = locate(options.out).path.rstrip("/") + "/"
    for spec in options.inputs:
        prefix = _moses_prefix(spec, options)
        if prefix is not None:
            found.append(prefix)
            continue
        places = expand(spec)
        named_directly = len(places) == 1 and places[0].uri == locate(spec).uri
        for place in places:
            if place.path.startswith(out):  # this run's own output, under an input folder
                continue
            kind = _kind(place, options)
            if kind == "partner" and named_directly:
                raise BadInputError(f"{spec}: the {options.target_lang} side of a Moses pair; name its "
                                    f"{options.source_lang} side, or the prefix both share")
            if kind == "partner":  # read with its source side
                continue
            if kind is None:
                if named_directly:
                    raise BadInputError(f"{spec}: not a corpus format the batch reads (.tsv, .jsonl, .parquet, "
                                        ".tmx, or a Moses pair with --source-lang/--target-lang)")
                ignored.append(_display(spec, place))
                continue
            fmt, compressed = kind
            partner = _partner(place, options) if fmt == "moses" else None
            found.append((place, _display(spec, place), fmt, compressed, partner))
    return found, ignored


def _display(spec: str, place: Location) -> str:
    """The name shown for a file: its URL, or its path (relative where the input was)."""
    if "://" in spec:
        return place.uri
    return place.path if os.path.isabs(spec) else os.path.relpath(place.path)


def _split_compression(path: str) -> tuple[str, bool]:
    for suffix in COMPRESSIONS:
        if path.lower().endswith(suffix):
            return path[: -len(suffix)], True
    return path, False


def _kind(place: Location, options: BatchOptions):
    """(format, compressed), "partner" for the target side of a Moses pair, or None."""
    bare, compressed = _split_compression(place.path)
    suffix = PurePosixPath(bare).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix], compressed
    src, tgt = options.source_lang, options.target_lang
    if not (src and tgt) or suffix not in (f".{src.lower()}", f".{tgt.lower()}"):
        return None
    other = tgt if suffix == f".{src.lower()}" else src
    sibling = bare[: -len(suffix)] + f".{other}" + place.path[len(bare):]
    if place.fs.get_file_info(sibling).type != pafs.FileType.File:
        return None
    return ("moses", compressed) if other == tgt else "partner"


def _partner(place: Location, options: BatchOptions) -> Location:
    bare, _ = _split_compression(place.uri)
    compression = place.uri[len(bare):]
    return locate(bare[: -len(options.source_lang) - 1] + f".{options.target_lang}{compression}")


def _moses_prefix(spec: str, options: BatchOptions):
    """``corpus`` naming ``corpus.ko`` and ``corpus.en`` (as ``export --format moses`` writes them)."""
    if not (options.source_lang and options.target_lang) or any(c in spec for c in "*?["):
        return None
    place = locate(spec)
    if place.exists():
        return None
    source, target = locate(f"{spec}.{options.source_lang}"), locate(f"{spec}.{options.target_lang}")
    if not (source.exists() and target.exists()):
        return None
    return source, f"{spec}.{options.source_lang}", "moses", False, target


# -- cutting files into shards -------------------------------------------------

def _cut(base: Shard, place: Location, partner: Location | None, size: int, options: BatchOptions):
    """(shards of one file, estimated pairs)."""
    if base.format == "parquet":
        return _parquet_shards(base, place, options)
    if base.format == "moses":
        return _moses_shards(base, place, partner, options)
    columns = _tsv_layout(base, place, options) if base.format == "tsv" else None
    base = replace(base, columns=columns)
    if base.format == "tmx" or base.compressed:
        return [base], size // _BYTES_PER_PAIR
    _refuse_utf16(base.name, _head(place))
    count = max(1, math.ceil(size / options.shard_bytes))
    ranges = [(i * options.shard_bytes, min((i + 1) * options.shard_bytes, size)) for i in range(count)]
    return [replace(base, start=a, end=b) for a, b in ranges], size // _BYTES_PER_PAIR


def _head(place: Location, compressed: bool = False, limit: int = 1 << 16) -> bytes:
    opener = place.fs.open_input_stream
    with (opener(place.path, compression="detect") if compressed else opener(place.path)) as stream:
        return stream.read(limit)


def _refuse_utf16(name: str, head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInputError(f"{name}: line 1: UTF-16 text; the batch reads UTF-8 (convert it with iconv)")


def _tsv_layout(base: Shard, place: Location, options: BatchOptions) -> dict:
    head = _head(place, base.compressed)
    _refuse_utf16(base.name, head)
    first = head.split(b"\n", 1)[0].rstrip(b"\r").removeprefix(b"\xef\xbb\xbf")
    try:
        fields = first.decode("utf-8").split("\t")
    except UnicodeDecodeError:
        raise BadInputError(f"{base.name}: line 1: not valid UTF-8, so the columns cannot be told") from None
    lowered = [f.strip().lower() for f in fields]
    target_names = DEFAULT_NAMES["mt"] + ((options.target_lang.lower(),) if options.target_lang else ())
    source_names = DEFAULT_NAMES["source"] + ((options.source_lang.lower(),) if options.source_lang else ())
    target = next((lowered.index(n) for n in target_names if n in lowered), None)
    if target is not None:
        source = next((lowered.index(n) for n in source_names if n in lowered), None)
        return {"header": True, "source": source, "target": target, "fields": len(fields)}
    if len(fields) == 2:
        return {"header": False, "source": 0, "target": 1, "fields": 2}
    raise BadInputError(
        f"{base.name}: line 1: {len(fields)} fields and no header naming the target column "
        f"({', '.join(target_names)}); give the file a header, or two columns: source<TAB>target"
    )


def _parquet_shards(base: Shard, place: Location, options: BatchOptions):
    import pyarrow.parquet as pq

    try:
        with place.fs.open_input_file(place.path) as stream:
            meta = pq.ParquetFile(stream).metadata
            schema = meta.schema.to_arrow_schema()
    except (OSError, ValueError) as exc:
        raise BadInputError(f"{base.name}: not a readable Parquet file ({str(exc).splitlines()[0]})") from None
    base = replace(base, columns=_parquet_layout(base.name, schema, options))
    shards, start, rows = [], 0, 0
    for group in range(meta.num_row_groups):
        rows += meta.row_group(group).num_rows
        if rows >= options.shard_rows or group == meta.num_row_groups - 1:
            shards.append(replace(base, start=start, end=group + 1))
            start, rows = group + 1, 0
    return shards or [replace(base, start=0, end=0)], meta.num_rows


def _parquet_layout(name: str, schema, options: BatchOptions) -> dict:
    import pyarrow as pa

    if "translation" in schema.names and pa.types.is_struct(schema.field("translation").type):
        keys = [f.name for f in schema.field("translation").type]
        if len(keys) >= 2:
            source, target = choose_pair(keys, options.source_lang, options.target_lang)
            return {"struct": True, "column": "translation", "source": source, "target": target}
    lowered = {n.lower(): n for n in schema.names}
    target_names = DEFAULT_NAMES["mt"] + ((options.target_lang.lower(),) if options.target_lang else ())
    source_names = DEFAULT_NAMES["source"] + ((options.source_lang.lower(),) if options.source_lang else ())
    target = next((lowered[n] for n in target_names if n in lowered), None)
    if target is None:
        raise BadInputError(f"{name}: no target column (looked for translation.<lang>, "
                            f"{', '.join(target_names)}; columns: {', '.join(schema.names)})")
    source = next((lowered[n] for n in source_names if n in lowered), None)
    return {"struct": False, "source": source, "target": target}


def choose_pair(languages: list[str], source: str | None, target: str | None) -> tuple[str, str]:
    """Which two of a record's languages are the pair: the ones asked for where present, else the
    first, and the first other one (a file of another language pair keeps its own)."""
    source = source if source in languages else languages[0]
    target = target if target in languages and target != source else next(k for k in languages if k != source)
    return source, target


def _moses_shards(base: Shard, place: Location, partner: Location, options: BatchOptions):
    if base.compressed:  # no seeking in a compressed stream: one shard, read in step
        return [base], place.info().size // (_BYTES_PER_PAIR // 2)
    source_starts, source_lines = line_starts(place, options.shard_rows)
    target_starts, target_lines = line_starts(partner, options.shard_rows)
    if source_lines != target_lines:
        raise BadInputError(f"{base.name} has {source_lines:,} lines but {partner.uri} has {target_lines:,}; "
                            "a Moses pair needs one line per sentence on each side")
    ends = source_starts[1:] + [None]
    partner_ends = target_starts[1:] + [None]
    shards = [replace(base, start=a, end=b, partner_start=c, partner_end=d)
              for a, b, c, d in zip(source_starts, ends, target_starts, partner_ends)]
    return shards, source_lines


def line_starts(place: Location, every: int) -> tuple[list[int], int]:
    """Byte offsets where lines 1, every+1, 2*every+1 ... start, and the number of lines."""
    import numpy as np

    starts, newlines, position, last = [0], 0, 0, b"\n"
    with place.fs.open_input_stream(place.path) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            found = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 10)
            numbers = newlines + 1 + np.arange(len(found))
            starts += (position + found[numbers % every == 0] + 1).tolist()
            newlines += len(found)
            position += len(chunk)
            last = chunk[-1:]
    lines = newlines + (0 if last == b"\n" else 1)
    return [s for s in starts if s < position] or [0], lines


__all__ = ["Shard", "Plan", "make_plan", "find_inputs", "line_starts", "choose_pair", "SUFFIXES"]
