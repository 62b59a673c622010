"""What a worker process says about itself with each job's result: which process it is, its peak
memory and the CPU time it has had (on a shared machine, what a run really got)."""
from __future__ import annotations

import os
import resource


def worker_stats() -> dict:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"pid": os.getpid(), "peak_rss_mb": peak_rss_mb(), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program.

    Linux's ru_maxrss survives exec, so a worker spawned by a big parent would report the parent's
    peak; the kernel's high-water mark of the process's own memory (VmHWM) does not.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


__all__ = ["worker_stats", "peak_rss_mb"]
