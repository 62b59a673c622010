"""What a worker process says about itself with each job's result: which process it is, its peak
memory and the CPU time it has had (on a shared machine, what a run really got)."""
from __future__ import annotations

import os
import resource


def worker_stats() -> dict:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"pid": os.getpid(), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux counts kilobytes
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}


__all__ = ["worker_stats"]
