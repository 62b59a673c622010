"""Dashboard: review progress per document and reviewer, findings by check,
score distributions (HTER among them), MQM by category, edits over time."""
import altair as alt
import streamlit as st

from review_app.ui import state
from review_app.workflow import dashboard, projects


@st.cache_data(ttl=30, show_spinner=False)
def project_tables(url: str, project: str) -> dict:
    return dashboard.project_tables(state.store(), project)


def bar(frame, x: str, y: str, colour: str | None = None, title: str = ""):
    chart = alt.Chart(frame, title=title).mark_bar().encode(
        x=alt.X(x, sort="-y" if colour is None else None), y=y, tooltip=list(frame.columns)
    )
    return chart.encode(color=colour) if colour else chart


def progress_section(tables: dict) -> None:
    docs = tables["documents"]
    total, reviewed = int(docs["to review"].sum()), int(docs["reviewed"].sum())
    cols = st.columns(4)
    cols[0].metric("Segments to review", total)
    cols[1].metric("Reviewed", reviewed, f"{reviewed / total:.0%}" if total else None, delta_color="off")
    cols[2].metric("Approved", int(docs["approved"].sum()))
    cols[3].metric("Reviewers", tables["reviewers"]["reviewer"].nunique())
    left, right = st.columns(2)
    with left:
        st.caption("Progress per document")
        st.dataframe(docs, hide_index=True, width="stretch", column_config={
            "progress": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")})
    with right:
        if tables["reviewers"].empty:
            st.caption("No corrections yet.")
        else:
            st.altair_chart(bar(tables["reviewers"], "reviewer:N", "segments:Q", "status:N",
                                "Segments per reviewer (latest status)"), width="stretch")


def findings_section(tables: dict) -> None:
    findings = tables["findings"]
    if findings.empty:
        st.caption("No findings in this project.")
        return
    st.altair_chart(bar(findings, "check:N", "findings:Q", "severity:N", "Findings by check"), width="stretch")


def scores_section(tables: dict) -> None:
    scores = tables["scores"]
    if scores.empty:
        st.caption("No scores stored yet (scores appear as candidates are scored and corrections saved).")
        return
    metrics = sorted(scores["metric"].unique())
    for col, metric in zip(st.columns(min(3, len(metrics))) * len(metrics), metrics):
        part = scores[scores["metric"] == metric]
        lower_is_better = " — edit rate, lower is better" if "ter" in metric.lower() else ""
        title = f"{metric} ({len(part)} scores){lower_is_better}"
        col.altair_chart(
            alt.Chart(part, title=title).mark_bar().encode(
                x=alt.X("value:Q", bin=alt.Bin(maxbins=30), title=metric), y="count():Q", color="reference:N"),
            width="stretch",
        )


def hter_section(tables: dict) -> None:
    per_document, sentences = tables["hter"], tables["hter_sentences"]
    if sentences.empty:
        st.caption("HTER needs corrections: none saved yet.")
        return
    left, right = st.columns(2)
    with left:
        st.caption("HTER per document: the MT's edits to reach the correction, per correction word")
        st.dataframe(per_document, hide_index=True, width="stretch",
                     column_config={c: st.column_config.NumberColumn(format="%.3f")
                                    for c in ("HTER", "mean sentence HTER")})
    right.altair_chart(alt.Chart(sentences, title="HTER per corrected segment").mark_bar().encode(
        x=alt.X("HTER:Q", bin=alt.Bin(maxbins=20, extent=[0, 1])), y="count():Q", color="document:N"),
        width="stretch")


def mqm_section(tables: dict) -> None:
    mqm = tables["mqm"]
    if mqm.empty:
        st.caption("No MQM marks yet.")
        return
    st.altair_chart(bar(mqm, "category:N", "penalty:Q", "severity:N", "MQM penalty by category"), width="stretch")


def edits_section(tables: dict) -> None:
    edits = tables["edits"]
    if edits.empty:
        st.caption("No edits yet.")
        return
    st.altair_chart(alt.Chart(edits, title="Saves per day").mark_bar().encode(
        x=alt.X("day:T", timeUnit="yearmonthdate"), y="saves:Q", color="reviewer:N", tooltip=list(edits.columns)),
        width="stretch")


st.title("Dashboard")
names = projects.project_names(state.store())
if not names:
    st.info("No projects yet: import a document on the Documents page.")
    st.stop()
project = st.selectbox("Project", names, key="dashboard_project")
tables = project_tables(state.db_url(), project)
progress_section(tables)
st.subheader("Findings")
findings_section(tables)
st.subheader("Scores")
scores_section(tables)
st.subheader("HTER")
hter_section(tables)
st.subheader("MQM")
mqm_section(tables)
st.subheader("Edits over time")
edits_section(tables)
