"""Review: pick a document, work through its queue, one segment at a time.

Storyboard: filters and the risk-ordered queue (server-side pages) on the left;
the open segment with its context, findings and candidates on the right; an
editor that saves a correction (and goes on) through one action callback.
"""
import math
from functools import partial

import streamlit as st

from review_app import settings
from review_app.model import SegmentFilter, SegmentStatus, Severity
from review_app.presentation import html_snippets
from review_app.presentation.merge import merge_versions
from review_app.presentation.review_page import (
    RISK_LABELS,
    candidate_label,
    prefill_text,
    risk_percent,
    score_lines,
)
from review_app.presentation.word_diff import word_diff
from review_app.scoring.mqm import CATEGORIES, MARK_SEVERITIES
from review_app.ui import actions, data, state
from review_app.workflow import review, team

STATUSES = [s.value for s in SegmentStatus]
SAVE_STATUSES = [SegmentStatus.APPROVED.value, SegmentStatus.NEEDS_WORK.value, SegmentStatus.REJECTED.value]


def pick_filters(store, project: str, doc_id: int) -> tuple[SegmentFilter, str]:
    url = state.db_url()
    me = state.reviewer()
    assigned = bool(me) and bool(team.assignments(store, reviewer=me, document_id=doc_id))
    with st.sidebar:
        st.subheader("Queue")
        mine = st.toggle("Only my assignments", value=assigned, key=f"review_mine_{doc_id}", disabled=not assigned,
                         help="The segments an admin assigned to you in this document." if assigned else
                         "Nothing in this document is assigned to you.")
        order = st.radio("Order", ["risk", "position"], horizontal=True, key="review_order",
                         format_func={"risk": "Riskiest first", "position": "Reading order"}.get)
        status = st.selectbox("Status", [None, *STATUSES], key="review_status",
                              format_func=lambda s: "any" if s is None else SegmentStatus(s).label)
        check = st.selectbox("Check", [None, *data.check_names(url, project)], key="review_check",
                             format_func=lambda c: "any" if c is None else c)
        severity = st.selectbox("Worst finding at least", [None, *Severity], key="review_severity",
                                format_func=lambda s: "any" if s is None else s.value)
        system = st.selectbox("System", [None, *data.systems(url, project)], key="review_system",
                              format_func=lambda s: "any" if s is None else s)
        text = st.text_input("Search text", key="review_search", placeholder="words in MT, source or correction")
        excluded = st.toggle("Show excluded (page furniture)", value=False, key="review_excluded")
    where = SegmentFilter(status=status, check=check, min_severity=severity, system=system,
                          text=text.strip() or None, include_excluded=excluded,
                          assigned_to=me if mine and assigned else None)
    return where, order


def queue_list(store, doc_id: int, where: SegmentFilter, order: str, current_id: int | None) -> None:
    total = data.segment_count(state.db_url(), doc_id, where)
    size = settings.get("page_size")
    pages = max(1, math.ceil(total / size))
    st.caption(f"{total:,} segment{'' if total == 1 else 's'} match{'es' if total == 1 else ''}")
    page = st.pagination(pages, key=f"queue-page-{doc_id}-{hash((where, order))}") if pages > 1 else 1
    rows = review.queue_page(store, doc_id, where, order, offset=(page - 1) * size, limit=size)
    key = f"queue-{doc_id}-{page}-{current_id}"
    st.dataframe(
        [
            {"#": f"▶ {s.position + 1}" if s.id == current_id else str(s.position + 1),
             "status": s.status.label, "risk": risk_percent(s.risk_score), "worst": RISK_LABELS.get(s.risk, ""),
             "text": s.text}
            for s in rows
        ],
        key=key, hide_index=True, selection_mode="single-row", height=min(560, 36 * (len(rows) + 1) + 2),
        on_select=partial(actions.go_to_row, store, key, [s.id for s in rows]),
        column_config={"#": st.column_config.TextColumn(width=56), "status": st.column_config.TextColumn(width=70),
                       "risk": st.column_config.TextColumn(
                           width=50, help="Estimated chance of a Major error (findings, length, disagreement "
                                          "with other candidates); the queue's riskiest-first order"),
                       "worst": st.column_config.TextColumn(width=50, help="The worst finding's severity")},
    )


