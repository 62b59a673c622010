"""Candidates stored for review: a model's translations of a project (the use case behind
``review-app translate`` and the UI's background jobs) and another system's outputs
imported from a file.

Model candidates are stored batch by batch, so they appear while the run goes on and
an interrupted run keeps what it made. A run skips segments that already have
candidates from the same system, so running it again resumes instead of
duplicating. Excluded segments (page furniture) are never sent to a model.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..candidates.base import Backend, Progress
from ..candidates.imported import (
    ImportReport,
    align_by_id,
    align_by_line,
    alignment_for,
    candidates_from,
    read_rows,
)
from ..candidates.prompts import previous_sentences
from ..errors import BadInputError
from ..model import ORIGIN_MODEL, ORIGIN_SYSTEM, Candidate, Document, Segment
from ..storage import Store
from .risk import refresh_risk


@dataclass(frozen=True)
class GenerationReport:
    system: str
    segments: int  # segments that got at least one candidate
    candidates: int
    already_done: int  # skipped: this system had candidates there already
    nothing_to_read: int  # no source to translate, or the model wrote nothing
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{self.system}: {self.candidates} candidates for {self.segments} segments"]
        if self.already_done:
            parts.append(f"{self.already_done} segments already had candidates from it (skipped)")
        if self.nothing_to_read:
            parts.append(f"{self.nothing_to_read} segments got none (no source, or empty output)")
        if self.cancelled:
            parts.append("cancelled before the end")
        return "; ".join(parts)


@dataclass(frozen=True)
class _DocumentWork:
    document: Document
    todo: list[Segment]
    context: dict[int, list[str]]
    done: int


def documents_of(store: Store, project: str, document_id: int | None = None) -> list[Document]:
    if document_id is not None:
        return [store.document(document_id)]
    documents = [d.document for d in store.list_documents(project)]
    if not documents:
        raise BadInputError(f"project {project!r} has no documents: import some first (review-app import PATH)")
    return documents


def _plan(store: Store, backend: Backend, documents: list[Document]) -> list[_DocumentWork]:
    context_size = backend.values.get("context_sentences", 0)
    work = []
    for doc in documents:
        segments = [s for s in store.iter_segments(doc.id) if not s.excluded]
        done = {c.segment_id for _, c in store.candidates_for_document(doc.id, origin=ORIGIN_MODEL, system=backend.system)}
        todo = [s for s in segments if s.id not in done]
        work.append(_DocumentWork(doc, todo, previous_sentences(segments, context_size), len(segments) - len(todo)))
    return work


def _check_something_to_translate(backend: Backend, work: list[_DocumentWork]) -> None:
    """A translation model on documents without a source would silently make nothing."""
    todo = [s for w in work for s in w.todo]
    if getattr(backend, "mode", None) == "translate" and todo and not any((s.source or "").strip() for s in todo):
        names = ", ".join(repr(w.document.name) for w in work if w.todo)
        raise BadInputError(
            f"{names}: no source text to translate; use an editing or chat model (or --mode edit), "
            "or import the document with its source"
        )


def generate_for_project(
    store: Store,
    backend: Backend,
    *,
    project: str,
    document_id: int | None = None,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> GenerationReport:
    """Generate and store candidates for every reviewable segment of a project (or one document).

    ``on_total(n)`` is called once with the number of segments to do, then
    ``progress(k)`` after each batch; ``cancel`` stops the run between batches.
    """
    work = _plan(store, backend, documents_of(store, project, document_id))
    _check_something_to_translate(backend, work)
    if on_total:
        on_total(sum(len(w.todo) for w in work))
    segments = candidates = empty = 0
    for w in work:
        for batch in backend.iter_batches(w.todo, progress=progress, context=w.context):
            made = [c for _, cs in batch for c in cs]
            if made:
                store.add_candidates(made)
            candidates += len(made)
            segments += sum(1 for _, cs in batch if cs)
            empty += sum(1 for _, cs in batch if not cs)
            if cancel is not None and cancel.is_set():
                refresh_risk(store, w.document.id)
                return GenerationReport(backend.system, segments, candidates, sum(x.done for x in work), empty, True)
        refresh_risk(store, w.document.id)  # the MT now has model outputs to disagree with
    return GenerationReport(backend.system, segments, candidates, sum(w.done for w in work), empty)


def _label(documents: list[Document], project: str) -> str:
    return f"document {documents[0].name!r}" if len(documents) == 1 else f"project {project!r}"


def import_system_outputs(
    store: Store,
    name: str,
    data: bytes,
    *,
    system: str,
    project: str,
    document_id: int | None = None,
    align: str = "auto",
) -> ImportReport:
    """Store one system's outputs as candidates beside the MT. Nothing is stored on any error."""
    system = system.strip()
    if not system:
        raise BadInputError("an imported system needs a name ({system})", system="--system NAME")
    align = alignment_for(name, align)
    documents = documents_of(store, project, document_id)
    if align == "id" and len(documents) > 1:
        raise BadInputError(f"{name}: project {project!r} has {len(documents)} documents; choose one with {{document}}",
                            document="--document")
    for doc in documents:
        if store.candidates_for_document(doc.id, origin=ORIGIN_SYSTEM, system=system):
            raise BadInputError(
                f"{name}: system {system!r} already has candidates in document {doc.name!r}; "
                "import under another {system} name", system="--system"
            )
    segments = [s for doc in documents for s in store.iter_segments(doc.id)]
    rows = read_rows(name, data, align)
    label = _label(documents, project)
    pairs = (align_by_line if align == "line" else align_by_id)(name, rows, segments, label)
    candidates = candidates_from(name, data, pairs, system, align)
    store.add_candidates(candidates)
    for doc in documents:
        refresh_risk(store, doc.id)  # the MT now has this system's outputs to disagree with
    furniture = sum(1 for seg, row in pairs if seg.excluded)
    empty = sum(1 for seg, row in pairs if not seg.excluded and not row.text)
    uncovered = len(segments) - len(pairs) if align == "id" else 0
    return ImportReport(system, Path(name).name, align, tuple(d.name for d in documents), len(candidates),
                        empty, furniture, uncovered)


def candidates_of_document(store: Store, document_id: int, system: str | None = None) -> list[tuple[int, Candidate]]:
    """(segment position, candidate) pairs of a document in reading order (``system``: only its)."""
    return store.candidates_for_document(document_id, system=system)
