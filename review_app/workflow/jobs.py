"""Background jobs: generate candidates without blocking anyone, for the UI to start and poll.

A Streamlit page must never run a model in its script (every click reruns it),
so the page starts a job and polls its status. Jobs run one after another on
one daemon worker thread per process (two model runs on the same CPU cores only
slow each other down); sessions only queue and poll, so no page waits for a
model. Candidates are stored batch by batch: they show up while the job runs.

API (all functions are thread-safe and return at once)::

    from review_app.workflow import jobs

    job_id = jobs.start_generation(
        db_url, project="demo", model="Helsinki-NLP/opus-mt-ko-en",
        backend="transformers",            # or "ctranslate2"
        options={"nbest": 3},               # any declared option; others keep their defaults
        document_id=None,                   # or one document
    )
    status = jobs.job_status(job_id)        # a JobStatus snapshot (frozen)
    status.state                            # "queued" | "running" | "done" | "failed" | "cancelled"
    status.done, status.total, status.fraction   # for st.progress(status.fraction)
    status.message                          # one line: what it does now, the summary, or the error
    status.finished                         # True once done, failed or cancelled
    jobs.cancel(job_id)                     # stops between batches; stored candidates stay
    jobs.list_jobs(project="demo")          # newest first

A page polls with a fragment, e.g. ``@st.fragment(run_every=1.0)`` that reads
``job_status`` and reruns the page (``st.rerun()``) once ``finished``. Bad input
(unknown model, missing from the cache, no source) ends the job as ``failed``
with the same one-line message the CLI prints. Options for a form come from
``review_app.candidates.BACKENDS[name].options`` (name, default, help, choices).
"""
from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..candidates import make_backend
from ..errors import BadInputError
from . import open_store
from .candidates import generate_for_project

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"


@dataclass(frozen=True)
class JobStatus:
    id: str
    title: str
    project: str | None
    state: str = QUEUED
    done: int = 0
    total: int = 0
    message: str = "waiting for the jobs before it"
    created: float = 0.0
    started: float | None = None
    ended: float | None = None
    result: Any = None  # the work's return value (a GenerationReport for generation jobs)

    @property
    def finished(self) -> bool:
        return self.state in {DONE, FAILED, CANCELLED}

    @property
    def fraction(self) -> float:
        if self.state == DONE:
            return 1.0
        return min(1.0, self.done / self.total) if self.total else 0.0


class JobContext:
    """What a running job's work function gets: progress reporting and the cancel flag."""

    def __init__(self, runner: "JobRunner", job_id: str):
        self._runner, self._id = runner, job_id
        self.cancelled = threading.Event()

    def set_total(self, total: int) -> None:
        self._runner._update(self._id, total=total)

    def advance(self, n: int = 1) -> None:
        self._runner._update(self._id, add_done=n)

    def say(self, message: str) -> None:
        self._runner._update(self._id, message=message)


Work = Callable[[JobContext], Any]


class JobRunner:
    """A queue of jobs worked off by one daemon thread (started on the first job)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, JobStatus] = {}
        self._contexts: dict[str, JobContext] = {}
        self._queue: queue.Queue[tuple[str, Work]] = queue.Queue()
        self._ids = itertools.count(1)
        self._worker: threading.Thread | None = None

    def submit(self, title: str, work: Work, project: str | None = None) -> str:
        with self._lock:
            job_id = f"job-{next(self._ids)}"
            self._jobs[job_id] = JobStatus(job_id, title, project, created=time.time())
            self._contexts[job_id] = JobContext(self, job_id)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work_off, name="review-app-jobs", daemon=True)
                self._worker.start()
        self._queue.put((job_id, work))
        return job_id

    def status(self, job_id: str) -> JobStatus:
        with self._lock:
            try:
                return self._jobs[job_id]
            except KeyError:
                raise BadInputError(f"no job {job_id!r} in this server process") from None

    def jobs(self, project: str | None = None) -> list[JobStatus]:
        with self._lock:
            found = [j for j in self._jobs.values() if project is None or j.project == project]
        return sorted(found, key=lambda j: j.created, reverse=True)

    def cancel(self, job_id: str) -> None:
        self.status(job_id)  # unknown ids fail loudly
        with self._lock:
            self._contexts[job_id].cancelled.set()
            if self._jobs[job_id].state == QUEUED:
                self._jobs[job_id] = replace(self._jobs[job_id], state=CANCELLED, message="cancelled before it started",
                                             ended=time.time())

    def wait(self, job_id: str, timeout: float | None = None) -> JobStatus:
        """Block until the job has finished (tests and scripts; a page polls instead)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not (status := self.status(job_id)).finished:
            if deadline is not None and time.monotonic() > deadline:
                return status
            time.sleep(0.05)
        return status

    # -- internals -------------------------------------------------------------

    def _update(self, job_id: str, *, add_done: int = 0, **changes: Any) -> None:
        with self._lock:
            job = self._jobs[job_id]
            self._jobs[job_id] = replace(job, done=job.done + add_done, **changes)

    def _work_off(self) -> None:
        while True:
            job_id, work = self._queue.get()
            context = self._contexts[job_id]
            if context.cancelled.is_set():
                continue
            self._update(job_id, state=RUNNING, started=time.time(), message="starting")
            try:
                result = work(context)
            except BadInputError as exc:
                self._update(job_id, state=FAILED, message=str(exc), ended=time.time())
            except Exception as exc:  # noqa: BLE001 - a job must never kill the worker thread
                log.exception("job %s failed", job_id)
                self._update(job_id, state=FAILED, message=f"{type(exc).__name__}: {exc}", ended=time.time())
            else:
                state = CANCELLED if context.cancelled.is_set() else DONE
                summary = result.summary() if hasattr(result, "summary") else "finished"
                self._update(job_id, state=state, message=summary, result=result, ended=time.time())


RUNNER = JobRunner()  # one per process: the Streamlit server shares it between sessions


def start_generation(
    db_url: str,
    *,
    project: str,
    model: str,
    backend: str = "transformers",
    options: Mapping[str, Any] | None = None,
    document_id: int | None = None,
    system: str | None = None,
    runner: JobRunner | None = None,
) -> str:
    """Queue a generation job and return its id at once. Everything slow (resolving,
    converting, loading, generating) happens in the job, so errors show in its status."""

    def work(ctx: JobContext):
        ctx.say(f"loading {model}")
        chosen = make_backend(backend, model, system=system, **dict(options or {}))
        ctx.say(f"generating with {chosen.system}")
        return generate_for_project(
            open_store(db_url), chosen, project=project, document_id=document_id,
            progress=ctx.advance, on_total=ctx.set_total, cancel=ctx.cancelled,
        )

    return (runner or RUNNER).submit(f"{model} ({backend})", work, project=project)


def job_status(job_id: str) -> JobStatus:
    return RUNNER.status(job_id)


def cancel(job_id: str) -> None:
    RUNNER.cancel(job_id)


def list_jobs(project: str | None = None) -> list[JobStatus]:
    return RUNNER.jobs(project)
