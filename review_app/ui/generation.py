"""The "generate candidates" panel: start a background job (workflow.jobs) and show
its progress. The model runs on the server's job thread, never in a page script, so
other reviewers keep working; the progress bar polls in a fragment while a job is live."""
from __future__ import annotations

import streamlit as st

from ..candidates import BACKENDS
from ..candidates.models import list_models
from ..presentation import html_snippets
from ..workflow import jobs
from . import state


@st.cache_data(ttl=60, show_spinner=False)
def _model_choices() -> dict[str, str]:
    """Model id -> a label saying where it is and its license."""
    return {m.id: f"{m.id} · {m.kind} · {m.where} · {m.license}" for m in list_models()}


def generation_panel(project: str, documents: list) -> None:
    with st.expander("Generate candidates with a model"):
        choices = _model_choices()
        with st.form(f"generate-{project}", border=False):
            listed = st.selectbox("Model", list(choices), format_func=choices.get, key=f"gen-model-{project}")
            other = st.text_input("…or another model: a Hugging Face id in the server's cache, or a directory",
                                  key=f"gen-other-{project}")
            model = other.strip() or listed
            backend_col, nbest_col, doc_col = st.columns(3)
            backend = backend_col.selectbox("Backend", list(BACKENDS), key=f"gen-backend-{project}")
            nbest = nbest_col.number_input("Candidates per segment", 1, 8, 1, key=f"gen-nbest-{project}")
            document = doc_col.selectbox("Document", [None, *documents], key=f"gen-doc-{project}",
                                         format_func=lambda d: "all documents" if d is None else d.name)
            if st.form_submit_button("Generate") and model:
                job_id = jobs.start_generation(state.db_url(), project=project, model=model, backend=backend,
                                               options={"nbest": int(nbest)},
                                               document_id=document.id if document else None)
                state.add_job(project, job_id)
        job_progress(project)


def job_progress(project: str) -> None:
    live = any(not jobs.job_status(j).finished for j in state.jobs(project))

    # Re-run only this piece every second while a job is live; the page itself stays still.
    @st.fragment(run_every=1.0 if live else None)
    def show() -> None:
        for job_id in state.jobs(project):
            status = jobs.job_status(job_id)
            label = f"{status.title}: {status.state} · {status.message}"
            st.progress(status.fraction, text=html_snippets.markdown_text(label))
            if not status.finished:
                st.button("Cancel", key=f"cancel-{job_id}", on_click=jobs.cancel, args=(job_id,))

    show()
