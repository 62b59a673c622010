"""Bytes to text, with a one-line reason when the bytes are not text."""
from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadInputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise BadInputError(
            f"{name}: {size:,} bytes is over the import limit of {limit:,} bytes "
            "(raise REVIEW_APP_MAX_IMPORT_BYTES to allow it)"
        )


def decode_text(name: str, data: bytes) -> str:
    """Decode UTF-8 (BOM or not) or BOM-marked UTF-16; refuse empty, binary and undecodable input."""
    if not data.strip():
        raise BadInputError(f"{name}: the file is empty")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        at = data.index(0)
        raise BadInputError(f"{name}: byte {at}: binary data (NUL byte), not a text file")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInputError(
            f"{name}: line {line}, byte {exc.start}: not valid {encoding.upper()} ({exc.reason}); "
            "save the file as UTF-8 or as UTF-16 with a BOM"
        ) from None
    if "\x00" in text:
        raise BadInputError(f"{name}: character {text.index(chr(0))}: binary data (NUL), not a text file")
    if not text.strip():
        raise BadInputError(f"{name}: the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_input(path: Path | str) -> bytes:
    """A user's input file as bytes, within the import size limit.

    Pipes count as files, so `--mt <(cut -f5 data.tsv)` works; their size is known only once read.
    """
    from .. import settings

    path = Path(path)
    if not path.exists() or path.is_dir():
        raise BadInputError(f"{path}: no such file")
    limit = settings.get("max_import_bytes")
    if path.is_file():
        check_size(str(path), path.stat().st_size, limit)
    data = path.read_bytes()
    check_size(str(path), len(data), limit)
    return data


def iter_lines(name: str, data: bytes, *, newline: str | None = None) -> Iterator[tuple[int, str]]:
    """(line number, line) of UTF-8 or BOM-marked UTF-16 bytes, decoded a block at a time.

    For readers of one record per line (TSV, CSV, JSONL): memory stays flat however many lines
    the file has (decoding it whole kept a second, four-byte-per-character copy of a 50 MB file).
    ``newline=""`` keeps line endings for the csv module; otherwise \\r\\n and \\r become \\n.
    A file that is empty, binary (NUL) or not UTF-8/UTF-16 is one BadInputError naming the line."""
    if not data.strip():
        raise BadInputError(f"{name}: the file is empty")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=newline)
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            if "\x00" in line:
                raise BadInputError(f"{name}: line {number}: binary data (NUL byte), not a text file")
            yield number, line
    except UnicodeDecodeError as exc:
        raise BadInputError(
            f"{name}: line {number + 1}: not valid {encoding.upper()} ({exc.reason}); "
            "save the file as UTF-8 or as UTF-16 with a BOM"
        ) from None
