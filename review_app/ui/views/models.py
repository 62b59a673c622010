"""Models: a project's systems ranked by a chosen metric with 95% intervals and paired tests that
say better or worse than the baseline (and warn when a comparison rests on few segments or on
references made from a system's own outputs); each metric's ranking beside the MQM ranking;
the segments where two systems differ that are worth reading; every system of one segment
side by side; and (admins) another system's outputs uploaded.

The references are the approved corrections, else imported references (scoring.project);
computing is behind a button and kept for the same choices.
"""
import pandas as pd
import streamlit as st

from review_app.candidates.imported import ALIGNMENTS
from review_app.errors import BadInputError
from review_app.presentation import charts, html_snippets, tables
from review_app.scoring import METRIC_NAMES, mqm_table
from review_app.scoring.ranking import ACCEPTABLE_CHRF_DISTANCE, comparison_warnings, metric_vs_mqm
from review_app.ui import data, state
from review_app.workflow import candidates, projects, review
from review_app.workflow import scoring as scoring_cases

METHODS = {"bs": "paired bootstrap", "ar": "approximate randomization", "none": "none (intervals only)"}
UPLOAD_FIELDS = {"system": "'System name'", "document": "'Document'"}


def choose(project: str, systems: list[str], neural: dict[str, str]) -> tuple:
    chosen = st.multiselect("Systems", systems, default=systems, key=f"models-systems-{project}")
    left, middle, right = st.columns(3)
    baseline = left.selectbox("Baseline", chosen or systems, key=f"models-baseline-{project}")
    offered = [*METRIC_NAMES, *neural]
    metrics = middle.multiselect("Metrics", offered, default=list(METRIC_NAMES), key="models-metrics",
                                 help="Neural metrics appear when their checkpoint is on the server "
                                      "(settings comet_model, cometkiwi_model, metricx_model).")
    method = right.selectbox("Significance test", list(METHODS), format_func=METHODS.get, key="models-method")
    return chosen, baseline, metrics, None if method == "none" else method


def compute(store, project: str, chosen, baseline, metrics, method, neural: dict[str, str]):
    lexical = [m for m in metrics if m in METRIC_NAMES]
    wanted = [m for m in metrics if m in neural]
    if not wanted:
        with st.spinner(f"Scoring {len(chosen)} systems with resampling…"):
            return scoring_cases.project_leaderboard(store, project, systems=chosen, baseline=baseline,
                                                     metrics=lexical, method=method)
    from review_app.workflow.neural import project_neural_leaderboard

    bar = st.progress(0.0, text="Scoring with the neural metrics…")
    done, total = [0], [1]

    def progress(n: int) -> None:
        done[0] += n
        bar.progress(min(1.0, done[0] / total[0]), text=f"Neural scores: {done[0]:,} of {total[0]:,}")

    result = project_neural_leaderboard(store, project, wanted, systems=chosen, metrics=lexical, baseline=baseline,
                                        method=method, progress=progress,
                                        on_total=lambda n: total.__setitem__(0, max(1, n)))
    bar.progress(1.0, text="Scored.")
    return result


def show_leaderboard(board, test_set) -> str:
    for warning in comparison_warnings(board.segments, test_set.reference_systems, board.systems):
        st.warning(html_snippets.markdown_text(warning.message), icon=":material/warning:")
    st.caption(f"{board.segments:,} segments; references: "
               f"{test_set.reference_labels.count('correction'):,} approved corrections, "
               f"{test_set.reference_labels.count('reference'):,} imported references"
               + (f"; {test_set.skipped_no_reference:,} segments without a reference left out"
                  if test_set.skipped_no_reference else ""))
    metric = st.selectbox("Rank by", list(board.metrics), key="models-rank-by")
    ranked = tables.ranking_table(board, metric)
    st.dataframe(ranked.drop(columns="direction"), hide_index=True, width="stretch", key="models-ranking",
                 column_config={metric: st.column_config.NumberColumn(format=f"%.{board.decimals.get(metric, 1)}f")})
    order = list(ranked["system"])
    st.altair_chart(charts.leaderboard_chart(tables.leaderboard_table(board, order), order))
    with st.expander("Signatures"):
        for name, sig in board.signatures.items():
            st.text(f"{name}: {sig}")
    return metric


