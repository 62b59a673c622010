"""The team's tables: assignments, presence, the record of admins' changes, per-project roles
and permissions. Store inherits these queries (they need its connections)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, insert, select

from ..errors import BadInputError, NotFoundError
from ..model import Assignment, Presence, TeamEvent
from . import schema as t


def _utc(moment: datetime) -> datetime:
    """SQLite hands times back without a zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class TeamQueries:
    """Mixed into Store: it provides ``_read()``, ``_write()`` and ``project()``."""

    # -- assignments --------------------------------------------------------

    def add_assignment(self, document_id: int, reviewer: str, first: int | None, last: int | None,
                       assigned_by: str) -> Assignment:
        a = t.assignments
        with self._write() as conn:
            if conn.execute(select(t.documents.c.id).where(t.documents.c.id == document_id)).first() is None:
                raise NotFoundError(f"no document with id {document_id}")
            new_id = conn.execute(insert(a).values(document_id=document_id, reviewer=reviewer, first_position=first,
                                                   last_position=last, assigned_by=assigned_by)).inserted_primary_key[0]
            row = conn.execute(select(a).where(a.c.id == new_id)).one()
        return _assignment(row)

    def remove_assignment(self, assignment_id: int) -> None:
        with self._write() as conn:
            conn.execute(delete(t.assignments).where(t.assignments.c.id == assignment_id))

    def assignments(self, *, project: str | None = None, reviewer: str | None = None,
                    document_id: int | None = None) -> list[Assignment]:
        a, d = t.assignments, t.documents
        query = select(a).join(d, d.c.id == a.c.document_id).order_by(a.c.id)
        if project is not None:
            query = query.join(t.projects, t.projects.c.id == d.c.project_id).where(t.projects.c.name == project)
        if reviewer is not None:
            query = query.where(a.c.reviewer == reviewer)
        if document_id is not None:
            query = query.where(a.c.document_id == document_id)
        with self._read() as conn:
            return [_assignment(r) for r in conn.execute(query)]

    # -- presence -----------------------------------------------------------

    def set_presence(self, session: str, reviewer: str, document_id: int, segment_id: int, now: datetime) -> None:
        p = t.presence
        with self._write() as conn:
            conn.execute(delete(p).where(p.c.session == session))
            conn.execute(insert(p).values(session=session, reviewer=reviewer, document_id=document_id,
                                          segment_id=segment_id, seen_at=now))

    def clear_presence(self, session: str) -> None:
        with self._write() as conn:
            conn.execute(delete(t.presence).where(t.presence.c.session == session))

    def presence(self, document_id: int, since: datetime) -> list[Presence]:
        """Who has a segment of this document open, seen since ``since`` (stale rows are left out)."""
        p = t.presence
        with self._read() as conn:
            rows = conn.execute(select(p).where(p.c.document_id == document_id).order_by(p.c.reviewer)).all()
        found = [Presence(r.session, r.reviewer, r.document_id, r.segment_id, _utc(r.seen_at)) for r in rows]
        return [x for x in found if x.seen_at >= since]

    # -- what admins changed ------------------------------------------------

    def add_team_event(self, event: TeamEvent) -> None:
        with self._write() as conn:
            conn.execute(insert(t.team_events).values(actor=event.actor, action=event.action, subject=event.subject,
                                                      detail=event.detail))

    def team_events(self, limit: int = 200) -> list[TeamEvent]:
        e = t.team_events
        with self._read() as conn:
            rows = conn.execute(select(e).order_by(e.c.id.desc()).limit(limit)).all()
        return [TeamEvent(r.actor, r.action, r.subject, r.detail, r.created_at, r.id) for r in rows]

    # -- per-project roles and permissions ----------------------------------

    def set_project_role(self, account: str, project: str, role: str | None) -> None:
        """Give ``account`` ``role`` in ``project`` (None: back to its own role there)."""
        r = t.project_roles
        project_id = self.project(project).id
        with self._write() as conn:
            conn.execute(delete(r).where(r.c.account == account, r.c.project_id == project_id))
            if role is not None:
                conn.execute(insert(r).values(account=account, project_id=project_id, role=role))

    def project_roles(self, account: str | None = None) -> dict[tuple[str, str], str]:
        """(account, project) -> role, for the roles set per project."""
        r = t.project_roles
        query = select(r.c.account, t.projects.c.name, r.c.role).join(t.projects, t.projects.c.id == r.c.project_id)
        if account is not None:
            query = query.where(r.c.account == account)
        with self._read() as conn:
            return {(a, p): role for a, p, role in conn.execute(query)}

    def set_permission(self, account: str, permission: str, granted: bool, granted_by: str) -> None:
        p = t.permissions
        with self._write() as conn:
            conn.execute(delete(p).where(p.c.account == account, p.c.permission == permission))
            if granted:
                conn.execute(insert(p).values(account=account, permission=permission, granted_by=granted_by))

    def permissions(self, account: str) -> set[str]:
        p = t.permissions
        with self._read() as conn:
            return set(conn.execute(select(p.c.permission).where(p.c.account == account)).scalars())


def _assignment(row) -> Assignment:
    return Assignment(row.id, row.document_id, row.reviewer, row.first_position, row.last_position, row.assigned_by,
                      row.created_at)


def check_range(first: int | None, last: int | None, segments: int) -> None:
    """A range of 0-based positions inside a document of ``segments`` segments (or no range at all)."""
    if (first is None) != (last is None):
        raise BadInputError("give both ends of the segment range, or neither for the whole document")
    if first is not None and not 0 <= first <= last < segments:
        raise BadInputError(f"segments {first + 1}-{last + 1}: the document has segments 1-{segments}")


__all__ = ["TeamQueries", "check_range"]
