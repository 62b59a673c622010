"""COMET-22 throughput and memory on CPU: the app's loader against unbabel-comet.

The same tiny-but-not-trivial COMET-22 checkpoint (random weights; XLM-R of width 256,
4 layers, FFN 1024, an 8k Unigram vocabulary; estimator 512-128) scores the same
529 segments of the WMT21 TED MQM release (English source, German reference, Facebook-AI's
German output) with the same batch size and CPU threads, once with
review_app (this environment) and once with unbabel-comet 2.2.7 ``predict(gpus=0)`` (the
side environment, bench/neural_common.py). Each runs in a fresh process, so each peak
resident memory (VmHWM: imports, loading and scoring) is its own; the time is the
scoring call alone, best of ``--repeat``. Prints segments/s of both, the ratio, and
the memory of both.

No GPU is measured here: the development machine has none.

    .venv/bin/python bench/neural.py [--batch-size 16] [--threads 1] [--repeat 2] [--side-venv DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from neural_common import OUT, SIDE_VENV, build_tiny, run_side, side_python, ted_inputs
from neural_side import peak_rss_mb

SIZE = dict(hidden=256, layers=4, ffn=1024, vocab=8000, estimator=(512, 128))


def ours_in_this_process(folder: Path, data: dict, batch_size: int, threads: int, repeat: int) -> dict:
    import torch

    from review_app.scoring.neural import load_scorer

    torch.set_num_threads(threads)
    scorer = load_scorer("comet", str(folder), device="cpu", batch_size=batch_size)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        scores = scorer.score(data["src"], data["mt"], data["ref"])
        best = min(best, time.perf_counter() - started)
    return {"scores": scores, "seconds": best, "peak_rss_mb": peak_rss_mb()}


def reference_best(python: Path, folder: Path, data: dict, batch_size: int, threads: int, repeat: int) -> dict:
    runs = [run_side(python, "comet", folder, data, "--batch-size", str(batch_size), "--threads", str(threads))
            for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"]) | {"peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads for both sides (default 1)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--side-venv", type=Path, default=SIDE_VENV)
    parser.add_argument("--ours-only", type=Path, help=argparse.SUPPRESS)  # worker mode: write JSON here
    args = parser.parse_args()
    paths = build_tiny(OUT / "neural-bench", **SIZE)
    data = ted_inputs()
    segments = len(data["mt"])
    if args.ours_only:
        result = ours_in_this_process(paths["comet"], data, args.batch_size, args.threads, args.repeat)
        args.ours_only.write_text(json.dumps(result))
        return 0
    python = side_python(args.side_venv)
    answer = OUT / "neural-ours.json"
    subprocess.run([sys.executable, __file__, "--batch-size", str(args.batch_size),
                    "--threads", str(args.threads), "--repeat", str(args.repeat), "--ours-only", str(answer)],
                   check=True)
    ours = json.loads(answer.read_text())
    reference = reference_best(python, paths["comet"], data, args.batch_size, args.threads, args.repeat)
    worst = max(abs(a - b) for a, b in zip(ours["scores"], reference["scores"]))
    rate = {name: segments / r["seconds"] for name, r in (("ours", ours), ("comet", reference))}
    print(f"COMET-22 {SIZE}, {segments} segments, batch {args.batch_size}, {args.threads} thread(s), CPU")
    print(f"review_app      {rate['ours']:8.1f} segments/s  ({ours['seconds']:.2f} s)  peak RSS {ours['peak_rss_mb']:6.0f} MB")
    print(f"unbabel-comet   {rate['comet']:8.1f} segments/s  ({reference['seconds']:.2f} s)  "
          f"peak RSS {reference['peak_rss_mb']:6.0f} MB")
    print(f"ratio: {rate['ours'] / rate['comet']:.2f}x the throughput, "
          f"{ours['peak_rss_mb'] / reference['peak_rss_mb']:.2f}x the memory; "
          f"largest score difference {worst:.1e}")
    (OUT / "neural.json").write_text(json.dumps({"size": SIZE, "segments": segments, "batch": args.batch_size,
                                                  "threads": args.threads, "ours": {**ours, "scores": None},
                                                  "comet": {**reference, "scores": None}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
