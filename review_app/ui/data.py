"""Cached reads that pages repeat on every rerun but that change rarely.

Keyed by database URL; short TTLs so another reviewer's import shows up soon,
and ``forget()`` after this session imports or deletes something.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..workflow import projects, review
from . import state


@dataclass(frozen=True)
class DocumentChoice:
    id: int
    project: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.project} / {self.name}"


@st.cache_data(ttl=15, show_spinner=False)
def documents(url: str) -> dict[int, DocumentChoice]:
    store = state.store()
    return {
        d.document.id: DocumentChoice(d.document.id, name, d.document.name)
        for name in projects.project_names(store)
        for d in projects.list_documents(store, name)
    }


@st.cache_data(ttl=30, show_spinner=False)
def check_names(url: str, project: str) -> list[str]:
    return projects.check_names(state.store(), project)


@st.cache_data(ttl=30, show_spinner=False)
def systems(url: str, project: str) -> list[str]:
    return projects.systems(state.store(), project)


@st.cache_data(ttl=60, show_spinner=False)
def positions(url: str, document_id: int) -> dict[int, int]:
    """Segment id -> its number in the document (1-based), for saying where colleagues are."""
    return {s.id: s.position + 1 for s in projects.document_segments(state.store(), document_id)}


@st.cache_data(ttl=300, show_spinner=False)
def neural_metrics() -> dict[str, str]:
    """Neural metric -> model, for those whose checkpoint the server has (looked up every few minutes)."""
    from ..scoring.neural import configured_metrics

    return configured_metrics()


def forget() -> None:
    """Drop the cached lists (after an import, a delete or a glossary change)."""
    for cached in (documents, check_names, systems, segment_count):
        cached.clear()


@st.cache_data(ttl=10, show_spinner=False)
def segment_count(url: str, document_id: int, where) -> int:
    """How many segments pass the filters: a scan on a big document (tens of ms at 100,000
    segments), so it may lag a save by a few seconds; the queue itself is always fresh."""
    return review.queue_length(state.store(), document_id, where)
