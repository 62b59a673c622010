"""Export: reviewed text leaves the app as clean corpora, one writer per format.

:data:`WRITERS` is the registry (format name -> writer). :func:`export_rows`
filters and writes any iterable of :class:`ExportRow`; :func:`preview_rows` is
its dry run (the report of what the filters would remove, with examples of what
stays). ``workflow.export`` feeds them a stored project's rows.

Everything streams: rows pass the filters and go straight to the file. A file is written as ``OUT.partial`` and renamed when
complete, so a failed export leaves no half-written corpus; the report goes
beside it as ``OUT.report.json``.
"""
from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from ..errors import BadInputError
from .base import Writer, require_languages
from .delimited import CsvWriter, TsvWriter
from .filters import ExportFilters, ExportReport, FilterPipeline
from .jsonl import ApeWriter, JsonlWriter
from .lines import MosesWriter, TextWriter
from .parquet import ParquetWriter
from .rows import ExportHeader, ExportRow
from .tmx import TmxWriter
from .xliff import Xliff12Writer, Xliff20Writer

WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (TmxWriter(), Xliff12Writer(), Xliff20Writer(), TsvWriter(), CsvWriter(), JsonlWriter(),
              MosesWriter(), ParquetWriter(), TextWriter(), ApeWriter())
}
FORMATS = tuple(WRITERS)

Progress = Callable[[int, "int | None"], None]


def writer_for(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise BadInputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})") from None


def preview_rows(rows: Iterable[ExportRow], fmt: str, header: ExportHeader, filters: ExportFilters | None = None,
                 *, examples: int = 10) -> ExportReport:
    """The report an export of ``rows`` would give, with the first kept rows as examples; writes nothing."""
    writer = writer_for(fmt)
    writer.check_header(header)
    filters = filters or ExportFilters()
    report = ExportReport(format=fmt, filters=filters.to_dict(), dry_run=True)
    for row in FilterPipeline(filters, writer, report, keep_examples=examples)(rows):
        if writer.needs_languages:  # the export would stop here: say so now
            require_languages(row, fmt)
    return report


def export_rows(
    rows: Iterable[ExportRow],
    fmt: str,
    out: str | os.PathLike | BinaryIO,
    *,
    header: ExportHeader,
    filters: ExportFilters | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    write_report: bool = True,
) -> ExportReport:
    """Filter ``rows`` and write them as ``fmt`` to a path or a binary stream."""
    writer = writer_for(fmt)
    writer.check_header(header)
    filters = filters or ExportFilters()
    report = ExportReport(format=fmt, filters=filters.to_dict())
    kept = FilterPipeline(filters, writer, report)(_with_progress(rows, progress, total))
    if hasattr(out, "write"):
        _write_stream(writer, kept, out, header)
        return report
    path = os.fspath(out)
    report.outputs = _write_files(writer, kept, path, header)
    if write_report:
        _write_whole(path + ".report.json", json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return report


def _write_whole(path: str, text: str) -> None:
    """Written aside and renamed: a full disk leaves no half file under the final name."""
    partial = path + ".partial"
    try:
        Path(partial).write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _with_progress(rows: Iterable[ExportRow], progress: Progress | None, total: int | None,
                   every: int = 1_000) -> Iterator[ExportRow]:
    if progress is None:
        yield from rows
        return
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % every == 0:
            progress(done, total)
    progress(done, total)


def _write_files(writer: Writer, rows: Iterable[ExportRow], path: str, header: ExportHeader) -> list[str]:
    finals = writer.outputs(path, header)
    partials = [p + ".partial" for p in finals]
    try:
        with ExitStack() as stack:
            streams = [stack.enter_context(open(p, "wb")) for p in partials]
            if writer.multi_file:
                writer.write_files(rows, streams, header)
            else:
                writer.write(rows, streams[0], header)
        for partial, final in zip(partials, finals):
            os.replace(partial, final)
    except BaseException as exc:
        for partial in partials:
            Path(partial).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not exc.filename:  # a full disk: say which file, nothing left behind
            raise OSError(exc.errno, f"{exc.strerror}; nothing was written", finals[0]) from None
        raise
    return finals


def _write_stream(writer: Writer, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
    if not writer.multi_file:
        writer.write(rows, out, header)
        return
    # Several files for one download: write them aside, then zip them into the stream.
    with tempfile.TemporaryDirectory(prefix="review-app-export-") as tmp:
        written = _write_files(writer, rows, os.path.join(tmp, "corpus"), header)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, arcname=os.path.basename(path))


__all__ = [
    "WRITERS", "FORMATS", "Writer", "writer_for", "export_rows", "preview_rows", "Progress",
    "ExportFilters", "ExportReport", "ExportRow", "ExportHeader",
]
