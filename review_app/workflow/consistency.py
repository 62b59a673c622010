"""Consistency across a project: propagation of a correction to the identical and
near-identical segments elsewhere, project-wide find and replace (previewed, recorded as
corrections, undoable), and the concordance of earlier corrections.

Every change here is an ordinary correction (append-only, optimistic): a segment someone
saved meanwhile is skipped and reported, never overwritten. The matching itself is pure
(``presentation.consistency``); this module reads and writes the Store.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..errors import BadInputError
from ..model import BulkChange, BulkEdit, Correction, Segment, SegmentStatus
from ..presentation.consistency import FindReplace, Offer, TextPool, still_applies
from ..storage import Store
from .scoring import rescore_segment

log = logging.getLogger(__name__)

# A project's (segment id, source, text) rows, kept a while: propagation compares a
# correction with every segment of the project after each save, and reading 100,000 rows
# each time would cost more than the save. Offers are checked against the Store before
# they are shown or applied, so a stale row (another process's save) can hide an offer
# for up to POOL_TTL_S but never make a wrong one; this process's own saves keep it current.
POOL_TTL_S = 600.0
_pools: dict[tuple[str, str], tuple[float, TextPool]] = {}
_pools_lock = threading.Lock()
PREVIEW_LIMIT = 200


def _pool(store: Store, project: str) -> TextPool:
    key = (store.url, project)
    with _pools_lock:
        kept = _pools.get(key)
    if kept is not None and time.monotonic() - kept[0] < POOL_TTL_S:
        return kept[1]
    pool = TextPool(store.project_texts(project))
    with _pools_lock:
        _pools[key] = (time.monotonic(), pool)
    return pool


def _note(store: Store, project: str, corrections: Sequence[Correction]) -> None:
    """Keep the cached rows in step with this process's own saves."""
    with _pools_lock:
        kept = _pools.get((store.url, project))
        for c in corrections if kept is not None else ():
            kept[1].update(c.segment_id, c.text)


def _rescore(store: Store, corrections: Sequence[Correction], progress: Callable[[int], None] | None = None) -> None:
    for n, c in enumerate(corrections, 1):
        try:
            rescore_segment(store, c.segment_id)
        except Exception:  # scores can be recomputed later; the corrections stand
            log.exception("rescoring segment %s after a correction failed", c.segment_id)
        if progress is not None:
            progress(n)


# -- propagation ---------------------------------------------------------------------------


def offers_after(store: Store, project: str, segment: Segment, old_text: str, new_text: str) -> list[Offer]:
    """The segments of ``project`` that should take the change ``old_text`` -> ``new_text`` just saved
    on ``segment``, checked against what they read now."""
    pool = _pool(store, project)
    with _pools_lock:
        pool.update(segment.id, new_text)
        offers = pool.offers(old_text, new_text, segment.source, exclude=segment.id)
    return current_offers(store, offers)


def current_offers(store: Store, offers: Sequence[Offer]) -> list[Offer]:
    """The offers whose segment still reads as it did when they were made, each saying where it is."""
    now = {s.id: s for s in store.segments_by_ids([o.segment_id for o in offers])}
    names = {doc_id: store.document(doc_id).name for doc_id in {s.document_id for s in now.values()}}
    return [replace(o, where=f"segment {now[o.segment_id].position + 1} of {names[now[o.segment_id].document_id]}")
            for o in offers if o.segment_id in now and still_applies(o, now[o.segment_id].text)]


def propagate(store: Store, project: str, offers: Sequence[Offer], *, reviewer: str, status: SegmentStatus | str,
              origin: Segment) -> tuple[list[Correction], list[int]]:
    """Apply offers, each as its own correction of its segment (status as the reviewer chose for the
    original); returns the corrections and the ids of segments skipped because they changed."""
    if not reviewer:
        raise BadInputError("a correction needs a reviewer name")
    current = {s.id: s for s in store.segments_by_ids([o.segment_id for o in offers])}
    applied, skipped = [], []
    for offer in offers:
        seg = current.get(offer.segment_id)
        if seg is None or not still_applies(offer, seg.text):
            skipped.append(offer.segment_id)
            continue
        applied.append(store.record_correction(
            seg.id, offer.after, reviewer=reviewer, based_on_version=seg.version, status=SegmentStatus(status),
            comment=f"same change as segment {origin.position + 1} ({offer.kind})"))
    _note(store, project, applied)
    _rescore(store, applied)
    return applied, skipped


# -- find and replace ------------------------------------------------------------------------


def find_in_project(store: Store, project: str, search: FindReplace,
                    limit: int | None = PREVIEW_LIMIT) -> tuple[list[tuple[Segment, str]], int]:
    """What a replace would do: (segment, its text after) pairs, at most ``limit``, and how many
    segments it would change in all."""
    search.pattern()  # a blank search is a one-line error before any query
    found = [(s, search.apply(s.text)) for s in store.segments_containing(project, search.find)]
    changes = [(s, after) for s, after in found if after != s.text and after.strip()]
    return (changes if limit is None else changes[:limit]), len(changes)


def replace_in_project(store: Store, project: str, search: FindReplace, *, reviewer: str,
                       progress: Callable[[int], None] | None = None) -> tuple[int, list[Correction], list[int]]:
    """Replace in every segment of the project at once (one transaction), each changed segment getting
    its own correction; returns the replace's id (for undo), the corrections, the skipped segment ids.
    A segment never reviewed is left at "needs work": a replace is not an approval."""
    if not reviewer:
        raise BadInputError("a correction needs a reviewer name")
    changes, _ = find_in_project(store, project, search, limit=None)
    if not changes:
        raise BadInputError(f"nothing to {search.describe()} in project {project!r}")
    edit_id, applied, skipped = store.record_bulk_edit(project, search.describe(), reviewer, [
        BulkChange(segment_id=s.id, based_on_version=s.version, text=after, status=_kept_status(s),
                   before_text=s.text, before_status=s.status, comment=search.describe())
        for s, after in changes
    ])
    _note(store, project, applied)
    _rescore(store, applied, progress)
    return edit_id, applied, skipped


def _kept_status(segment: Segment) -> SegmentStatus:
    return segment.status if segment.status != SegmentStatus.NEW else SegmentStatus.NEEDS_WORK


def undo_replace(store: Store, project: str, edit_id: int, *, reviewer: str) -> tuple[list[Correction], list[int]]:
    """Give every segment of a replace its earlier wording and status back, as new corrections; a
    segment saved again since keeps that save (skipped)."""
    if not reviewer:
        raise BadInputError("a correction needs a reviewer name")
    restored, skipped = store.undo_bulk_edit(edit_id, reviewer, comment=f"undo of replace #{edit_id}")
    _note(store, project, restored)
    _rescore(store, restored)
    return restored, skipped


def recent_replaces(store: Store, project: str, limit: int = 5) -> list[BulkEdit]:
    return store.bulk_edits(project, limit)


# -- concordance -----------------------------------------------------------------------------


def concordance(store: Store, project: str, words: str, limit: int = 8) -> list[tuple[Segment, Correction]]:
    """Earlier corrections in the project whose source, MT or corrected text has ``words``, newest first."""
    words = " ".join(words.split())
    if len(words) < 2:
        return []
    return store.concordance(project, words, limit)
