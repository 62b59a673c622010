"""Bootstrap resampling and approximate randomization in bounded memory.

sacrebleu's significance tests draw every resample at once: an index array of
resamples x segments and, for bootstrap, a float copy of the statistics per
resample (segments x statistics each) — several GB for 20,000 segments. Here the
same random draws are taken from the same generator in chunks of rows, and a
resample's summed statistics are a (counts x statistics) matrix product, so
memory stays near ``CHUNK_CELLS`` numbers whatever the corpus size.

The scores are identical to sacrebleu's: statistics are whole numbers, so the
sums are exact in float64 and are then cast to the dtype sacrebleu sums in
(float32 for bootstrap, the statistics' own dtype for randomization) before the
metric's own ``_compute_score_from_stats`` turns them into scores.
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterator

import numpy as np
from sacrebleu.metrics.base import Metric

# Numbers held per chunk (index matrix, counts): 4M x 8 bytes = 32 MB each.
CHUNK_CELLS = 4_000_000
# Generator.integers(2, dtype=bool) draws 32 booleans per 32-bit word and drops
# the rest of the word at the end of a call: chunks of a multiple of 32 cells
# continue the stream exactly as one big call would.
_BOOL_WORD = 32


def sacrebleu_seed() -> int | None:
    """The seed sacrebleu uses (``SACREBLEU_SEED``, default 12345; 'none' = fresh entropy)."""
    raw = os.environ.get("SACREBLEU_SEED", "12345")
    return None if raw.lower() == "none" else int(raw)


def _rows_per_chunk(n_segments: int, multiple: int = 1, chunk_rows: int | None = None) -> int:
    rows = chunk_rows or max(1, CHUNK_CELLS // max(1, n_segments))
    return -(-rows // multiple) * multiple


def bootstrap_counts(rng: np.random.Generator, n_segments: int, n_samples: int,
                     chunk_rows: int | None = None) -> Iterator[np.ndarray]:
    """Chunks of a (n_samples x n_segments) matrix: how often each segment is drawn per resample.

    Draws the same indices as sacrebleu's ``rng.choice(n, size=(n_samples, n))``.
    """
    rows = _rows_per_chunk(n_segments, 1, chunk_rows)
    for start in range(0, n_samples, rows):
        k = min(rows, n_samples - start)
        idx = rng.choice(n_segments, size=(k, n_segments), replace=True)
        flat = (idx + (np.arange(k) * n_segments)[:, None]).ravel()
        yield np.bincount(flat, minlength=k * n_segments).reshape(k, n_segments).astype(np.float64)


def randomization_masks(rng: np.random.Generator, n_segments: int, n_trials: int,
                        chunk_rows: int | None = None) -> Iterator[np.ndarray]:
    """Chunks of sacrebleu's ``rng.integers(2, size=(n_trials, n), dtype=bool)``, as float64 0/1."""
    multiple = _BOOL_WORD // math.gcd(n_segments, _BOOL_WORD)
    rows = _rows_per_chunk(n_segments, multiple, chunk_rows)
    for start in range(0, n_trials, rows):
        k = min(rows, n_trials - start)
        yield rng.integers(2, size=(k, n_segments), dtype=bool).astype(np.float64)


def bootstrap_scores(metric: Metric, counts: np.ndarray, stats: np.ndarray) -> list[float]:
    """Scores of the resamples in one chunk, as sacrebleu's float32 sums give them (a metric
    whose statistics are not whole numbers, a mean of segment scores, keeps float64)."""
    sums = counts @ stats.astype(np.float64)
    if not getattr(metric, "sums_in_float64", False):
        sums = sums.astype(np.float32)
    return [metric._compute_score_from_stats(row).score for row in sums]


def randomization_scores(metric: Metric, mask: np.ndarray, baseline: np.ndarray,
                         system: np.ndarray) -> tuple[list[float], list[float]]:
    """Scores of the two shuffled pseudo-systems per trial (mask 1 = take the baseline's segment)."""
    base_total, sys_total = baseline.sum(0), system.sum(0)
    delta = baseline.astype(np.float64) - system.astype(np.float64)
    shuf_a = (mask @ delta + sys_total).astype(baseline.dtype)
    shuf_b = (base_total + sys_total) - shuf_a
    score_a = [metric._aggregate_and_compute(row) for row in shuf_a[:, None]]
    score_b = [metric._aggregate_and_compute(row) for row in shuf_b[:, None]]
    return [s.score for s in score_a], [s.score for s in score_b]


__all__ = ["bootstrap_counts", "randomization_masks", "bootstrap_scores", "randomization_scores",
           "sacrebleu_seed", "CHUNK_CELLS"]
