"""Line-aligned plain text: Moses-style parallel files, and monolingual corrected text.

``moses`` writes ``OUT.<source lang>`` and ``OUT.<target lang>`` (``OUT.source``
and ``OUT.target`` where the languages are unknown or equal), line n of one
being the translation of line n of the other. ``text`` writes the corrected
text alone, one segment per line: the form for documents without a source,
like the seed. A segment with a line break would break the alignment, so the
filters remove it (counted in the report).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from ..language.tags import checked_tag
from .base import LINE_BREAKS, Utf8Out, Writer
from .rows import ExportHeader, ExportRow


class MosesWriter(Writer):
    """Moses-style line-aligned source and target files"""

    name = "moses"
    extension = ""
    multi_file = True
    forbidden = LINE_BREAKS

    def suffixes(self, header: ExportHeader) -> tuple[str, str]:
        # The languages become file names: a tag that is a path ("fr/../../x") never gets that far.
        src = checked_tag(header.source_lang, "source language")
        tgt = checked_tag(header.target_lang, "target language")
        if src and tgt and src.lower() != tgt.lower():
            return f".{src}", f".{tgt}"
        return ".source", ".target"

    def outputs(self, path: str, header: ExportHeader) -> list[str]:
        return [path + suffix for suffix in self.suffixes(header)]

    def write_files(self, rows: Iterable[ExportRow], outs: list[BinaryIO], header: ExportHeader) -> None:
        source, target = Utf8Out(outs[0]), Utf8Out(outs[1])
        for row in rows:
            source.write(row.source + "\n")
            target.write(row.target + "\n")
        source.flush()
        target.flush()


class TextWriter(Writer):
    """Monolingual corrected text, one segment per line"""

    name = "text"
    extension = ".txt"
    needs_source = False
    forbidden = LINE_BREAKS

    def pair(self, row: ExportRow) -> tuple[str, ...]:
        return (row.target,)

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        for row in rows:
            w.write(row.target + "\n")
        w.flush()


__all__ = ["MosesWriter", "TextWriter"]
