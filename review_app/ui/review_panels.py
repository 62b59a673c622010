"""The review page's side panel (collapsible), in tabs: the candidates as a compact grid
with their agreement and scores, the same change offered to other segments, the
concordance of earlier corrections, and project-wide find and replace."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ..presentation import html_snippets
from ..presentation.candidate_panel import CandidateRow, candidate_rows, distinct_texts, qe_note, score_summary
from ..presentation.consistency import highlight_terms, offers_text
from ..presentation.mqm_marks import spans_for
from ..presentation.word_diff import word_diff
from ..workflow import consistency
from . import actions, data, review_segment, state
from .review_segment import approval_question, show_flashes

PANEL_HEIGHT = 610  # px: the panel scrolls inside itself, the page does not
TABS = ["Candidates", "Same change", "Concordance", "Replace"]
TABS_KEY = "review-tabs"
SHOWN_OFFERS = 30


def side_panel(store, view, opened_version: int, where, order, project: str, text_key: str) -> None:
    offers = state.offers()
    words = state.concordance_words()
    # Only the open tab is drawn (a switch reruns the page): the others cost nothing on a save.
    tabs = st.tabs(TABS, key=TABS_KEY, height=PANEL_HEIGHT, on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            candidates_grid(store, view, opened_version, where, order, project, text_key)
    if tabs[1].open:
        with tabs[1]:
            same_change(store, project, offers)
    if tabs[2].open:
        with tabs[2]:
            concordance(project, words)
    if tabs[3].open:
        with tabs[3]:
            find_replace(store, project)


# -- candidates ----------------------------------------------------------------------------


def candidates_grid(store, view, opened_version: int, where, order, project: str, text_key: str) -> None:
    seg = view.segment
    rows = candidate_rows(view, data.agreement(distinct_texts(view)))
    note = " · ".join(p for p in (f"{len(rows)} wording{'' if len(rows) == 1 else 's'}", qe_note(rows),
                                  "Alt+N: accept N and go on") if p)
    st.caption(note)
    score = review_segment.document_score(seg.document_id)
    if score:
        st.html(f'<div style="font-size:.8rem;color:#4b5563">'
                f'{html_snippets.clamped(html_snippets.escape(score), lines=1, title=score)}</div>')
    for row in rows:
        cand = row.candidate
        place = f"cand-{row.number}"
        with st.container(border=True, key=place):
            st.html(_candidate_html(seg.mt, row, bool(view.findings)))
            with st.container(horizontal=True, gap="small"):
                st.button("Accept & next", key=f"accept-{seg.id}-{cand.id}", type="secondary",
                          shortcut=f"Alt+{row.number}" if row.number <= 9 else None,
                          on_click=actions.accept,
                          args=(store, seg.id, cand.id, cand.text, opened_version, where, order, project, place))
                st.button("Edit", key=f"edit-{seg.id}-{cand.id}", type="tertiary", help="Put this wording in the editor",
                          on_click=actions.edit_from, args=(text_key, cand.text))
                st.button("Mark errors", key=f"mark-{seg.id}-{cand.id}", type="tertiary",
                          help="Mark MQM errors in this wording", on_click=actions.mark_candidate,
                          args=(seg.id, cand.id))
            show_flashes(place)
            approval_question(store, place, project)
    if len(rows) > 2:
        with st.expander("Agreement between candidates (chrF++)"):
            st.altair_chart(_agreement_chart(view, rows), width="stretch")


def _candidate_html(mt: str, row: CandidateRow, has_findings: bool) -> str:
    scores = " · ".join(score_summary(row, has_findings))
    lines = "".join(f"<br>{html_snippets.escape(line)}" for line in row.against_reference)
    head = (f'<div style="font-size:.8rem;color:#4b5563"><b>{row.number}</b> · '
            f'<span data-testid="agreement">{html_snippets.escape(row.agreement)}</span>'
            f'<br>{html_snippets.escape(scores)}{lines}</div>')
    if row.marks:
        body = html_snippets.spans_html(row.candidate.text, spans_for(row.candidate.text, marks=row.marks))
    else:
        body = html_snippets.diff_spans(word_diff(mt, row.candidate.text))
    return head + html_snippets.clamped(body, lines=3, title=row.candidate.text)


def _agreement_chart(view, rows: list[CandidateRow]):
    matrix = data.agreement(distinct_texts(view))
    names = [f"{r.number} {r.agreement}" for r in rows]
    frame = pd.DataFrame([{"hypothesis": names[i], "reference": names[j], "chrF++": round(matrix[i][j], 1)}
                          for i in range(len(rows)) for j in range(len(rows))])
    return alt.Chart(frame, height=max(160, 22 * len(rows))).mark_rect().encode(
        x=alt.X("reference:N", sort=names, axis=alt.Axis(labelLimit=90)),
        y=alt.Y("hypothesis:N", sort=names, axis=alt.Axis(labelLimit=90)),
        color=alt.Color("chrF++:Q", scale=alt.Scale(domain=[0, 100])), tooltip=list(frame.columns))


# -- the same change elsewhere --------------------------------------------------------------


def same_change(store, project: str, offers) -> None:
    show_flashes(actions.OFFERS)
    if offers is None or not offers.items:
        st.caption("When you correct a segment, the identical and near-identical segments elsewhere in the "
                   "project are offered the same change here.")
        return
    st.caption(f"Like segment {offers.origin.position + 1}: {offers_text(offers.items)}")
    with st.container(horizontal=True):
        st.button(f"Apply to all {len(offers.items)}", type="primary", key="offers-all",
                  on_click=actions.apply_offers, args=(store, project, list(range(len(offers.items)))))
        st.button("Dismiss", key="offers-dismiss", on_click=actions.dismiss_offers)
    for n, offer in enumerate(offers.items[:SHOWN_OFFERS]):
        with st.container(border=True, key=f"offer-{offer.segment_id}"):
            st.html(f'<div style="font-size:.8rem;color:#4b5563">{html_snippets.escape(offer.where)} · '
                    f'{html_snippets.escape(offer.kind)} · similarity {offer.similarity:.0f}</div>' + html_snippets.diff_html(word_diff(offer.before,
                                                                                                   offer.after)))
            st.button("Apply", key=f"offer-apply-{offer.segment_id}", on_click=actions.apply_offers,
                      args=(store, project, [n]))


# -- concordance ------------------------------------------------------------------------------


def concordance(project: str, words: str) -> None:
    st.text_input("Words to look up in earlier corrections", key=state.CONCORDANCE_KEY,
                  placeholder="put the editor's cursor on a word, or type")
    if not words:
        st.caption("Earlier corrections in this project with the words under the editor's cursor show here.")
        return
    pairs = data.concordance(state.db_url(), project, words)
    st.html(html_snippets.concordance_html(pairs, words, highlight_terms))


# -- find and replace -------------------------------------------------------------------------


def find_replace(store, project: str) -> None:
    keys = {name: f"fr-{name}" for name in ("find", "replace", "case", "word")}
    st.text_input("Find in the whole project", key=keys["find"])
    st.text_input("Replace with", key=keys["replace"])
    with st.container(horizontal=True):
        st.checkbox("Match case", key=keys["case"])
        st.checkbox("Whole words", key=keys["word"])
    st.button("Preview", key="fr-preview", on_click=actions.preview_replace, args=(store, project, keys))
    show_flashes(actions.REPLACE)
    kept = state.recall("replace", project)
    if kept is not None:
        search, (changes, total) = kept
        st.caption(f"{total} segment{'' if total == 1 else 's'} would change"
                   + (f" (the first {len(changes)} shown)" if total > len(changes) else ""))
        if total:
            st.button(f"Replace in {total} segment{'' if total == 1 else 's'}", type="primary", key="fr-run",
                      on_click=actions.run_replace, args=(store, project, search))
        if changes:
            st.html("".join(f'<div style="font-size:.85rem"><span style="color:#9ca3af">{s.position + 1}</span>'
                            f'{html_snippets.diff_html(word_diff(s.text, after))}</div>' for s, after in changes[:40]))
    edits = consistency.recent_replaces(store, project)
    if edits:
        st.caption("Recent replaces")
        for edit in edits:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.text(f"#{edit.id} {edit.description} · {edit.segments} segments · {edit.reviewer}"
                        + (" · undone" if edit.undone_at else ""))
                if edit.undone_at is None:
                    st.button("Undo", key=f"fr-undo-{edit.id}", on_click=actions.undo_replace,
                              args=(store, project, edit.id))
