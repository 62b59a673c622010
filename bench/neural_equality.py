"""Numerical equality of the app's neural metrics with the reference implementations.

Builds tiny COMET-22, CometKiwi and MetricX-24 checkpoints in the published layouts
(random weights, tests/tiny_neural.py), scores the same 200 Korean-English
news segments with the app, and with the reference in a side virtual environment
(bench/neural_common.py builds it: torch 2.13.0, unbabel-comet 2.2.7, transformers 4.x):

- COMET-22 and CometKiwi: unbabel-comet's own ``load_from_checkpoint`` + ``predict``;
- MetricX-24 (its package does not install: google-research/metricx is not on PyPI):
  the published formula through transformers 4.x's full MT5ForConditionalGeneration
  forward pass, one segment at a time as the published script runs.

Prints the largest absolute difference per metric, the tensors the reference model and
the checkpoint disagree on, and exits non-zero if a difference reaches 1e-5.

    .venv/bin/python bench/neural_equality.py [--segments 200] [--batch-size 8] [--side-venv DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from neural_common import OUT, SIDE_VENV, build_tiny, news_inputs, run_side, side_python

TOLERANCE = 1e-5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--side-venv", type=Path, default=SIDE_VENV)
    args = parser.parse_args()
    from review_app.scoring.neural import load_scorer

    paths = build_tiny(OUT / "neural-equality")
    data = news_inputs(args.segments)
    python = side_python(args.side_venv)
    cases = [("comet", "comet", paths["comet"], data, ()),
             ("cometkiwi", "comet", paths["cometkiwi"], {"src": data["src"], "mt": data["mt"]}, ()),
             ("metricx", "metricx", paths["metricx"], data, ()),
             ("metricx-qe", "metricx", paths["metricx"], data, ("--qe",))]
    worst_overall = 0.0
    for metric, side_kind, folder, given, options in cases:
        ours = load_scorer(metric, str(folder), device="cpu", batch_size=args.batch_size).score(
            given["src"], given["mt"], given.get("ref"))
        reference = run_side(python, side_kind, folder, given, "--batch-size", str(args.batch_size), *options)
        diffs = [abs(a - b) for a, b in zip(ours, reference["scores"])]
        worst = max(diffs)
        worst_overall = max(worst_overall, worst)
        versions = ", ".join(f"{k} {v}" for k, v in reference["versions"].items())
        keys = reference["keys"]
        print(f"{metric:<11} {len(diffs)} segments  max |ours - reference| = {worst:.2e}  "
              f"mean = {sum(diffs) / len(diffs):.2e}  score range {min(ours):.4f}..{max(ours):.4f}  "
              f"reference: {versions}; its model vs the checkpoint: missing {keys['missing'] or 'none'}, "
              f"left over {keys['unexpected'] or 'none'}")
    verdict = "PASS" if worst_overall < TOLERANCE else "FAIL"
    print(f"{verdict}: largest difference {worst_overall:.2e} (tolerance {TOLERANCE:.0e})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
