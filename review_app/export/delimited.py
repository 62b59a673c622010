"""TSV and CSV: one row per segment pair under a header, provenance in the trailing columns.

TSV follows the escaping of PostgreSQL's and ClickHouse's text format
("linear TSV"): a tab, line break, carriage return or backslash inside a cell
is written ``\\t``, ``\\n``, ``\\r``, ``\\\\``, so every line is one record and
``cut -f2,3`` works; quotes are left alone (MT corpora are full of them).
Import it back with ``review-app import FILE.tsv --tsv-escapes``.

CSV is RFC 4180 (quoted where needed, CRLF, UTF-8 with a BOM so spreadsheets
detect the encoding). A cell that starts (after any spaces) with ``=``, ``+``,
``-``, ``@``, tab, carriage return, line feed, or ``;`` (a formula separator in
some spreadsheets' locales), or with the full-width or small forms of these
(``＝ ＋ － ＠ ； ﹢ ﹣``, which some spreadsheets fold to ASCII), gets a leading
apostrophe, so a spreadsheet shows it as text instead of running it as a
formula (OWASP's advice for CSV injection).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from .base import Utf8Out, Writer
from .rows import ExportHeader, ExportRow

COLUMNS = ("id", "source", "target", "source_lang", "target_lang", "document", "status", "origin", "system",
           "reviewer", "time", "findings", "original_mt")
_TSV_SPECIAL = re.compile(r"[\\\t\n\r]")
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", ";", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\uff1b",
                  "\ufe62", "\ufe63")


def cells(row: ExportRow) -> tuple:
    return (
        row.id, row.source or "", row.target, row.source_lang or "", row.target_lang or "", row.document,
        row.status, row.origin, row.system or "", row.reviewer or "", row.iso_time or "", ",".join(row.findings),
        row.mt,
    )


def tsv_escape(text: str) -> str:
    return text.translate(_TSV_ESCAPES) if _TSV_SPECIAL.search(text) else text


def neutralise_formula(text: str) -> str:
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


class TsvWriter(Writer):
    """Tab-separated values with a header (backslash escapes)"""

    name = "tsv"
    extension = ".tsv"

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        w.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            w.write("\t".join([tsv_escape(c) for c in cells(row)]) + "\n")
        w.flush()


class CsvWriter(Writer):
    """Comma-separated values for spreadsheets (formulas neutralised)"""

    name = "csv"
    extension = ".csv"

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
        try:
            writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow([neutralise_formula(c) for c in cells(row)])
            text.flush()
        finally:
            text.detach()  # leave the caller's stream open


__all__ = ["TsvWriter", "CsvWriter", "COLUMNS", "tsv_escape", "neutralise_formula"]
