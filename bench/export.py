"""Export throughput and memory: segments per second and peak resident memory, per format.

1. Every writer, fed 1,000,000 rows (``--quick``: 100,000) from a generator of synthetic rows built
   from the 1,000 real Korean-English news pairs in corpora/ (numbered, so the duplicate filters keep
   them all), through the same filters and streaming path as ``review-app export``.
2. A Store-backed export of a smaller project (SQLite file; 50,000 segments, ``--quick``: 10,000).
3. Baselines, in the same process and last (they hold everything in memory and would inflate the
   peak of whatever ran after them): translate-toolkit's ``tmxfile`` building the whole TMX in memory,
   as the issue asks; it is GPL, so it is never a dependency: install it into the venv yourself
   (``.venv/bin/pip install translate-toolkit``) or point PYTHONPATH at a folder that has it. Without
   it, an lxml tree built in memory stands in, and the output says so.

Peak memory is the process's resident set, sampled every 10 ms while each step runs.

    .venv/bin/python bench/export.py [--quick] [--formats tmx,jsonl] [--skip-baseline]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
# bench/translate.py (another benchmark) would shadow translate-toolkit's "translate" package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from review_app.export import FORMATS, WRITERS, ExportFilters, ExportHeader, ExportRow, export_rows  # noqa: E402
from review_app.workflow.export import export_project  # noqa: E402

HEADER = ExportHeader("ko", "en", project="bench", created=datetime.now(timezone.utc))
REVIEWED_AT = datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc)
PAGE = os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """Samples this process's resident memory in a thread; .peak_mb after the block."""

    def __init__(self, every: float = 0.01):
        self.every, self.peak = every, 0
        self._stop = threading.Event()

    @staticmethod
    def now() -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * PAGE

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.now())
            self._stop.wait(self.every)

    def __enter__(self):
        gc.collect()
        self.peak = self.now()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.now())

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def news_pairs() -> list[tuple[str, str]]:
    corpus = ROOT / "corpora" / "korean-english-news-v1"
    ko = (corpus / "dev.ko").read_text(encoding="utf-8").splitlines()
    en = (corpus / "dev.en").read_text(encoding="utf-8").splitlines()
    return list(zip(ko, en))


def synthetic_rows(n: int) -> Iterator[ExportRow]:
    pairs = news_pairs()
    for i in range(n):
        ko, en = pairs[i % len(pairs)]
        yield ExportRow(
            id=str(i + 1), source=f"{ko} ({i})", target=f"{en} ({i})", source_lang="ko", target_lang="en", mt=en,
            document="news", position=i, status="approved", reviewed=True, origin="reviewer", reviewer="mina",
            time=REVIEWED_AT,
        )


def measure(label: str, n: int, run) -> dict:
    with PeakRss() as rss, tqdm(total=n, desc=label, unit="seg", file=sys.stderr, mininterval=0.5) as bar:
        started = time.perf_counter()
        detail = run(lambda done, total: bar.update(done - bar.n))
        elapsed = time.perf_counter() - started
    return {"label": label, "n": n, "seconds": elapsed, "per_second": n / elapsed, "peak_mb": rss.peak_mb,
            "detail": detail}


NO_DUPLICATE_CHECK = ExportFilters(drop_duplicates=False, drop_near_duplicates=False)


def bench_writer(fmt: str, n: int, folder: Path, filters: ExportFilters | None = None, label: str = "") -> dict:
    out = folder / f"bench{WRITERS[fmt].extension or '.txt'}"

    def run(progress):
        report = export_rows(synthetic_rows(n), fmt, out, header=HEADER, filters=filters, progress=progress,
                             total=n, write_report=False)
        assert report.exported == n, report.summary()
        size = sum(Path(p).stat().st_size for p in report.outputs)
        for p in report.outputs:
            Path(p).unlink()
        return f"{size / 2**20:,.0f} MB written"

    return measure(label or fmt, n, run)


def bench_store(n: int, folder: Path) -> list[dict]:
    from review_app.model import DocumentDraft, SegmentDraft
    from review_app.storage import Store

    store = Store(f"sqlite:///{folder / 'bench.db'}")
    pairs = news_pairs()
    draft = DocumentDraft(
        name="news", format="tsv", source_lang="ko", target_lang="en",
        segments=tuple(SegmentDraft(mt=f"{pairs[i % 1000][1]} ({i})", source=f"{pairs[i % 1000][0]} ({i})",
                                    paragraph=i) for i in range(n)),
    )
    store.add_document("bench", draft, sha256="0" * 64)
    del draft
    results = []
    for fmt in ("tmx", "jsonl"):
        out = folder / f"store.{fmt}"
        results.append(measure(f"store->{fmt}", n, lambda progress: export_project(
            store, "bench", fmt, out, ExportFilters(), progress=progress).summary().splitlines()[0]))
    store.close()
    return results


