"""Generating candidates from the Documents page: a background job with a progress bar."""
from __future__ import annotations

import pytest

from review_app.storage import Store
from review_app.workflow import importing, jobs
from tests import tiny_models as tiny

from ..conftest import ROOT
from .helpers import app, open_page

NEWS = ROOT / "corpora" / "korean-english-news-v1"


@pytest.fixture(scope="module")
def tiny_marian(tmp_path_factory):
    return tiny.build_marian(tmp_path_factory.mktemp("ui-model") / "tiny-marian", tiny.corpus_sentences(ROOT),
                             vocab_size=1200, d_model=16, layers=1, ffn=32)


def _news_project(store: Store, tmp_path, lines: int = 3):
    for lang in ("ko", "en"):
        text = (NEWS / f"dev.{lang}").read_text(encoding="utf-8").splitlines()[:lines]
        (tmp_path / f"news.{lang}").write_text("\n".join(text) + "\n", encoding="utf-8")
    doc, _ = importing.import_aligned(store, source=tmp_path / "news.ko", mt=tmp_path / "news.en", project="news",
                                     source_lang="ko", target_lang="en")
    return doc


def test_a_generation_job_runs_in_the_background_and_shows_progress(sqlite_url, monkeypatch, tmp_path, tiny_marian):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.setenv("REVIEW_APP_APPROVED_MODELS", str(tiny_marian))
    store = Store(sqlite_url)
    doc = _news_project(store, tmp_path)
    at = open_page(app("ana"), "documents")
    assert at.selectbox(key="gen-model-news").options == ["tiny-marian"]  # the name, not the server path
    at.button(key="FormSubmitter:generate-news-Generate").click().run()
    assert not at.exception
    (job_id,) = [j.id for j in jobs.list_jobs("news")][:1]
    final = jobs.RUNNER.wait(job_id, timeout=120)
    assert final.state == "done", final.message
    at.run()
    (bar,) = at.get("progress")
    assert "done" in bar.proto.text and bar.proto.value == 100
    generated = [c for _, c in store.candidates_for_document(doc.id) if c.origin == "model"]
    assert len(generated) == doc.segment_count


def test_a_failing_job_says_why(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.setenv("REVIEW_APP_APPROVED_MODELS", "/nonexistent/model-dir")
    importing.import_file(Store(sqlite_url), ROOT / "seeds" / "000_2200bcb4e5cf4e2f.txt", project="demo")
    at = open_page(app("ana"), "documents")
    at.button(key="FormSubmitter:generate-demo-Generate").click().run()
    job_id = jobs.list_jobs("demo")[0].id
    final = jobs.RUNNER.wait(job_id, timeout=60)
    at.run()
    assert final.state == "failed"
    (bar,) = at.get("progress")
    assert "failed" in bar.proto.text and "no such model directory" in bar.proto.text
    assert "/nonexistent" not in bar.proto.text  # paths are cut from what the page shows
