"""Documents: upload files (admins), see projects and documents with review progress,
delete a document and edit a project's glossary (admins)."""
import streamlit as st

from review_app import workflow
from review_app.errors import BadInputError
from review_app.ingest import FORMATS
from review_app.presentation import html_snippets
from review_app.ui import data, state
from review_app.ui.generation import generation_panel
from review_app.workflow import glossary, importing, projects

UPLOAD_FORMATS = [f for f in FORMATS if f != "aligned"]  # aligned files need three inputs: use the CLI


def upload_form(store) -> None:
    with st.form("upload", clear_on_submit=True):
        st.subheader("Import")
        project = st.text_input("Project", value=workflow.DEFAULT_PROJECT, key="upload-project")
        files = st.file_uploader("MT documents (text, TSV, CSV, JSONL, TMX, XLIFF)", accept_multiple_files=True)
        fmt_col, src_col, tgt_col = st.columns(3)
        fmt = fmt_col.selectbox("Format", UPLOAD_FORMATS, help="auto: by the file's extension")
        source_lang = src_col.text_input("Source language", placeholder="e.g. ko (optional)")
        target_lang = tgt_col.text_input("Target language", placeholder="en")
        if st.form_submit_button("Import", type="primary") and files:
            import_files(store, files, project.strip() or workflow.DEFAULT_PROJECT, fmt,
                         source_lang.strip() or None, target_lang.strip() or None)


def import_files(store, files, project: str, fmt: str, source_lang, target_lang) -> None:
    """One file at a time with a progress bar; each bad file is reported and the rest still imported."""
    progress = st.progress(0.0, text="Importing…")
    for n, upload in enumerate(files, 1):
        progress.progress((n - 1) / len(files), text=f"Importing {upload.name} ({n} of {len(files)})…")
        try:
            doc, created = importing.import_bytes(store, upload.name, upload.getvalue(), project=project, fmt=fmt,
                                                 source_lang=source_lang, target_lang=target_lang)
        except BadInputError as exc:
            st.error(html_snippets.markdown_text(str(exc)))
            continue
        again = "" if created else " (already imported)"
        st.success(f"{html_snippets.markdown_text(doc.name)}: {doc.segment_count} segments{again}")
    progress.progress(1.0, text=f"Imported {len(files)} file(s).")
    data.forget()


def project_table(store, project: str) -> list:
    summaries = projects.list_documents(store, project)
    st.dataframe(
        [
            {"id": d.document.id, "document": d.document.name, "format": d.document.format,
             "segments": d.segments, "excluded": d.excluded, "reviewed": d.reviewed, "approved": d.approved,
             "progress": d.progress}
            for d in summaries
        ],
        hide_index=True, width="stretch",
        column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0.0, max_value=1.0,
                                                                   format="percent")},
    )
    return summaries


def admin_tools(store, project: str, summaries) -> None:
    with st.expander(f"Manage {html_snippets.markdown_text(project)}"):
        doc = st.selectbox("Document to delete", [s.document for s in summaries], key=f"del-doc-{project}",
                           format_func=lambda d: d.name)
        sure = st.checkbox("Yes, delete it with its corrections", key=f"del-sure-{project}")
        if st.button("Delete document", key=f"del-{project}", disabled=not sure):
            projects.delete_document(store, doc.id)
            data.forget()
            st.rerun()
        st.caption("Glossary (wrong term → right term); saving re-runs the checks on this project's documents.")
        blank = {"wrong": "", "right": "", "source_term": "", "note": "", "context": ""}
        edited = st.data_editor(glossary.glossary(store, project) or [blank],
                                num_rows="dynamic", key=f"glossary-{project}", width="stretch")
        if st.button("Save glossary", key=f"glossary-save-{project}"):
            save_glossary(store, project, edited)


def save_glossary(store, project: str, rows) -> None:
    saved = glossary.set_glossary(store, project, rows)
    data.forget()
    st.success(f"Saved {saved} glossary entries and re-ran the checks.")


st.title("Documents")
store = state.store()
if state.is_admin():
    upload_form(store)

summaries = projects.list_projects(store)
if not summaries:
    st.info("No documents yet." + (" Import one above, or run: review-app import PATH" if state.is_admin() else ""))
for summary in summaries:
    st.subheader(html_snippets.markdown_text(summary.project.name))
    st.caption(f"{summary.documents} documents · {summary.segments} segments · {summary.reviewed} reviewed")
    docs = project_table(store, summary.project.name)
    if docs:
        generation_panel(summary.project.name, [d.document for d in docs])
    if state.is_admin() and docs:
        admin_tools(store, summary.project.name, docs)
