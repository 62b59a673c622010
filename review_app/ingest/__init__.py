"""Readers keyed by format: (name, bytes, options) -> DocumentDraft.

Every reader raises :class:`~review_app.errors.BadInputError` with a one-line
message naming the file and place; none of them touches the database.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from pathlib import PurePath

from ..errors import BadInputError
from ..model import DocumentDraft
from .tabular import read_aligned, read_delimited, read_jsonl
from .text import read_text
from .tmx import read_tmx
from .xliff import read_xliff

Reader = Callable[..., DocumentDraft]

READERS: dict[str, Reader] = {
    "text": read_text,
    "tsv": partial(read_delimited, delimiter="\t"),
    "csv": partial(read_delimited, delimiter=","),
    "jsonl": read_jsonl,
    "tmx": read_tmx,
    "xliff": read_xliff,
}

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".tsv": "tsv", ".tab": "tsv",
    ".csv": "csv",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".tmx": "tmx",
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff",
}

FORMATS = ("auto", *READERS, "aligned")


def detect_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return EXTENSIONS.get(suffix, "text")


def reader_for(fmt: str) -> Reader:
    try:
        return READERS[fmt]
    except KeyError:
        raise BadInputError(f"unknown format {fmt!r} (known: {', '.join(sorted(READERS))})") from None


def read_document(name: str, data: bytes, fmt: str = "auto", **options) -> DocumentDraft:
    """Parse one file of any single-file format; ``fmt="auto"`` goes by the extension."""
    fmt = detect_format(name) if fmt == "auto" else fmt
    reader = reader_for(fmt)
    accepted = inspect.signature(reader).parameters
    return reader(name, data, **{k: v for k, v in options.items() if v is not None and k in accepted})


__all__ = ["READERS", "FORMATS", "read_document", "read_aligned", "detect_format", "BadInputError"]