def baseline_translate_toolkit(n: int, folder: Path) -> dict | None:
    try:
        from translate.storage.tmx import tmxfile
    except ImportError:
        return None

    def run(progress):
        tm = tmxfile(sourcelanguage="ko", targetlanguage="en")
        for i, row in enumerate(synthetic_rows(n), start=1):
            unit = tm.addsourceunit(row.source)
            unit.target = row.target
            if i % 1000 == 0:
                progress(i, n)
        with open(folder / "ttk.tmx", "wb") as fh:
            tm.serialize(fh)
        progress(n, n)
        return "translate-toolkit tmxfile, whole document in memory"

    return measure("baseline: ttk tmxfile", n, run)


def baseline_lxml_tree(n: int, folder: Path) -> dict:
    """The in-memory approach without translate-toolkit: an lxml tree, then one serialisation."""
    from lxml import etree

    def run(progress):
        root = etree.Element("tmx", version="1.4")
        etree.SubElement(root, "header", srclang="ko", adminlang="en", segtype="sentence", datatype="plaintext",
                         creationtool="bench", creationtoolversion="1", **{"o-tmf": "bench"})
        body = etree.SubElement(root, "body")
        lang = "{http://www.w3.org/XML/1998/namespace}lang"
        for i, row in enumerate(synthetic_rows(n), start=1):
            tu = etree.SubElement(body, "tu", tuid=row.id)
            for code, text in (("ko", row.source), ("en", row.target)):
                etree.SubElement(etree.SubElement(tu, "tuv", {lang: code}), "seg").text = text
            if i % 1000 == 0:
                progress(i, n)
        etree.ElementTree(root).write(str(folder / "tree.tmx"), encoding="UTF-8", xml_declaration=True)
        progress(n, n)
        return "lxml tree in memory"

    return measure("baseline: lxml tree", n, run)


def show(result: dict) -> None:
    print(f"{result['label']:<24} {result['n']:>10,} seg  {result['seconds']:8.1f} s  "
          f"{result['per_second']:>10,.0f} seg/s  peak RSS {result['peak_mb']:7,.0f} MB   {result['detail']}",
          flush=True)


def run_alone(args: list[str]) -> dict:
    """One step in a fresh interpreter, so its peak memory is its own (not an earlier step's leftovers)."""
    done = subprocess.run([sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows (and a 10,000-segment project)")
    parser.add_argument("--rows", type=int, help="rows per writer (default 1,000,000; --quick 100,000)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: all)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--only", help=argparse.SUPPRESS)  # internal: one step, printed as JSON
    args = parser.parse_args(argv)
    n = args.rows or (100_000 if args.quick else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        if args.only:
            result = bench_store(n, folder) if args.only == "store" else [bench_writer(args.only, n, folder)]
            print(json.dumps(result))
            return 0
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {n:,} rows per writer; "
              "each format in its own process", flush=True)
        for fmt in args.formats.split(","):
            show(run_alone(["--only", fmt, "--rows", str(n)])[0])
        for result in run_alone(["--only", "store", "--rows", str(10_000 if args.quick else 50_000)]):
            show(result)
        if not args.skip_baseline:
            compare_with_baseline(n, folder)
    return 0


def compare_with_baseline(n: int, folder: Path) -> None:
    """Our TMX export and the in-memory baseline, one after the other in this process.

    The baseline only writes; ours is measured twice: doing the same work (no duplicate check), and
    with every default filter on (the near-duplicate key, NFKC and all, is the costliest part).
    """
    same_work = bench_writer("tmx", n, folder, NO_DUPLICATE_CHECK, "tmx, no dedup")
    show(same_work)
    defaults = bench_writer("tmx", n, folder, None, "tmx, default filters")
    show(defaults)
    baseline = baseline_translate_toolkit(n, folder)
    if baseline is None:
        print("translate-toolkit is not importable (GPL, so not a dependency): "
              "`.venv/bin/pip install translate-toolkit` to measure it; using an lxml tree instead", flush=True)
        baseline = baseline_lxml_tree(n, folder)
    show(baseline)
    name = baseline["label"].split(": ")[1]
    for ours in (same_work, defaults):
        print(f"{ours['label']} vs {name}: {ours['per_second'] / baseline['per_second']:.1f}x the speed, "
              f"peak RSS {ours['peak_mb']:,.0f} MB vs {baseline['peak_mb']:,.0f} MB", flush=True)


if __name__ == "__main__":
    sys.exit(main())
