"""Review: pick a document, work through its queue, one segment at a time.

Storyboard: the document, filters and the risk-ordered queue (whole segment text,
server-side pages) in the sidebar; in the centre, rows of source | target around the
open segment, its MT marked with findings and MQM errors beside the editor; a
collapsible side panel with the candidates, the same change for other segments, the
concordance and find and replace. Buttons call actions (callbacks); what they report
shows beside them.
"""
import math

import streamlit as st

from review_app import settings
from review_app.model import SegmentFilter, SegmentStatus, Severity
from review_app.presentation import html_snippets
from review_app.presentation.review_page import queue_rows
from review_app.ui import actions, components, data, review_panels, review_segment, state
from review_app.workflow import review, team

STATUSES = [s.value for s in SegmentStatus]


def pick_filters(store, project: str, doc_id: int) -> tuple[SegmentFilter, str]:
    url = state.db_url()
    me = state.reviewer()
    assigned = bool(me) and bool(team.assignments(store, reviewer=me, document_id=doc_id))
    with st.sidebar:
        mine = st.toggle("Only my assignments", value=assigned, key=f"review_mine_{doc_id}", disabled=not assigned,
                         help="The segments an admin assigned to you in this document." if assigned else
                         "Nothing in this document is assigned to you.")
        order = st.radio("Queue order", ["risk", "position"], horizontal=True, key="review_order",
                         format_func={"risk": "Riskiest first", "position": "Reading order"}.get)
        with st.expander("Filters"):
            status = st.selectbox("Status", [None, *STATUSES], key="review_status",
                                  format_func=lambda s: "any" if s is None else SegmentStatus(s).label)
            check = st.selectbox("Check", [None, *data.check_names(url, project)], key="review_check",
                                 format_func=lambda c: "any" if c is None else c)
            severity = st.selectbox("Worst finding at least", [None, *Severity], key="review_severity",
                                    format_func=lambda s: "any" if s is None else s.value)
            system = st.selectbox("System", [None, *data.systems(url, project)], key="review_system",
                                  format_func=lambda s: "any" if s is None else s)
            excluded = st.toggle("Show excluded (page furniture)", value=False, key="review_excluded")
        text = st.text_input("Search text", key="review_search", placeholder="words in MT, source or correction")
    where = SegmentFilter(status=status, check=check, min_severity=severity, system=system,
                          text=text.strip() or None, include_excluded=excluded,
                          assigned_to=me if mine and assigned else None)
    return where, order


def queue_list(store, doc_id: int, where: SegmentFilter, order: str, current_id: int | None) -> None:
    """The queue: whole segment text (clipped to three lines, all of it on hover) and its risk."""
    total = data.segment_count(state.db_url(), doc_id, where)
    size = settings.get("page_size")
    pages = max(1, math.ceil(total / size))
    st.caption(f"{total:,} segment{'' if total == 1 else 's'} match{'es' if total == 1 else ''}")
    page = st.pagination(pages, key=f"queue-page-{doc_id}-{hash((where, order))}") if pages > 1 else 1
    rows = review.queue_page(store, doc_id, where, order, offset=(page - 1) * size, limit=size)
    components.queue_list(queue_rows(rows, current_id), key="queue-list", token=str(doc_id),
                          on_change=actions.go_to_picked, args=(store, "queue-list", str(doc_id)))


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


def header(store, seg, document_name: str, where, order) -> None:
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="review-header"):
        st.subheader(f"Segment {seg.position + 1} of {html_snippets.markdown_text(document_name)}", width="content")
        st.button("Previous", icon=":material/arrow_upward:", shortcut="K", key="nav-previous", type="tertiary",
                  on_click=actions.go_previous, args=(store, seg.id, where, order))
        st.button("Next", icon=":material/arrow_downward:", shortcut="J", key="nav-next", type="tertiary",
                  on_click=actions.go_next, args=(store, seg.id, where, order))
        st.toggle("Side panel", value=True, key="review_panel")
    review_segment.show_flashes("nav")


st.title("Review")
st.html(review_segment.PAGE_CSS)
store = state.store()
documents = data.documents(state.db_url())
if not documents:
    st.info("No documents yet: import one on the Documents page.")
    st.stop()
actions.open_link_or_last_place(store, documents)
review_segment.show_flashes("page")

# A reviewer's assigned documents come first.
mine_first = [i for i in team.assigned_documents(store, state.reviewer()) if i in documents] if state.reviewer() else []
doc_id = st.sidebar.selectbox("Document", mine_first + [i for i in documents if i not in mine_first],
                              key=state.REVIEW_DOCUMENT_KEY, format_func=lambda i: documents[i].label)
project = documents[doc_id].project
where, order = pick_filters(store, project, doc_id)
seg = actions.current_segment(store, doc_id, where, order, state.filters_changed(doc_id, (where, order)))
if seg is None:
    with st.sidebar:
        queue_list(store, doc_id, where, order, None)
    st.info("No segment matches these filters.")
    st.stop()

# The open segment first, the queue last: the browser shows what it receives in script order,
# and the sidebar keeps its place on screen whatever the order.
opened_version = state.cursor(doc_id).opened_version
actions.show_place(store, seg)
centre, panel = st.columns([63, 37], gap="medium") if state.widget("review_panel", True) else (st.container(), None)
with centre:
    header(store, seg, documents[doc_id].name, where, order)
    presence_on_segment(store, seg)
view = review.open_segment(store, seg.id)
with centre:
    if not review_segment.conflict_panel(store, view, where, order, project):
        review_segment.stale_notice(store, seg, opened_version)
    review_segment.context(view.before, with_source=bool(seg.source))
    review_segment.open_row(store, view, opened_version, where, order, project)
    review_segment.context(view.after, with_source=bool(seg.source))
    review_segment.typed_marks(store, view)
    review_segment.history(view)
if panel is not None:
    with panel:
        review_panels.side_panel(store, view, opened_version, where, order, project,
                                 text_key=f"text-{seg.id}-{opened_version}")
with st.sidebar:
    queue_list(store, doc_id, where, order, seg.id)
    presence_in_queue(store, doc_id, data.positions(state.db_url(), doc_id))
