"""The only owner of st.session_state, and the one place the UI gets its Store.

Everything a browser session remembers between reruns goes through the
functions here: who is signed in, the reviewer's name, where the reviewer is
in each document (segment and the version it was opened at, the token that
makes a stale save a conflict instead of an overwrite), a save that hit a
conflict, MQM marks not yet saved, and messages for the next rerun.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import streamlit as st

from .. import auth, settings, workflow
from ..auth import Account
from ..workflow import team

_ACCOUNT = "account"
_REVIEWER = "reviewer"
_CURSORS = "cursors"  # document id -> Cursor
_FILTERS = "filters"  # document id -> signature of the last filters used
_CONFLICT = "conflict"
_MARKS = "marks"  # segment id -> [Mark]
_FLASH = "flash"
REVIEW_DOCUMENT_KEY = "review_document"  # the review page's document picker


def db_url() -> str:
    return settings.database_url()


def store():
    """The server's one Store for its database, shared by every session and the job thread."""
    return workflow.open_store(db_url())


# -- accounts and reviewer ---------------------------------------------------


def login_required() -> bool:
    return auth.configured_file() is not None


def account() -> Account | None:
    return st.session_state.get(_ACCOUNT)


def sign_in(acct: Account) -> None:
    st.session_state[_ACCOUNT] = acct


def sign_out() -> None:
    st.session_state.pop(_ACCOUNT, None)


def is_admin() -> bool:
    """Without accounts the one local user may do everything."""
    if not login_required():
        return True
    acct = account()
    return acct is not None and acct.is_admin


def is_project_admin(project: str | None) -> bool:
    """Admin in this project: the account's role there (a per-project role wins), or no accounts at all."""
    if not login_required():
        return True
    acct = account()
    return acct is not None and team.project_role(store(), acct, project) == auth.ADMIN


def may_start_jobs() -> bool:
    """Admins start model jobs; reviewers only where an admin allowed it."""
    if not login_required():
        return True
    acct = account()
    return acct is not None and team.may_start_jobs(store(), acct)


def session_id() -> str:
    """This browser session's id, for presence (who has which segment open)."""
    return st.session_state.setdefault("session_id", secrets.token_hex(16))


def reviewer() -> str:
    """The name recorded on corrections: the signed-in account, else the name typed this session."""
    acct = account()
    if acct is not None:
        return acct.name
    return st.session_state.get(_REVIEWER) or settings.get("reviewer")


def set_reviewer(name: str) -> None:
    st.session_state[_REVIEWER] = name.strip()


# -- where the reviewer is ---------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    segment_id: int
    opened_version: int  # the version the reviewer is looking at; a save is based on it


def cursor(document_id: int) -> Cursor | None:
    return st.session_state.get(_CURSORS, {}).get(document_id)


def set_cursor(document_id: int, segment_id: int, opened_version: int) -> None:
    st.session_state.setdefault(_CURSORS, {})[document_id] = Cursor(segment_id, opened_version)


def clear_cursor(document_id: int) -> None:
    st.session_state.get(_CURSORS, {}).pop(document_id, None)


def focus_segment(segment) -> None:
    """Open a segment on the review page (from a drill-down elsewhere): its document and the segment."""
    st.session_state[REVIEW_DOCUMENT_KEY] = segment.document_id
    set_cursor(segment.document_id, segment.id, segment.version)


def filters_changed(document_id: int, signature) -> bool:
    """True the first time a document is shown with these filters (the queue starts over then)."""
    seen = st.session_state.setdefault(_FILTERS, {})
    changed = seen.get(document_id) != signature
    seen[document_id] = signature
    return changed


# -- a save that met someone else's -----------------------------------------


@dataclass(frozen=True)
class PendingSave:
    """What the reviewer asked to save, kept while they choose between it and the stored version."""

    segment_id: int
    text: str
    status: str
    comment: str | None = None
    candidate_id: int | None = None
    marks: tuple = field(default_factory=tuple)
    advance: bool = False
    based_on_version: int = 0  # the version the reviewer had open (the merge's common ancestor)


def conflict() -> PendingSave | None:
    return st.session_state.get(_CONFLICT)


def set_conflict(pending: PendingSave | None) -> None:
    if pending is None:
        st.session_state.pop(_CONFLICT, None)
    else:
        st.session_state[_CONFLICT] = pending


# -- MQM marks not yet saved -------------------------------------------------


def marks(segment_id: int) -> list:
    return list(st.session_state.get(_MARKS, {}).get(segment_id, []))


def set_marks(segment_id: int, values: list) -> None:
    st.session_state.setdefault(_MARKS, {})[segment_id] = list(values)


# -- widgets and messages ----------------------------------------------------


def widget(key: str, default=None):
    """A widget's current value, for callbacks that run before the page script."""
    return st.session_state.get(key, default)


def flash(kind: str, message: str) -> None:
    """A message ('success', 'error', 'warning', 'info') shown once on the next rerun."""
    st.session_state.setdefault(_FLASH, []).append((kind, message))


def pop_flashes() -> list[tuple[str, str]]:
    return st.session_state.pop(_FLASH, [])


# -- results kept for one set of choices -------------------------------------


def remember(name: str, choice, value) -> None:
    """Keep an expensive result (an export, its preview) for exactly these choices."""
    st.session_state[f"result:{name}"] = (choice, value)


def recall(name: str, choice):
    """The remembered result if it was made for these same choices, else None."""
    kept = st.session_state.get(f"result:{name}")
    return kept[1] if kept is not None and kept[0] == choice else None


# -- background jobs started by this session ---------------------------------


def add_job(project: str, job_id: str) -> None:
    st.session_state.setdefault("jobs", {}).setdefault(project, []).insert(0, job_id)


def jobs(project: str) -> list[str]:
    return list(st.session_state.get("jobs", {}).get(project, []))
