"""Per-segment sacrebleu statistics of many (hypothesis, reference) pairs, on all cores.

Everything the app scores goes through :func:`systems_statistics`: one row of
sacrebleu's sufficient statistics per pair (n-gram matches for BLEU and chrF,
edits and reference length for TER). Corpus scores, sentence scores, bootstrap
resamples and HTER are all computed from these rows, exactly as sacrebleu does.

TER is slow on long sentences, so above a few hundred pairs the work is cut
into ordered chunks of segments and spread over worker processes; each chunk
analyses its references once for all systems. Results are identical to a single-process loop.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from tqdm import tqdm

from .metrics import cached_metric, make_metric

# Below this many pairs per worker, starting processes costs more than it saves.
MIN_PAIRS_PER_JOB = 200
# More chunks than workers keeps both cores busy when sentence lengths vary.
CHUNKS_PER_JOB = 16


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1


def jobs_for(pairs: int, jobs: int | None = None) -> int:
    """How many worker processes ``pairs`` pairs deserve (1 = stay in this process)."""
    wanted = available_cores() if not jobs or jobs < 1 else jobs
    return max(1, min(wanted, pairs // MIN_PAIRS_PER_JOB))


def _pool_context():
    # fork starts workers in milliseconds, but forking from a process whose other
    # threads do real work (a Streamlit session runs in its own thread) can copy a
    # held lock into the child; there a fork server is the safe choice. Daemon
    # helpers such as tqdm's monitor thread do not count.
    busy = [t for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()]
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread() and not busy:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")


def _statistics_chunk(names: Sequence[str], target_lang: str, sentence: bool,
                      systems: Sequence[Sequence[str]], refs: Sequence[str]) -> list[dict[str, np.ndarray]]:
    out: list[dict[str, np.ndarray]] = [{} for _ in systems]
    for name in names:
        # A fresh object per chunk: it holds this chunk's reference cache, so that each
        # reference is analysed once for all systems, and no other thread sees it.
        metric = make_metric(name, target_lang, sentence=sentence)
        metric._ref_cache = metric._cache_references([refs])
        for i, hyps in enumerate(systems):
            # The dtype numpy picks here (int64, or float64 for TER) is the one
            # sacrebleu's own significance tests work in.
            out[i][name] = np.asarray(metric._extract_corpus_statistics(hyps, None))
    return out


def systems_statistics(
    names: Sequence[str],
    systems: Sequence[Sequence[str]],
    refs: Sequence[str],
    target_lang: str = "en",
    *,
    sentence: bool = False,
    jobs: int | None = None,
    progress: bool = False,
    desc: str = "scoring",
) -> list[dict[str, np.ndarray]]:
    """Per system, ``{metric name: array of shape (segments, statistics)}``: sacrebleu's
    sufficient statistics of each system's segments against the shared references."""
    assert all(len(h) == len(refs) for h in systems), "callers check lengths and report them"
    n = len(refs)
    workers = jobs_for(n * max(1, len(systems)), jobs)
    run = _chunks_in_process if workers == 1 else _chunks_in_pool
    parts = run(names, target_lang, sentence, systems, refs, workers, progress, desc)
    return [{name: _stack([p[i][name] for p in parts], n) for name in names} for i in range(len(systems))]


def segment_statistics(names: Sequence[str], hyps: Sequence[str], refs: Sequence[str], target_lang: str = "en",
                       **options) -> dict[str, np.ndarray]:
    """``{metric name: array of shape (pairs, statistics)}`` for (hypothesis, reference) pairs."""
    return systems_statistics(names, [hyps], refs, target_lang, **options)[0]


def _chunk_bounds(n: int, chunks: int) -> list[tuple[int, int]]:
    size = max(1, -(-n // max(1, chunks)))
    return [(a, min(n, a + size)) for a in range(0, n, size)]


def _slices(systems, refs, a, b):
    return [list(h[a:b]) for h in systems], list(refs[a:b])


def _chunks_in_process(names, target_lang, sentence, systems, refs, workers, progress, desc):
    # Chunked only so that a long run can show progress.
    bounds = _chunk_bounds(len(refs), 20 if progress else 1)
    bar = tqdm(total=len(refs), desc=desc, unit="segment", disable=not progress, file=sys.stderr)
    parts = []
    for a, b in bounds:
        parts.append(_statistics_chunk(names, target_lang, sentence, *_slices(systems, refs, a, b)))
        bar.update(b - a)
    bar.close()
    return parts


def _chunks_in_pool(names, target_lang, sentence, systems, refs, workers, progress, desc):
    bounds = _chunk_bounds(len(refs), workers * CHUNKS_PER_JOB)
    bar = tqdm(total=len(refs), desc=desc, unit="segment", disable=not progress, file=sys.stderr)
    with ProcessPoolExecutor(workers, mp_context=_pool_context()) as pool:
        futures = [pool.submit(_statistics_chunk, tuple(names), target_lang, sentence, *_slices(systems, refs, a, b))
                   for a, b in bounds]
        parts = []
        for (a, b), future in zip(bounds, futures):
            parts.append(future.result())
            bar.update(b - a)
    bar.close()
    return parts


def _stack(arrays: list[np.ndarray], n: int) -> np.ndarray:
    if n == 0:
        return np.zeros((0, 0))
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def sentence_scores_from_statistics(name: str, stats: np.ndarray, target_lang: str = "en",
                                    *, sentence: bool = True) -> list[float]:
    """One score per row, as ``metric.sentence_score`` would give it."""
    metric = cached_metric(name, target_lang, sentence)
    return [metric._aggregate_and_compute([row]).score for row in stats.tolist()]


def sentence_scores(
    names: Sequence[str],
    hyps: Sequence[str],
    refs: Sequence[str],
    target_lang: str = "en",
    *,
    jobs: int | None = None,
    progress: bool = False,
) -> dict[str, list[float]]:
    """Sentence-level scores (sentence BLEU with effective order, chrF++, TER) of many pairs."""
    stats = segment_statistics(names, hyps, refs, target_lang, sentence=True, jobs=jobs, progress=progress)
    return {name: sentence_scores_from_statistics(name, stats[name], target_lang) for name in names}


__all__ = [
    "systems_statistics", "segment_statistics", "sentence_scores", "sentence_scores_from_statistics",
    "available_cores", "jobs_for",
]
