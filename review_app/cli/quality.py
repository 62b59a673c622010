"""qe: a reference-free quality score per segment (CometKiwi or MetricX-24 in QE mode).

The model is imported inside the command, so other commands start without torch.
"""
from __future__ import annotations

import sys

from ..errors import BadInputError
from .common import add_db, print_json
from .scoring import add_neural_options, neural_load_options, neural_progress


def register(sub) -> None:
    p = sub.add_parser(
        "qe", help="quality estimation: a reference-free score per segment (MetricX-24 or CometKiwi)",
        description="Score MT without references. Files: one score per line on stdout. --project: score every "
                    "candidate of a stored project and store the scores with their signature.")
    p.add_argument("--src", help="source file, one segment per line")
    p.add_argument("--mt", help="MT file, aligned with --src")
    p.add_argument("--project", help="score a stored project's candidates and store the scores")
    add_db(p)
    p.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    add_neural_options(p)
    p.set_defaults(run=run_qe)


def _model(args) -> str | None:
    if len(args.model) > 1:
        raise BadInputError("qe takes one --model")
    return args.model[0] if args.model else None


def run_qe(args) -> int:
    if args.project:
        if args.src or args.mt:
            raise BadInputError("give either --project or --src/--mt, not both")
        return _project_qe(args)
    from ..scoring.files import check_aligned, read_lines
    from ..scoring.neural import load_qe

    if not args.src or not args.mt:
        raise BadInputError("give --src FILE and --mt FILE (or --project NAME)")
    sources, mts = read_lines(args.src), read_lines(args.mt)
    check_aligned(args.mt, mts, args.src, sources)
    scorer = load_qe(_model(args), **neural_load_options(args))
    with neural_progress(len(mts), scorer.metric.score_name) as bar:
        values = scorer.score(sources, mts, progress=bar.update)
    signature = scorer.signature().format()
    metric = scorer.metric
    if args.output_format == "json":
        print_json({"metric": metric.score_name, "higher_is_better": metric.higher_is_better,
                    "mean": sum(values) / len(values) if values else None, "signature": signature,
                    "scores": values})
        return 0
    sys.stdout.write("".join(f"{v:.6f}\n" for v in values))  # one per input line, as hter --sentence-level
    direction = "higher is better" if metric.higher_is_better else "lower is better"
    mean = sum(values) / len(values) if values else float("nan")
    print(f"{metric.score_name} = {mean:.{metric.decimals}f} (mean of {len(values)} segments, {direction})  "
          f"{metric.score_name}|{signature}", file=sys.stderr)
    return 0


def _project_qe(args) -> int:
    from .. import workflow
    from ..workflow.neural import store_qe_scores

    store = workflow.open_store(args.db)
    store.project(args.project)
    with neural_progress(0, "quality estimation") as bar:
        stored = store_qe_scores(store, args.project, _model(args), progress=bar.update, **neural_load_options(args))
    print(f"project {args.project}: stored {stored} quality-estimation scores")
    return 0
