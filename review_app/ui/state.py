"""The only owner of st.session_state, and the one place the UI gets its Store.

Everything a browser session remembers between reruns goes through the
functions here: who is signed in (checked on every call, see below), the reviewer's name, where the reviewer is
in each document (segment and the version it was opened at, the token that
makes a stale save a conflict instead of an overwrite), a save that hit a
conflict, an approval waiting for the reviewer's answer, the offers to carry a
correction elsewhere, which text the MQM marks go on, the concordance's words,
and messages for the next rerun (each shown beside the button that caused it).
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field

import streamlit as st

from .. import auth, sessions, settings, workflow
from ..auth import Account
from ..workflow import team

_TOKEN = "session_token"  # (token, connection key) of a sign-in made on this connection
_COOKIE_CODE = "cookie_code"  # one-time code for the cookie endpoint; None = delete the cookie
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


def session_alive() -> bool:
    """Whether the browser tab of this session is still connected: long work stops when it is not
    (an import uploaded from a tab that was then closed used to run to its end)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return True  # not under a server (AppTest): nothing to stop for
    return runtime.get_instance().is_active_session(ctx.session_id)


def db_url() -> str:
    return settings.database_url()


def store():
    """The server's one Store for its database, shared by every session and the job thread."""
    return workflow.open_store(db_url())


# -- accounts and reviewer ---------------------------------------------------
#
# Who is working is decided on every call from a signed token (review_app.sessions), never
# from a flag in session_state alone: the token signed in on this very connection, else the
# session cookie the browser sent when it connected (a reload, a new tab). Both are checked
# against the key, the revocation list and the accounts file each time, so sign-out, a
# password change, removing or disabling an account end the session at its next click. A
# replayed Streamlit session id (another browser re-attaching to this session) arrives on a
# new connection without this browser's cookie, so it is not signed in.


def login_required() -> bool:
    return auth.configured_file() is not None


def _connection() -> str | None:
    """The WebSocket handshake's key: different for every connection, even to the same session."""
    return st.context.headers.get("Sec-Websocket-Key")


def identity() -> sessions.Identity | None:
    kept = st.session_state.get(_TOKEN)
    if kept is not None and kept[1] == _connection():
        found = sessions.verify(kept[0])
        if found is not None:
            return found
        st.session_state.pop(_TOKEN, None)
    return sessions.verify(st.context.cookies.get(sessions.COOKIE))


def account() -> Account | None:
    found = identity()
    return found.account if found is not None else None


def sign_in(token: str) -> None:
    """Remember the session on this connection and have the browser keep it as a cookie."""
    st.session_state[_TOKEN] = (token, _connection())
    st.session_state[_COOKIE_CODE] = sessions.grant(token)


def sign_out() -> None:
    kept = st.session_state.pop(_TOKEN, None)
    sessions.revoke(kept[0] if kept else None)
    sessions.revoke(st.context.cookies.get(sessions.COOKIE))
    st.session_state.pop(_REVIEWER, None)
    st.session_state[_COOKIE_CODE] = None  # None: delete the cookie


def cookie_script() -> str | None:
    """Once after a sign-in, a typed name or a sign-out: the script that makes the browser store
    (or delete) its session cookie. It carries a one-time code, never the token."""
    if _COOKIE_CODE not in st.session_state:
        return None
    code = st.session_state.pop(_COOKIE_CODE)
    if code is None:
        return '<script>fetch("/_review_app/sign-out", {method: "POST", credentials: "same-origin"})</script>'
    return (f'<script>fetch("/_review_app/session", {{method: "POST", body: {json.dumps(code)}, '
            'credentials: "same-origin"})</script>')


def is_admin() -> bool:
    """Without accounts the one local user may do everything."""
    if not login_required():
        return True
    acct = account()
    return acct is not None and acct.is_admin


def require_admin(action: str, project: str | None = None) -> bool:
    """For every admin action, whatever route reached it: False (and a message) for anyone else.
    With ``project``, an admin of that project (a per-project role) may too."""
    if is_admin() or (project is not None and is_project_admin(project)):
        return True
    flash("error", f"Only admins can {action}.")
    return False


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
    """The name recorded on corrections: the signed-in account, else the name typed (kept in a
    cookie across reloads), else the ``reviewer`` setting."""
    found = identity()
    if found is not None:
        return found.name
    if login_required():
        return ""
    return st.session_state.get(_REVIEWER) or settings.get("reviewer")


def set_reviewer(name: str) -> None:
    """Without accounts: the typed name, kept in a signed cookie so a reload keeps it."""
    name = name.strip()
    if login_required() or name == reviewer():
        return
    st.session_state[_REVIEWER] = name
    if name:
        sign_in(sessions.issue_for_name(name))
    else:
        sign_out()


_LINK = "link_after_sign_in"


def remember_link(query: dict) -> None:
    """A segment link opened before signing in, to follow once signed in."""
    link = {k: v for k, v in query.items() if k in ("doc", "seg")}
    if link:
        st.session_state[_LINK] = link


def follow_link_after_sign_in(review_page) -> None:
    link = st.session_state.pop(_LINK, None)
    if link:
        st.switch_page(review_page, query_params=link)


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


def cursor_document() -> int | None:
    """The document open on the review page in this session, if any."""
    return st.session_state.get(REVIEW_DOCUMENT_KEY)


def clear_cursor(document_id: int) -> None:
    st.session_state.get(_CURSORS, {}).pop(document_id, None)


def focus_segment(segment) -> None:
    """Open a segment on the review page (from a drill-down elsewhere): its document and the segment."""
    st.session_state[REVIEW_DOCUMENT_KEY] = segment.document_id
    set_cursor(segment.document_id, segment.id, segment.version)


_PLACE = "place"  # (document id, segment id) the address bar and the position store last got


def segment_link() -> tuple[int, int] | None:
    """(document id, segment id) of a /review?doc=..&seg=.. link not yet followed in this session."""
    try:
        link = int(st.query_params.get("doc", "")), int(st.query_params.get("seg", ""))
    except ValueError:
        return None
    return None if link == st.session_state.get(_PLACE) else link


def placed(document_id: int, segment_id: int) -> bool:
    """Record that the address bar shows this segment; False if it already did."""
    place = (document_id, segment_id)
    if st.session_state.get(_PLACE) == place:
        return False
    st.session_state[_PLACE] = place
    st.query_params.update(doc=str(document_id), seg=str(segment_id))
    return True


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


def _keep(key: str, value) -> None:
    """Hold ``value`` in the session under ``key``; None forgets it."""
    if value is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value


def conflict() -> PendingSave | None:
    return st.session_state.get(_CONFLICT)


def set_conflict(pending: PendingSave | None) -> None:
    _keep(_CONFLICT, pending)


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
    _keep(_APPROVAL, value)


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
    _keep(_OFFERS, value if value is not None and value.items else None)


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
