"""What the review page's buttons do.

Each action is a widget callback: Streamlit runs it before the page script
reruns, so one click costs one script run and the page then renders the
result. An action calls workflow (review, consistency) and records the outcome
(new position, conflict, question, offers, message) in ``state``. Every message
names the place of the button that caused it, so the page shows it there.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import BadInputError, ConflictError, NotFoundError, StorageError
from ..model import Segment, SegmentFilter, SegmentStatus
from ..presentation.approval import confirm_message
from ..presentation.consistency import FindReplace, clip_words
from ..presentation.merge import unresolved
from ..presentation.mqm_marks import read_selection
from ..presentation.review_page import Mark
from ..workflow import Store, consistency, review
from . import data, state
from .state import Offers, PendingApproval, PendingSave

EDITOR = "editor"  # the place of the editor's buttons
MARKS = "marks"
OFFERS = "offers"
REPLACE = "replace"
CONFLICT = "conflict"
NAME_FIRST = "Type your name in the sidebar first: every correction records its reviewer."


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
    state.set_approval(None)
    open_segment(review.segment(store, segment_id))


def go_to_picked(store: Store, queue_key: str, token: str) -> None:
    """A row clicked in the queue component."""
    value = state.widget(queue_key)
    if isinstance(value, dict) and value.get("token") == token and isinstance(value.get("segment_id"), int):
        try:
            go_to(store, value["segment_id"])
        except NotFoundError:
            state.flash("info", "That segment is gone (its document was deleted).", "nav")


def go_next(store: Store, segment_id: int, where: SegmentFilter, order: str, place: str = "nav") -> None:
    state.set_approval(None)
    following = review.next_in_queue(store, segment_id, where, order)
    if following is None:
        state.flash("info", "That was the last segment of the queue.", place)
        return
    open_segment(following)


def go_previous(store: Store, segment_id: int, where: SegmentFilter, order: str) -> None:
    state.set_approval(None)
    preceding = review.previous_in_queue(store, segment_id, where, order)
    if preceding is None:
        state.flash("info", "This is the first segment of the queue.", "nav")
        return
    open_segment(preceding)


# -- saving ---------------------------------------------------------------------------------


def save(
    store: Store,
    pending: PendingSave,
    based_on_version: int,
    where: SegmentFilter | None = None,
    order: str = "risk",
    *,
    project: str | None = None,
    place: str = EDITOR,
    confirmed: bool = False,
) -> None:
    """Record a correction based on the version the reviewer opened; a newer stored
    version turns into a conflict for the reviewer to resolve, never an overwrite.
    Approving text that still has a major finding asks first (unless ``confirmed``)."""
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", NAME_FIRST, place)
        return
    try:
        if pending.status == SegmentStatus.APPROVED.value and not confirmed:
            findings = review.findings_to_confirm(store, pending.segment_id, pending.text.strip())
            if findings:
                state.set_approval(PendingApproval(pending, based_on_version, tuple(findings), place, where, order))
                return
        before = review.segment(store, pending.segment_id)
        correction = review.save_correction(
            store, pending.segment_id, pending.text, reviewer=reviewer, based_on_version=based_on_version,
            status=pending.status, candidate_id=pending.candidate_id, comment=pending.comment,
            overrides=pending.overrides,
        )
    except ConflictError:
        # The page then shows both versions and asks which to keep (or to merge them).
        state.set_conflict(replace(pending, based_on_version=based_on_version))
        return
    except (BadInputError, NotFoundError) as exc:
        state.flash("error", str(exc), place)
        return
    except StorageError as exc:  # the database failing (full, down, read-only): nothing was saved
        state.flash("error", f"{exc.public} Nothing was saved; your text is still in the box.", place)
        return
    state.set_conflict(None)
    state.set_approval(None)
    data.forget_marks()  # a save rates the MT: the document's MQM moves
    segment = review.segment(store, pending.segment_id)
    open_segment(segment)
    if review.is_unchanged(correction, based_on_version):
        state.flash("info", f"Nothing changed: segment {segment.position + 1} stays at version {segment.version} "
                            f"({segment.status.label}).", EDITOR)
    else:
        state.flash("success", f"Saved segment {segment.position + 1} as version {correction.version} "
                               f"({correction.status.label}).", EDITOR)
        if project is not None:
            offer_same_change(store, project, segment, before.text, correction.text, correction.status.value)
    if pending.advance and where is not None:
        go_next(store, segment.id, where, order, EDITOR)


def offer_same_change(store: Store, project: str, segment: Segment, old: str, new: str, status: str) -> None:
    offers = consistency.offers_after(store, project, segment, old, new)
    state.set_offers(Offers(segment, status, tuple(offers)))
    if offers:
        noun = "segment reads" if len(offers) == 1 else "segments read"
        state.flash("info", f"{len(offers)} other {noun} like segment {segment.position + 1} did: "
                            "see “Same change” to correct them too.", EDITOR)


def save_from_form(store: Store, form_keys: dict[str, str], segment_id: int, based_on_version: int,
                   where: SegmentFilter, order: str, advance: bool, project: str | None = None) -> None:
    pending = PendingSave(
        segment_id=segment_id,
        text=state.widget(form_keys["text"], ""),
        status=state.widget(form_keys["status"], "approved"),
        comment=state.widget(form_keys["comment"]) or None,
        advance=advance,
    )
    save(store, pending, based_on_version, where, order, project=project)


def accept(store: Store, segment_id: int, candidate_id: int, text: str, based_on_version: int,
           where: SegmentFilter | None = None, order: str = "risk", project: str | None = None,
           place: str = EDITOR) -> None:
    """One click (or Alt+N): the candidate's wording becomes the approved correction, and on to the next."""
    pending = PendingSave(segment_id, text, "approved", candidate_id=candidate_id, advance=where is not None)
    save(store, pending, based_on_version, where, order, project=project, place=place)


