"""Rows to records and back: the mapping between the tables of schema.py and the
frozen dataclasses of review_app.model, plus the bulk insert that imports use."""
from __future__ import annotations

import json
import re

from sqlalchemy import JSON, Connection, insert

from ..errors import BadInputError
from ..model import Annotation, Candidate, Correction, Document, Finding, Segment, SegmentStatus, Severity

_INSERT_CHUNK = 5_000


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def checked_row(table, row: dict) -> dict:
    """``row`` if both databases can store it: text fits its column and holds no NUL or lone
    surrogate (PostgreSQL refuses the first two, UTF-8 the last); else one BadInputError.

    Readers check what they read with the file and line in the message; this is the last
    guard for everything else (typed text, names, comments), on SQLite as on PostgreSQL."""
    for column, value in row.items():
        if not isinstance(value, str):
            continue
        length = getattr(table.c[column].type, "length", None)
        label = f"{table.name[:-1] if table.name.endswith('s') else table.name} {column.replace('_', ' ')}"
        if length is not None and len(value) > length:
            raise BadInputError(f"{label}: {len(value):,} characters; at most {length:,} fit")
        if "\x00" in value:
            raise BadInputError(f"{label}: has a NUL character, which no database stores as text")
        if _LONE_SURROGATE.search(value):
            raise BadInputError(f"{label}: has a lone surrogate character, which cannot be stored as UTF-8")
    return row


def _check_columns(table, rows: list[dict], columns: list[str]) -> None:
    """checked_row for many rows at C speed: one look per column, the row found only on a hit."""
    for column in columns:
        values = [r[column] for r in rows if isinstance(r[column], str)]
        if not values:
            continue
        length = getattr(table.c[column].type, "length", None)
        joined = "".join(values)
        too_long = length is not None and max(map(len, values)) > length
        if too_long or "\x00" in joined or _LONE_SURROGATE.search(joined):
            for row in rows:
                checked_row(table, {column: row[column]})


def insert_many(conn: Connection, table, rows: list[dict]) -> None:
    """Bulk insert through the driver's executemany.

    Imports write hundreds of thousands of rows; SQLAlchemy's per-row parameter
    processing cost twice the database's own time, so rows go to the driver
    as plain tuples (JSON columns serialised here).
    """
    if not rows:
        return
    columns = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([marker] * len(columns))})"
    )
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    _check_columns(table, rows, columns)
    for i in range(0, len(rows), _INSERT_CHUNK):
        params = [
            tuple(json.dumps(r[c]) if c in json_columns else r[c] for c in columns)
            for r in rows[i : i + _INSERT_CHUNK]
        ]
        conn.exec_driver_sql(sql, params)


def insert_returning_ids(conn: Connection, table, rows: list[dict]) -> list[int]:
    return [conn.execute(insert(table).values(**row)).inserted_primary_key[0] for row in rows]


def to_document(row, count: int = 0) -> Document:
    return Document(
        id=row.id,
        project_id=row.project_id,
        name=row.name,
        format=row.format,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        sha256=row.sha256,
        imported_at=row.imported_at,
        segment_count=count,
        meta=row.meta or {},
    )


def to_segment(row) -> Segment:
    return Segment(
        id=row.id,
        document_id=row.document_id,
        position=row.position,
        paragraph=row.paragraph,
        mt=row.mt,
        source=row.source,
        reference=row.reference,
        external_id=row.external_id,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        excluded=bool(row.excluded),
        exclusion_reason=row.exclusion_reason,
        status=SegmentStatus(row.status),
        version=row.version,
        corrected=row.corrected,
        risk=row.risk,
        risk_score=row.risk_score,
    )


def finding_row(f: Finding, segment_id: int) -> dict:
    return {
        "segment_id": segment_id,
        "check_name": f.check,
        "severity": Severity(f.severity).value,
        "span_start": f.start,
        "span_end": f.end,
        "message": f.message,
        "suggestion": f.suggestion,
        "confidence": f.confidence,
        "side": f.side,
    }


def to_finding(row) -> Finding:
    return Finding(
        check=row.check_name,
        severity=Severity(row.severity),
        start=row.span_start,
        end=row.span_end,
        message=row.message,
        suggestion=row.suggestion,
        confidence=row.confidence,
        segment_id=row.segment_id,
        id=row.id,
        side=row.side,
    )


def candidate_row(c: Candidate, segment_id: int) -> dict:
    return {
        "segment_id": segment_id,
        "origin": c.origin,
        "system": c.system,
        "text": c.text,
        "provenance": c.provenance or {},
    }


def to_candidate(row) -> Candidate:
    return Candidate(
        segment_id=row.segment_id,
        origin=row.origin,
        text=row.text,
        system=row.system,
        provenance=row.provenance or {},
        id=row.id,
        created_at=row.created_at,
    )


def to_correction(row) -> Correction:
    return Correction(
        id=row.id,
        segment_id=row.segment_id,
        version=row.version,
        text=row.text,
        status=SegmentStatus(row.status),
        reviewer=row.reviewer,
        created_at=row.created_at,
        based_on_version=row.based_on_version,
        candidate_id=row.candidate_id,
        comment=row.comment,
    )


def annotation_row(a: Annotation, segment_id: int, correction_id: int | None = None) -> dict:
    return {
        "segment_id": segment_id,
        "correction_id": correction_id if correction_id is not None else a.correction_id,
        "candidate_id": a.candidate_id,
        "side": a.side,
        "span_start": a.start,
        "span_end": a.end,
        "category": a.category,
        "severity": a.severity,
        "reviewer": a.reviewer,
        "comment": a.comment,
    }


def to_annotation(row) -> Annotation:
    return Annotation(
        segment_id=row.segment_id,
        start=row.span_start,
        end=row.span_end,
        category=row.category,
        severity=row.severity,
        reviewer=row.reviewer,
        candidate_id=row.candidate_id,
        correction_id=row.correction_id,
        comment=row.comment,
        side=row.side,
        id=row.id,
    )
