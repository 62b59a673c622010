"""Documents: upload files (admins), see projects and documents with review progress,
delete a document and edit a project's glossary (admins)."""
import streamlit as st

from review_app import workflow
from review_app.errors import BadInputError
from review_app.ingest import FORMATS, preview
from review_app.ingest.tabular import ROLES
from review_app.presentation import html_snippets
from review_app.ui import data, state
from review_app.ui.generation import generation_panel
from review_app.workflow import glossary, importing, projects

UPLOAD_FORMATS = [f for f in FORMATS if f != "aligned"]  # aligned files need three inputs: use the CLI
UPLOAD_FIELDS = {"columns": "the column pickers"}


def upload_form(store) -> None:
    """Files are previewed (format, column mapping, languages, first rows) and can be corrected
    before anything is stored; a file without a target language is not imported."""
    st.subheader("Import")
    project = st.text_input("Project", value=workflow.DEFAULT_PROJECT, key="upload-project")
    batch = state.recall("upload-batch", None) or 0  # a new key empties the uploader after an import
    files = st.file_uploader("MT documents (text, TSV, CSV, JSONL, TMX, XLIFF)", accept_multiple_files=True,
                             key=f"upload-files-{batch}")
    plans = [plan for n, upload in enumerate(files or []) if (plan := file_plan(upload, n)) is not None]
    blocked = [plan for plan in plans if plan["problem"]]
    if st.button("Import", type="primary", key="upload-import", disabled=not plans or bool(blocked)):
        import_files(store, plans, project.strip() or workflow.DEFAULT_PROJECT)
        state.remember("upload-batch", None, batch + 1)
        st.rerun()  # the messages show, and the uploader is empty for the next files
    if blocked:
        st.caption("Import waits until every file has a target language.")


@st.cache_data(max_entries=16, show_spinner=False)
def _preview(name: str, data: bytes, fmt: str, columns: tuple, source_lang: str, target_lang: str):
    return preview.preview_import(name, data, fmt, columns=dict(columns), source_lang=source_lang,
                                  target_lang=target_lang)


def file_plan(upload, n: int) -> dict | None:
    """One uploaded file's preview with its settings editable; None if it cannot be read at all."""
    name, data = upload.name, upload.getvalue()
    with st.container(border=True, key=f"upload-plan-{n}"):
        st.markdown(f"**{html_snippets.markdown_text(name)}**")
        fmt_col, src_col, tgt_col = st.columns(3)
        fmt = fmt_col.selectbox("Format", UPLOAD_FORMATS, key=f"upload-format-{n}",
                                help="auto: by the file's extension")
        try:
            fmt, header, guessed = preview.file_columns(name, data, fmt)
            columns = column_pickers(n, header, guessed)
            detected = _preview(name, data, fmt, tuple(columns.items()), "", "")
        except BadInputError as exc:
            st.error(html_snippets.markdown_text(exc.worded(UPLOAD_FIELDS)))
            return None
        source_lang = src_col.text_input("Source language", value=detected.source_lang or "", key=f"upload-src-{n}",
                                         help=_said_by(detected, "source"))
        target_lang = tgt_col.text_input("Target language", value=detected.target_lang or "", key=f"upload-tgt-{n}",
                                         help=_said_by(detected, "target"), placeholder="required, e.g. en")
        # A language left as detected stays "detected"; one typed over it is "given".
        given = [typed.strip() if typed.strip() != (found or "") else ""
                 for typed, found in ((source_lang, detected.source_lang), (target_lang, detected.target_lang))]
        shown = _preview(name, data, fmt, tuple(columns.items()), *given)
        st.caption(f"{shown.format} · {shown.segments:,} segments · source {shown.source_lang or '?'} "
                   f"({shown.said_by.get('source', 'unknown')}) · target {shown.target_lang or '?'} "
                   f"({shown.said_by.get('target', 'unknown')}) · first rows:")
        st.dataframe(shown.rows, hide_index=True, width="stretch")
        if shown.problem:
            st.error(html_snippets.markdown_text(shown.problem.replace("give it", "type it in 'Target language'")))
    return {"name": name, "data": data, "fmt": fmt, "columns": columns, "source_lang": shown.source_lang,
            "target_lang": shown.target_lang, "problem": shown.problem}


def column_pickers(n: int, header: list[str], guessed: dict[str, str]) -> dict[str, str]:
    """For a tabular file, one picker per role, set to the column guessed for it."""
    if not header:
        return {}
    columns = {}
    for col, role in zip(st.columns(4), ROLES):
        options = [None, *header]
        chosen = col.selectbox(f"{role} column", options, index=options.index(guessed.get(role)),
                               key=f"upload-col-{role}-{n}", format_func=lambda c: "(none)" if c is None else c)
        if chosen is not None:
            columns[role] = chosen
    return columns


def _said_by(shown, side: str) -> str:
    return f"As {shown.said_by[side]}; change it if it is wrong." if side in shown.said_by else "Not known: type it."


def import_files(store, plans: list[dict], project: str) -> None:
    """One file at a time with a progress bar; each bad file is reported and the rest still imported."""
    if not state.require_admin("import documents"):
        return
    progress = st.progress(0.0, text="Importing…")
    for n, plan in enumerate(plans, 1):
        progress.progress((n - 1) / len(plans), text=f"Importing {plan['name']} ({n} of {len(plans)})…")
        try:
            doc, created = importing.import_bytes(
                store, plan["name"], plan["data"], project=project, fmt=plan["fmt"], columns=plan["columns"] or None,
                source_lang=plan["source_lang"] or None, target_lang=plan["target_lang"],
                cancel=lambda: not state.session_alive())
        except BadInputError as exc:
            state.flash("error", exc.worded(UPLOAD_FIELDS))
            continue
        again = "" if created else " (already imported)"
        state.flash("success", f"{doc.name}: {doc.segment_count} segments{again}")
    progress.progress(1.0, text=f"Imported {len(plans)} file(s).")
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
        if st.button("Delete document", key=f"del-{project}", disabled=not sure) \
                and state.require_admin("delete documents", project):
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
    if not state.require_admin("edit the glossary", project):
        return
    saved = glossary.set_glossary(store, project, rows)
    data.forget()
    st.success(f"Saved {saved} glossary entries and re-ran the checks.")


st.title("Documents")
store = state.store()
for kind, message in state.pop_flashes():
    getattr(st, kind)(html_snippets.markdown_text(message))
if state.is_admin():
    upload_form(store)

summaries = projects.list_projects(store)
if not summaries:
    st.info("No documents yet." + (" Import one above, or run: review-app import PATH" if state.is_admin() else ""))
for summary in summaries:
    st.subheader(html_snippets.markdown_text(summary.project.name))
    st.caption(f"{summary.documents} documents · {summary.segments} segments · {summary.reviewed} reviewed")
    docs = project_table(store, summary.project.name)
    if docs and state.may_start_jobs():
        generation_panel(summary.project.name, [d.document for d in docs])
    if state.is_project_admin(summary.project.name) and docs:
        admin_tools(store, summary.project.name, docs)
