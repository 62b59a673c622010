"""The Store: the only place that talks SQL. Methods are named after use cases.

Works on SQLite (the default, a file next to the user) and PostgreSQL. Every
write is one transaction; corrections are append-only and guarded by the
segment's version (optimistic locking), so a save against a stale version is
refused with :class:`ConflictError` instead of overwriting someone's work.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import JSON, Connection, Engine, and_, case, create_engine, event, func, insert, or_, select, update

from ..model import (
    ORIGIN_MT,
    ORIGIN_REVIEWER,
    Annotation,
    Candidate,
    Correction,
    Document,
    DocumentDraft,
    Finding,
    Project,
    Score,
    Segment,
    SegmentStatus,
    Severity,
)
from ..risk import NO_RISK, risk
from . import schema as t
from .migrate import upgrade_to_head

_INSERT_CHUNK = 5_000


class ConflictError(Exception):
    """A save was based on a segment version that someone else has replaced."""

    def __init__(self, segment: Segment, based_on_version: int):
        self.segment = segment
        self.based_on_version = based_on_version
        super().__init__(
            f"segment {segment.position} was saved by someone else (now version {segment.version}, "
            f"you started from version {based_on_version}); reload and choose which text to keep"
        )


class NotFoundError(LookupError):
    pass


@dataclass(frozen=True)
class ProjectSummary:
    project: Project
    documents: int
    segments: int
    reviewed: int


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    segments: int
    excluded: int
    reviewed: int
    approved: int


@dataclass(frozen=True)
class SegmentFilter:
    """What the review list can be narrowed to; every field is optional."""

    status: str | None = None
    check: str | None = None
    min_severity: Severity | None = None
    system: str | None = None
    text: str | None = None
    include_excluded: bool = True


@dataclass(frozen=True)
class ExportRecord:
    """A segment as export needs it: who gave it its current wording, when, from which candidate."""

    segment: Segment
    reviewer: str | None
    reviewed_at: datetime | None
    origin: str  # origin of the current wording: "mt" if never corrected, "reviewer" if typed in
    system: str | None
    findings: tuple[Finding, ...]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _make_engine(url: str, busy_timeout_ms: int) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred and late).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # Writers take the lock up front: a deferred transaction that later
            # upgrades to a write can deadlock with another writer and fail at once.
            mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Store:
    """One database. Thread-safe: each call takes its own pooled connection."""

    _shared: dict[str, "Store"] = {}
    _shared_lock = threading.Lock()

    def __init__(self, url: str, *, busy_timeout_ms: int = 30_000, migrate: bool = True):
        self.url = url
        self.engine = _make_engine(url, busy_timeout_ms)
        if migrate:
            upgrade_to_head(self.engine)

    @classmethod
    def shared(cls, url: str) -> "Store":
        """One Store per URL per process (the Streamlit server shares it between sessions)."""
        with cls._shared_lock:
            if url not in cls._shared:
                cls._shared[url] = cls(url)
            return cls._shared[url]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- projects and documents --------------------------------------------

    def ensure_project(self, name: str, conn: Connection | None = None) -> Project:
        if conn is None:
            with self._write() as conn:
                return self.ensure_project(name, conn)
        row = conn.execute(select(t.projects).where(t.projects.c.name == name)).first()
        if row is None:
            pid = conn.execute(insert(t.projects).values(name=name)).inserted_primary_key[0]
            row = conn.execute(select(t.projects).where(t.projects.c.id == pid)).one()
        return Project(id=row.id, name=row.name, created_at=row.created_at)

    def project(self, name: str) -> Project:
        with self._read() as conn:
            row = conn.execute(select(t.projects).where(t.projects.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no project named {name!r}")
        return Project(id=row.id, name=row.name, created_at=row.created_at)

    def list_projects(self) -> list[ProjectSummary]:
        s = t.segments
        d = t.documents
        counts = (
            select(
                d.c.project_id,
                func.count(func.distinct(d.c.id)).label("documents"),
                func.count(s.c.id).label("segments"),
                func.coalesce(func.sum(case((s.c.version > 0, 1), else_=0)), 0).label("reviewed"),
            )
            .select_from(d.outerjoin(s, s.c.document_id == d.c.id))
            .group_by(d.c.project_id)
            .subquery()
        )
        query = (
            select(t.projects, counts.c.documents, counts.c.segments, counts.c.reviewed)
            .select_from(t.projects.outerjoin(counts, counts.c.project_id == t.projects.c.id))
            .order_by(t.projects.c.name)
        )
        with self._read() as conn:
            return [
                ProjectSummary(
                    Project(r.id, r.name, r.created_at), r.documents or 0, r.segments or 0, int(r.reviewed or 0)
                )
                for r in conn.execute(query)
            ]

    def find_document(self, project: str, name: str) -> Document | None:
        query = (
            select(t.documents)
            .join(t.projects, t.projects.c.id == t.documents.c.project_id)
            .where(t.projects.c.name == project, t.documents.c.name == name)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        return _document(row) if row else None

    def document(self, document_id: int) -> Document:
        with self._read() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return _document(row)

    def list_documents(self, project: str | None = None) -> list[DocumentSummary]:
        s, d = t.segments, t.documents
        query = (
            select(
                d,
                func.count(s.c.id).label("n"),
                func.coalesce(func.sum(case((s.c.excluded, 1), else_=0)), 0).label("excluded"),
                func.coalesce(func.sum(case((s.c.version > 0, 1), else_=0)), 0).label("reviewed"),
                func.coalesce(func.sum(case((s.c.status == SegmentStatus.APPROVED.value, 1), else_=0)), 0).label(
                    "approved"
                ),
            )
            .select_from(d.outerjoin(s, s.c.document_id == d.c.id))
            .group_by(d.c.id)
            .order_by(d.c.id)
        )
        if project is not None:
            query = query.join(t.projects, t.projects.c.id == d.c.project_id).where(t.projects.c.name == project)
        with self._read() as conn:
            return [
                DocumentSummary(_document(r, r.n), r.n, int(r.excluded), int(r.reviewed), int(r.approved))
                for r in conn.execute(query)
            ]

    def add_document(
        self,
        project: str,
        draft: DocumentDraft,
        sha256: str,
        findings: Sequence[Sequence[Finding]] = (),
        rule_candidates: Sequence[Sequence[Candidate]] = (),
    ) -> Document:
        """Store a whole document, its MT candidates, findings and rule repairs in ONE transaction.

        ``findings[i]`` and ``rule_candidates[i]`` belong to ``draft.segments[i]``
        (their ``segment_id`` is filled in here). Killed half-way, nothing is left.
        """
        with self._write() as conn:
            proj = self.ensure_project(project, conn)
            doc_id = conn.execute(
                insert(t.documents).values(
                    project_id=proj.id,
                    name=draft.name,
                    format=draft.format,
                    source_lang=draft.source_lang,
                    target_lang=draft.target_lang,
                    sha256=sha256,
                    meta=draft.meta,
                )
            ).inserted_primary_key[0]
            risks = [risk(findings[i]) if i < len(findings) else NO_RISK for i in range(len(draft.segments))]
            rows = [
                {
                    "document_id": doc_id,
                    "position": pos,
                    "paragraph": seg.paragraph,
                    "external_id": seg.external_id,
                    "source": seg.source,
                    "mt": seg.mt,
                    "reference": seg.reference,
                    "excluded": seg.excluded,
                    "exclusion_reason": seg.exclusion_reason,
                    "status": SegmentStatus.NEW.value,
                    "version": 0,
                    "risk": risks[pos],
                }
                for pos, seg in enumerate(draft.segments)
            ]
            _insert_many(conn, t.segments, rows)
            ids = list(
                conn.execute(
                    select(t.segments.c.id).where(t.segments.c.document_id == doc_id).order_by(t.segments.c.position)
                ).scalars()
            )
            mt_rows = [
                {"segment_id": sid, "origin": ORIGIN_MT, "system": None, "text": seg.mt, "provenance": {}}
                for sid, seg in zip(ids, draft.segments)
            ]
            _insert_many(conn, t.candidates, mt_rows)
            _insert_many(
                conn, t.findings, [_finding_row(f, ids[i]) for i, fs in enumerate(findings) for f in fs]
            )
            _insert_many(
                conn,
                t.candidates,
                [_candidate_row(c, ids[i]) for i, cs in enumerate(rule_candidates) for c in cs],
            )
            row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).one()
            return _document(row, len(ids))

    def delete_document(self, document_id: int) -> None:
        with self._write() as conn:
            conn.execute(t.documents.delete().where(t.documents.c.id == document_id))

    # -- segments -----------------------------------------------------------

    def _segment_query(self):
        s, d = t.segments, t.documents
        return select(s, d.c.source_lang, d.c.target_lang).join(d, d.c.id == s.c.document_id)

    def segment(self, segment_id: int) -> Segment:
        with self._read() as conn:
            row = conn.execute(self._segment_query().where(t.segments.c.id == segment_id)).first()
        if row is None:
            raise NotFoundError(f"no segment with id {segment_id}")
        return _segment(row)

    def segments(
        self,
        document_id: int,
        *,
        offset: int = 0,
        limit: int | None = None,
        where: SegmentFilter | None = None,
        order: str = "position",
    ) -> list[Segment]:
        """A page of a document's segments, in reading order or risk order (``order="risk"``)."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *self._filter_clauses(where))
        if order == "risk":
            query = query.order_by(s.c.risk, s.c.position)
        else:
            query = query.order_by(s.c.position)
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [_segment(r) for r in conn.execute(query)]

    def count_segments(self, document_id: int, where: SegmentFilter | None = None) -> int:
        s = t.segments
        query = select(func.count()).select_from(s).where(s.c.document_id == document_id, *self._filter_clauses(where))
        with self._read() as conn:
            return conn.execute(query).scalar_one()

    def iter_segments(self, document_id: int, batch: int = 2_000) -> Iterator[Segment]:
        """Every segment of a document in reading order, fetched in batches (flat memory)."""
        last = -1
        while True:
            query = (
                self._segment_query()
                .where(t.segments.c.document_id == document_id, t.segments.c.position > last)
                .order_by(t.segments.c.position)
                .limit(batch)
            )
            with self._read() as conn:
                page = [_segment(r) for r in conn.execute(query)]
            yield from page
            if len(page) < batch:
                return
            last = page[-1].position

    def iter_export_records(self, document_id: int, batch: int = 2_000) -> Iterator[ExportRecord]:
        """Every segment of a document in reading order with its latest correction's reviewer, time
        and candidate, and its findings; fetched in batches (flat memory) for export."""
        s, c, k, f = t.segments, t.corrections, t.candidates, t.findings
        last = -1
        while True:
            query = (
                self._segment_query()
                .add_columns(c.c.reviewer.label("c_reviewer"), c.c.created_at.label("c_created_at"),
                             c.c.id.label("c_id"), k.c.origin.label("k_origin"), k.c.system.label("k_system"))
                # The latest correction is the one whose version the segment carries.
                .outerjoin(c, and_(c.c.segment_id == s.c.id, c.c.version == s.c.version))
                .outerjoin(k, k.c.id == c.c.candidate_id)
                .where(s.c.document_id == document_id, s.c.position > last)
                .order_by(s.c.position)
                .limit(batch)
            )
            with self._read() as conn:
                rows = conn.execute(query).all()
                found: dict[int, list[Finding]] = {}
                if rows:
                    ids = [r.id for r in rows]
                    for r in conn.execute(select(f).where(f.c.segment_id.in_(ids)).order_by(f.c.id)):
                        found.setdefault(r.segment_id, []).append(_finding(r))
            for r in rows:
                corrected = r.c_id is not None
                yield ExportRecord(
                    segment=_segment(r),
                    reviewer=r.c_reviewer,
                    reviewed_at=r.c_created_at,
                    origin=(r.k_origin or ORIGIN_REVIEWER) if corrected else ORIGIN_MT,
                    system=r.k_system if corrected else None,
                    findings=tuple(found.get(r.id, ())),
                )
            if len(rows) < batch:
                return
            last = rows[-1].position

    def neighbours(self, segment: Segment, before: int = 2, after: int = 2) -> tuple[list[Segment], list[Segment]]:
        s = t.segments
        base = self._segment_query().where(s.c.document_id == segment.document_id)
        with self._read() as conn:
            prev = conn.execute(
                base.where(s.c.position < segment.position).order_by(s.c.position.desc()).limit(before)
            ).all()
            nxt = conn.execute(base.where(s.c.position > segment.position).order_by(s.c.position).limit(after)).all()
        return [_segment(r) for r in reversed(prev)], [_segment(r) for r in nxt]

    def next_in_queue(self, document_id: int, after: Segment | None, where: SegmentFilter | None = None,
                      order: str = "risk") -> Segment | None:
        """The segment that follows ``after`` in the chosen order (the first one if ``after`` is None)."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *self._filter_clauses(where))
        if order == "risk":
            if after is not None:
                query = query.where(
                    or_(s.c.risk > after.risk, and_(s.c.risk == after.risk, s.c.position > after.position))
                )
            query = query.order_by(s.c.risk, s.c.position)
        else:
            if after is not None:
                query = query.where(s.c.position > after.position)
            query = query.order_by(s.c.position)
        with self._read() as conn:
            row = conn.execute(query.limit(1)).first()
        return _segment(row) if row else None

    def segment_matches(self, segment_id: int, where: SegmentFilter | None) -> bool:
        """Whether a segment passes the review list's filters (the open segment stays open if it does)."""
        s = t.segments
        query = select(s.c.id).where(s.c.id == segment_id, *self._filter_clauses(where))
        with self._read() as conn:
            return conn.execute(query).first() is not None

    def previous_in_queue(self, document_id: int, before: Segment, where: SegmentFilter | None = None,
                          order: str = "risk") -> Segment | None:
        """The segment just before ``before`` in the chosen order (None at the start): the review page's 'previous'."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *self._filter_clauses(where))
        if order == "risk":
            query = query.where(
                or_(s.c.risk < before.risk, and_(s.c.risk == before.risk, s.c.position < before.position))
            ).order_by(s.c.risk.desc(), s.c.position.desc())
        else:
            query = query.where(s.c.position < before.position).order_by(s.c.position.desc())
        with self._read() as conn:
            row = conn.execute(query.limit(1)).first()
        return _segment(row) if row else None

    def _filter_clauses(self, where: SegmentFilter | None) -> list:
        if where is None:
            return []
        s = t.segments
        clauses = []
        if where.status:
            clauses.append(s.c.status == where.status)
        if not where.include_excluded:
            clauses.append(s.c.excluded.is_(False))
        if where.min_severity is not None:
            clauses.append(s.c.risk <= where.min_severity.rank)
        if where.check:
            clauses.append(
                s.c.id.in_(select(t.findings.c.segment_id).where(t.findings.c.check_name == where.check))
            )
        if where.system:
            clauses.append(s.c.id.in_(select(t.candidates.c.segment_id).where(t.candidates.c.system == where.system)))
        if where.text:
            pattern = f"%{where.text}%"
            clauses.append(or_(s.c.mt.ilike(pattern), s.c.source.ilike(pattern), s.c.corrected.ilike(pattern)))
        return clauses

    # -- corrections (append-only, optimistic) ------------------------------

    def record_correction(
        self,
        segment_id: int,
        text: str,
        *,
        reviewer: str,
        based_on_version: int,
        status: SegmentStatus = SegmentStatus.APPROVED,
        candidate_id: int | None = None,
        comment: str | None = None,
        annotations: Iterable[Annotation] = (),
    ) -> Correction:
        """Append a correction if the segment is still at ``based_on_version``; else raise ConflictError."""
        status = SegmentStatus(status)
        s = t.segments
        new_version = based_on_version + 1
        now = _utcnow()
        with self._write() as conn:
            bumped = conn.execute(
                update(s)
                .where(s.c.id == segment_id, s.c.version == based_on_version)
                .values(version=new_version, status=status.value, corrected=text)
            ).rowcount
            if bumped != 1:
                row = conn.execute(self._segment_query().where(s.c.id == segment_id)).first()
                if row is None:
                    raise NotFoundError(f"no segment with id {segment_id}")
                raise ConflictError(_segment(row), based_on_version)
            correction_id = conn.execute(
                insert(t.corrections).values(
                    segment_id=segment_id,
                    version=new_version,
                    based_on_version=based_on_version,
                    text=text,
                    status=status.value,
                    reviewer=reviewer,
                    comment=comment,
                    candidate_id=candidate_id,
                    created_at=now,
                )
            ).inserted_primary_key[0]
            _insert_many(
                conn,
                t.annotations,
                [_annotation_row(a, segment_id, correction_id=correction_id) for a in annotations],
            )
        return Correction(
            id=correction_id,
            segment_id=segment_id,
            version=new_version,
            text=text,
            status=status,
            reviewer=reviewer,
            created_at=now,
            based_on_version=based_on_version,
            candidate_id=candidate_id,
            comment=comment,
        )

    def history(self, segment_id: int) -> list[Correction]:
        c = t.corrections
        with self._read() as conn:
            rows = conn.execute(select(c).where(c.c.segment_id == segment_id).order_by(c.c.version)).all()
        return [_correction(r) for r in rows]

    def corrections(self, project: str | None = None) -> list[Correction]:
        """Every correction (optionally of one project), oldest first: for dashboards and audits."""
        c = t.corrections
        query = select(c).order_by(c.c.id)
        if project is not None:
            query = query.where(c.c.segment_id.in_(self._project_segment_ids(project)))
        with self._read() as conn:
            return [_correction(r) for r in conn.execute(query)]

    def _project_segment_ids(self, project: str):
        return (
            select(t.segments.c.id)
            .join(t.documents, t.documents.c.id == t.segments.c.document_id)
            .join(t.projects, t.projects.c.id == t.documents.c.project_id)
            .where(t.projects.c.name == project)
        )

    # -- findings -----------------------------------------------------------

    def findings(self, segment_id: int) -> list[Finding]:
        f = t.findings
        with self._read() as conn:
            rows = conn.execute(select(f).where(f.c.segment_id == segment_id).order_by(f.c.span_start)).all()
        return [_finding(r) for r in rows]

    def findings_for_document(self, document_id: int) -> dict[int, list[Finding]]:
        f = t.findings
        query = (
            select(f)
            .join(t.segments, t.segments.c.id == f.c.segment_id)
            .where(t.segments.c.document_id == document_id)
            .order_by(t.segments.c.position, f.c.span_start)
        )
        out: dict[int, list[Finding]] = {}
        with self._read() as conn:
            for r in conn.execute(query):
                out.setdefault(r.segment_id, []).append(_finding(r))
        return out

    def finding_counts(self, project: str | None = None) -> dict[tuple[str, str], int]:
        """(check, severity) -> number of findings, for the dashboard."""
        f = t.findings
        query = select(f.c.check_name, f.c.severity, func.count()).group_by(f.c.check_name, f.c.severity)
        if project is not None:
            query = query.where(f.c.segment_id.in_(self._project_segment_ids(project)))
        with self._read() as conn:
            return {(r[0], r[1]): r[2] for r in conn.execute(query)}

    def replace_findings(
        self,
        document_id: int,
        findings: dict[int, Sequence[Finding]],
        rule_candidates: dict[int, Sequence[Candidate]],
    ) -> None:
        """Re-run results: swap a document's findings and rule repairs for new ones, in one transaction."""
        s, f, c = t.segments, t.findings, t.candidates
        seg_ids = select(s.c.id).where(s.c.document_id == document_id)
        with self._write() as conn:
            conn.execute(f.delete().where(f.c.segment_id.in_(seg_ids)))
            conn.execute(c.delete().where(c.c.segment_id.in_(seg_ids), c.c.origin.like("rule:%")))
            conn.execute(update(s).where(s.c.document_id == document_id).values(risk=NO_RISK))
            _insert_many(conn, f, [_finding_row(x, sid) for sid, xs in findings.items() for x in xs])
            _insert_many(conn, c, [_candidate_row(x, sid) for sid, xs in rule_candidates.items() for x in xs])
            for sid, xs in findings.items():
                if xs:
                    conn.execute(update(s).where(s.c.id == sid).values(risk=risk(xs)))

    # -- candidates and scores ----------------------------------------------

    def add_candidates(self, candidates: Sequence[Candidate]) -> list[int]:
        with self._write() as conn:
            return _insert_returning_ids(conn, t.candidates, [_candidate_row(c, c.segment_id) for c in candidates])

    def candidates(self, segment_id: int) -> list[Candidate]:
        c = t.candidates
        with self._read() as conn:
            rows = conn.execute(select(c).where(c.c.segment_id == segment_id).order_by(c.c.id)).all()
        return [_candidate(r) for r in rows]

    def candidates_for_document(self, document_id: int, origin: str | None = None, system: str | None = None):
        """(segment position, Candidate) pairs of a document, in reading order."""
        c, s = t.candidates, t.segments
        query = (
            select(s.c.position, c)
            .join(s, s.c.id == c.c.segment_id)
            .where(s.c.document_id == document_id)
            .order_by(s.c.position, c.c.id)
        )
        if origin is not None:
            query = query.where(c.c.origin == origin)
        if system is not None:
            query = query.where(c.c.system == system)
        with self._read() as conn:
            return [(r.position, _candidate(r)) for r in conn.execute(query)]

    def systems(self, project: str) -> list[str]:
        """Names of the systems (imported or model) that have candidates in a project."""
        c = t.candidates
        query = (
            select(c.c.system)
            .where(c.c.system.is_not(None), c.c.segment_id.in_(self._project_segment_ids(project)))
            .distinct()
            .order_by(c.c.system)
        )
        with self._read() as conn:
            return list(conn.execute(query).scalars())

    def scores(self, segment_id: int) -> list[Score]:
        sc = t.scores
        with self._read() as conn:
            rows = conn.execute(select(sc).where(sc.c.segment_id == segment_id).order_by(sc.c.id)).all()
        return [
            Score(r.metric, r.value, r.reference, r.signature, r.candidate_id, r.segment_id, r.id) for r in rows
        ]

    def scores_for_project(self, project: str, metric: str | None = None) -> list[Score]:
        sc = t.scores
        query = select(sc).where(sc.c.segment_id.in_(self._project_segment_ids(project))).order_by(sc.c.id)
        if metric:
            query = query.where(sc.c.metric == metric)
        with self._read() as conn:
            return [
                Score(r.metric, r.value, r.reference, r.signature, r.candidate_id, r.segment_id, r.id)
                for r in conn.execute(query)
            ]

    def add_scores(self, scores: Sequence[Score]) -> None:
        """Store candidates' scores, replacing older scores of the same candidates and metrics (scores
        are recomputed when the reference changes, and only the latest count). One transaction, and
        a few DELETEs for a whole document rather than one per score."""
        sc = t.scores
        metrics = sorted({s.metric for s in scores})
        candidate_ids = sorted({s.candidate_id for s in scores if s.candidate_id is not None})
        with self._write() as conn:
            for i in range(0, len(candidate_ids), 1_000):
                chunk = candidate_ids[i : i + 1_000]
                conn.execute(sc.delete().where(sc.c.candidate_id.in_(chunk), sc.c.metric.in_(metrics)))
            _insert_many(conn, sc, [
                {"segment_id": s.segment_id, "candidate_id": s.candidate_id, "metric": s.metric,
                 "value": s.value, "reference": s.reference, "signature": s.signature}
                for s in scores
            ])

    def latest_corrections(self, document_id: int) -> dict[int, Correction]:
        """Segment id -> its latest correction, for every corrected segment of a document."""
        c, s = t.corrections, t.segments
        query = (
            select(c)
            .join(s, and_(s.c.id == c.c.segment_id, s.c.version == c.c.version))
            .where(s.c.document_id == document_id)
        )
        with self._read() as conn:
            return {r.segment_id: _correction(r) for r in conn.execute(query)}

    def segment_for_rescoring(self, segment_id: int) -> tuple[Segment, list[Candidate], Correction | None]:
        """A segment, its candidates and its correction in force, read in one transaction
        (rescoring runs after every save, so it should cost one round of queries, not three)."""
        c, s, cand = t.corrections, t.segments, t.candidates
        latest = select(c).join(s, and_(s.c.id == c.c.segment_id, s.c.version == c.c.version))
        with self._read() as conn:
            row = conn.execute(self._segment_query().where(s.c.id == segment_id)).first()
            if row is None:
                raise NotFoundError(f"no segment with id {segment_id}")
            candidates = conn.execute(select(cand).where(cand.c.segment_id == segment_id).order_by(cand.c.id))
            candidates = [_candidate(r) for r in candidates]
            correction = conn.execute(latest.where(s.c.id == segment_id)).first()
        return _segment(row), candidates, _correction(correction) if correction else None

    # -- MQM annotations ----------------------------------------------------

    def add_annotations(self, annotations: Sequence[Annotation]) -> None:
        with self._write() as conn:
            _insert_many(conn, t.annotations, [_annotation_row(a, a.segment_id) for a in annotations])

    def annotations(self, segment_id: int) -> list[Annotation]:
        a = t.annotations
        with self._read() as conn:
            rows = conn.execute(select(a).where(a.c.segment_id == segment_id).order_by(a.c.id)).all()
        return [_annotation(r) for r in rows]

    def annotations_for_project(self, project: str) -> list[tuple[Segment, Annotation]]:
        a = t.annotations
        query = (
            self._segment_query()
            .add_columns(*[col.label(f"a_{col.name}") for col in a.c])
            .join(a, a.c.segment_id == t.segments.c.id)
            .where(t.segments.c.id.in_(self._project_segment_ids(project)))
            .order_by(a.c.id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        # The annotation's columns carry an "a_" prefix so they don't clash with the segment's.
        return [
            (_segment(r), _annotation(SimpleNamespace(**{k[2:]: v for k, v in r._mapping.items()
                                                         if k.startswith("a_")})))
            for r in rows
        ]

    # -- glossary -----------------------------------------------------------

    def set_glossary(self, project: str, entries: Sequence[dict]) -> None:
        """Replace a project's glossary with ``entries`` (dicts with wrong, right, source_term, note, context)."""
        g = t.glossary_entries
        with self._write() as conn:
            proj = self.ensure_project(project, conn)
            conn.execute(g.delete().where(g.c.project_id == proj.id))
            _insert_many(
                conn,
                g,
                [
                    {
                        "project_id": proj.id,
                        "wrong": e["wrong"],
                        "right": e["right"],
                        "source_term": e.get("source_term"),
                        "note": e.get("note"),
                        "context": e.get("context"),
                    }
                    for e in entries
                ],
            )

    def glossary(self, project: str) -> list[dict]:
        g = t.glossary_entries
        query = (
            select(g.c.wrong, g.c.right, g.c.source_term, g.c.note, g.c.context)
            .join(t.projects, t.projects.c.id == g.c.project_id)
            .where(t.projects.c.name == project)
            .order_by(g.c.id)
        )
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]


# -- row <-> record ---------------------------------------------------------


def _insert_many(conn: Connection, table, rows: list[dict]) -> None:
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
    for i in range(0, len(rows), _INSERT_CHUNK):
        params = [
            tuple(json.dumps(r[c]) if c in json_columns else r[c] for c in columns)
            for r in rows[i : i + _INSERT_CHUNK]
        ]
        conn.exec_driver_sql(sql, params)


def _insert_returning_ids(conn: Connection, table, rows: list[dict]) -> list[int]:
    return [conn.execute(insert(table).values(**row)).inserted_primary_key[0] for row in rows]


def _document(row, count: int = 0) -> Document:
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


def _segment(row) -> Segment:
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
    )


