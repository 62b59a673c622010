"""Batch fixtures: the planted corpus, a real Ray cluster (its own process, free ports, its own
folder), and helpers to run the engine and read what it wrote."""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from review_app.batch import BatchOptions, make_engine, run_batch

from ..ray_cluster import ENV, RayCluster
from .corpus import build_corpus

# Small shards and several buckets, so a 1,400-pair corpus crosses many shard and bucket borders.
SHARD_BYTES = 12_000
BUCKETS = 3


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def ray_cluster():
    previous = {k: os.environ.get(k) for k in ENV}
    os.environ.update(ENV)  # the tests' driver connects with the same settings as the cluster
    cluster = RayCluster(cpus=2)
    try:
        yield cluster.wait_ready()
    finally:
        cluster.stop()
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def corpus_options(corpus, out: Path, **changes) -> BatchOptions:
    settings = dict(inputs=(str(corpus.folder),), out=str(out), source_lang="ko", target_lang="en",
                    shard_bytes=SHARD_BYTES, shard_rows=100, buckets=BUCKETS)
    settings.update(changes)
    return BatchOptions(**settings)


def run(options: BatchOptions, engine: str = "local", workers: int = 2, address: str | None = None):
    runner = make_engine(engine, workers=workers, address=address)
    try:
        return run_batch(options, runner, progress=False)
    finally:
        runner.close()


def read_parts(folder: Path) -> list[dict]:
    """Every row of the part files under ``folder``, in part order."""
    rows = []
    for part in sorted(folder.glob("part-*.parquet")):
        rows += pq.read_table(part).to_pylist()
    return rows
