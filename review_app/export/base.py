"""What a writer is, and the small helpers every writer shares (buffered UTF-8 output, escaping).

A writer makes one pass over the rows and writes as it goes: no writer holds
the document in memory. What a format cannot carry (characters XML 1.0
forbids, line breaks in line-aligned files) is declared in ``forbidden`` and
removed by the filters with a count in the report, never silently altered.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import BinaryIO

from ..errors import BadInputError
from .rows import ExportHeader, ExportRow

# Characters XML 1.0 cannot carry, even as character references.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = re.compile("[\n\r]")


class Writer:
    """One export format. Subclasses set the flags and implement :meth:`write`."""

    name = ""
    extension = ""
    needs_source = True  # a parallel format: segments without a source are filtered out
    needs_languages = False  # every written row must know its languages
    single_pair = False  # the whole file has one language pair
    needs_review = False  # only segments a reviewer has saved (post-edits)
    multi_file = False  # writes several files next to the output path
    forbidden: re.Pattern | None = None

    @property
    def title(self) -> str:
        return (self.__doc__ or self.name).strip().splitlines()[0]

    def pair(self, row: ExportRow) -> tuple[str, ...]:
        """The texts that make two rows duplicates."""
        return (row.source or "", row.target)

    def check_header(self, header: ExportHeader) -> None:
        """Refuse, before anything is written, an export this format cannot represent."""
        if self.single_pair and (header.source_lang is None or header.target_lang is None):
            raise BadInputError(
                f"{self.name} holds one language pair, but the documents have several or none; "
                "export one pair at a time ({document}), or name it with {source_lang} and {target_lang}",
                document="--document NAME", source_lang="--source-lang", target_lang="--target-lang",
            )

    def outputs(self, path: str, header: ExportHeader) -> list[str]:
        """The files an export to ``path`` writes (several for line-aligned pairs)."""
        return [path]

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        raise NotImplementedError


def require_languages(row: ExportRow, fmt: str) -> None:
    if row.source_lang is None or row.target_lang is None:
        missing = "source" if row.source_lang is None else "target"
        raise BadInputError(
            f"document {row.document!r} has no {missing} language, which {fmt} needs; "
            f"give it with {{{missing}_lang}}", **{f"{missing}_lang": f"--{missing}-lang"}
        )


class Utf8Out:
    """Collects text and writes it as UTF-8 in large chunks: one encode per ~256 kB, not per row."""

    def __init__(self, stream: BinaryIO, limit: int = 1 << 18):
        self.stream = stream
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.limit:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.stream.write("".join(self.parts).encode("utf-8"))
            self.parts.clear()
            self.size = 0


def xml_text(text: str) -> str:
    # Most text needs nothing: four substring tests are faster than one regex search.
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        # XML parsers turn a raw CR into LF, so CR travels as a character reference.
        return text.replace("\r", "&#13;")
    return text


def xml_attr(text: str) -> str:
    text = xml_text(text)
    if '"' in text or "\t" in text or "\n" in text:
        # Attribute values are normalised on reading: tabs and line breaks must be references.
        return text.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return text


__all__ = ["Writer", "Utf8Out", "xml_text", "xml_attr", "XML_FORBIDDEN", "LINE_BREAKS", "require_languages"]