def versus_mqm(board, rows) -> None:
    agreements = metric_vs_mqm(board, mqm_table(rows))
    if not agreements:
        return
    st.subheader("Metrics against MQM")
    st.caption("Pairwise ranking accuracy (as the WMT metrics task reports it): the share of system pairs "
               "a metric orders as the MQM ratings do.")
    st.dataframe(tables.ranking_accuracy_table(agreements), hide_index=True, key="models-accuracy",
                 column_config={"accuracy": st.column_config.NumberColumn(format="percent")})
    table = tables.metric_vs_mqm_table(agreements)
    left, right = st.columns([3, 2])
    left.dataframe(table, hide_index=True, width="stretch", key="models-vs-mqm",
                   column_config={"MQM": st.column_config.NumberColumn("MQM (lower is better)", format="%.2f")})
    right.altair_chart(charts.ranking_comparison_chart(table, [a.metric for a in agreements]))


def drill_down(store, project: str, board, neural: dict[str, str]) -> None:
    st.subheader("Where two systems differ")
    systems = list(board.systems)
    a_col, b_col, m_col, d_col = st.columns(4)
    a = a_col.selectbox("System A", systems, key="models-a")
    b = b_col.selectbox("System B", systems, index=min(1, len(systems) - 1), key="models-b")
    sentence = ["chrf", "bleu", "ter", *[m for m in neural if m in board_neural(board, neural)]]
    metric = m_col.selectbox("Sentence metric", sentence, key="models-diff-metric")
    distance = d_col.slider("Skip pairs both within this chrF++ distance of the reference", 0, 100,
                            int(ACCEPTABLE_CHRF_DISTANCE), key="models-distance")
    if a == b:
        st.caption("Choose two different systems.")
        return
    if metric in neural:  # a model run: kept for these choices, not repeated on every click
        from review_app.workflow.neural import neural_review_differences

        choice = (project, a, b, metric, distance)
        if state.recall("neural-differences", choice) is None:
            with st.spinner(f"Scoring both systems with {metric}…"):
                state.remember("neural-differences", choice, neural_review_differences(
                    store, project, a, b, metric, neural[metric], max_distance=distance))
        rows, skipped = state.recall("neural-differences", choice)
    else:
        rows, skipped = scoring_cases.review_differences(store, project, a, b, metric=metric, max_distance=distance)
    st.caption(f"Largest sentence-score differences first (Δ = B − A). Skipped as both acceptable: "
               f"{skipped.close_to_reference:,} pairs both within {distance} chrF++ points of the reference, "
               f"{skipped.no_mqm_error:,} pairs rated by MQM with no error on either.")
    if not rows:
        st.info("No differing pair left to read: every pair was acceptable on both sides.")
        return
    st.dataframe(tables.differences_table(rows, a, b), hide_index=True, width="stretch", key="models-differences")
    chosen = st.selectbox("Open a segment", [r["segment_id"] for r in rows], key=f"models-open-{a}-{b}-{metric}",
                          format_func=lambda i: next(f"Δ {r['delta']:+.1f}: {r['b'][:80]}" for r in rows
                                                     if r["segment_id"] == i))
    with st.container(horizontal=True):
        if st.button("Review this segment", key="models-review"):
            state.focus_segment(review.segment(store, chosen))
            st.switch_page("views/review.py")
        st.button("Compare every system on it", key="models-compare", on_click=state.remember,
                  args=("grid-segment", project, chosen))


def board_neural(board, neural: dict[str, str]) -> list[str]:
    """The neural metrics the board was computed with (their drill-down costs a model run)."""
    from review_app.scoring.neural import NEURAL_METRICS

    return [m for m in neural if NEURAL_METRICS[m].score_name in board.metrics]