def edit_from(text_key: str, text: str) -> None:
    """Put a candidate's wording in the editor, to post-edit it."""
    state.set_widget(text_key, text)


def approve_dismissing(store: Store, project: str | None = None) -> None:
    """The reviewer's answer: the findings are false positives; record that and approve."""
    asked = state.approval()
    if asked is None:
        return
    pending = replace(asked.pending, overrides=asked.findings)
    save(store, pending, asked.based_on_version, asked.where, asked.order, project=project, place=asked.place,
         confirmed=True)


def save_as_needs_work(store: Store, project: str | None = None) -> None:
    """The reviewer's answer: the findings are right; keep the text, but not as approved."""
    asked = state.approval()
    if asked is None:
        return
    pending = replace(asked.pending, status=SegmentStatus.NEEDS_WORK.value)
    save(store, pending, asked.based_on_version, asked.where, asked.order, project=project, place=asked.place)


def cancel_approval() -> None:
    state.set_approval(None)


def approval_question(place: str) -> str | None:
    """The question to show at ``place``, if an approval waits for an answer there."""
    asked = state.approval()
    return confirm_message(asked.findings) if asked is not None and asked.place == place else None


def keep_mine(store: Store, where: SegmentFilter, order: str, project: str | None = None) -> None:
    """Conflict resolved in favour of the reviewer's text: saved on top of the other version."""
    pending = state.conflict()
    if pending is None:
        return
    current = review.segment(store, pending.segment_id)
    save(store, pending, current.version, where, order, project=project)


def keep_merged(store: Store, widget_key: str, where: SegmentFilter, order: str, project: str | None = None) -> None:
    """Conflict resolved by an edit of both versions: saved on top of the other version."""
    pending = state.conflict()
    text = (state.widget(widget_key) or "").strip()
    if pending is None:
        return
    if unresolved(text):
        state.flash("error", "The merged version still has a [mine: … | theirs: …] choice: keep one wording.",
                    CONFLICT)
        return
    current = review.segment(store, pending.segment_id)
    merged = replace(pending, text=text, candidate_id=None,
                     comment=pending.comment or f"merged with version {current.version}")
    save(store, merged, current.version, where, order, project=project, place=CONFLICT)


def keep_theirs(store: Store) -> None:
    """Conflict resolved in favour of the stored version: the reviewer's text is dropped."""
    pending = state.conflict()
    if pending is not None:
        open_segment(review.segment(store, pending.segment_id))
    state.set_conflict(None)


def reload_segment(store: Store, segment_id: int) -> None:
    open_segment(review.segment(store, segment_id))


# -- MQM marks ------------------------------------------------------------------------------


def mark_span(store: Store, picker_key: str, segment_id: int, candidate_id: int | None, text: str, side: str,
              token: str) -> None:
    """A span marked with the mouse in the span picker: checked against ``text`` and stored."""
    value = state.widget(picker_key)
    if not isinstance(value, dict) or value.get("token") != token:
        return  # a mark made on a text no longer shown
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", NAME_FIRST, MARKS)
        return
    try:
        review.add_mark(store, segment_id, candidate_id, read_selection(value, text, side), reviewer)
    except BadInputError as exc:
        state.flash("error", str(exc), MARKS)
        return
    data.forget_marks()


