"""Tiny metric checkpoints in the published layouts, built once per test session.

A tiny XLM-R (Unigram vocabulary trained on the seed and the news corpus) under a COMET-22
folder and a CometKiwi folder, and a tiny mT5 (mT5's full vocabulary size, so the published
score token exists) saved as a MetricX-24 model; weights are random and seeded. Building all
three takes a few seconds.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from review_app.scoring.mqm import strip_marks
from tests import tiny_models as candidate_tiny
from tests import tiny_neural as tiny

from ..conftest import ROOT
from ..scoring.data import ted_rows

NEWS = ROOT / "corpora" / "korean-english-news-v1"


@pytest.fixture(scope="session")
def sentences() -> list[str]:
    return candidate_tiny.corpus_sentences(ROOT)


@pytest.fixture(scope="session")
def metric_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tiny-metrics")


@pytest.fixture(scope="session")
def xlmr(metric_root, sentences) -> Path:
    return tiny.build_xlmr_encoder(metric_root / "tiny-xlmr", sentences)


@pytest.fixture(scope="session")
def comet22(metric_root, xlmr) -> Path:
    return tiny.build_comet(metric_root / "tiny-comet22", xlmr, kind="comet")


@pytest.fixture(scope="session")
def cometkiwi(metric_root, xlmr) -> Path:
    return tiny.build_comet(metric_root / "tiny-cometkiwi", xlmr, kind="cometkiwi", seed=1)


@pytest.fixture(scope="session")
def metricx(metric_root, sentences) -> Path:
    return tiny.build_metricx(metric_root / "tiny-metricx24", sentences)


@pytest.fixture(scope="session")
def news() -> dict[str, list[str]]:
    """The first 24 Korean-English news pairs; "mt" is the English of the next pair (a wrong translation
    for every segment but a plausible sentence), so MT and reference differ."""
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:24]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:25]
    return {"src": ko, "ref": en[:24], "mt": en[1:25]}


def ted_talk(talk: str = "talk.3") -> tuple[list[str], dict[str, list[str]]]:
    """One TED talk of the WMT21 MQM release: sources, and each system's outputs ("ref" included)."""
    sources: dict[int, str] = {}
    outputs: dict[str, dict[int, str]] = {}
    for row in ted_rows():
        if row.doc == talk:
            sources[int(row.seg_id)] = row.source
            outputs.setdefault(row.system, {})[int(row.seg_id)] = strip_marks(row.target)[0]
    order = sorted(sources)
    return [sources[k] for k in order], {s: [t[k] for k in order] for s, t in outputs.items()}