def segment_grid(store, project: str) -> None:
    st.subheader("Every system on one segment")
    documents = {d.document.id: d for d in projects.list_documents(store, project)}
    left, right = st.columns([3, 1])
    doc_id = left.selectbox("Document", list(documents), key=f"models-grid-doc-{project}",
                            format_func=lambda i: documents[i].document.name)
    position = right.number_input("Segment", 1, max(1, documents[doc_id].segments), 1, key=f"models-grid-pos-{project}")
    if st.button("Show this segment", key="models-grid-show"):
        picked = projects.document_segments(store, doc_id, offset=int(position) - 1, limit=1)
        state.remember("grid-segment", project, picked[0].id)
    segment_id = state.recall("grid-segment", project)
    if segment_id is None:
        st.caption("Pick a segment (or one from the differences above) to see every system's output of it.")
        return
    segment, reference, grid = scoring_cases.segment_systems(store, segment_id)
    name = documents[segment.document_id].document.name if segment.document_id in documents else "?"
    st.caption(f"Segment {segment.position + 1} of {html_snippets.markdown_text(name)}")
    if segment.source:
        st.html(html_snippets.text_block(segment.source, test_id="grid-source"))
    st.caption(f"Reference ({reference[1]})" if reference else "No reference: systems ordered by agreement.")
    if reference:
        st.html(html_snippets.text_block(reference[0], test_id="grid-reference"))
    st.dataframe(tables.system_grid_table(grid), hide_index=True, width="stretch", key="models-grid",
                 column_config={c: st.column_config.NumberColumn(format="%.1f") for c in ("chrF++", "agreement")}
                 | {"MQM": st.column_config.NumberColumn(format="%.2f")})


def upload_outputs(store, project: str) -> None:
    with st.expander("Add a system's outputs"), st.form(f"models-upload-{project}", clear_on_submit=True):
        file = st.file_uploader("Outputs: one line per segment (text), or id and text (TSV, JSONL)",
                                key=f"models-upload-file-{project}")
        name_col, doc_col, align_col = st.columns(3)
        system = name_col.text_input("System name", key=f"models-upload-system-{project}")
        names = {d.document.id: d.document.name for d in projects.list_documents(store, project)}
        document = doc_col.selectbox("Document", [None, *names], key=f"models-upload-doc-{project}",
                                     format_func=lambda i: "all, one after another" if i is None else names[i])
        align = align_col.selectbox("Aligned by", ALIGNMENTS, key=f"models-upload-align-{project}",
                                    help="auto: by id for TSV and JSONL, by line otherwise")
        if st.form_submit_button("Import outputs") and file is not None:
            try:
                report = candidates.import_system_outputs(
                    store, file.name, file.getvalue(), system=system, project=project,
                    document_id=document, align=align)
            except BadInputError as exc:
                st.error(html_snippets.markdown_text(exc.worded(UPLOAD_FIELDS)))
                return
            data.forget()
            st.success(html_snippets.markdown_text(report.summary()))


st.title("Models")
store = state.store()
names = projects.project_names(store)
if not names:
    st.info("No projects yet: import documents and system outputs (review-app import-candidates).")
    st.stop()
project = st.selectbox("Project", names, key="models-project")
if state.is_admin():
    upload_outputs(store, project)
neural = data.neural_metrics()
try:
    systems = scoring_cases.scorable_systems(store, project)
    chosen, baseline, metrics, method = choose(project, systems, neural)
    choice = (project, tuple(chosen), baseline, tuple(metrics), method)
    if st.button("Compute leaderboard", type="primary", key="models-run", disabled=not (chosen and metrics)):
        state.remember("leaderboard", choice, compute(store, project, chosen, baseline, metrics, method, neural))
    result = state.recall("leaderboard", choice)
    mqm_rows = scoring_cases.project_mqm_rows(store, project)
    if result is not None:
        show_leaderboard(*result)
        versus_mqm(result[0], mqm_rows)
        drill_down(store, project, result[0], neural)
    else:
        st.caption("Choose systems and press Compute: corpus scores with 95% intervals, tested against the baseline.")
    if mqm_rows:
        st.subheader("MQM per system")
        st.dataframe(pd.DataFrame([vars(r) for r in mqm_table(mqm_rows)]), hide_index=True, width="stretch",
                     column_config={"mqm": st.column_config.NumberColumn("MQM (lower is better)", format="%.2f")})
    segment_grid(store, project)
except BadInputError as exc:
    st.error(html_snippets.markdown_text(str(exc)))
