"""What every writer consumes: one flat, ready-to-write row per segment, and the file header.

Rows come from stored segments (:func:`row_from_record`, streamed by
``workflow.export``) or from any other iterable (the benchmark feeds synthetic
rows); writers and filters never touch the database.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from ..model import NO_RISK, DocumentSummary, ExportRecord


@dataclass(slots=True)  # not frozen: frozen dataclasses build ~3x slower, and a million rows add up
class ExportRow:
    id: str  # unique in the export: "<document id>-<position + 1>"
    source: str | None
    target: str  # the best current wording: the latest correction, else the MT
    source_lang: str | None
    target_lang: str | None
    mt: str = ""  # the original machine translation
    document: str = ""
    position: int = 0
    external_id: str | None = None
    status: str = "new"
    reviewed: bool = False  # a reviewer has saved a correction (even an unchanged one)
    origin: str = "mt"
    system: str | None = None
    reviewer: str | None = None
    time: datetime | None = None
    findings: tuple[str, ...] = ()  # "check:severity", in reading order
    risk: int = NO_RISK  # rank of the worst finding (0 critical ... 3 info)
    excluded: str | None = None  # why the segment was excluded from review (page furniture ...)
    codes: dict | None = None  # inline codes from an XML import (see review_app.ingest.inline)

    @property
    def iso_time(self) -> str | None:
        return iso_utc(self.time)


@dataclass(frozen=True)
class ExportHeader:
    """What a file states once, before its rows."""

    source_lang: str | None  # the one source language of the export, None if mixed or unknown
    target_lang: str | None
    project: str = ""
    tool_version: str = "0.1.0"
    created: datetime | None = None


def iso_utc(moment: datetime | None) -> str | None:
    """``2026-11-27T09:30:00Z``. Naive times are UTC (SQLite hands them back so)."""
    if moment is None:
        return None
    if moment.tzinfo is not None and moment.tzinfo is not timezone.utc:
        moment = moment.astimezone(timezone.utc)
    return moment.isoformat(timespec="seconds")[:19] + "Z"  # isoformat is C; strftime is slow


def mt_language(target_lang: str | None) -> str | None:
    """The language tag of machine output used as a source: BCP 47 private use, e.g. ``en-x-mt``."""
    return f"{target_lang}-x-mt" if target_lang else None


def header_for(documents: Sequence[DocumentSummary], project: str, source_lang: str | None = None,
               target_lang: str | None = None, mt_as_source: bool = False) -> ExportHeader:
    sources = {
        d.document.source_lang or source_lang
        or (mt_language(d.document.target_lang or target_lang) if mt_as_source else None)
        for d in documents
    } - {None}
    targets = {d.document.target_lang or target_lang for d in documents} - {None}
    return ExportHeader(
        source_lang=next(iter(sources)) if len(sources) == 1 else None,
        target_lang=next(iter(targets)) if len(targets) == 1 else None,
        project=project,
        tool_version=_version(),
        created=datetime.now(timezone.utc),
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("review_app")
    except PackageNotFoundError:
        return "0.1.0"


def row_from_record(record: ExportRecord, document_name: str, codes: dict | None,
                    source_lang: str | None, target_lang: str | None, mt_as_source: bool = False) -> ExportRow:
    seg = record.segment
    source, src_lang = seg.source, seg.source_lang or source_lang  # the options fill in what a document lacks
    tgt_lang = seg.target_lang or target_lang
    if mt_as_source and source is None and src_lang is None:
        # A document with no source at all (an MT article like the seed): its pairs are MT -> correction,
        # the pairs automatic post-editing trains on, with the MT side tagged as such ("en-x-mt").
        source, src_lang = seg.mt, mt_language(tgt_lang)
    return ExportRow(
        id=f"{seg.document_id}-{seg.position + 1}",
        source=source,
        target=seg.text,
        source_lang=src_lang,
        target_lang=tgt_lang,
        mt=seg.mt,
        document=document_name,
        position=seg.position,
        external_id=seg.external_id,
        status=seg.status.value,
        reviewed=seg.version > 0,
        origin=record.origin,
        system=record.system,
        reviewer=record.reviewer,
        time=record.reviewed_at,
        findings=tuple(f"{f.check}:{f.severity.value}" for f in record.findings),
        risk=seg.risk,
        excluded=(seg.exclusion_reason or "excluded") if seg.excluded else None,
        codes=codes,
    )


__all__ = ["ExportRow", "ExportHeader", "header_for", "row_from_record", "iso_utc", "mt_language"]
