"""Documents: upload files and see projects and documents with review progress."""
import streamlit as st

from review_app import workflow
from review_app.errors import BadInputError
from review_app.ui import state

st.title("Documents")
store = state.store()

with st.form("upload", clear_on_submit=True):
    project = st.text_input("Project", value=workflow.DEFAULT_PROJECT)
    files = st.file_uploader("MT documents", accept_multiple_files=True)
    if st.form_submit_button("Import") and files:
        for upload in files:
            try:
                doc, created = workflow.import_bytes(store, upload.name, upload.getvalue(), project=project)
                st.success(f"{doc.name}: {doc.segment_count} segments" + ("" if created else " (already imported)"))
            except BadInputError as exc:
                st.error(str(exc))

for summary in store.list_projects():
    st.subheader(summary.project.name)
    rows = [
        {"document": d.document.name, "segments": d.segments, "excluded": d.excluded, "reviewed": d.reviewed,
         "approved": d.approved}
        for d in store.list_documents(summary.project.name)
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
