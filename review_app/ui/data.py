"""Cached reads that pages repeat on every rerun but that change rarely.

Keyed by database URL; short TTLs so another reviewer's import shows up soon,
and ``forget()`` after this session imports or deletes something.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

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
        d.document.id: DocumentChoice(d.document.id, p.project.name, d.document.name)
        for p in store.list_projects()
        for d in store.list_documents(p.project.name)
    }


@st.cache_data(ttl=30, show_spinner=False)
def check_names(url: str, project: str) -> list[str]:
    return sorted({check for check, _ in state.store().finding_counts(project)})


@st.cache_data(ttl=30, show_spinner=False)
def systems(url: str, project: str) -> list[str]:
    return state.store().systems(project)


def forget() -> None:
    """Drop the cached lists (after an import, a delete or a glossary change)."""
    for cached in (documents, check_names, systems, segment_count):
        cached.clear()


@st.cache_data(ttl=10, show_spinner=False)
def segment_count(url: str, document_id: int, where) -> int:
    """How many segments pass the filters: a scan on a big document (tens of ms at 100,000
    segments), so it may lag a save by a few seconds; the queue itself is always fresh."""
    return state.store().count_segments(document_id, where)
