"""Export: reviewed text leaves the app as clean corpora, one writer per format.

:data:`WRITERS` is the registry (format name -> writer). :func:`export_project`
is what the CLI and the UI call; :func:`preview_export` is its dry run (the
report of what the filters would remove, with examples of what stays);
:func:`export_rows` writes any iterable of :class:`ExportRow` (benchmarks).

Everything streams: rows come from the Store in batches, pass the filters and
go straight to the file. A file is written as ``OUT.partial`` and renamed when
complete, so a failed export leaves no half-written corpus; the report goes
beside it as ``OUT.report.json``.
"""
from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from ..errors import BadInputError
from ..storage import Store
from .base import Writer, require_languages
from .delimited import CsvWriter, TsvWriter
from .filters import ExportFilters, ExportReport, FilterPipeline
from .jsonl import ApeWriter, JsonlWriter
from .lines import MosesWriter, TextWriter
from .parquet import ParquetWriter
from .rows import ExportHeader, ExportRow, header_for, rows_from_store
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


def export_project(
    store: Store,
    project: str,
    fmt: str,
    out: str | os.PathLike | BinaryIO,
    filters: ExportFilters | None = None,
    *,
    documents: Sequence[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write a project's segments (or some documents') to ``out`` and return the filters' report.

    ``source_lang``/``target_lang`` fill in languages a document lacks.
    ``progress(done, total)`` is called as segments go by.
    """
    summaries = _documents(store, project, documents)
    mt_as_source = writer_for(fmt).needs_source
    header = header_for(summaries, project, source_lang, target_lang, mt_as_source)
    rows = rows_from_store(store, summaries, source_lang=source_lang, target_lang=target_lang,
                           mt_as_source=mt_as_source)
    total = sum(s.segments for s in summaries)
    return export_rows(rows, fmt, out, header=header, filters=filters, progress=progress, total=total)


def preview_export(
    store: Store,
    project: str,
    fmt: str,
    filters: ExportFilters | None = None,
    *,
    documents: Sequence[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    examples: int = 10,
) -> ExportReport:
    """The report an export would give, with the first kept segments as examples; writes nothing."""
    summaries = _documents(store, project, documents)
    writer = writer_for(fmt)
    writer.check_header(header_for(summaries, project, source_lang, target_lang, writer.needs_source))
    filters = filters or ExportFilters()
    report = ExportReport(format=fmt, filters=filters.to_dict(), dry_run=True)
    pipeline = FilterPipeline(filters, writer, report, keep_examples=examples)
    rows = rows_from_store(store, summaries, source_lang=source_lang, target_lang=target_lang,
                           mt_as_source=writer.needs_source)
    for row in pipeline(rows):
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
        Path(path + ".report.json").write_text(
            json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return report


def _documents(store: Store, project: str, names: Sequence[str] | None):
    summaries = store.list_documents(project)
    if not summaries:
        raise BadInputError(f"project {project!r} has no documents (see: review-app projects)")
    if not names:
        return summaries
    by_name = {s.document.name: s for s in summaries}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise BadInputError(
            f"no document {missing[0]!r} in project {project!r} (documents: {', '.join(sorted(by_name))})"
        )
    return [by_name[n] for n in names]


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
    except BaseException:
        for partial in partials:
            Path(partial).unlink(missing_ok=True)
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
    "WRITERS", "FORMATS", "Writer", "writer_for", "export_project", "preview_export", "export_rows",
    "ExportFilters", "ExportReport", "ExportRow", "ExportHeader",
]
