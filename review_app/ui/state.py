"""The only owner of st.session_state, and the one place the UI gets its Store.

Everything a browser session remembers between reruns goes through the
functions here: who is signed in, the reviewer's name, where the reviewer is
in each document (segment and the version it was opened at, the token that
makes a stale save a conflict instead of an overwrite), a save that hit a
conflict, an approval waiting for the reviewer's answer, the offers to carry a
correction elsewhere, which text the MQM marks go on, the concordance's words,
and messages for the next rerun (each shown beside the button that caused it).
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
_APPROVAL = "approval"
_OFFERS = "offers"
_MARKING = "marking"  # segment id -> id of the candidate whose text the MQM marks go on
CONCORDANCE_KEY = "concordance_words"  # the concordance's text box: typed in, or set from the editor's cursor
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


def cursors() -> dict[int, Cursor]:
    return dict(st.session_state.get(_CURSORS, {}))


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
    advance: bool = False
    overrides: tuple = field(default_factory=tuple)  # findings dismissed as false positives with this save
    based_on_version: int = 0  # the version the reviewer had open (the merge's common ancestor)


def conflict() -> PendingSave | None:
    return st.session_state.get(_CONFLICT)


def set_conflict(pending: PendingSave | None) -> None:
    if pending is None:
        st.session_state.pop(_CONFLICT, None)
    else:
        st.session_state[_CONFLICT] = pending


# -- an approval waiting for an answer ---------------------------------------


@dataclass(frozen=True)
class PendingApproval:
    """Approving text that still has major findings: the save, asked about beside the button that made it."""

    pending: PendingSave
    based_on_version: int
    findings: tuple  # the findings the text still has
    place: str  # where the question shows: the button's place
    where: object = None  # the queue's filters and order, for "and next"
    order: str = "risk"


def approval() -> PendingApproval | None:
    return st.session_state.get(_APPROVAL)


def set_approval(value: PendingApproval | None) -> None:
    if value is None:
        st.session_state.pop(_APPROVAL, None)
    else:
        st.session_state[_APPROVAL] = value


# -- the same change offered elsewhere ---------------------------------------


@dataclass(frozen=True)
class Offers:
    """Segments that could take the correction just saved on ``origin`` (a Segment)."""

    origin: object
    status: str
    items: tuple  # presentation.consistency.Offer


def offers() -> Offers | None:
    return st.session_state.get(_OFFERS)


def set_offers(value: Offers | None) -> None:
    if value is None or not value.items:
        st.session_state.pop(_OFFERS, None)
    else:
        st.session_state[_OFFERS] = value


# -- MQM marking and the concordance ------------------------------------------


def marking(segment_id: int) -> int | None:
    """The candidate whose text the reviewer is marking (None: the MT)."""
    return st.session_state.get(_MARKING, {}).get(segment_id)


def set_marking(segment_id: int, candidate_id: int | None) -> None:
    st.session_state.setdefault(_MARKING, {})[segment_id] = candidate_id


def concordance_words() -> str:
    return " ".join((st.session_state.get(CONCORDANCE_KEY) or "").split())


def set_concordance_words(words: str) -> None:
    st.session_state[CONCORDANCE_KEY] = words


# -- widgets and messages ----------------------------------------------------


def widget(key: str, default=None):
    """A widget's current value, for callbacks that run before the page script."""
    return st.session_state.get(key, default)


def set_widget(key: str, value) -> None:
    """Set a widget's value from a callback (before the widget is drawn again)."""
    st.session_state[key] = value


def flash(kind: str, message: str, place: str = "page") -> None:
    """A message ('success', 'error', 'warning', 'info') shown once on the next rerun, at ``place``
    (the review page shows each beside the button that caused it; "page" is the top)."""
    st.session_state.setdefault(_FLASH, []).append((kind, message, place))


def pop_flashes(place: str = "page") -> list[tuple[str, str]]:
    """The messages for ``place``, removed; the others wait for their place to be drawn."""
    waiting = st.session_state.get(_FLASH, [])
    st.session_state[_FLASH] = [f for f in waiting if f[2] != place]
    return [(kind, message) for kind, message, at in waiting if at == place]


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
