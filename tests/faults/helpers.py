"""Running the CLI (or a script) as a separate process under a fault: a file size limit (a full
disk, as `ulimit -f` makes one) or without root's power to write read-only files."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def run(cmd: list[str], *, fsize: int | None = None, unprivileged: bool = False,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """``fsize``: the largest file the child may write (RLIMIT_FSIZE, as `ulimit -f`);
    ``unprivileged``: as root, drop CAP_DAC_OVERRIDE so that file modes bind the child too."""
    if unprivileged and os.geteuid() == 0:
        cmd = [*UNPRIVILEGED, *cmd]

    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=limit)


def cli(*args, **faults) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "review_app.cli", *map(str, args)], **faults)


def python(code: str, *args, **faults) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", code, *map(str, args)], **faults)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The one error line (progress bars aside) of a command that failed as it should."""
    lines = [line for line in result.stderr.strip().splitlines() if line.startswith("review-app")]
    assert result.returncode == 2, (result.returncode, result.stderr[-3000:])
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return lines[0]
