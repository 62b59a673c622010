"""The Store: the only place that talks SQL. Methods are named after use cases.

Works on SQLite (the default, a file next to the user) and PostgreSQL. Every
write is one transaction; corrections are append-only and guarded by the
segment's version (optimistic locking), so a save against a stale version is
refused with :class:`ConflictError` instead of overwriting someone's work.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import Connection, and_, bindparam, case, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..errors import ConflictError, NameTakenError, NotFoundError, StorageError
from ..model import (
    NO_RISK,
    ORIGIN_MT,
    ORIGIN_REVIEWER,
    Annotation,
    Candidate,
    Correction,
    Document,
    DocumentDraft,
    DocumentSummary,
    ExportRecord,
    Finding,
    Project,
    ProjectSummary,
    Score,
    Segment,
    SegmentFilter,
    SegmentStatus,
    risk_rank,
)
from . import schema as t
from .engine import describe_failure, make_engine
from .migrate import upgrade_to_head
from .queue import ReviewQueueQueries
from .rows import (
    annotation_row,
    candidate_row,
    checked_row,
    finding_row,
    insert_many,
    insert_returning_ids,
    to_annotation,
    to_candidate,
    to_correction,
    to_document,
    to_finding,
    to_segment,
)
from .team import TeamQueries


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Store(ReviewQueueQueries, TeamQueries):
    """One database. Thread-safe: each call takes its own pooled connection."""

    _shared: dict[str, "Store"] = {}
    _shared_lock = threading.Lock()

    def __init__(self, url: str, *, busy_timeout_ms: int = 30_000, migrate: bool = True):
        self.url = url
        self.engine = make_engine(url, busy_timeout_ms)
        if migrate:
            with self._failures():
                upgrade_to_head(self.engine)

    @classmethod
    def shared(cls, url: str, *, busy_timeout_ms: int = 30_000) -> "Store":
        """One Store per URL per process (the Streamlit server shares it between sessions and
        its job thread): one connection pool, migrated once."""
        with cls._shared_lock:
            if url not in cls._shared:
                cls._shared[url] = cls(url, busy_timeout_ms=busy_timeout_ms)
            return cls._shared[url]

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._failures(), self.engine.connect().execution_options(write=True) as conn, conn.begin():
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._failures(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """The database failing under us (down, full, read-only, corrupt) as one StorageError line
        naming it; IntegrityError stays for the callers that expect it (a name taken meanwhile)."""
        try:
            yield
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise StorageError(*describe_failure(self.url, exc)) from exc

    # -- projects and documents --------------------------------------------

    def ensure_project(self, name: str, conn: Connection | None = None) -> Project:
        if conn is None:
            with self._write() as conn:
                return self.ensure_project(name, conn)
        row = conn.execute(select(t.projects).where(t.projects.c.name == name)).first()
        if row is None:
            pid = conn.execute(insert(t.projects).values(checked_row(t.projects, {"name": name}))).inserted_primary_key[0]
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
        return to_document(row) if row else None

    def document(self, document_id: int) -> Document:
        with self._read() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return to_document(row)

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
                DocumentSummary(to_document(r, r.n), r.n, int(r.excluded), int(r.reviewed), int(r.approved))
                for r in conn.execute(query)
            ]

    def add_document(
        self,
        project: str,
        draft: DocumentDraft,
        sha256: str,
        findings: Sequence[Sequence[Finding]] = (),
        rule_candidates: Sequence[Sequence[Candidate]] = (),
        risk_scores: Sequence[float] = (),
    ) -> Document:
        """Store a whole document, its MT candidates, findings, rule repairs and risk scores in ONE
        transaction.

        ``findings[i]``, ``rule_candidates[i]`` and ``risk_scores[i]`` belong to ``draft.segments[i]``
        (their ``segment_id`` is filled in here). Killed half-way, nothing is left.
        """
        return self.add_document_chunks(project, draft, sha256,
                                        [(draft.segments, findings, rule_candidates, risk_scores)])

    def add_document_chunks(
        self,
        project: str,
        header: DocumentDraft,
        sha256: str,
        chunks: Iterable[tuple[Sequence, Sequence[Sequence[Finding]], Sequence[Sequence[Candidate]], Sequence[float]]],
    ) -> Document:
        """Store a document given as chunks of (segments, their findings, rule repairs, risk scores), in
        reading order, in ONE transaction: memory holds one chunk at a time, and a kill half-way
        leaves nothing. Raises NameTakenError if another writer stored this name meanwhile."""
        try:
            with self._write() as conn:
                proj = self.ensure_project(project, conn)
                doc_id = conn.execute(insert(t.documents).values(checked_row(t.documents, {
                    "project_id": proj.id, "name": header.name, "format": header.format,
                    "source_lang": header.source_lang, "target_lang": header.target_lang, "sha256": sha256,
                    "meta": header.meta,
                }))).inserted_primary_key[0]
                count = 0
                for segments, findings, rule_candidates, risk_scores in chunks:
                    self._insert_chunk(conn, doc_id, count, segments, findings, rule_candidates, risk_scores)
                    count += len(segments)
                row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).one()
                return to_document(row, count)
        except IntegrityError as exc:
            raise NameTakenError(f"{project}/{header.name}: stored by another import meanwhile") from exc

    def _insert_chunk(self, conn: Connection, doc_id: int, first: int, segments: Sequence,
                      findings: Sequence[Sequence[Finding]], rule_candidates: Sequence[Sequence[Candidate]],
                      risk_scores: Sequence[float]) -> None:
        rows = [
            {
                "document_id": doc_id,
                "position": first + i,
                "paragraph": seg.paragraph,
                "external_id": seg.external_id,
                "source": seg.source,
                "mt": seg.mt,
                "reference": seg.reference,
                "excluded": seg.excluded,
                "exclusion_reason": seg.exclusion_reason,
                "status": SegmentStatus.NEW.value,
                "version": 0,
                "risk": risk_rank(findings[i]) if i < len(findings) else NO_RISK,
                "risk_score": risk_scores[i] if i < len(risk_scores) else 0.0,
            }
            for i, seg in enumerate(segments)
        ]
        insert_many(conn, t.segments, rows)
        s = t.segments
        ids = list(conn.execute(
            select(s.c.id).where(s.c.document_id == doc_id, s.c.position >= first).order_by(s.c.position)
        ).scalars())
        # A segment without MT (a source-only file) waits for candidates: it has no MT candidate.
        insert_many(conn, t.candidates, [
            {"segment_id": sid, "origin": ORIGIN_MT, "system": None, "text": seg.mt, "provenance": {}}
            for sid, seg in zip(ids, segments) if seg.mt
        ])
        insert_many(conn, t.findings, [finding_row(f, ids[i]) for i, fs in enumerate(findings) for f in fs])
        insert_many(conn, t.candidates,
                    [candidate_row(c, ids[i]) for i, cs in enumerate(rule_candidates) for c in cs])

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
        return to_segment(row)

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
                page = [to_segment(r) for r in conn.execute(query)]
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
                        found.setdefault(r.segment_id, []).append(to_finding(r))
            for r in rows:
                corrected = r.c_id is not None
                yield ExportRecord(
                    segment=to_segment(r),
                    reviewer=r.c_reviewer,
                    reviewed_at=r.c_created_at,
                    origin=(r.k_origin or ORIGIN_REVIEWER) if corrected else ORIGIN_MT,
                    system=r.k_system if corrected else None,
                    findings=tuple(found.get(r.id, ())),
                )
            if len(rows) < batch:
                return
            last = rows[-1].position

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
        checked_row(t.corrections, {"text": text, "reviewer": reviewer, "comment": comment})
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
                raise ConflictError(to_segment(row), based_on_version)
            correction_id = conn.execute(
                insert(t.corrections).values(checked_row(t.corrections, {
                    "segment_id": segment_id,
                    "version": new_version,
                    "based_on_version": based_on_version,
                    "text": text,
                    "status": status.value,
                    "reviewer": reviewer,
                    "comment": comment,
                    "candidate_id": candidate_id,
                    "created_at": now,
                }))
            ).inserted_primary_key[0]
            insert_many(
                conn,
                t.annotations,
                [annotation_row(a, segment_id, correction_id=correction_id) for a in annotations],
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
        return [to_correction(r) for r in rows]

    def corrections(self, project: str | None = None) -> list[Correction]:
        """Every correction (optionally of one project), oldest first: for dashboards and audits."""
        c = t.corrections
        query = select(c).order_by(c.c.id)
        if project is not None:
            query = query.where(c.c.segment_id.in_(self._project_segment_ids(project)))
        with self._read() as conn:
            return [to_correction(r) for r in conn.execute(query)]

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
        return [to_finding(r) for r in rows]

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
                out.setdefault(r.segment_id, []).append(to_finding(r))
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
        risk_scores: dict[int, float] | None = None,
    ) -> None:
        """Re-run results: swap a document's findings, rule repairs (and risk scores, segment id ->
        score) for new ones, in one transaction."""
        s, f, c = t.segments, t.findings, t.candidates
        seg_ids = select(s.c.id).where(s.c.document_id == document_id)
        with self._write() as conn:
            conn.execute(f.delete().where(f.c.segment_id.in_(seg_ids)))
            conn.execute(c.delete().where(c.c.segment_id.in_(seg_ids), c.c.origin.like("rule:%")))
            conn.execute(update(s).where(s.c.document_id == document_id).values(risk=NO_RISK))
            insert_many(conn, f, [finding_row(x, sid) for sid, xs in findings.items() for x in xs])
            insert_many(conn, c, [candidate_row(x, sid) for sid, xs in rule_candidates.items() for x in xs])
            for sid, xs in findings.items():
                if xs:
                    conn.execute(update(s).where(s.c.id == sid).values(risk=risk_rank(xs)))
            self._set_risk_scores(conn, risk_scores or {})

    def set_risk_scores(self, risk_scores: dict[int, float]) -> None:
        """New risk scores (segment id -> score), e.g. once candidates arrive to compare the MT with."""
        with self._write() as conn:
            self._set_risk_scores(conn, risk_scores)

    @staticmethod
    def _set_risk_scores(conn, risk_scores: dict[int, float]) -> None:
        if risk_scores:
            s = t.segments
            conn.execute(update(s).where(s.c.id == bindparam("sid")).values(risk_score=bindparam("score")),
                         [{"sid": sid, "score": score} for sid, score in risk_scores.items()])

    # -- candidates and scores ----------------------------------------------

    def add_candidates(self, candidates: Sequence[Candidate]) -> list[int]:
        with self._write() as conn:
            return insert_returning_ids(conn, t.candidates, [candidate_row(c, c.segment_id) for c in candidates])

    def candidates(self, segment_id: int) -> list[Candidate]:
        c = t.candidates
        with self._read() as conn:
            rows = conn.execute(select(c).where(c.c.segment_id == segment_id).order_by(c.c.id)).all()
        return [to_candidate(r) for r in rows]

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
            return [(r.position, to_candidate(r)) for r in conn.execute(query)]

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
            insert_many(conn, sc, [
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
            return {r.segment_id: to_correction(r) for r in conn.execute(query)}

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
            candidates = [to_candidate(r) for r in candidates]
            correction = conn.execute(latest.where(s.c.id == segment_id)).first()
        return to_segment(row), candidates, to_correction(correction) if correction else None

    # -- MQM annotations ----------------------------------------------------

    def add_annotations(self, annotations: Sequence[Annotation]) -> None:
        with self._write() as conn:
            insert_many(conn, t.annotations, [annotation_row(a, a.segment_id) for a in annotations])

    def annotations(self, segment_id: int) -> list[Annotation]:
        a = t.annotations
        with self._read() as conn:
            rows = conn.execute(select(a).where(a.c.segment_id == segment_id).order_by(a.c.id)).all()
        return [to_annotation(r) for r in rows]

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
            (to_segment(r), to_annotation(SimpleNamespace(**{k[2:]: v for k, v in r._mapping.items()
                                                         if k.startswith("a_")})))
            for r in rows
        ]

    # -- where reviewers stopped ---------------------------------------------

    def set_position(self, reviewer: str, document_id: int, segment_id: int) -> None:
        p = t.reviewer_positions
        row = checked_row(p, {"reviewer": reviewer, "document_id": document_id, "segment_id": segment_id,
                              "updated_at": _utcnow()})
        with self._write() as conn:
            moved = conn.execute(update(p).where(p.c.reviewer == reviewer, p.c.document_id == document_id)
                                 .values(segment_id=segment_id, updated_at=row["updated_at"])).rowcount
            if not moved:
                conn.execute(insert(p).values(row))

    def last_position(self, reviewer: str, document_id: int | None = None) -> tuple[int, int] | None:
        """(document id, segment id) where ``reviewer`` last was (in ``document_id``, else anywhere)."""
        p = t.reviewer_positions
        query = select(p.c.document_id, p.c.segment_id).where(p.c.reviewer == reviewer)
        if document_id is not None:
            query = query.where(p.c.document_id == document_id)
        with self._read() as conn:
            row = conn.execute(query.order_by(p.c.updated_at.desc()).limit(1)).first()
        return (row.document_id, row.segment_id) if row else None

    # -- glossary -----------------------------------------------------------

    def set_glossary(self, project: str, entries: Sequence[dict]) -> None:
        """Replace a project's glossary with ``entries`` (dicts with wrong, right, source_term, note, context)."""
        g = t.glossary_entries
        with self._write() as conn:
            proj = self.ensure_project(project, conn)
            conn.execute(g.delete().where(g.c.project_id == proj.id))
            insert_many(
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


__all__ = ["Store", "ConflictError", "NotFoundError", "SegmentFilter", "ProjectSummary", "DocumentSummary",
           "ExportRecord"]
