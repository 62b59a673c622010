"""Batch engine throughput and memory: 1,000,000 sentence pairs through every check, the export
filters and corpus-wide duplicate detection, on the local engine with 1 and 2 workers and on Ray
with 2 workers, against the same checks and filters in one process (the baseline, run in the
same process because these machines are noisy).

    .venv/bin/python bench/batch.py [--pairs 1000000] [--quick] [--only baseline,local1,local2,ray2,small]

The corpus is built from the repository's real pairs (korean-english-news-v1 ko-en and the WMT21
TED en-de MQM release, de-duplicated: 5,540 distinct pairs), each numbered on both sides so it is
distinct, with planted copies of earlier pairs (every 10th pair repeats one from half-way back in
the corpus: other shards and files) and near copies (every 20th, an earlier pair in upper case),
written as TSV files of 250,000 pairs. Printed: pairs per second per run, the ratio to one worker
and to the one-process baseline, each worker's peak resident memory, whether the kept pairs are
exactly the baseline's (duplicates found across shards exactly), the cores the run got (CPU
seconds of the driver and its workers over the wall time: on a shared machine, fewer than asked
for), and the same engine's worker memory on a corpus a tenth the size (memory flat in the corpus
size). Rows for a chart go to bench/out/batch.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.batch import BatchOptions, make_engine, run_batch  # noqa: E402
from review_app.checks import run_checks  # noqa: E402
from review_app.export import WRITERS  # noqa: E402
from review_app.export.filters import ExportFilters, ExportReport, FilterPipeline  # noqa: E402
from review_app.export.rows import ExportRow  # noqa: E402
from review_app.model import DocumentDraft, SegmentDraft, risk_rank  # noqa: E402
from review_app.scoring.risk import document_risks  # noqa: E402
from tests.batch.corpus import news_pairs, ted_pairs  # noqa: E402

FILE_PAIRS = 250_000
BLOCK = 100
FILTERS = ExportFilters(drop_rejected=False)
RUNS = ("baseline", "local1", "local2", "ray2", "small")


def build_corpus(folder: Path, n: int) -> list[Path]:
    pool = news_pairs() + ted_pairs()
    pairs: list[tuple[str, str]] = []
    for i in range(n):
        if i % 10 == 3 and i > 10:
            pairs.append(pairs[i // 2])  # an exact copy from far back: another shard, often another file
        elif i % 20 == 7 and i > 20:
            source, target = pairs[i // 3]
            pairs.append((source, target.upper()))  # a near copy: same pair but for case
        else:
            source, target = pool[i % len(pool)]
            tag = f" [{i // len(pool)}]"
            pairs.append((source + tag, target + tag))
    files = []
    for start in range(0, n, FILE_PAIRS):
        path = folder / f"part-{start // FILE_PAIRS:03d}.tsv"
        path.write_text("".join(f"{s}\t{t}\n" for s, t in pairs[start:start + FILE_PAIRS]), encoding="utf-8")
        files.append(path)
    return files


def cpu_seconds() -> float:
    """CPU time of this process (the workers report theirs in run.json)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def baseline(files: list[Path]) -> dict:
    """The same checks and filters in this process: read, check and score the risk in documents of 100,
    export filter."""
    started, cpu = time.perf_counter(), cpu_seconds()
    report = ExportReport("parquet", FILTERS.to_dict())
    pipeline = FilterPipeline(FILTERS, WRITERS["parquet"], report)
    digest = hashlib.sha256()
    for row in pipeline(_checked_rows(files)):
        digest.update(f"{row.source}\t{row.target}\n".encode("utf-8"))
    seconds = time.perf_counter() - started
    return {"run": "baseline (one process)", "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu,
            "pairs": report.considered,
            "kept": report.exported, "kept_sha256": digest.hexdigest(),
            "removed": {k: v.count for k, v in report.removed.items() if v.count},
            "peak_rss_mb": None}  # this process also built the corpus in memory: its peak says nothing


def _checked_rows(files: list[Path]):
    for path in files:
        with path.open(encoding="utf-8") as f:
            block: list[tuple[str, str]] = []
            for line in f:
                source, target = line.rstrip("\n").split("\t")
                block.append((source, target))
                if len(block) == BLOCK:
                    yield from _check_block(path.name, block)
                    block = []
            if block:
                yield from _check_block(path.name, block)


def _check_block(name: str, block: list[tuple[str, str]]):
    document = DocumentDraft(name, "tsv", tuple(SegmentDraft(mt=t, source=s) for s, t in block))
    found = run_checks(document)
    document_risks(block, found)  # the batch scores every pair's risk too (and writes it out)
    for (source, target), findings in zip(block, found):
        yield ExportRow(id="", source=source, target=target, source_lang="xx", target_lang="yy",
                        findings=tuple(f"{f.check}:{f.severity.value}" for f in findings), risk=risk_rank(findings))