def add_typed_mark(store: Store, segment_id: int, candidate_id: int | None, text: str, keys: dict[str, str]) -> None:
    """A mark typed as words of the text: located in it and stored."""
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", NAME_FIRST, MARKS)
        return
    span = (state.widget(keys["span"]) or "").strip()
    mark = Mark(span=span, category=state.widget(keys["category"]), severity=state.widget(keys["severity"]))
    try:
        review.add_typed_marks(store, segment_id, candidate_id, text, [mark], reviewer)
    except BadInputError as exc:
        state.flash("error", str(exc), MARKS)
        return
    data.forget_marks()


def remove_mark(store: Store, annotation_id: int) -> None:
    if not review.remove_mark(store, annotation_id, state.reviewer()):
        state.flash("error", "Only your own marks can be removed, and this one is gone already.", MARKS)
    data.forget_marks()


def mark_candidate(segment_id: int, candidate_id: int | None) -> None:
    """Mark errors in this candidate's text (None: the MT) from now on."""
    state.set_marking(segment_id, candidate_id)


# -- consistency: concordance, propagation, find and replace ---------------------------------


def words_at_cursor(helper_key: str, token: str) -> None:
    value = state.widget(helper_key)
    if isinstance(value, dict) and value.get("token") == token:
        state.set_concordance_words(clip_words(value.get("words")))


def apply_offers(store: Store, project: str, indexes: list[int]) -> None:
    """Carry the last correction to these offered segments, each as its own correction."""
    reviewer = state.reviewer()
    kept = state.offers()
    if kept is None:
        return
    if not reviewer:
        state.flash("error", NAME_FIRST, OFFERS)
        return
    chosen = [kept.items[i] for i in indexes if i < len(kept.items)]
    applied, skipped = consistency.propagate(store, project, chosen, reviewer=reviewer, status=kept.status,
                                             origin=kept.origin)
    done = {c.segment_id for c in applied} | set(skipped)
    state.set_offers(Offers(kept.origin, kept.status, tuple(o for o in kept.items if o.segment_id not in done)))
    message = f"Corrected {len(applied)} segment{'' if len(applied) == 1 else 's'} the same way."
    if skipped:
        message += f" {len(skipped)} changed meanwhile and {'was' if len(skipped) == 1 else 'were'} left as they are."
    state.flash("success", message, OFFERS)


def dismiss_offers() -> None:
    state.set_offers(None)


def preview_replace(store: Store, project: str, keys: dict[str, str]) -> None:
    search = _search(keys)
    try:
        found = consistency.find_in_project(store, project, search)
    except BadInputError as exc:
        state.flash("error", str(exc), REPLACE)
        return
    state.remember("replace", project, (search, found))


def _search(keys: dict[str, str]) -> FindReplace:
    return FindReplace(find=state.widget(keys["find"]) or "", replace=state.widget(keys["replace"]) or "",
                       case_sensitive=bool(state.widget(keys["case"])), whole_word=bool(state.widget(keys["word"])))


def run_replace(store: Store, project: str, search: FindReplace) -> None:
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", NAME_FIRST, REPLACE)
        return
    try:
        edit_id, applied, skipped = consistency.replace_in_project(store, project, search, reviewer=reviewer)
    except BadInputError as exc:
        state.flash("error", str(exc), REPLACE)
        return
    state.remember("replace", project, None)
    message = f"Replace #{edit_id}: corrected {len(applied)} segment{'' if len(applied) == 1 else 's'}."
    if skipped:
        message += f" {len(skipped)} saved by someone meanwhile were left as they are."
    state.flash("success", message, REPLACE)
    _refresh_open_segments(store, applied)


def undo_replace(store: Store, project: str, edit_id: int) -> None:
    reviewer = state.reviewer()
    if not reviewer:
        state.flash("error", NAME_FIRST, REPLACE)
        return
    restored, skipped = consistency.undo_replace(store, project, edit_id, reviewer=reviewer)
    message = f"Undid replace #{edit_id}: {len(restored)} segment{'' if len(restored) == 1 else 's'} restored."
    if skipped:
        message += f" {len(skipped)} saved again since keep that save."
    state.flash("success", message, REPLACE)
    _refresh_open_segments(store, restored)


def _refresh_open_segments(store: Store, corrections) -> None:
    """The reviewer's own bulk change is not someone else's save: reopen what it touched at its new version."""
    changed = {c.segment_id for c in corrections}
    for document_id, cursor in state.cursors().items():
        if cursor.segment_id in changed:
            open_segment(review.segment(store, cursor.segment_id))
