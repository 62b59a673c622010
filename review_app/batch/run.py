"""The driver: plan the shards, run the three stages on an engine, write the report.

    1. check   one job per shard: read, check, score, row filters, duplicate keys
    2. dedup   one job per bucket: later copies across the whole corpus
    3. finish  one job per shard: kept and removed parts (and candidates), report fragment

Each job leaves a record when done, so a rerun into the same folder (same inputs and
settings: the plan's fingerprint) skips what is finished; a folder holding another run is
refused. A shard that fails is reported, and the rest of the corpus goes on without it.
"""
from __future__ import annotations

import hashlib
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from tqdm import tqdm

from ..errors import BadInputError
from .layout import OutputLayout
from .options import BatchOptions
from .plan import Plan, make_plan
from .report import build_report


@dataclass
class BatchResult:
    report: dict
    run: dict
    out: str

    @property
    def failed(self) -> list[dict]:
        return self.report["failed"]


def run_batch(options: BatchOptions, engine, *, progress: bool = True) -> BatchResult:
    started = time.perf_counter()
    layout = OutputLayout(options.out)
    plan = make_plan(options)
    previous = layout.report.read_json_if_present()
    if previous is not None and previous.get("fingerprint") == plan.fingerprint and not previous["failed"]:
        run = {**(layout.run.read_json_if_present() or {}), "already_complete": True}
        return BatchResult(previous, run, options.out)
    _claim(layout, plan, previous)
    bars = _Bars(engine, progress)
    base = options.to_dict()
    run = {"engine": engine.name, "workers": engine.workers, "address": engine.address,
           "dashboard": engine.dashboard, "shards": len(plan.shards), "buckets": plan.buckets, "stages": {}}

    # Heaviest first, so no worker starts a big shard when the others are done (results are keyed by shard).
    by_weight = sorted(plan.shards, key=lambda s: -s.weight)
    jobs = [{"options": base, "shard": s.to_dict(), "buckets": plan.buckets} for s in by_weight]
    checked = bars.run("check", "checking shards", jobs, run)
    ok = sorted(i for i, r in checked.items() if not r.get("failed"))
    digest = hashlib.sha256(f"{plan.fingerprint}:{ok}".encode()).hexdigest()[:16]
    if options.dedup:
        layout.work.join("dedup", digest).make_dirs()
        bucket_jobs = [{"options": base, "bucket": b, "digest": digest, "shards": ok} for b in range(plan.buckets)]
        bars.run("dedup", "duplicates (buckets)", bucket_jobs, run, unit="bucket", pairs=False)
    finish_jobs = _finish_jobs(plan, checked, ok, base, digest, plan.buckets if options.dedup else 0)
    fragments = bars.run("finish", "writing shards", finish_jobs, run)

    candidates = _describe_model(options)
    report = build_report(plan, options, checked, fragments, candidates)
    layout.report.write_json(report)
    seconds = time.perf_counter() - started
    pairs = sum(r.get("pairs", 0) for r in checked.values())
    run.update(seconds=round(seconds, 2), pairs=pairs, pairs_per_second=round(pairs / seconds, 1) if seconds else None,
               worker_peak_rss_mb=max((s["worker_peak_rss_mb"] for s in run["stages"].values()), default=None),
               worker_cpu_seconds=round(sum(bars.cpu_by_worker.values()), 1))
    layout.run.write_json(run)
    if not report["failed"]:
        layout.work.delete_tree()
    return BatchResult(report, run, options.out)


def _claim(layout: OutputLayout, plan: Plan, previous: dict | None) -> None:
    """Refuse a folder that holds another run; else record this run's plan there."""
    recorded = layout.plan.read_json_if_present()
    other = (recorded or previous or {}).get("fingerprint")
    if other is not None and other != plan.fingerprint:
        raise BadInputError(f"{layout.root.uri} holds a batch run of other inputs or settings (or the input files "
                            "changed since); give another --out, or delete that folder to start over")
    layout.make_dirs()
    if recorded is None:
        layout.plan.write_json({"fingerprint": plan.fingerprint, "shards": [s.to_dict() for s in plan.shards],
                                "buckets": plan.buckets})


def _finish_jobs(plan: Plan, checked: dict, ok: list[int], base: dict, digest: str, buckets: int) -> list[dict]:
    """One job per checked shard, with the line its file had reached before it (None after a failed shard)."""
    offsets: dict[str, int | None] = {}
    jobs = []
    for shard in plan.shards:
        record = checked[shard.index]
        offset = offsets.get(shard.name, 0)
        offsets[shard.name] = None if offset is None or record.get("failed") else offset + record["lines"]
        if shard.index in ok:
            jobs.append({"options": base, "shard": shard.index, "digest": digest, "buckets": buckets,
                         "input": shard.name, "line_offset": offset, "source_lang": record["source_lang"],
                         "target_lang": record["target_lang"]})
    return jobs


def _describe_model(options: BatchOptions) -> dict | None:
    if options.model is None:
        return None
    from .translate import describe

    return describe(options.model)


class _Bars:
    """tqdm bars for a stage's jobs and for the pairs the workers get through."""

    def __init__(self, engine, enabled: bool):
        self.engine = engine
        self.enabled = enabled
        self.cpu_by_worker: dict[int, float] = {}  # each worker process's CPU seconds, as last reported

    def run(self, stage: str, title: str, jobs: list[dict], run: dict, unit: str = "shard",
            pairs: bool = True) -> dict[int, dict]:
        key = "bucket" if stage == "dedup" else "shard"
        results: dict[int, dict] = {}
        started = time.perf_counter()
        with self._pair_bar(pairs) as _, tqdm(total=len(jobs), desc=title, unit=unit, file=sys.stderr,
                                              disable=not self.enabled, dynamic_ncols=True) as bar:
            for result in self.engine.map(stage, jobs):
                results[result[key]] = result
                self.cpu_by_worker[result["pid"]] = max(self.cpu_by_worker.get(result["pid"], 0), result["cpu_s"])
                bar.update(1)
                if result.get("failed"):  # said as it happens; the report lists them too
                    tqdm.write(f"review-app batch: {result['failed']}", file=sys.stderr)
        skipped = sum(1 for r in results.values() if r.get("skipped"))
        if skipped and self.enabled:
            print(f"  {stage}: {skipped} of {len(jobs)} {unit}s were finished by an earlier run (skipped)",
                  file=sys.stderr)
        run["stages"][stage] = {
            "jobs": len(jobs), "skipped": skipped, "seconds": round(time.perf_counter() - started, 2),
            "worker_peak_rss_mb": max((r.get("peak_rss_mb", 0) for r in results.values()), default=0),
        }
        loads = {str(r["pid"]): r["models_loaded"] for r in results.values() if "models_loaded" in r}
        if loads:  # candidate translation: how many models each worker process loaded
            run["stages"][stage]["models_loaded_per_worker"] = loads
        return results

    @contextmanager
    def _pair_bar(self, wanted: bool):
        if not (wanted and self.enabled):
            yield None
            return
        base = self.engine.pairs_done()
        stop = threading.Event()
        with tqdm(desc="  pairs", unit="pair", file=sys.stderr, dynamic_ncols=True, position=1) as bar:
            def follow() -> None:
                while not stop.wait(0.5):
                    bar.update(self.engine.pairs_done() - base - bar.n)

            thread = threading.Thread(target=follow, daemon=True)
            thread.start()
            try:
                yield bar
            finally:
                stop.set()
                thread.join()
                bar.update(self.engine.pairs_done() - base - bar.n)


__all__ = ["run_batch", "BatchResult"]