def engine_run(label: str, files: list[Path], out: Path, engine: str, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cpu = cpu_seconds()
    runner = make_engine(engine, workers=workers)
    try:
        result = run_batch(BatchOptions(inputs=tuple(map(str, files)), out=str(out), filters=FILTERS), runner)
    finally:
        runner.close()
    cpu = cpu_seconds() - cpu + result.run["worker_cpu_seconds"]  # the driver's and every worker's
    digest = hashlib.sha256()
    import pyarrow.parquet as pq

    for part in result.report["outputs"]:
        table = pq.read_table(out / part, columns=["source", "target"])
        for source, target in zip(table.column("source").to_pylist(), table.column("target").to_pylist()):
            digest.update(f"{source}\t{target}\n".encode("utf-8"))
    run = result.run
    return {"run": label, "seconds": run["seconds"], "cpu_seconds": cpu, "pairs": run["pairs"],
            "kept": result.report["exported"],
            "kept_sha256": digest.hexdigest(),
            "removed": {k: v["count"] for k, v in result.report["removed"].items() if v["count"]},
            "peak_rss_mb": run["worker_peak_rss_mb"], "stages": {k: v["seconds"] for k, v in run["stages"].items()},
            "shards": run["shards"], "buckets": run["buckets"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 pairs")
    parser.add_argument("--only", default=",".join(RUNS), help=f"some of {','.join(RUNS)}")
    args = parser.parse_args()
    n = 100_000 if args.quick else args.pairs
    runs = args.only.split(",")
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    rows = []
    try:
        print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
        (work / "corpus").mkdir()
        files = build_corpus(work / "corpus", n)
        print(f"corpus: {n:,} pairs in {len(files)} TSV files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB",
              file=sys.stderr)
        if "baseline" in runs:
            _done(rows, baseline(files))
        for label, engine, workers in (("local1", "local", 1), ("local2", "local", 2), ("ray2", "ray", 2)):
            if label in runs:
                _done(rows, engine_run(f"{engine}, {workers} worker{'s' * (workers > 1)}", files, work / label,
                                       engine, workers))
        if "small" in runs:  # memory flat in corpus size: the same engine on a tenth of the pairs
            (work / "small").mkdir()
            small = build_corpus(work / "small", n // 10)
            _done(rows, engine_run(f"local, 2 workers, {n // 10:,} pairs", small, work / "small-out", "local", 2))
        print(f"load average at end: {os.getloadavg()}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(rows, n)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "batch.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def _done(rows: list[dict], row: dict) -> None:
    """Keep a finished run's row, and say it at once (a long bench on a busy machine may be cut short)."""
    rows.append(row)
    print(f"done: {json.dumps(row)}; load average {os.getloadavg()}", file=sys.stderr, flush=True)


def _print(rows: list[dict], n: int) -> None:
    by_label = {r["run"]: r for r in rows}
    base = by_label.get("baseline (one process)")
    one = by_label.get("local, 1 worker")
    print(f"\n{n:,} pairs, every check, default export filters (duplicates across the corpus)\n")
    print("| run | seconds | pairs/s | vs 1 worker | vs one process | cores it got | pairs per CPU-second "
          "| CPU vs one process | worker peak RSS | kept | same kept pairs as one process |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        rate, cpu_rate = r["pairs"] / r["seconds"], r["pairs"] / r["cpu_seconds"]
        vs_one = f"{rate / (one['pairs'] / one['seconds']):.2f}x" if one else "-"
        vs_base = f"{rate / (base['pairs'] / base['seconds']):.2f}x" if base else "-"
        cpu_vs_base = f"{cpu_rate / (base['pairs'] / base['cpu_seconds']):.2f}x" if base else "-"
        same = "-" if r is base or not base or r["pairs"] != base["pairs"] else (
            "yes" if r["kept_sha256"] == base["kept_sha256"] else "NO")
        memory = f"{r['peak_rss_mb']:.0f} MB" if r["peak_rss_mb"] else "-"
        print(f"| {r['run']} | {r['seconds']:.0f} | {rate:,.0f} | {vs_one} | {vs_base} | "
              f"{r['cpu_seconds'] / r['seconds']:.2f} | {cpu_rate:,.0f} | {cpu_vs_base} | {memory} | {r['kept']:,} "
              f"| {same} |")
    for r in rows:
        if "stages" in r:
            print(f"  {r['run']}: stages {r['stages']} s, {r['shards']} shards, {r['buckets']} buckets; "
                  f"removed {r['removed']}")
    if base:
        print(f"  baseline: removed {base['removed']}")


if __name__ == "__main__":
    main()
