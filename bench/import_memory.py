"""Peak memory of importing a big TSV: the streaming import against the whole-document import.

    .venv/bin/python bench/import_memory.py [--rows 2850000] [--checks] [--baseline-rows N]

Builds a TSV of ``--rows`` short rows (2.85 million rows make about 49 MB, the file of issue 18
that ended in a MemoryError at 3.7 GB), imports it with `review-app import` into a fresh SQLite
file in a child process, and reads the child's peak resident memory (ru_maxrss) when it exits.
The baseline, in the same run, is the whole-document path the import used before (the file
read into one DocumentDraft, then stored), on ``--baseline-rows`` rows (default a tenth, since
at full size it needs several GB); the ratio is printed at that size, and the streaming import's
peak at full size against the 500 MB target.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 500

# The whole-document import as it was: one DocumentDraft of every segment, then stored.
BASELINE = """
import hashlib, sys
from pathlib import Path
from review_app import workflow
from review_app.ingest import read_document
from review_app.workflow.importing import store_document
path, url, checks = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
data = path.read_bytes()
draft = read_document(path.name, data)
store_document(workflow.open_store(url), "bench", draft, hashlib.sha256(data).hexdigest(), checks=checks)
"""


def write_tsv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("src\tmt\n")
        for i in range(rows):
            fh.write(f"s{i % 97}\tHe said {i % 991}.\n")


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(peak resident MB, seconds) of a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "REVIEW_APP_MAX_IMPORT_BYTES": str(10**9)})
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd[:4]} failed: {proc.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_850_000)
    parser.add_argument("--baseline-rows", type=int)
    parser.add_argument("--checks", action="store_true", help="run the checks too (slower: minutes)")
    args = parser.parse_args()
    baseline_rows = args.baseline_rows or args.rows // 10
    cli = [str(Path(sys.executable).with_name("review-app"))]
    with tempfile.TemporaryDirectory(prefix="bench-import-memory-") as tmp:
        big, small = Path(tmp) / "big.tsv", Path(tmp) / "small.tsv"
        write_tsv(big, args.rows)
        write_tsv(small, baseline_rows)
        checks = [] if args.checks else ["--no-checks"]
        print(f"file: {args.rows:,} rows, {big.stat().st_size / 1e6:.1f} MB; checks {'on' if args.checks else 'off'}")

        old_mb, old_s = peak_rss_mb([sys.executable, "-c", BASELINE, str(small), f"sqlite:///{tmp}/old.db",
                                     "1" if args.checks else "0"])
        new_small_mb, new_small_s = peak_rss_mb([*cli, "import", str(small), "--db", f"sqlite:///{tmp}/new1.db",
                                                 *checks])
        print(f"{baseline_rows:,} rows: whole-document import {old_mb:,.0f} MB peak ({old_s:.0f} s); streaming "
              f"import {new_small_mb:,.0f} MB ({new_small_s:.0f} s); ratio {old_mb / new_small_mb:.1f}x less")

        new_mb, new_s = peak_rss_mb([*cli, "import", str(big), "--db", f"sqlite:///{tmp}/new2.db", *checks])
        verdict = "met" if new_mb < TARGET_MB else "NOT met"
        print(f"{args.rows:,} rows: streaming import {new_mb:,.0f} MB peak ({new_s:.0f} s); "
              f"target under {TARGET_MB} MB: {verdict}")


if __name__ == "__main__":
    main()
