"""The use cases that the CLI and the UI call, one module per area:

- ``importing``: files in, checks run, documents stored; re-checking a document.
- ``projects``: projects and documents listed, found by name, deleted.
- ``review``: the review queue, what the review page shows of a segment, saving a correction.
- ``glossary``: a project's glossary set (and its documents re-checked) or read.
- ``candidates``: model translations and imported system outputs stored as candidates.
- ``scoring``: rescoring, leaderboards, HTER and MQM of stored projects.
- ``export``: a project written out as a clean corpus, or the preview of it.
- ``dashboard``: the tables the Dashboard page charts.
- ``jobs``: background jobs (candidate generation) for the UI to start and poll.
- ``consistency``: a correction propagated to matching segments, project-wide replace and undo,
  the concordance of earlier corrections.
- ``batch``: a batch run's review sample imported into a project (``review_app.batch`` is the run).

This is the only layer besides ``storage`` that holds a Store; the domain packages
(``ingest``, ``checks``, ``candidates``, ``scoring``, ``export``) take and return
records. Every Store comes from :func:`open_store`, one per database URL per process.
"""
from __future__ import annotations

from .. import settings
from ..storage import Store

DEFAULT_PROJECT = "default"


def open_store(url: str | None = None) -> Store:
    """The process's Store for ``url`` (default: the ``db`` setting), configured from the settings.

    The CLI, the UI's sessions and the background job thread all come through here, so they
    share one connection pool per database and the same busy timeout."""
    return Store.shared(settings.database_url(url), busy_timeout_ms=settings.get("sqlite_busy_timeout_ms"))


__all__ = ["DEFAULT_PROJECT", "Store", "open_store"]  # Store: the handle faces pass back to workflow
