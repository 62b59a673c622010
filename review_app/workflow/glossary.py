"""A project's glossary: replaced (and the project's documents re-checked against it, so
their glossary findings and repairs follow at once) or read."""
from __future__ import annotations

from collections.abc import Sequence

from ..storage import Store
from .importing import rerun_checks


def set_glossary(store: Store, project: str, entries: Sequence[dict], *, recheck: bool = True) -> int:
    """Replace a project's glossary; with ``recheck``, re-run the checks on each of its documents.

    Entries without both a wrong and a right form (a blank row of an editor) are dropped.
    Returns the number of entries stored."""
    kept = [e for e in entries if (e.get("wrong") or "").strip() and (e.get("right") or "").strip()]
    store.set_glossary(project, kept)
    if recheck:
        for summary in store.list_documents(project):
            rerun_checks(store, summary.document.id, project)
    return len(kept)


def glossary(store: Store, project: str) -> list[dict]:
    """The project's own entries (empty if it has none: the checks then use the starter glossary)."""
    return store.glossary(project)
