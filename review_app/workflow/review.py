"""Reviewing: the queue a reviewer works through, everything the review page shows
about the open segment, and saving what the reviewer decided (append-only: a save
against a stale version raises ConflictError instead of overwriting)."""
from __future__ import annotations

import logging
from collections.abc import Iterable

from .. import settings
from ..errors import BadInputError, NotFoundError
from ..model import Annotation, Correction, Score, Segment, SegmentFilter, SegmentStatus
from ..presentation.review_page import OpenSegment, order_candidates
from ..storage import Store
from . import jobs
from .neural import rescore_segment_neural
from .scoring import rescore_segment

log = logging.getLogger(__name__)


def segment(store: Store, segment_id: int) -> Segment:
    """A segment as stored now (NotFoundError if it was deleted)."""
    return store.segment(segment_id)


def open_segment(store: Store, segment_id: int, context: int = 2) -> OpenSegment:
    """Everything the review page shows about one segment, with ``context`` neighbours each side."""
    seg = store.segment(segment_id)
    before, after = store.neighbours(seg, before=context, after=context)
    scores: dict[int | None, list[Score]] = {}
    for score in store.scores(segment_id):
        scores.setdefault(score.candidate_id, []).append(score)
    return OpenSegment(
        segment=seg,
        before=before,
        after=after,
        findings=store.findings(segment_id),
        candidates=order_candidates(store.candidates(segment_id)),
        scores=scores,
        history=store.history(segment_id),
        annotations=store.annotations(segment_id),
    )


# -- the queue -----------------------------------------------------------------------------


def queue_page(store: Store, document_id: int, where: SegmentFilter, order: str, *, offset: int,
               limit: int) -> list[Segment]:
    """One page of the review list: a document's segments that pass the filters, in the chosen order."""
    return store.segments(document_id, offset=offset, limit=limit, where=where, order=order)


def queue_length(store: Store, document_id: int, where: SegmentFilter) -> int:
    return store.count_segments(document_id, where)


def first_in_queue(store: Store, document_id: int, where: SegmentFilter, order: str) -> Segment | None:
    return store.next_in_queue(document_id, None, where, order)


def next_in_queue(store: Store, segment_id: int, where: SegmentFilter, order: str) -> Segment | None:
    """The segment after this one in the queue (None after the last)."""
    current = store.segment(segment_id)
    return store.next_in_queue(current.document_id, current, where, order)


def previous_in_queue(store: Store, segment_id: int, where: SegmentFilter, order: str) -> Segment | None:
    """The segment before this one in the queue (None at the first)."""
    current = store.segment(segment_id)
    return store.previous_in_queue(current.document_id, current, where, order)


def in_queue(store: Store, segment_id: int, where: SegmentFilter) -> bool:
    """Whether a segment passes the review list's filters (the open segment stays open if it does)."""
    return store.segment_matches(segment_id, where)


# -- saving --------------------------------------------------------------------------------


def save_correction(
    store: Store,
    segment_id: int,
    text: str,
    *,
    reviewer: str,
    based_on_version: int,
    status: SegmentStatus | str = SegmentStatus.APPROVED,
    candidate_id: int | None = None,
    comment: str | None = None,
    annotations: Iterable[Annotation] = (),
) -> Correction:
    """Record what a reviewer decided. Raises ConflictError if someone saved first."""
    text = text.strip()
    if not text:
        raise BadInputError("a correction cannot be empty; mark the segment as rejected instead")
    if not reviewer:
        raise BadInputError("a correction needs a reviewer name")
    correction = store.record_correction(
        segment_id, text, reviewer=reviewer, based_on_version=based_on_version, status=SegmentStatus(status),
        candidate_id=candidate_id, comment=comment or None, annotations=annotations,
    )
    try:  # the correction is the new reference: rescore the candidates against it
        rescore_segment(store, segment_id)
    except Exception:  # scores can be recomputed later (score --save); the reviewer's save must stand
        log.exception("rescoring segment %s after a correction failed", segment_id)
    rescore_neural_later(store, segment_id)
    return correction


def rescore_neural_later(store: Store, segment_id: int) -> str | None:
    """Queue the neural rescoring the ``rescore_neural`` setting asks for (a model takes seconds on a CPU,
    so it runs on the job thread, not in the save); returns the job id, or None when it is off."""
    metrics = [m.strip() for m in settings.get("rescore_neural").split(",") if m.strip()]
    if not metrics:
        return None

    def work(ctx):
        for metric in metrics:
            ctx.say(f"rescoring segment {segment_id} with {metric}")
            rescore_segment_neural(store, segment_id, metric, settings.get(f"{metric}_model"))

    return jobs.RUNNER.submit(f"rescore segment {segment_id} ({', '.join(metrics)})", work)


def history(store: Store, segment_id: int) -> list[Correction]:
    """Every saved version of a segment, oldest first."""
    return store.history(segment_id)


def remember_position(store: Store, reviewer: str, segment: Segment) -> None:
    """Where ``reviewer`` is now: a new tab or their next sign-in opens this segment."""
    if reviewer:
        store.set_position(reviewer, segment.document_id, segment.id)


def last_position(store: Store, reviewer: str) -> Segment | None:
    """The segment ``reviewer`` last had open (in any document), if it is still there."""
    found = store.last_position(reviewer) if reviewer else None
    if found is None:
        return None
    try:
        return store.segment(found[1])
    except NotFoundError:
        return None
