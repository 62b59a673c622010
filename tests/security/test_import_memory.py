"""Memory stays bounded on big files (issue 18 #2, issue 17 #1): measured as the importing child's
peak resident memory, against a cap.

Before: a 49 MB TSV of 2.85 million rows ended in a MemoryError at 3.7 GB (3.2 GB with
--no-checks): every row was one object in memory before anything was stored. After: rows are read
a line at a time and stored through a spool; bench/import_memory.py measures the full-size file
(155 MB peak without checks). Here a 1,200,000-row file (20 MB) stands in for it: main before the
change peaked at 1,363 MB on it, the streaming import stays under the cap; and a 50 MB single line
is refused in one line without the memory blowing.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from review_app.storage import Store

CAP_MB = 300


def _peak_mb(*args) -> tuple[int, float, str]:
    """Exit code, peak resident MB and stderr of `review-app ARGS` in a child.

    The peak is the child's own high-water mark (VmHWM), read while it runs: ru_maxrss would also
    count the pages of this big test process that the child had before it exec'd."""
    proc = subprocess.Popen([sys.executable, "-m", "review_app.cli", *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    status, peak_kb = Path(f"/proc/{proc.pid}/status"), 0
    while proc.poll() is None:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmHWM:"))
            peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, StopIteration):
            pass  # exiting: its memory is already gone
        time.sleep(0.02)
    return proc.returncode, peak_kb / 1024, proc.stderr.read()


def test_a_1200000_row_tsv_imports_within_the_memory_cap(tmp_path):
    path = tmp_path / "rows.tsv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("src\tmt\n")
        for i in range(1_200_000):
            fh.write(f"s{i % 97}\tHe said {i % 991}.\n")
    url = f"sqlite:///{tmp_path / 'rows.db'}"
    code, peak, err = _peak_mb("import", path, "--db", url, "--no-checks")
    assert code == 0, err
    assert peak < CAP_MB, f"{peak:.0f} MB peak"
    (summary,) = Store(url).list_documents("default")
    assert summary.segments == 1_200_000


def test_a_50_mb_single_line_is_one_line_within_the_cap(tmp_path):
    path = tmp_path / "oneline.txt"
    path.write_text("word " * 10_000_000, encoding="utf-8")
    code, peak, err = _peak_mb("import", path, "--db", f"sqlite:///{tmp_path / 'one.db'}")
    assert code == 2 and err.count("\n") == 1 and "at most 20,000 fit" in err, err
    assert peak < 2 * CAP_MB, f"{peak:.0f} MB peak"