def navigation(store, seg, where, order) -> None:
    with st.container(horizontal=True):
        st.button("Previous", icon=":material/arrow_upward:", shortcut="K", key="nav-previous",
                  on_click=actions.go_previous, args=(store, seg.id, where, order))
        st.button("Next", icon=":material/arrow_downward:", shortcut="J", key="nav-next",
                  on_click=actions.go_next, args=(store, seg.id, where, order))


def segment_text(view) -> None:
    seg = view.segment
    if view.before:
        st.html(html_snippets.context_html(view.before))
    if seg.source:
        st.caption(f"Source ({html_snippets.markdown_text(seg.source_lang or '?')})")
        # A finding about what the MT left out (a number, a quotation) marks it in the source.
        st.html(html_snippets.highlight_findings(seg.source, view.findings, "source", test_id="segment-source"))
    # Findings are the checks' verdict on the imported MT, so their spans are marked there.
    st.caption("MT")
    st.html(html_snippets.highlight_findings(seg.mt, view.findings) + html_snippets.findings_list(view.findings))
    if seg.corrected is not None:
        st.caption(f"Current version (v{seg.version}, {seg.status.label})")
        st.html(html_snippets.text_block(seg.corrected, test_id="segment-current"))
    if view.after:
        st.html(html_snippets.context_html(view.after))


def candidate_cards(store, view, opened_version: int) -> None:
    seg, mt = view.segment, view.mt_candidate
    st.caption("Candidates (Alt+N accepts candidate N)")
    for n, cand in enumerate(view.candidates, 1):
        with st.container(border=True, key=f"cand-{n}"):
            scores = "".join(f"<br>{html_snippets.escape(line)}" for line in score_lines(view.scores.get(cand.id, [])))
            st.html(f'<div style="font-size:.85rem;color:#4b5563"><b>{n}</b> · '
                    f'{html_snippets.escape(candidate_label(cand))}{scores}</div>'
                    + html_snippets.diff_html(word_diff(seg.mt, cand.text)))
            st.button("Accept", key=f"accept-{seg.id}-{cand.id}", shortcut=f"Alt+{n}" if n <= 9 else None,
                      on_click=actions.accept,
                      args=(store, seg.id, cand.id, cand.text, opened_version, seg.mt, mt.id if mt else None))


def editor(store, view, opened_version: int, where, order) -> None:
    seg, mt = view.segment, view.mt_candidate
    keys = {name: f"{name}-{seg.id}-{opened_version}" for name in ("text", "status", "comment")}
    args = (store, keys, seg.id, opened_version, seg.mt, mt.id if mt else None, where, order)
    with st.form(f"edit-{seg.id}-{opened_version}", border=False, enter_to_submit=False):
        st.text_area("Your version", value=prefill_text(view), key=keys["text"], height=110)
        st.radio("Status", SAVE_STATUSES, horizontal=True, key=keys["status"],
                 format_func=lambda s: SegmentStatus(s).label)
        st.text_input("Comment (optional)", key=keys["comment"])
        with st.container(horizontal=True):
            st.form_submit_button("Save & next", type="primary", shortcut="Ctrl+Enter", key="save-next",
                                  on_click=actions.save_from_form, args=(*args, True))
            st.form_submit_button("Save", key="save-stay", on_click=actions.save_from_form, args=(*args, False))


def mqm_marks(seg) -> None:
    pending = state.marks(seg.id)
    with st.expander(f"MQM error marks ({len(pending)} to save with the next save)", expanded=bool(pending)):
        for i, mark in enumerate(pending):
            with st.container(horizontal=True):
                st.text(f"“{mark.span}” · {mark.category} · {mark.severity}")
                st.button("Remove", key=f"unmark-{seg.id}-{i}", on_click=actions.remove_mark, args=(seg.id, i))
        keys = {name: f"mark-{name}-{seg.id}" for name in ("span", "category", "severity")}
        with st.form(f"mark-{seg.id}", clear_on_submit=True, border=False):
            st.text_input("Words with the error, as they appear in the MT", key=keys["span"])
            st.selectbox("Category", CATEGORIES, key=keys["category"])
            st.radio("Severity", MARK_SEVERITIES, horizontal=True, key=keys["severity"])
            st.form_submit_button("Add mark", on_click=actions.add_mark, args=(seg.id, keys))


