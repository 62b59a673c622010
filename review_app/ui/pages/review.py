"""Review: pick a document and a segment, save a correction."""
import streamlit as st

from review_app import workflow
from review_app.storage import ConflictError
from review_app.ui import state

st.title("Review")
store = state.store()
documents = [d.document for p in store.list_projects() for d in store.list_documents(p.project.name)]
if not documents:
    st.info("No documents yet: import one on the Documents page.")
    st.stop()

doc = st.selectbox("Document", documents, format_func=lambda d: d.name)
segments = store.segments(doc.id)
seg = st.selectbox(
    "Segment", segments,
    format_func=lambda s: f"{s.position}: {'[excluded] ' if s.excluded else ''}{s.text[:90]}",
)
if seg.excluded:
    st.caption(f"Excluded from review: {seg.exclusion_reason}")
st.text(seg.mt)

with st.form(f"save-{seg.id}-{seg.version}"):
    reviewer = st.text_input("Reviewer", value=state.reviewer())
    text = st.text_area("Correction", value=seg.text)
    if st.form_submit_button("Save"):
        state.set_reviewer(reviewer)
        try:
            workflow.save_correction(store, seg.id, text, reviewer=reviewer, based_on_version=seg.version)
            st.success("Saved.")
        except ConflictError as exc:
            st.error(str(exc))
        except ValueError as exc:
            st.error(str(exc))
