"""Projects and documents: listed with their review progress, found by name, deleted."""
from __future__ import annotations

from ..errors import BadInputError
from ..model import Document, DocumentSummary, Project, ProjectSummary, Segment, SegmentFilter
from ..storage import Store


def require_project(store: Store, name: str) -> Project:
    """The project of that name; NotFoundError (one line) if there is none."""
    return store.project(name)


def list_projects(store: Store) -> list[ProjectSummary]:
    return store.list_projects()


def list_documents(store: Store, project: str | None = None) -> list[DocumentSummary]:
    """Documents (of one project, or all) with their segment, excluded, reviewed and approved counts."""
    return store.list_documents(project)


def project_names(store: Store) -> list[str]:
    return [p.project.name for p in store.list_projects()]


def document(store: Store, document_id: int) -> Document:
    return store.document(document_id)


def find_document(store: Store, project: str, name: str) -> Document:
    """A project's document by name; a one-line error naming the documents there if it has none of that name."""
    document = store.find_document(project, name)
    if document is not None:
        return document
    names = sorted(d.document.name for d in store.list_documents(project))
    if not names:
        raise BadInputError(f"project {project!r} has no documents (see: review-app projects)")
    raise BadInputError(f"no document {name!r} in project {project!r} (documents: {', '.join(names)})")


def document_segments(store: Store, document_id: int, where: SegmentFilter | None = None, *,
                      order: str = "position", offset: int = 0, limit: int | None = None) -> list[Segment]:
    return store.segments(document_id, offset=offset, limit=limit, where=where, order=order)


def delete_document(store: Store, document_id: int) -> None:
    """Delete a document with its segments, findings, candidates, scores and corrections."""
    store.delete_document(document_id)


def check_names(store: Store, project: str) -> list[str]:
    """The checks that found something in a project (the review page's check filter)."""
    return sorted({check for check, _ in store.finding_counts(project)})


def systems(store: Store, project: str) -> list[str]:
    """Names of the systems (imported or model) that have candidates in a project."""
    return store.systems(project)
