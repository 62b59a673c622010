"""Export (admins): choose a format and filters, see what each filter would remove, download.

Storyboard: pick project, documents, format and filters; "Preview" runs the
export's dry run and shows the report; "Export" writes the file in memory with
a progress bar and offers it for download. Both results are kept in the session
for exactly these choices, so other clicks do not recompute them.
"""
import io

import streamlit as st

from review_app.errors import BadInputError
from review_app.export import WRITERS, ExportFilters
from review_app.model import Severity
from review_app.presentation import html_snippets
from review_app.ui import state
from review_app.workflow import projects
from review_app.workflow.export import export_project, preview_export

# How this page names the options an error may be about (the CLI names them by their flags).
FIELDS = {"source_lang": "the 'Source language, where a document has none' field above",
          "target_lang": "the 'Target language, where a document has none' field above",
          "document": "the 'Documents' field above"}


def pick_filters() -> ExportFilters:
    st.caption("Filters")
    left, middle, right = st.columns(3)
    approved_only = left.checkbox("Approved segments only", value=True, key="export-approved",
                                  help="Untick to include segments nobody approved; their text may be raw MT.")
    drop_excluded = left.checkbox("Drop page furniture (excluded)", value=True, key="export-excluded")
    drop_rejected = left.checkbox("Drop rejected", value=True, key="export-rejected")
    drop_duplicates = middle.checkbox("Drop exact duplicates", value=True, key="export-dupes")
    drop_near = middle.checkbox("Drop near duplicates", value=True, key="export-near")
    severity = middle.selectbox("Drop unapproved with a finding at least", [None, *Severity], key="export-severity",
                                format_func=lambda s: "keep them" if s is None else s.value)
    min_length = right.number_input("Minimum length (characters)", min_value=0, value=1, key="export-minlen")
    min_ratio = right.number_input("Minimum target/source length ratio (0 = none)", min_value=0.0, value=0.0,
                                   step=0.1, key="export-minratio")
    max_ratio = right.number_input("Maximum ratio (0 = none)", min_value=0.0, value=0.0, step=0.1,
                                   key="export-maxratio")
    return ExportFilters(approved_only=approved_only, drop_excluded=drop_excluded, drop_rejected=drop_rejected,
                         drop_duplicates=drop_duplicates, drop_near_duplicates=drop_near, min_length=int(min_length),
                         min_ratio=min_ratio or None, max_ratio=max_ratio or None, drop_severity=severity)


def show_report(report) -> None:
    st.metric("Segments exported", f"{report.exported:,} of {report.considered:,}")
    if report.unreviewed:
        st.warning(f"{report.unreviewed:,} of the {report.exported:,} exported segments are unreviewed MT: "
                   "nobody has checked their text. Tick 'Approved segments only' to leave them out.")
    no_source = report.removed.get("no_source")
    if no_source is not None and no_source.count:
        st.warning(f"{no_source.count:,} segments have no source text, so {report.format} leaves them out: "
                   "export them as text (the corrected text) or ape (MT-to-correction pairs).")
    removed = [r for r in report.removed.values()]
    st.dataframe([{"filter": r.filter, "removes": r.count, "what": r.title} for r in removed],
                 hide_index=True, width="stretch")
    for r in removed:
        if r.examples:
            with st.expander(f"{r.count:,} removed: {r.title}"):
                st.dataframe(r.examples, hide_index=True, width="stretch")
    if report.kept_examples:
        with st.expander("Examples of what is kept"):
            st.dataframe(report.kept_examples, hide_index=True, width="stretch")


def run_export(store, project: str, fmt: str, filters: ExportFilters, documents, langs: dict) -> tuple:
    bar = st.progress(0.0, text="Exporting…")

    def progress(done: int, total: int | None) -> None:
        if total:
            bar.progress(min(1.0, done / total), text=f"Exporting… {done:,} of {total:,} segments")

    buffer = io.BytesIO()
    report = export_project(store, project, fmt, buffer, filters, documents=documents, progress=progress, **langs)
    bar.progress(1.0, text="Export ready.")
    writer = WRITERS[fmt]
    name = f"{project}.zip" if writer.multi_file else f"{project}{writer.extension or '.txt'}"
    return report, name, buffer.getvalue()


st.title("Export")
if not state.is_admin():
    st.error("Only admins can export.")
    st.stop()
store = state.store()
names = projects.project_names(store)
if not names:
    st.info("Nothing to export yet: import a document on the Documents page.")
    st.stop()

project = st.selectbox("Project", names, key="export-project")
document_names = [d.document.name for d in projects.list_documents(store, project)]
documents = st.multiselect("Documents (none chosen = all)", document_names, key=f"export-documents-{project}") or None
fmt = st.selectbox("Format", list(WRITERS), key="export-format", format_func=lambda f: f"{f}: {WRITERS[f].title}")
src_col, tgt_col = st.columns(2)
langs = {"source_lang": src_col.text_input("Source language, where a document has none", key="export-src") or None,
         "target_lang": tgt_col.text_input("Target language, where a document has none", key="export-tgt") or None}
filters = pick_filters()
choice = (project, tuple(documents or ()), fmt, filters, tuple(langs.items()))

preview_col, export_col = st.columns(2)
# Both buttons are drawn before either acts, so an error in one leaves the other on the page.
preview_clicked = preview_col.button("Preview", key="export-preview")
export_clicked = export_col.button("Export", type="primary", key="export-run")
try:
    if preview_clicked:
        state.remember("export-preview", choice, preview_export(store, project, fmt, filters, documents=documents,
                                                                **langs))
    if export_clicked:
        state.remember("export-file", choice, run_export(store, project, fmt, filters, documents, langs))
except BadInputError as exc:
    st.error(html_snippets.markdown_text(exc.worded(FIELDS)))

exported = state.recall("export-file", choice)
if exported is not None:
    report, file_name, payload = exported
    st.download_button(f"Download {file_name}", payload, file_name=file_name, key="export-download",
                       on_click="ignore", type="primary", icon=":material/download:")
    show_report(report)
elif (preview := state.recall("export-preview", choice)) is not None:
    st.caption("Dry run: nothing written.")
    show_report(preview)
