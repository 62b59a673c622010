"""What the review page's buttons do.

Each action is a widget callback: Streamlit runs it before the page script
reruns, so one click costs one script run and the page then renders the
result. An action calls workflow.review and records the outcome
(new position, conflict, message) in ``state``.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import BadInputError, ConflictError, NotFoundError, StorageError
from ..model import Segment, SegmentFilter
from ..presentation.merge import unresolved
from ..presentation.review_page import Mark, marks_to_annotations
from ..workflow import Store, review
from . import state
from .state import PendingSave


def open_segment(segment: Segment) -> None:
    state.set_cursor(segment.document_id, segment.id, segment.version)


def current_segment(store: Store, document_id: int, where: SegmentFilter, order: str,
                    filters_changed: bool = False) -> Segment | None:
    """The segment the reviewer has open in this document, else the first of the queue.

    New filters keep the open segment if it passes them, so clearing a search leaves the
    reviewer where they are and 'next' goes on from there in the wider queue.
    """
    cur = state.cursor(document_id)
    if cur is not None:
        try:
            segment = review.segment(store, cur.segment_id)
        except NotFoundError:  # deleted by an admin meanwhile
            segment = None
        if segment is not None and (not filters_changed or review.in_queue(store, segment.id, where)):
            return segment
        state.clear_cursor(document_id)
    first = review.first_in_queue(store, document_id, where, order)
    if first is not None:
        open_segment(first)
    return first


def open_link_or_last_place(store: Store, documents) -> None:
    """A segment link (/review?doc=..&seg=..) opens its segment; else, in a new session, the segment
    where this reviewer stopped (any tab, any earlier sign-in)."""
    link = state.segment_link()
    if link is not None:
        try:
            segment = review.segment(store, link[1])
        except NotFoundError:
            segment = None
        if segment is None or segment.document_id != link[0] or link[0] not in documents:
            state.flash("error", "That segment link points to no segment (deleted, or a typo).")
            state.placed(*link)
            return
        state.focus_segment(segment)
        return
    if state.cursor_document() is None:
        last = review.last_position(store, state.reviewer())
        if last is not None and last.document_id in documents:
            state.focus_segment(last)


def show_place(store: Store, segment: Segment) -> None:
    """The address bar links to the open segment, and the reviewer's place is kept for next time."""
    if state.placed(segment.document_id, segment.id):
        review.remember_position(store, state.reviewer(), segment)


def go_to(store: Store, segment_id: int) -> None:
    open_segment(review.segment(store, segment_id))


def go_next(store: Store, segment_id: int, where: SegmentFilter, order: str) -> None:
    following = review.next_in_queue(store, segment_id, where, order)
    if following is None:
        state.flash("info", "That was the last segment of the queue.")
        return
    open_segment(following)


def go_previous(store: Store, segment_id: int, where: SegmentFilter, order: str) -> None:
    preceding = review.previous_in_queue(store, segment_id, where, order)
    if preceding is None:
        state.flash("info", "This is the first segment of the queue.")
        return
    open_segment(preceding)


def go_to_row(store: Store, widget_key: str, segment_ids: list[int]) -> None:
    """A row picked in the queue list."""
    rows = (state.widget(widget_key) or {}).get("selection", {}).get("rows", [])
    if rows and rows[0] < len(segment_ids):
        go_to(store, segment_ids[rows[0]])


