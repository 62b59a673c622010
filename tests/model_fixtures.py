"""Tiny real models, built once per test session from the seed and the news corpus
(a pytest plugin: tests/conftest.py loads it, so every test folder has these fixtures).

They are saved with ``save_pretrained`` and loaded back through the same
``from_pretrained`` + ``generate`` path a downloaded model takes; the ct2
variants are real CTranslate2 conversions. Building all of them takes seconds.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from review_app.model import Segment
from tests import tiny_models as tiny

from .conftest import ROOT, SEED

NEWS = ROOT / "corpora" / "korean-english-news-v1"


@pytest.fixture(scope="session")
def sentences() -> list[str]:
    return tiny.corpus_sentences(ROOT)


@pytest.fixture(scope="session")
def model_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tiny-models")


@pytest.fixture(scope="session")
def marian(model_root, sentences) -> Path:
    # init_std=1.0: outputs depend on the input, so tests can match them to segments.
    return tiny.build_marian(model_root / "tiny-marian", sentences, init_std=1.0)


@pytest.fixture(scope="session")
def marian_ct2(model_root, marian) -> Path:
    return tiny.convert_ctranslate2(marian, model_root / "tiny-marian-ct2")


@pytest.fixture(scope="session")
def gpt2(model_root, sentences) -> Path:
    return tiny.build_gpt2(model_root / "tiny-gpt2", sentences)


@pytest.fixture(scope="session")
def gpt2_ct2(model_root, gpt2) -> Path:
    return tiny.convert_ctranslate2(gpt2, model_root / "tiny-gpt2-ct2")


@pytest.fixture(scope="session")
def nllb(model_root, sentences) -> Path:
    return tiny.build_nllb(model_root / "tiny-nllb", sentences)


@pytest.fixture(scope="session")
def nllb_ct2(model_root, nllb) -> Path:
    return tiny.convert_ctranslate2(nllb, model_root / "tiny-nllb-ct2")


@pytest.fixture(scope="session")
def m2m100(model_root, sentences) -> Path:
    return tiny.build_m2m100(model_root / "tiny-m2m100", sentences)


@pytest.fixture
def hf_cache(tmp_path, monkeypatch) -> Path:
    """An empty Hugging Face cache, so no model on this machine leaks into a test."""
    import huggingface_hub.constants

    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("REVIEW_APP_MODEL_DIR", raising=False)
    return cache


def put_in_hf_cache(cache: Path, repo_id: str, model_dir: Path) -> Path:
    """Lay a model out as huggingface_hub stores a download: refs/main -> snapshots/<commit>/."""
    commit = hashlib.sha1(repo_id.encode()).hexdigest()
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    snapshot = repo / "snapshots" / commit
    shutil.copytree(model_dir, snapshot)
    return snapshot


def news_segments(n: int, *, document_id: int = 1, source_lang: str | None = "ko") -> list[Segment]:
    """The first ``n`` sentence pairs of the Korean-English news corpus as segments."""
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:n]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:n]
    return [
        Segment(id=100 + i, document_id=document_id, position=i, paragraph=i, mt=e, source=k, source_lang=source_lang)
        for i, (k, e) in enumerate(zip(ko, en))
    ]


def seed_segments() -> list[Segment]:
    """The seed article's paragraphs as source-less segments; the page furniture at its top
    (menu line, repeated title, byline) is marked excluded as the importer would."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    furniture = {0, 1, 2}
    return [
        Segment(id=500 + i, document_id=7, position=i, paragraph=i, mt=line, excluded=i in furniture,
                exclusion_reason="page furniture" if i in furniture else None)
        for i, line in enumerate(lines)
    ]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
