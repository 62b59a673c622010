"""Who runs the stages: worker processes on this machine (``local``), or a Ray cluster (``ray``).

Both engines run the same stage functions on the same jobs (plain JSON records), so their
results are the same by construction; an engine only decides where a job runs and reports
progress. Each yields a job's result record as soon as it is done, in any order: the driver
(:mod:`.run`) sorts them.

- :class:`LocalEngine`: a pool of ``spawn``-ed worker processes (no Ray needed). A shared
  counter carries the pairs done, for the progress bar.
- :class:`RayEngine`: Ray Data, one block per job: ``Dataset.map`` with a task pool of
  ``workers`` tasks, and for candidate translation an actor pool of ``workers`` actors, each
  loading the model once and holding a GPU when the model runs on one. A small counter actor
  carries the pairs done; the Ray dashboard shows the stages as Ray Data operators.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from ..errors import BadInputError
from .check import check_shard
from .dedup import dedup_bucket
from .finish import finish_shard
from .options import ModelSpec
from .translate import translator, wants_gpu

STAGES = {"check": check_shard, "dedup": dedup_bucket, "finish": finish_shard}
ENGINES = ("local", "ray")


def run_job(stage: str, job: dict, progress=None) -> dict:
    """One job of one stage, wherever it runs."""
    model = job["options"].get("model")
    if stage == "finish" and model:
        return finish_shard(job, progress, translate=translator(ModelSpec(**model)))
    return STAGES[stage](job, progress)


# -- local -------------------------------------------------------------------

_pairs_done = None  # in a worker process: the counter shared with the driver


def _start_worker(counter) -> None:
    global _pairs_done
    _pairs_done = counter


def _add_pairs(n: int) -> None:
    with _pairs_done.get_lock():
        _pairs_done.value += n


def _local_job(stage: str, job: dict) -> dict:
    return run_job(stage, job, _add_pairs)


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        context = multiprocessing.get_context("spawn")  # no fork of the driver's threads and open files
        self._counter = context.Value("q", 0)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                         initializer=_start_worker, initargs=(self._counter,))
        self.dashboard = None
        self.address = None

    def map(self, stage: str, jobs: list[dict]) -> Iterator[dict]:
        futures = [self._pool.submit(_local_job, stage, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()

    def pairs_done(self) -> int:
        return self._counter.value

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# -- Ray ---------------------------------------------------------------------

class _Tally:
    """Pairs done, told to the counter actor in lumps: a remote call per 100 pairs would cost more than
    the bar is worth."""

    def __init__(self, counter, lump: int = 2_000):
        self.counter, self.lump, self.pending = counter, lump, 0

    def __call__(self, n: int) -> None:
        self.pending += n
        if self.pending >= self.lump:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.counter.add.remote(self.pending)
            self.pending = 0


def _ray_row(row: dict, stage: str, counter) -> dict:
    tally = _Tally(counter)
    try:
        return {"result": json.dumps(run_job(stage, json.loads(row["job"]), tally))}
    finally:
        tally.flush()


class _FinishWithModel:
    """An actor of the translation pool: the model loads in ``__init__``, once per actor."""

    def __init__(self, model: dict, counter):
        self.translate = translator(ModelSpec(**model))
        self.counter = counter

    def __call__(self, row: dict) -> dict:
        tally = _Tally(self.counter)
        try:
            return {"result": json.dumps(finish_shard(json.loads(row["job"]), tally, translate=self.translate))}
        finally:
            tally.flush()


class _Counter:
    def __init__(self):
        self.total = 0

    def add(self, n: int) -> None:
        self.total += n

    def value(self) -> int:
        return self.total


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None):
        try:
            import ray
        except ImportError:
            raise BadInputError("--engine ray needs Ray: pip install 'review_app[ray]'") from None
        self._ray = ray
        try:
            context = ray.init(address=address, num_cpus=None if address else workers, ignore_reinit_error=True,
                               logging_level=logging.WARNING, include_dashboard=None)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise BadInputError(f"cannot reach the Ray cluster at {address or 'a new local cluster'}: "
                                f"{str(exc).splitlines()[0]}") from None
        self.address = address
        self.dashboard = getattr(context, "dashboard_url", None) or None
        self.workers = max(1, workers or int(ray.cluster_resources().get("CPU", 1)))
        import ray.data  # sets up Ray Data's loggers: their levels are set after this

        logging.getLogger("ray.data").setLevel(logging.WARNING)  # else a line per dataset run
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "progress bars disabled": ours show
        data_context = ray.data.DataContext.get_current()
        data_context.enable_progress_bars = False  # ours show shards and pairs; the dashboard shows Ray's
        data_context.print_on_execution_start = False
        self._counter = ray.remote(num_cpus=0)(_Counter).remote()

    def map(self, stage: str, jobs: list[dict]) -> Iterator[dict]:
        if not jobs:
            return
        data = self._ray.data
        dataset = data.from_items([{"job": json.dumps(job)} for job in jobs], override_num_blocks=len(jobs))
        model = jobs[0]["options"].get("model")
        size = min(self.workers, len(jobs))
        if stage == "finish" and model:
            gpus = 1 if wants_gpu(ModelSpec(**model), self._ray.cluster_resources().get("GPU", 0)) else 0
            dataset = dataset.map(_FinishWithModel, fn_constructor_kwargs={"model": model, "counter": self._counter},
                                  compute=data.ActorPoolStrategy(size=size), num_cpus=1, num_gpus=gpus)
        else:
            dataset = dataset.map(_ray_row, fn_kwargs={"stage": stage, "counter": self._counter},
                                  compute=data.TaskPoolStrategy(size=size), num_cpus=1)
        for row in dataset.iter_rows():
            yield json.loads(row["result"])

    def pairs_done(self) -> int:
        return self._ray.get(self._counter.value.remote())

    def close(self) -> None:
        self._ray.shutdown()


def make_engine(name: str, *, workers: int | None = None, address: str | None = None):
    if name == "local":
        if address:
            raise BadInputError("--address is for --engine ray")
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(address, workers)
    raise BadInputError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")


__all__ = ["LocalEngine", "RayEngine", "make_engine", "run_job", "ENGINES", "STAGES"]
