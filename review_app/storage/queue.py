"""The review queue's queries: a document's segments page by page, in reading order
or riskiest first, narrowed by the review list's filters, and the segment before
or after the open one. Store inherits these (they need its connections)."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from ..model import Segment, SegmentFilter
from . import schema as t
from .rows import to_segment


class ReviewQueueQueries:
    """Mixed into Store: it provides ``_read()`` and ``_segment_query()``."""

    def segments(
        self,
        document_id: int,
        *,
        offset: int = 0,
        limit: int | None = None,
        where: SegmentFilter | None = None,
        order: str = "position",
    ) -> list[Segment]:
        """A page of a document's segments, in reading order or risk order (``order="risk"``: the
        highest risk score first, ties in reading order)."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *_filter_clauses(where))
        if order == "risk":
            query = query.order_by(s.c.risk_score.desc(), s.c.position)
        else:
            query = query.order_by(s.c.position)
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [to_segment(r) for r in conn.execute(query)]

    def count_segments(self, document_id: int, where: SegmentFilter | None = None) -> int:
        s = t.segments
        query = select(func.count()).select_from(s).where(s.c.document_id == document_id, *_filter_clauses(where))
        with self._read() as conn:
            return conn.execute(query).scalar_one()

    def neighbours(self, segment: Segment, before: int = 2, after: int = 2) -> tuple[list[Segment], list[Segment]]:
        s = t.segments
        base = self._segment_query().where(s.c.document_id == segment.document_id)
        with self._read() as conn:
            prev = conn.execute(
                base.where(s.c.position < segment.position).order_by(s.c.position.desc()).limit(before)
            ).all()
            nxt = conn.execute(base.where(s.c.position > segment.position).order_by(s.c.position).limit(after)).all()
        return [to_segment(r) for r in reversed(prev)], [to_segment(r) for r in nxt]

    def next_in_queue(self, document_id: int, after: Segment | None, where: SegmentFilter | None = None,
                      order: str = "risk") -> Segment | None:
        """The segment that follows ``after`` in the chosen order (the first one if ``after`` is None)."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *_filter_clauses(where))
        if order == "risk":
            if after is not None:
                query = query.where(or_(s.c.risk_score < after.risk_score,
                                        and_(s.c.risk_score == after.risk_score, s.c.position > after.position)))
            query = query.order_by(s.c.risk_score.desc(), s.c.position)
        else:
            if after is not None:
                query = query.where(s.c.position > after.position)
            query = query.order_by(s.c.position)
        with self._read() as conn:
            row = conn.execute(query.limit(1)).first()
        return to_segment(row) if row else None

    def segment_matches(self, segment_id: int, where: SegmentFilter | None) -> bool:
        """Whether a segment passes the review list's filters (the open segment stays open if it does)."""
        s = t.segments
        query = select(s.c.id).where(s.c.id == segment_id, *_filter_clauses(where))
        with self._read() as conn:
            return conn.execute(query).first() is not None

    def previous_in_queue(self, document_id: int, before: Segment, where: SegmentFilter | None = None,
                          order: str = "risk") -> Segment | None:
        """The segment just before ``before`` in the chosen order (None at the start): the review page's 'previous'."""
        s = t.segments
        query = self._segment_query().where(s.c.document_id == document_id, *_filter_clauses(where))
        if order == "risk":
            query = query.where(
                or_(s.c.risk_score > before.risk_score,
                    and_(s.c.risk_score == before.risk_score, s.c.position < before.position))
            ).order_by(s.c.risk_score, s.c.position.desc())
        else:
            query = query.where(s.c.position < before.position).order_by(s.c.position.desc())
        with self._read() as conn:
            row = conn.execute(query.limit(1)).first()
        return to_segment(row) if row else None


def _filter_clauses(where: SegmentFilter | None) -> list:
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
    if where.assigned_to:
        clauses.append(assigned_clause(where.assigned_to))
    if where.text:
        pattern = f"%{where.text}%"
        clauses.append(or_(s.c.mt.ilike(pattern), s.c.source.ilike(pattern), s.c.corrected.ilike(pattern)))
    return clauses


def assigned_clause(reviewer: str):
    """Segments inside one of ``reviewer``'s assignments (a whole document, or a range of positions)."""
    s, a = t.segments, t.assignments
    inside = and_(a.c.document_id == s.c.document_id, a.c.reviewer == reviewer,
                  or_(a.c.first_position.is_(None),
                      and_(s.c.position >= a.c.first_position, s.c.position <= a.c.last_position)))
    return select(a.c.id).where(inside).exists()
