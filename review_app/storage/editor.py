"""The translator's editor's queries: findings dismissed as false positives, the MQM marks
of a document, project-wide search (find and replace, concordance, the texts that
propagation compares), and replaces recorded as one undoable edit. Store inherits these
(they need its connections and its optimistic append)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import and_, case, func, or_, select, update

from ..errors import ConflictError, NotFoundError
from ..model import (
    ORIGIN_MT,
    Annotation,
    BulkChange,
    BulkEdit,
    Correction,
    Finding,
    FindingOverride,
    Segment,
    SegmentStatus,
)
from . import schema as t
from .rows import checked_row, to_annotation, to_finding, to_override, to_segment

_ID_CHUNK = 1_000


def _like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards in ``text`` taken literally (escape character: backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class EditorQueries:
    """Mixed into Store: it provides ``_read()``, ``_write()``, ``_segment_query()``,
    ``_project_segment_ids()`` and ``_append_correction()``."""

    # -- findings dismissed as false positives --------------------------------

    def overrides(self, segment_id: int) -> list[FindingOverride]:
        o = t.finding_overrides
        with self._read() as conn:
            rows = conn.execute(select(o).where(o.c.segment_id == segment_id).order_by(o.c.id)).all()
        return [to_override(r) for r in rows]

    def project_overrides(self, project: str) -> list[FindingOverride]:
        o = t.finding_overrides
        query = select(o).where(o.c.segment_id.in_(self._project_segment_ids(project))).order_by(o.c.id)
        with self._read() as conn:
            return [to_override(r) for r in conn.execute(query)]

    def reviewed_findings(self, project: str) -> list[tuple[Finding, Segment]]:
        """(finding, its segment) for every finding of a segment a reviewer has saved."""
        f, s = t.findings, t.segments
        query = (
            self._segment_query()
            .add_columns(*[col.label(f"f_{col.name}") for col in f.c])
            .join(f, f.c.segment_id == s.c.id)
            .where(s.c.version > 0, s.c.id.in_(self._project_segment_ids(project)))
            .order_by(f.c.id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        # The finding's columns carry an "f_" prefix so they don't clash with the segment's.
        return [(to_finding(SimpleNamespace(**{k[2:]: v for k, v in r._mapping.items() if k.startswith("f_")})),
                 to_segment(r)) for r in rows]

    # -- MQM marks ---------------------------------------------------------------

    def document_marks(self, document_id: int) -> tuple[list[tuple[Annotation, str]], set[tuple[int, str]]]:
        """A document's MQM annotations, each with the name of the system whose text it marks
        ("MT" for the imported MT, "correction" for one made on a correction), and the
        (segment, reviewer) pairs of its corrections: a reviewer who saved a segment has rated its MT."""
        a, s, c, k = t.annotations, t.segments, t.corrections, t.candidates
        system = case((k.c.origin == ORIGIN_MT, "MT"), else_=func.coalesce(k.c.system, k.c.origin))
        marks = (
            select(a, func.coalesce(system, "correction").label("system_name"))
            .join(s, s.c.id == a.c.segment_id)
            .outerjoin(k, k.c.id == a.c.candidate_id)
            .where(s.c.document_id == document_id)
            .order_by(a.c.id)
        )
        saved = select(c.c.segment_id, c.c.reviewer).join(s, s.c.id == c.c.segment_id).where(
            s.c.document_id == document_id).distinct()
        with self._read() as conn:
            rows = [(to_annotation(r), r.system_name) for r in conn.execute(marks)]
            pairs = {(r.segment_id, r.reviewer) for r in conn.execute(saved)}
        return rows, pairs

    def delete_annotation(self, annotation_id: int, reviewer: str) -> bool:
        """Remove one of ``reviewer``'s own marks; False if there is no such mark of theirs."""
        a = t.annotations
        with self._write() as conn:
            gone = conn.execute(a.delete().where(a.c.id == annotation_id, a.c.reviewer == reviewer)).rowcount
        return gone == 1

    # -- searching a project ------------------------------------------------------

    def project_texts(self, project: str) -> list[tuple[int, str | None, str]]:
        """(segment id, source, current text) of every segment of a project: what propagation compares."""
        s = t.segments
        query = select(s.c.id, s.c.source, func.coalesce(s.c.corrected, s.c.mt)).where(
            s.c.id.in_(self._project_segment_ids(project))).order_by(s.c.id)
        with self._read() as conn:
            return [tuple(r) for r in conn.execute(query)]

    def segments_by_ids(self, segment_ids: Sequence[int]) -> list[Segment]:
        s = t.segments
        out: list[Segment] = []
        ids = list(segment_ids)
        with self._read() as conn:
            for i in range(0, len(ids), _ID_CHUNK):
                query = self._segment_query().where(s.c.id.in_(ids[i:i + _ID_CHUNK]))
                out += [to_segment(r) for r in conn.execute(query)]
        order = {sid: n for n, sid in enumerate(ids)}
        return sorted(out, key=lambda seg: order[seg.id])

    def segments_containing(self, project: str, text: str, limit: int | None = None) -> list[Segment]:
        """Segments of a project whose current wording contains ``text``, ignoring case (callers that
        care about case filter again), in document and reading order."""
        s = t.segments
        current = func.coalesce(s.c.corrected, s.c.mt)
        query = (
            self._segment_query()
            .where(s.c.id.in_(self._project_segment_ids(project)), current.ilike(_like_pattern(text), escape="\\"))
            .order_by(s.c.document_id, s.c.position)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [to_segment(r) for r in conn.execute(query)]

    def concordance(self, project: str, words: str, limit: int = 10) -> list[tuple[Segment, Correction]]:
        """Corrected segments of a project whose source, MT or correction contains ``words`` (any case),
        with their latest correction, most recent first."""
        s, c = t.segments, t.corrections
        pattern = _like_pattern(words)
        query = (
            self._segment_query()
            .add_columns(*[col.label(f"c_{col.name}") for col in c.c])
            .join(c, and_(c.c.segment_id == s.c.id, c.c.version == s.c.version))
            .where(
                s.c.version > 0,
                s.c.id.in_(self._project_segment_ids(project)),
                or_(s.c.corrected.ilike(pattern, escape="\\"), s.c.mt.ilike(pattern, escape="\\"),
                    s.c.source.ilike(pattern, escape="\\")),
            )
            .order_by(c.c.created_at.desc(), c.c.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [(to_segment(r), _correction_of(r)) for r in rows]

    # -- project-wide replace, undoable -----------------------------------------

    def record_bulk_edit(self, project: str, description: str, reviewer: str,
                         changes: Sequence[BulkChange]) -> tuple[int, list[Correction], list[int]]:
        """Append one correction per change in ONE transaction, and remember what each segment read
        before. A segment saved by someone since it was read is skipped (its id is returned), never
        overwritten. Returns (edit id, the corrections, the skipped segment ids)."""
        applied: list[Correction] = []
        skipped: list[int] = []
        with self._write() as conn:
            proj = self.ensure_project(project, conn)
            edit_id = conn.execute(t.bulk_edits.insert().values(checked_row(t.bulk_edits, {
                "project_id": proj.id, "description": description, "reviewer": reviewer}))).inserted_primary_key[0]
            for change in changes:
                try:
                    correction = self._append_correction(
                        conn, change.segment_id, change.text, reviewer=reviewer,
                        based_on_version=change.based_on_version, status=change.status, comment=change.comment)
                except (ConflictError, NotFoundError):
                    skipped.append(change.segment_id)
                    continue
                applied.append(correction)
                conn.execute(t.bulk_edit_items.insert().values(
                    bulk_edit_id=edit_id, segment_id=change.segment_id, correction_id=correction.id,
                    before_text=change.before_text, before_status=SegmentStatus(change.before_status).value))
        return edit_id, applied, skipped

    def bulk_edits(self, project: str, limit: int = 10) -> list[BulkEdit]:
        """A project's replaces, newest first, with how many segments each corrected."""
        b, i = t.bulk_edits, t.bulk_edit_items
        count = select(func.count()).where(i.c.bulk_edit_id == b.c.id).scalar_subquery()
        query = (
            select(b, count.label("n"))
            .join(t.projects, t.projects.c.id == b.c.project_id)
            .where(t.projects.c.name == project)
            .order_by(b.c.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            return [BulkEdit(r.id, r.project_id, r.description, r.reviewer, r.n, r.created_at, r.undone_at)
                    for r in conn.execute(query)]

    def undo_bulk_edit(self, edit_id: int, reviewer: str, comment: str) -> tuple[list[Correction], list[int]]:
        """Give each segment of a replace its earlier wording and status back, as new corrections in ONE
        transaction. A segment saved again since the replace keeps that save (skipped, id returned)."""
        b, i, c = t.bulk_edits, t.bulk_edit_items, t.corrections
        restored: list[Correction] = []
        skipped: list[int] = []
        with self._write() as conn:
            edit = conn.execute(select(b).where(b.c.id == edit_id)).first()
            if edit is None:
                raise NotFoundError(f"no replace with id {edit_id}")
            if edit.undone_at is not None:
                return [], []
            items = conn.execute(
                select(i.c.segment_id, i.c.before_text, i.c.before_status, c.c.version)
                .join(c, c.c.id == i.c.correction_id).where(i.c.bulk_edit_id == edit_id).order_by(i.c.id)
            ).all()
            for item in items:
                try:
                    restored.append(self._append_correction(
                        conn, item.segment_id, item.before_text, reviewer=reviewer, based_on_version=item.version,
                        status=SegmentStatus(item.before_status), comment=comment))
                except (ConflictError, NotFoundError):
                    skipped.append(item.segment_id)
            conn.execute(update(b).where(b.c.id == edit_id).values(undone_at=datetime.now(timezone.utc)))
        return restored, skipped


def _correction_of(row) -> Correction:
    return Correction(
        id=row.c_id, segment_id=row.c_segment_id, version=row.c_version, text=row.c_text,
        status=SegmentStatus(row.c_status), reviewer=row.c_reviewer, created_at=row.c_created_at,
        based_on_version=row.c_based_on_version, candidate_id=row.c_candidate_id, comment=row.c_comment,
    )
