"""Background generation jobs: start, poll, finish, fail, cancel, never block the caller."""
from __future__ import annotations

import threading
import time

import pytest

from review_app.model import ORIGIN_MODEL
from review_app.storage import Store
from review_app.workflow import importing, jobs

from ..conftest import SEED


@pytest.fixture
def runner():
    return jobs.JobRunner()


@pytest.fixture
def seed_db(sqlite_url):
    store = Store(sqlite_url)
    doc, _ = importing.import_file(store, SEED, project="demo")
    return sqlite_url, store, doc


def test_a_generation_job_stores_candidates_and_reports_progress(seed_db, gpt2, runner):
    url, store, doc = seed_db
    job_id = jobs.start_generation(url, project="demo", model=str(gpt2), options={"max_length": 5, "batch_size": 8},
                                   runner=runner)
    status = runner.wait(job_id, timeout=120)
    reviewable = sum(not s.excluded for s in store.iter_segments(doc.id))
    assert status.state == jobs.DONE and status.finished and status.fraction == 1.0
    assert status.done == status.total == reviewable
    stored = store.candidates_for_document(doc.id, origin=ORIGIN_MODEL)
    assert status.result.candidates == len(stored) > 0
    assert status.message == status.result.summary()
    assert runner.jobs("demo")[0].id == job_id and runner.jobs("other") == []


def test_bad_input_fails_the_job_with_the_cli_message(seed_db, hf_cache, runner):
    url, _, _ = seed_db
    job_id = jobs.start_generation(url, project="demo", model="Helsinki-NLP/opus-mt-ko-en", runner=runner)
    status = runner.wait(job_id, timeout=60)
    assert status.state == jobs.FAILED
    assert status.message.startswith("Helsinki-NLP/opus-mt-ko-en: not in the local cache: run `review-app models pull")


def test_submitting_never_waits_for_the_work_and_queued_jobs_can_be_cancelled(runner):
    release = threading.Event()
    ran = []

    def slow(ctx):
        ctx.set_total(2)
        ctx.advance()
        release.wait(10)
        ctx.advance()
        return "slow done"

    started = time.monotonic()
    first = runner.submit("slow", slow)
    second = runner.submit("never", lambda ctx: ran.append(1))
    assert time.monotonic() - started < 1.0
    deadline = time.monotonic() + 10
    while runner.status(first).done < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    running = runner.status(first)
    assert running.state == jobs.RUNNING and running.fraction == 0.5
    assert runner.status(second).state == jobs.QUEUED

    runner.cancel(second)
    release.set()
    assert runner.wait(first, timeout=10).state == jobs.DONE
    assert runner.wait(second, timeout=10).state == jobs.CANCELLED
    time.sleep(0.1)
    assert ran == []


def test_a_running_job_cancels_between_batches(seed_db, gpt2, runner):
    url, store, doc = seed_db
    from review_app.candidates import make_backend
    from review_app.workflow.candidates import generate_for_project

    def work(ctx):
        backend = make_backend("transformers", str(gpt2), max_length=4, batch_size=4)

        def progress(n):
            ctx.advance(n)
            ctx.cancelled.set()  # as if the reviewer pressed "cancel" during the first batch

        return generate_for_project(Store.shared(url), backend, project="demo", progress=progress, cancel=ctx.cancelled)

    status = runner.wait(runner.submit("cancel me", work, project="demo"), timeout=60)
    assert status.state == jobs.CANCELLED and status.result.cancelled
    assert len(store.candidates_for_document(doc.id, origin=ORIGIN_MODEL)) == status.result.candidates > 0


def test_unknown_jobs_are_reported(runner):
    from review_app.errors import BadInputError

    with pytest.raises(BadInputError, match="no job"):
        runner.status("job-404")
