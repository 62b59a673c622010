"""Models: the leaderboard of a project's systems (BLEU, chrF++, TER with 95% confidence
intervals and a paired test against a baseline), a chart, MQM per system, and a
drill-down to the segments where two systems differ most, each one click from review.

The references are the approved corrections, else imported references
(scoring.project); computing is behind a button and kept for the same choices.
"""
import altair as alt
import pandas as pd
import streamlit as st

from review_app.errors import BadInputError
from review_app.presentation import html_snippets, tables
from review_app.scoring import METRIC_NAMES, MT_SYSTEM, mqm_table
from review_app.ui import state
from review_app.workflow import projects, review
from review_app.workflow.scoring import project_differences, project_leaderboard, project_mqm_rows

METHODS = {"bs": "paired bootstrap", "ar": "approximate randomization", None: "none (intervals only)"}


def leaderboard_chart(frame: pd.DataFrame):
    """Each system's score with its 95% interval, one panel per metric."""
    base = alt.Chart(frame).encode(y=alt.Y("system:N", sort=None, title=None))
    bars = base.mark_rule(strokeWidth=2).encode(x=alt.X("ci_low:Q", title="score"), x2="ci_high:Q")
    points = base.mark_point(filled=True, size=80).encode(
        x="score:Q", color=alt.Color("outcome:N", title="vs baseline"),
        tooltip=["system", "metric", "score", "ci_low", "ci_high", "vs baseline"])
    return (bars + points).properties(width=260, height=28 * frame["system"].nunique()).facet(
        column=alt.Column("metric:N", title=None)).resolve_scale(x="independent")


def show_leaderboard(board, test_set) -> None:
    st.caption(f"{board.segments:,} segments; references: "
               f"{test_set.reference_labels.count('correction'):,} approved corrections, "
               f"{test_set.reference_labels.count('reference'):,} imported references"
               + (f"; {test_set.skipped_no_reference:,} segments without a reference left out"
                  if test_set.skipped_no_reference else ""))
    frame = tables.leaderboard_table(board)
    table = frame.pivot(index="system", columns="metric", values="score").reindex(list(board.systems))
    tests = frame.pivot(index="system", columns="metric", values="vs baseline").add_prefix("vs baseline · ")
    st.dataframe(table.join(tests), width="stretch",
                 column_config={m: st.column_config.NumberColumn(format="%.1f") for m in board.metrics})
    st.altair_chart(leaderboard_chart(frame))
    with st.expander("sacrebleu signatures"):
        for metric, sig in board.signatures.items():
            st.text(f"{metric}: {sig}")


def drill_down(store, project: str, systems: list[str]) -> None:
    st.subheader("Where two systems differ most")
    a_col, b_col, m_col = st.columns(3)
    a = a_col.selectbox("System A", systems, key="models-a")
    b = b_col.selectbox("System B", systems, index=min(1, len(systems) - 1), key="models-b")
    metric = m_col.selectbox("Sentence metric", ["chrf", "bleu", "ter"], key="models-diff-metric")
    if a == b:
        st.caption("Choose two different systems.")
        return
    rows = project_differences(store, project, a, b, metric=metric, top=20)
    st.dataframe(pd.DataFrame(rows)[["segment_id", "delta", "score_a", "score_b", "a", "b", "reference"]],
                 hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.1f")
                                for c in ("delta", "score_a", "score_b")})
    chosen = st.selectbox("Open in review", [r["segment_id"] for r in rows], key="models-open",
                          format_func=lambda i: next(f"Δ {r['delta']:+.1f}: {r['b'][:80]}" for r in rows
                                                     if r["segment_id"] == i))
    if st.button("Review this segment", key="models-review"):
        state.focus_segment(review.segment(store, chosen))
        st.switch_page("views/review.py")


def mqm_section(store, project: str) -> None:
    rows = project_mqm_rows(store, project)
    if not rows:
        return
    st.subheader("MQM per system")
    table = pd.DataFrame([vars(r) for r in mqm_table(rows)])
    st.dataframe(table, hide_index=True, width="stretch", column_config={"mqm": st.column_config.NumberColumn(
        "MQM (lower is better)", format="%.2f")})
    st.altair_chart(alt.Chart(table).mark_bar().encode(x=alt.X("system:N", sort="y"), y="mqm:Q",
                                                       tooltip=list(table.columns)), width="stretch")


st.title("Models")
store = state.store()
names = projects.project_names(store)
if not names:
    st.info("No projects yet: import documents and system outputs (review-app import-candidates).")
    st.stop()
project = st.selectbox("Project", names, key="models-project")
systems = projects.systems(store, project) or [MT_SYSTEM]
# Keyed by project: another project's systems are not options here.
chosen = st.multiselect("Systems", systems, default=systems[:8], key=f"models-systems-{project}")
left, middle, right = st.columns(3)
baseline = left.selectbox("Baseline", chosen or systems, key=f"models-baseline-{project}")
metrics = middle.multiselect("Metrics", list(METRIC_NAMES), default=list(METRIC_NAMES), key="models-metrics")
method = right.selectbox("Significance test", list(METHODS), format_func=METHODS.get, key="models-method")
choice = (project, tuple(chosen), baseline, tuple(metrics), method)

try:
    if st.button("Compute leaderboard", type="primary", key="models-run", disabled=not (chosen and metrics)):
        with st.spinner(f"Scoring {len(chosen)} systems with resampling…"):
            state.remember("leaderboard", choice, project_leaderboard(
                store, project, systems=chosen, baseline=baseline, metrics=metrics, method=method))
    result = state.recall("leaderboard", choice)
    if result is not None:
        show_leaderboard(*result)
        drill_down(store, project, list(result[0].systems))
    else:
        st.caption("Choose systems and press Compute: corpus scores with 95% intervals, tested against the baseline.")
    mqm_section(store, project)
except BadInputError as exc:
    st.error(html_snippets.markdown_text(str(exc)))
