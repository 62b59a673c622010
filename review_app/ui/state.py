"""The only owner of st.session_state, and the one place the UI gets its Store."""
from __future__ import annotations

import streamlit as st

from .. import settings
from ..storage import Store


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    # One Store (one connection pool) per server process, shared by every session.
    return Store(url, busy_timeout_ms=settings.get("sqlite_busy_timeout_ms"))


def store() -> Store:
    return _store(settings.database_url())


def reviewer() -> str:
    return st.session_state.get("reviewer", settings.get("reviewer"))


def set_reviewer(name: str) -> None:
    st.session_state["reviewer"] = name.strip()


def get(key: str, default=None):
    return st.session_state.get(key, default)


def put(key: str, value) -> None:
    st.session_state[key] = value