PRESENCE_REFRESH_S = 2.0  # within the 5 s a colleague should wait to see who else is here


@st.fragment(run_every=PRESENCE_REFRESH_S)
def presence_in_queue(store, doc_id: int, positions: dict[int, int]) -> None:
    """Who else has a segment of this document open, refreshed without reloading the page."""
    others = team.others_here(store, doc_id, state.session_id())
    if others:
        st.caption("Open now: " + html_snippets.markdown_text(" · ".join(
            f"{p.reviewer} on segment {positions.get(p.segment_id, '?')}" for p in others)))


@st.fragment(run_every=PRESENCE_REFRESH_S)
def presence_on_segment(store, seg) -> None:
    """This session's heartbeat, and a soft lock: a warning when someone else has this segment open."""
    team.here(store, state.session_id(), state.reviewer(), seg.document_id, seg.id)
    same = sorted({p.reviewer for p in team.others_here(store, seg.document_id, state.session_id())
                   if p.segment_id == seg.id})
    if same:
        st.warning(f"{html_snippets.markdown_text(', '.join(same))} "
                   f"{'has' if len(same) == 1 else 'have'} this segment open too. Saving is still safe: "
                   "whoever saves second is shown both versions.", icon=":material/group:")


def conflict_panel(store, view, where, order) -> bool:
    """Both versions side by side when this reviewer's save met someone else's. True if shown."""
    pending = state.conflict()
    seg, mt = view.segment, view.mt_candidate
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
                  args=(store, seg.mt, mt.id if mt else None, where, order))
    with theirs:
        st.caption(f"Their version ({seg.status.label}), marked against yours")
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
                  args=(store, f"merge-{seg.id}-{seg.version}", seg.mt, mt.id if mt else None, where, order))
    return True


def stale_notice(store, seg, opened_version: int) -> None:
    if seg.version != opened_version:
        st.info(f"This segment was saved again (now version {seg.version}) since you opened it; "
                "saving now will ask you which version to keep.")
        st.button("Load the new version", key="reload", on_click=actions.reload_segment, args=(store, seg.id))


st.title("Review")
store = state.store()
documents = data.documents(state.db_url())
if not documents:
    st.info("No documents yet: import one on the Documents page.")
    st.stop()
actions.open_link_or_last_place(store, documents)
for kind, message in state.pop_flashes():
    getattr(st, kind)(html_snippets.markdown_text(message))

# A reviewer's assigned documents come first.
mine_first = [i for i in team.assigned_documents(store, state.reviewer()) if i in documents] if state.reviewer() else []
doc_id = st.sidebar.selectbox("Document", mine_first + [i for i in documents if i not in mine_first],
                              key=state.REVIEW_DOCUMENT_KEY, format_func=lambda i: documents[i].label)
where, order = pick_filters(store, documents[doc_id].project, doc_id)
seg = actions.current_segment(store, doc_id, where, order, state.filters_changed(doc_id, (where, order)))

queue, main = st.columns([3, 7], gap="medium")
with queue:
    queue_list(store, doc_id, where, order, seg.id if seg else None)
    presence_in_queue(store, doc_id, data.positions(state.db_url(), doc_id))
if seg is None:
    main.info("No segment matches these filters.")
    st.stop()

opened_version = state.cursor(doc_id).opened_version
actions.show_place(store, seg)
view = review.open_segment(store, seg.id)
with main:
    st.subheader(f"Segment {seg.position + 1} of {html_snippets.markdown_text(documents[doc_id].name)}")
    st.caption(f"{seg.status.label} · version {seg.version}"
               + (f" · excluded: {html_snippets.markdown_text(seg.exclusion_reason)}" if seg.excluded else ""))
    presence_on_segment(store, seg)
    if not conflict_panel(store, view, where, order):
        stale_notice(store, seg, opened_version)
    navigation(store, seg, where, order)
    left, right = st.columns(2, gap="medium")
    with left:
        segment_text(view)
    with right:
        candidate_cards(store, view, opened_version)
    editor(store, view, opened_version, where, order)
    mqm_marks(seg)
    with st.expander(f"History ({len(view.history)} versions)"):
        st.html(html_snippets.history_html(view.history, seg.mt) if view.history else "<p>Not reviewed yet.</p>")
