"""JSON Lines: one object per segment pair with its provenance; and APE triplets.

A pair reads ``{"id", "source", "target", "source_lang", "target_lang",
"document", "status", "provenance": {"origin", "system", "reviewer", "time",
"findings", "mt"}}`` (``mt`` is the original machine translation). The
``ape`` format is what automatic post-editing models train on: the machine
translation and the reviewer's post-edit (``src``, ``mt``, ``pe``), for every
segment a reviewer saved, with or without a source.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from .base import Utf8Out, Writer
from .rows import ExportHeader, ExportRow

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class JsonlWriter(Writer):
    """JSON Lines with provenance"""

    name = "jsonl"
    extension = ".jsonl"

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        for row in rows:
            w.write(_dumps({
                "id": row.id, "source": row.source, "target": row.target, "source_lang": row.source_lang,
                "target_lang": row.target_lang, "document": row.document, "status": row.status,
                "provenance": {
                    "origin": row.origin, "system": row.system, "reviewer": row.reviewer, "time": row.iso_time,
                    "findings": list(row.findings), "mt": row.mt,
                },
            }) + "\n")
        w.flush()


class ApeWriter(Writer):
    """MT-to-post-edit pairs for automatic post-editing (JSON Lines: src, mt, pe)"""

    name = "ape"
    extension = ".jsonl"
    needs_source = False
    needs_review = True

    def pair(self, row: ExportRow) -> tuple[str, ...]:
        return (row.source or "", row.mt, row.target)

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        for row in rows:
            w.write(_dumps({
                "id": row.id, "src": row.source, "mt": row.mt, "pe": row.target, "src_lang": row.source_lang,
                "lang": row.target_lang, "document": row.document, "reviewer": row.reviewer, "time": row.iso_time,
                "status": row.status,
            }) + "\n")
        w.flush()


__all__ = ["JsonlWriter", "ApeWriter"]
