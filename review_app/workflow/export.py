"""Export of a stored project: its documents' segments streamed from the Store in
batches into the export filters and writers (``review_app.export``), or the preview
of what an export would keep and remove."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..errors import BadInputError
from ..export import ExportFilters, Progress, export_rows, preview_rows, writer_for
from ..export.filters import ExportReport
from ..export.rows import ExportRow, header_for, row_from_record
from ..language.tags import checked_tag
from ..model import DocumentSummary
from ..storage import Store
from .projects import find_document


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
    source_lang, target_lang = _checked_languages(source_lang, target_lang)
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
    source_lang, target_lang = _checked_languages(source_lang, target_lang)
    summaries = _documents(store, project, documents)
    needs_source = writer_for(fmt).needs_source
    header = header_for(summaries, project, source_lang, target_lang, needs_source)
    rows = rows_from_store(store, summaries, source_lang=source_lang, target_lang=target_lang,
                           mt_as_source=needs_source)
    return preview_rows(rows, fmt, header, filters, examples=examples)


def rows_from_store(store: Store, documents: Sequence[DocumentSummary], *, source_lang: str | None = None,
                    target_lang: str | None = None, mt_as_source: bool = False) -> Iterator[ExportRow]:
    """Every segment of the given documents, in document then reading order.

    With ``mt_as_source`` (parallel formats), segments of documents that have no source
    at all become MT -> correction pairs instead of being dropped.
    """
    for summary in documents:
        doc = summary.document
        inline = doc.meta.get("inline") or {}
        for record in store.iter_export_records(doc.id):
            codes = inline.get(str(record.segment.position)) if inline else None
            yield row_from_record(record, doc.name, codes, source_lang, target_lang, mt_as_source)


def _documents(store: Store, project: str, names: Sequence[str] | None) -> list[DocumentSummary]:
    """The project's documents, or the named ones (a one-line error naming a missing one)."""
    summaries = store.list_documents(project)
    if not summaries:
        raise BadInputError(f"project {project!r} has no documents (see: review-app projects)")
    if not names:
        return summaries
    by_id = {s.document.id: s for s in summaries}
    return [by_id[find_document(store, project, name).id] for name in names]  # in the order asked for


def _checked_languages(source_lang: str | None, target_lang: str | None) -> tuple[str | None, str | None]:
    """Language options name files (corpus.fr): only BCP 47 tags, never a path."""
    return (checked_tag(source_lang or None, "source language"), checked_tag(target_lang or None, "target language"))
