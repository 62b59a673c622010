"""The review page's centre: rows of source | target around the open segment, the open
segment's MT (findings and MQM marks on it, marked with the mouse) beside its editor,
the approval question and every message beside the button that caused it.

Laid out to fit 1366x768 without scrolling for a segment of up to 60 words: the page's
chrome is trimmed (``PAGE_CSS``), neighbours take one line each, the editor grows with
its text, and the status, comment and buttons share two rows.
"""
from __future__ import annotations

import streamlit as st

from ..model import SegmentStatus
from ..presentation import html_snippets
from ..presentation.merge import merge_versions
from ..presentation.mqm_marks import SOURCE_CATEGORIES, marks_on, spans_for, text_mqm
from ..presentation.review_page import default_status, prefill_text
from ..presentation.word_diff import word_diff
from ..scoring.mqm import CATEGORIES, MARK_SEVERITIES
from . import actions, data, state
from .components import editor_helper, span_picker

SAVE_STATUSES = [SegmentStatus.APPROVED.value, SegmentStatus.NEEDS_WORK.value, SegmentStatus.REJECTED.value]
# About how many characters a line of the editor holds at 1366 px: in half of the centre, and across it.
HALF_LINE, FULL_LINE = 46, 100

PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.6rem 1.2rem 2rem 1.2rem; max-width: none; }
[data-testid="stHeader"] { height: 2.4rem; }
[data-testid="stMainBlockContainer"] h1 { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: .45rem; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.15rem; padding: 0; }
.st-key-review-header h3 { max-width: 17rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-editor-helper { position: absolute; height: 0; overflow: hidden; }
[class*="st-key-cand-"] [data-testid="stVerticalBlock"] { gap: .25rem; }
[class*="st-key-cand-"] button { min-height: 0; padding: .1rem .5rem; }
.st-key-editor-form textarea { font-size: 1rem; line-height: 1.5; }
</style>"""


def show_flashes(place: str) -> None:
    for kind, message in state.pop_flashes(place):
        getattr(st, kind)(html_snippets.markdown_text(message))


def approval_question(store, place: str, project: str) -> None:
    """The one question before approving text that still has major findings, where it was asked."""
    question = actions.approval_question(place)
    if question is None:
        return
    with st.container(border=True, key=f"ask-{place}"):
        st.warning(html_snippets.markdown_text(question))
        with st.container(horizontal=True):
            st.button("Dismiss as false positive and approve", type="primary", key=f"ask-dismiss-{place}",
                      on_click=actions.approve_dismissing, args=(store, project))
            st.button("Save as needs work", key=f"ask-needs-work-{place}", on_click=actions.save_as_needs_work,
                      args=(store, project))
            st.button("Cancel", key=f"ask-cancel-{place}", on_click=actions.cancel_approval)


def context(segments, with_source: bool) -> None:
    if segments:
        st.html(html_snippets.context_rows(segments, with_source=with_source))


def marking_target(view):
    """The candidate whose text the MQM marks go on (the MT unless the reviewer chose another)."""
    chosen = state.marking(view.segment.id)
    return next((c for c in view.all_candidates if c.id == chosen), view.mt_candidate)


def target_text(store, view) -> None:
    """The text being judged, with the findings (on the MT) and MQM marks, marked with the mouse."""
    seg = view.segment
    target = marking_target(view)
    text = target.text if target else seg.mt
    target_id = target.id if target else None
    is_mt = target is None or target.id == (view.mt_candidate.id if view.mt_candidate else None)
    marks = same_wording_marks(view, text)
    name = "MT" if is_mt else (target.system or target.origin)
    score = text_mqm(marks)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"{html_snippets.markdown_text(name)} · select words to mark an MQM error"
                   + (f" · {score.label()}" if score else ""))
        if not is_mt:
            st.button("Back to the MT", key="mark-mt", type="tertiary", on_click=actions.mark_candidate,
                      args=(seg.id, None))
    token = f"{seg.id}:{target_id}"
    span_picker(text, spans_for(text, findings=view.findings if is_mt else (), marks=marks), key="picker-target",
                token=token, label=f"{name} of segment {seg.position + 1}",
                on_change=actions.mark_span, args=(store, "picker-target", seg.id, target_id, text, "target", token))
    show_flashes(actions.MARKS)


def same_wording_marks(view, text: str, side: str = "target") -> list:
    """The marks on every candidate with this wording: an imported MQM release marks its system's
    output, which may be the very text of the MT."""
    ids = {c.id for c in view.all_candidates if c.text == text} or {None}
    return [a for cid in ids for a in marks_on(view.annotations, cid, side)]


def source_text(store, view) -> None:
    """The source, where a reviewer marks what the translation left out (source-side Omission)."""
    seg = view.segment
    target = marking_target(view)
    target_id = target.id if target else None
    marks = same_wording_marks(view, target.text if target else seg.mt, side="source")
    st.caption(f"Source ({html_snippets.markdown_text(seg.source_lang or '?')}) · select words the "
               "translation left out")
    token = f"{seg.id}:{target_id}:source"
    span_picker(seg.source, spans_for(seg.source, findings=view.findings, marks=marks, side="source"),
                key="picker-source", token=token, side="source",
                categories=SOURCE_CATEGORIES, label=f"source of segment {seg.position + 1}",
                on_change=actions.mark_span,
                args=(store, "picker-source", seg.id, target_id, seg.source, "source", token))


def editor(store, view, opened_version: int, where, order, project: str, line_chars: int = HALF_LINE) -> None:
    """The open segment's editor, as tall as its text: its text area gets the caret when the segment opens."""
    seg = view.segment
    keys = {name: f"{name}-{seg.id}-{opened_version}" for name in ("text", "status", "comment")}
    args = (store, keys, seg.id, opened_version, where, order)
    text = prefill_text(view)
    lines = max(2, -(-len(text) // line_chars) + 1)
    with st.form("editor-form", border=False, enter_to_submit=False):
        st.text_area("Your version", value=text, key=keys["text"], height=min(260, 24 * lines + 14),
                     label_visibility="collapsed")
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.radio("Status", SAVE_STATUSES, horizontal=True, key=keys["status"], label_visibility="collapsed",
                     index=SAVE_STATUSES.index(default_status(seg)), format_func=lambda s: SegmentStatus(s).label)
            st.text_input("Comment (optional)", key=keys["comment"], label_visibility="collapsed",
                          placeholder="Comment (optional)")
        with st.container(horizontal=True, gap="small"):
            st.form_submit_button("Save & next", type="primary", shortcut="Ctrl+Enter", key="save-next",
                                  on_click=actions.save_from_form, args=(*args, True, project))
            st.form_submit_button("Save", key="save-stay", on_click=actions.save_from_form,
                                  args=(*args, False, project))
    show_flashes(actions.EDITOR)
    approval_question(store, actions.EDITOR, project)
    editor_helper(keys["text"], f"{seg.id}-{opened_version}", key="editor-helper",
                  on_change=actions.words_at_cursor, args=("editor-helper", f"{seg.id}-{opened_version}"))


def open_row(store, view, opened_version: int, where, order, project: str) -> None:
    """The open segment. With a source: source | MT, the editor under both (a long segment needs
    the width). Without: MT | editor."""
    seg = view.segment
    left, right = st.columns(2, gap="medium")
    if seg.source:
        with left:
            source_text(store, view)
            findings(view)
        with right:
            target_text(store, view)
        st.caption(version_line(seg))
        editor(store, view, opened_version, where, order, project, FULL_LINE)
    else:
        with left:
            target_text(store, view)
            findings(view)
        with right:
            st.caption(version_line(seg))
            editor(store, view, opened_version, where, order, project)


def findings(view) -> None:
    """The checks' findings on the MT, one short line each (what they suggest, on hover)."""
    if view.findings and marking_target(view) in (None, view.mt_candidate):
        st.html(html_snippets.findings_compact(view.findings))


def typed_marks(store, view) -> None:
    """The marks on the text being judged, each removable by whoever made it, and the keyboard's
    way to add one (typing the words)."""
    seg = view.segment
    target = marking_target(view)
    target_id = target.id if target else None
    text = target.text if target else seg.mt
    marks = [a for side in ("target", "source") for a in same_wording_marks(view, text, side)
             if a.end > a.start]
    with st.expander(f"MQM marks on this text ({len(marks)})"):
        for ann in marks:
            where = seg.source if ann.side == "source" else text
            with st.container(horizontal=True, vertical_alignment="center"):
                st.text(f"“{where[ann.start:ann.end]}” · {ann.category} · {ann.severity} · {ann.reviewer}")
                if ann.reviewer == state.reviewer():
                    st.button("Remove", key=f"unmark-{ann.id}", type="tertiary", on_click=actions.remove_mark,
                              args=(store, ann.id))
        keys = {name: f"mark-{name}-{seg.id}" for name in ("span", "category", "severity")}
        with st.form(f"mark-{seg.id}", clear_on_submit=True, border=False):
            st.text_input("Or type the words with the error, as they appear in the text", key=keys["span"])
            st.selectbox("Category", CATEGORIES, key=keys["category"])
            st.radio("Severity", MARK_SEVERITIES, horizontal=True, key=keys["severity"])
            st.form_submit_button("Add mark", on_click=actions.add_typed_mark,
                                  args=(store, seg.id, target_id, text, keys))


def history(view) -> None:
    seg = view.segment
    with st.expander(f"History ({len(view.history)} versions)"):
        st.html(html_snippets.history_html(view.history, seg.mt) if view.history else "<p>Not reviewed yet.</p>")


def conflict_panel(store, view, where, order, project: str) -> bool:
    """Both versions side by side when this reviewer's save met someone else's, and a merge of both
    to edit. True if shown."""
    pending = state.conflict()
    seg = view.segment
    if pending is None or pending.segment_id != seg.id:
        return False
    by = f" by {html_snippets.markdown_text(view.history[-1].reviewer)}" if view.history else ""
    st.warning(f"Someone else saved this segment (version {seg.version}{by}) after you opened it. "
               "Choose what to keep.")
    mine, theirs, merged = st.columns(3)
    with mine:
        st.caption("Your version")
        st.html(html_snippets.text_block(pending.text, test_id="conflict-mine"))
        st.button("Keep mine", type="primary", key="keep-mine", on_click=actions.keep_mine,
                  args=(store, where, order, project))
    with theirs:
        st.caption(f"Their version ({seg.status.label}), marked against yours")
        st.html(html_snippets.text_block(seg.text, test_id="segment-current"))
        st.html(html_snippets.diff_html(word_diff(pending.text, seg.text)))
        st.button("Keep theirs", key="keep-theirs", on_click=actions.keep_theirs, args=(store,))
    with merged:
        base = next((c.text for c in view.history if c.version == pending.based_on_version), seg.mt)
        start = merge_versions(base, pending.text, seg.text)
        st.caption("Merge: both versions' changes, to edit" + (
            f" ({start.conflicts} place{'s' if start.conflicts != 1 else ''} where you both changed the same "
            "words: keep one wording of each [mine: … | theirs: …])" if start.conflicts else ""))
        st.text_area("Merged version", value=start.text, key=f"merge-{seg.id}-{seg.version}", height=110,
                     label_visibility="collapsed")
        st.button("Save merged", key="keep-merged", on_click=actions.keep_merged,
                  args=(store, f"merge-{seg.id}-{seg.version}", where, order, project))
        show_flashes(actions.CONFLICT)
    return True


def stale_notice(store, seg, opened_version: int) -> None:
    if seg.version != opened_version:
        st.info(f"This segment was saved again (now version {seg.version}) since you opened it; "
                "saving now will ask you which version to keep.")
        st.button("Load the new version", key="reload", on_click=actions.reload_segment, args=(store, seg.id))


def version_line(seg) -> str:
    """``Your version · needs work · version 2``: where the segment stands."""
    parts = ["Your version", seg.status.label, f"version {seg.version}"]
    if seg.excluded:
        parts.append(f"excluded: {html_snippets.markdown_text(seg.exclusion_reason)}")
    return " · ".join(parts)


def document_score(document_id: int) -> str:
    """The document's running MQM, per system: ``Document MQM: MT 1.20 (12) · sysB 0.80 (40)`` (plain text)."""
    scores = data.document_mqm(state.db_url(), document_id)
    if not scores:
        return ""
    return "Document MQM: " + " · ".join(f"{system} {s.score:.2f} ({s.ratings})" for system, s in scores.items())