def save(
    store: Store,
    pending: PendingSave,
    based_on_version: int,
    mt: str,
    mt_candidate_id: int | None,
    where: SegmentFilter | None = None,
    order: str = "risk",
) -> None:
    """Record a correction based on the version the reviewer opened; a newer stored
    version turns into a conflict for the reviewer to resolve, never an overwrite."""
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", "Type your name in the sidebar first: every correction records its reviewer.")
        return
    try:
        annotations = marks_to_annotations(
            mt, pending.marks, segment_id=pending.segment_id, reviewer=reviewer, candidate_id=mt_candidate_id
        )
        correction = review.save_correction(
            store, pending.segment_id, pending.text, reviewer=reviewer, based_on_version=based_on_version,
            status=pending.status, candidate_id=pending.candidate_id, comment=pending.comment,
            annotations=annotations,
        )
    except ConflictError:
        # The page then shows both versions and asks which to keep (or to merge them).
        state.set_conflict(replace(pending, based_on_version=based_on_version))
        return
    except BadInputError as exc:
        state.flash("error", str(exc))
        return
    except StorageError as exc:  # the database failing (full, down, read-only): nothing was saved
        state.flash("error", f"{exc.public} Nothing was saved; your text is still in the box.")
        return
    state.set_conflict(None)
    state.set_marks(pending.segment_id, [])
    segment = review.segment(store, pending.segment_id)
    open_segment(segment)
    state.flash("success", f"Saved segment {segment.position + 1} as version {correction.version} "
                           f"({correction.status.label}).")
    if pending.advance and where is not None:
        go_next(store, segment.id, where, order)


def save_from_form(store: Store, form_keys: dict[str, str], segment_id: int, based_on_version: int, mt: str,
                   mt_candidate_id: int | None, where: SegmentFilter, order: str, advance: bool) -> None:
    pending = PendingSave(
        segment_id=segment_id,
        text=state.widget(form_keys["text"], ""),
        status=state.widget(form_keys["status"], "approved"),
        comment=state.widget(form_keys["comment"]) or None,
        marks=tuple(state.marks(segment_id)),
        advance=advance,
    )
    save(store, pending, based_on_version, mt, mt_candidate_id, where, order)


def accept(store: Store, segment_id: int, candidate_id: int, text: str, based_on_version: int, mt: str,
           mt_candidate_id: int | None) -> None:
    """One click: the candidate's wording becomes the approved correction."""
    pending = PendingSave(segment_id, text, "approved", candidate_id=candidate_id,
                          marks=tuple(state.marks(segment_id)))
    save(store, pending, based_on_version, mt, mt_candidate_id)


def keep_mine(store: Store, mt: str, mt_candidate_id: int | None, where: SegmentFilter, order: str) -> None:
    """Conflict resolved in favour of the reviewer's text: saved on top of the other version."""
    pending = state.conflict()
    if pending is None:
        return
    current = review.segment(store, pending.segment_id)
    save(store, pending, current.version, mt, mt_candidate_id, where, order)


def keep_merged(store: Store, widget_key: str, mt: str, mt_candidate_id: int | None, where: SegmentFilter,
                order: str) -> None:
    """Conflict resolved by an edit of both versions: saved on top of the other version."""
    pending = state.conflict()
    text = (state.widget(widget_key) or "").strip()
    if pending is None:
        return
    if unresolved(text):
        state.flash("error", "The merged version still has a [mine: … | theirs: …] choice: keep one wording.")
        return
    current = review.segment(store, pending.segment_id)
    merged = replace(pending, text=text, candidate_id=None,
                     comment=pending.comment or f"merged with version {current.version}")
    save(store, merged, current.version, mt, mt_candidate_id, where, order)


def keep_theirs(store: Store) -> None:
    """Conflict resolved in favour of the stored version: the reviewer's text is dropped."""
    pending = state.conflict()
    if pending is not None:
        open_segment(review.segment(store, pending.segment_id))
    state.set_conflict(None)


def reload_segment(store: Store, segment_id: int) -> None:
    open_segment(review.segment(store, segment_id))


def add_mark(segment_id: int, keys: dict[str, str]) -> None:
    span = (state.widget(keys["span"]) or "").strip()
    if not span:
        state.flash("error", "Type the words of the error (as they appear in the MT) before adding a mark.")
        return
    mark = Mark(span=span, category=state.widget(keys["category"]), severity=state.widget(keys["severity"]))
    state.set_marks(segment_id, state.marks(segment_id) + [mark])


def remove_mark(segment_id: int, index: int) -> None:
    current = state.marks(segment_id)
    state.set_marks(segment_id, current[:index] + current[index + 1:])
