"""The "generate candidates" panel (admins, and reviewers an admin allowed): start a background job (workflow.jobs) and
show its progress. The model runs on the server's job thread, never in a page script, so
other reviewers keep working; the progress bar polls in a fragment while a job is live.

A model is chosen from a list, never typed: the ``approved_models`` setting, else the models
found on this machine. Before, anyone could type a server path; the error messages told which
directories existed, and a model found there was loaded. Paths are cut from every message."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from .. import settings
from ..candidates import BACKENDS
from ..candidates.models import list_models
from ..presentation import html_snippets
from ..presentation.messages import without_paths
from ..workflow import jobs
from . import state


@st.cache_data(ttl=60, show_spinner=False)
def _model_choices(approved: str) -> dict[str, str]:
    """Model reference -> a label (a directory shows as its name only)."""
    if approved.strip():
        refs = [ref.strip() for ref in approved.split(",") if ref.strip()]
        return {ref: Path(ref).name if ref.startswith(("/", "~", ".")) else ref for ref in refs}
    return {m.id: f"{m.id} · {m.kind} · {m.license}" for m in list_models() if m.path is not None}


def model_choices() -> dict[str, str]:
    return _model_choices(settings.get("approved_models"))


def generation_panel(project: str, documents: list) -> None:
    with st.expander("Generate candidates with a model"):
        choices = model_choices()
        if not choices:
            st.caption("No model is available: an admin lists them in the approved_models setting "
                       "(or pulls one with review-app models pull ID).")
        with st.form(f"generate-{project}", border=False):
            model = st.selectbox("Model", list(choices), format_func=choices.get, key=f"gen-model-{project}")
            backend_col, nbest_col, doc_col = st.columns(3)
            backend = backend_col.selectbox("Backend", list(BACKENDS), key=f"gen-backend-{project}")
            nbest = nbest_col.number_input("Candidates per segment", 1, 8, 1, key=f"gen-nbest-{project}")
            document = doc_col.selectbox("Document", [None, *documents], key=f"gen-doc-{project}",
                                         format_func=lambda d: "all documents" if d is None else d.name)
            if st.form_submit_button("Generate") and model and _may_start(model):
                job_id = jobs.start_generation(state.db_url(), project=project, model=model, backend=backend,
                                               options={"nbest": int(nbest)},
                                               document_id=document.id if document else None)
                state.add_job(project, job_id)
        job_progress(project)


def _may_start(model: str) -> bool:
    """Checked again on the server when the form arrives, whatever the browser sent."""
    if not state.may_start_jobs():  # admins, and reviewers an admin allowed (the Team page)
        state.flash("error", "Only admins, and reviewers an admin allowed, can generate candidates.")
        return False
    if model not in model_choices():
        state.flash("error", "That model is not on the approved list.")
        return False
    return True


def job_progress(project: str) -> None:
    live = any(not jobs.job_status(j).finished for j in state.jobs(project))

    # Re-run only this piece every second while a job is live; the page itself stays still.
    @st.fragment(run_every=1.0 if live else None)
    def show() -> None:
        for job_id in state.jobs(project):
            status = jobs.job_status(job_id)
            label = without_paths(f"{status.title}: {status.state} · {status.message}")
            st.progress(status.fraction, text=html_snippets.markdown_text(label))
            if not status.finished:
                st.button("Cancel", key=f"cancel-{job_id}", on_click=jobs.cancel, args=(job_id,))

    show()
