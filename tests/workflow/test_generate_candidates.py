"""Generating and storing candidates for a project, on SQLite and PostgreSQL."""
from __future__ import annotations

import threading

import pytest

from review_app.candidates import make_backend
from review_app.errors import BadInputError
from review_app.model import ORIGIN_MODEL
from review_app.workflow import importing
from review_app.workflow.candidates import generate_for_project

from ..conftest import SEED
from ..model_fixtures import NEWS, write_lines


@pytest.fixture
def news_doc(store, tmp_path):
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:9]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:9]
    doc, _ = importing.import_aligned(
        store, mt=write_lines(tmp_path / "news.en", en), source=write_lines(tmp_path / "news.ko", ko),
        project="news", source_lang="ko",
    )
    return doc


def test_translation_candidates_are_stored_with_provenance(store, news_doc, marian):
    backend = make_backend("transformers", str(marian), nbest=2, max_length=6, batch_size=4)
    totals, steps = [], []
    report = generate_for_project(store, backend, project="news", progress=steps.append, on_total=totals.append)

    stored = store.candidates_for_document(news_doc.id, origin=ORIGIN_MODEL)
    assert totals == [news_doc.segment_count] and sum(steps) == news_doc.segment_count and steps == [4, 4, 1]
    assert report.candidates == len(stored) == 2 * news_doc.segment_count
    assert report.segments == news_doc.segment_count
    positions = [pos for pos, _ in stored]
    assert positions == sorted(positions)
    provenance = stored[0][1].provenance
    assert provenance["backend"] == "transformers" and provenance["model"] == str(marian)
    assert provenance["revision"] == backend.resolved.revision
    assert provenance["options"]["nbest"] == 2 and provenance["source_lang"] == "ko"
    assert provenance["time"] and provenance["rank"] == 1
    assert str(marian.name) in store.systems("news")


def test_a_second_run_resumes_instead_of_duplicating(store, news_doc, marian):
    backend = make_backend("transformers", str(marian), max_length=5)
    first = generate_for_project(store, backend, project="news")
    again = generate_for_project(store, backend, project="news")
    assert again.candidates == 0 and again.already_done == first.segments == news_doc.segment_count
    assert len(store.candidates_for_document(news_doc.id, origin=ORIGIN_MODEL)) == first.candidates


def test_chat_model_on_the_seed_skips_page_furniture(store, gpt2):
    doc, _ = importing.import_file(store, SEED, project="demo")
    segments = list(store.iter_segments(doc.id))
    backend = make_backend("transformers", str(gpt2), max_length=5, batch_size=8)
    report = generate_for_project(store, backend, project="demo")
    got = {c.segment_id for _, c in store.candidates_for_document(doc.id, origin=ORIGIN_MODEL)}
    assert got == {s.id for s in segments if not s.excluded}
    assert report.segments == len(got) < len(segments)


def test_a_translation_model_on_a_document_without_source_is_refused(store, marian):
    importing.import_file(store, SEED, project="demo")
    with pytest.raises(BadInputError, match="no source text to translate"):
        generate_for_project(store, make_backend("transformers", str(marian)), project="demo")


def test_an_empty_project_is_refused(store, marian):
    with pytest.raises(BadInputError, match="has no documents"):
        generate_for_project(store, make_backend("transformers", str(marian)), project="nothing-here")


def test_cancel_stops_between_batches_and_keeps_what_was_stored(store, news_doc, marian):
    backend = make_backend("transformers", str(marian), max_length=5, batch_size=3)
    cancel = threading.Event()
    report = generate_for_project(store, backend, project="news", progress=lambda n: cancel.set(), cancel=cancel)
    assert report.cancelled and report.segments == 3
    assert len(store.candidates_for_document(news_doc.id, origin=ORIGIN_MODEL)) == 3