def _finding_row(f: Finding, segment_id: int) -> dict:
    return {
        "segment_id": segment_id,
        "check_name": f.check,
        "severity": Severity(f.severity).value,
        "span_start": f.start,
        "span_end": f.end,
        "message": f.message,
        "suggestion": f.suggestion,
    }


def _finding(row) -> Finding:
    return Finding(
        check=row.check_name,
        severity=Severity(row.severity),
        start=row.span_start,
        end=row.span_end,
        message=row.message,
        suggestion=row.suggestion,
        segment_id=row.segment_id,
        id=row.id,
    )


def _candidate_row(c: Candidate, segment_id: int) -> dict:
    return {
        "segment_id": segment_id,
        "origin": c.origin,
        "system": c.system,
        "text": c.text,
        "provenance": c.provenance or {},
    }


def _candidate(row) -> Candidate:
    return Candidate(
        segment_id=row.segment_id,
        origin=row.origin,
        text=row.text,
        system=row.system,
        provenance=row.provenance or {},
        id=row.id,
        created_at=row.created_at,
    )


def _correction(row) -> Correction:
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


def _annotation_row(a: Annotation, segment_id: int, correction_id: int | None = None) -> dict:
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


def _annotation(row) -> Annotation:
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


__all__ = ["Store", "ConflictError", "NotFoundError", "SegmentFilter", "ProjectSummary", "DocumentSummary",
           "ExportRecord"]
