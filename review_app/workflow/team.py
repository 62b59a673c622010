"""The team around the review: who reviews what (assignments of documents or segment ranges),
who has which segment open now (presence, from each browser session's heartbeat), and the
accounts admins manage in the browser (added, disabled, passwords reset, roles, per-project
roles, permission to start model jobs), every change recorded with who made it.

Accounts live where ``auth`` keeps them (the accounts file); assignments, presence, per-project
roles, permissions and the record of changes live in the database, so they work whichever
account store the app uses.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from .. import auth
from ..errors import BadInputError
from ..model import Assignment, Presence, TeamEvent
from ..storage import Store
from ..storage.team import check_range

# A session that has not said it is here for this long has left (its tab closed, its laptop asleep).
PRESENCE_SECONDS = 15
START_JOBS = "start_jobs"  # the permission to start model-generation jobs without being an admin


def _now() -> datetime:
    return datetime.now(timezone.utc)


def record(store: Store, actor: str, action: str, subject: str, detail: str | None = None) -> None:
    store.add_team_event(TeamEvent(actor, action, subject, detail))


def team_log(store: Store, limit: int = 200) -> list[TeamEvent]:
    """The latest changes to the team, newest first."""
    return store.team_events(limit)


# -- assignments ----------------------------------------------------------------------------


def assign(store: Store, document_id: int, reviewer: str, first: int | None = None, last: int | None = None, *,
           by: str) -> Assignment:
    """Assign a document (or its segments ``first``..``last``, 1-based, both included) to a reviewer."""
    reviewer = reviewer.strip()
    if not reviewer:
        raise BadInputError("an assignment needs a reviewer")
    document = store.document(document_id)
    low, high = (None if n is None else n - 1 for n in (first, last))
    check_range(low, high, store.count_segments(document_id))
    made = store.add_assignment(document_id, reviewer, low, high, assigned_by=by)
    where = "the whole document" if low is None else f"segments {first}-{last}"
    record(store, by, "assign", reviewer, f"{document.name}: {where}")
    return made


def unassign(store: Store, assignment: Assignment, *, by: str) -> None:
    store.remove_assignment(assignment.id)
    record(store, by, "unassign", assignment.reviewer, f"document {assignment.document_id}")


def assignments(store: Store, *, project: str | None = None, reviewer: str | None = None,
                document_id: int | None = None) -> list[Assignment]:
    return store.assignments(project=project, reviewer=reviewer, document_id=document_id)


def assigned_documents(store: Store, reviewer: str) -> list[int]:
    """The documents a reviewer has assignments in, in the order they were assigned."""
    return list(dict.fromkeys(a.document_id for a in store.assignments(reviewer=reviewer)))


# -- presence -------------------------------------------------------------------------------


def here(store: Store, session: str, reviewer: str, document_id: int, segment_id: int) -> None:
    """A session's heartbeat: it has this segment open now."""
    store.set_presence(session, reviewer or "someone", document_id, segment_id, _now())


def left(store: Store, session: str) -> None:
    store.clear_presence(session)


def others_here(store: Store, document_id: int, session: str) -> list[Presence]:
    """The other sessions with a segment of this document open (seen in the last few seconds)."""
    since = _now() - timedelta(seconds=PRESENCE_SECONDS)
    return [p for p in store.presence(document_id, since) if p.session != session]


# -- accounts (admins, in the browser) --------------------------------------------------------


def add_account(store: Store, path: Path, name: str, role: str, password: str, *, by: str) -> auth.Account:
    if name.strip() in auth.load_accounts(path):
        raise BadInputError(f"there is already an account named {name.strip()!r}")
    account = auth.save_account(path, name, role, password)
    record(store, by, "add account", account.name, f"role {role}")
    return account


def reset_password(store: Store, path: Path, name: str, password: str, *, by: str) -> None:
    found = _account(path, name)
    auth.save_account(path, name, found.role, password)
    record(store, by, "reset password", name)


def set_role(store: Store, path: Path, name: str, role: str, *, by: str) -> None:
    before = _account(path, name).role
    auth.set_role(path, name, role)
    record(store, by, "set role", name, f"{before} -> {role}")


def set_disabled(store: Store, path: Path, name: str, disabled: bool, *, by: str) -> None:
    if disabled and name == by:
        raise BadInputError("you cannot disable your own account")
    _account(path, name)
    auth.set_disabled(path, name, disabled)
    record(store, by, "disable" if disabled else "enable", name)


def set_project_role(store: Store, name: str, project: str, role: str | None, *, by: str) -> None:
    """Give an account another role in one project (None: its own role again)."""
    if role is not None and role not in auth.ROLES:
        raise BadInputError(f"role {role!r}: give one of {', '.join(auth.ROLES)}")
    store.set_project_role(name, project, role)
    record(store, by, "set project role", name, f"{project}: {role or 'as the account'}")


def allow_jobs(store: Store, name: str, allowed: bool, *, by: str) -> None:
    store.set_permission(name, START_JOBS, allowed, by)
    record(store, by, "allow model jobs" if allowed else "forbid model jobs", name)


def project_role(store: Store, account: auth.Account, project: str | None) -> str:
    """The role an account has in a project: its per-project role there, else its own."""
    if project is not None:
        role = store.project_roles(account.name).get((account.name, project))
        if role is not None:
            return role
    return account.role


def may_start_jobs(store: Store, account: auth.Account) -> bool:
    """Admins start model jobs; a reviewer only if an admin allowed it."""
    return account.is_admin or START_JOBS in store.permissions(account.name)


def project_roles(store: Store) -> dict[tuple[str, str], str]:
    return store.project_roles()


def job_permissions(store: Store, names: list[str]) -> dict[str, bool]:
    return {name: START_JOBS in store.permissions(name) for name in names}


def _account(path: Path, name: str) -> auth.Account:
    found = auth.load_accounts(path).get(name)
    if found is None:
        raise BadInputError(f"no account named {name!r}")
    return found[0]


__all__ = ["assign", "unassign", "assignments", "assigned_documents", "here", "left", "others_here", "add_account",
           "reset_password", "set_role", "set_disabled", "set_project_role", "allow_jobs", "project_role",
           "may_start_jobs", "team_log", "PRESENCE_SECONDS", "START_JOBS"]
