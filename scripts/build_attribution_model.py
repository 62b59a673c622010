"""Build the attribution check's learned decision from the tuning and test halves of the garbled set.

    .venv/bin/python scripts/build_attribution_model.py [--l2 0.3] [--threshold 0.7] [--out PATH]

Prints the 5-fold cross-validated figures (folds by document) and the weights of both models (the
tracker's, and the person-in-reach one with the words around the pronoun), and writes the model file
the check ships (review_app/language/english/speaker_model.py reads it). Only data the repository carries
is read (corpora/); the held-out splits (wmt23 MT, MLQE-PE, UD-EWT) are never touched.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.evaluation.attribution_training import L2, NEAR_L2, THRESHOLD, build, cross_validate  # noqa: E402
from review_app.language.english.speaker_model import FEATURES, MODEL_PATH  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty on the weights")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="probability at which it flags")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    model, data, near = build(args.l2, args.threshold)
    print(f"{len(data)} reporting pronouns from the tuning and test halves and the spent news splits, "
          f"{sum(e.garbled for e in data)} garbled")
    print("5-fold cross-validation by document:", cross_validate(data, args.l2, threshold=args.threshold).line())
    args.out.write_text(model.to_json(), encoding="utf-8")  # first, so a closed pipe cannot lose it
    for name, weight in sorted(model.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:22s} {weight:+.3f}")
    print(f"  {'(bias)':22s} {model.bias:+.3f}")
    in_reach = model.person_in_reach
    print(f"{len(near)} with a fitting person named just before, {sum(e.garbled for e in near)} garbled: "
          f"{len(in_reach.weights) - len(FEATURES)} words, threshold {in_reach.threshold}")
    print("5-fold cross-validation by document:", cross_validate(
        near, NEAR_L2, threshold=in_reach.threshold, names=list(in_reach.weights)).line())
    for name, weight in sorted(in_reach.weights.items(), key=lambda kv: -abs(kv[1]))[:20]:
        print(f"  {name:22s} {weight:+.3f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
