"""batch: check and clean a corpus of any size on worker processes or a Ray cluster, and send a
sample to review."""
from __future__ import annotations

import sys
from dataclasses import replace

from ..candidates import BACKENDS, all_options
from ..checks import CHECKS
from ..errors import BadInputError
from ..language.tags import checked_tag
from .common import add_db, add_project, print_json
from .export import add_filter_options, filters_from


def register(sub) -> None:
    p = sub.add_parser(
        "batch", help="check and clean a whole corpus (TSV, JSONL, Parquet, TMX, Moses) on workers or Ray",
        description="Writes DIR/kept/*.parquet, DIR/removed/*.parquet (with the filter that removed each pair) "
                    "and DIR/report.json. A rerun into the same DIR skips the shards already done.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders or globs; local paths or URLs (s3://, gs://, hdfs://, file://); "
                        "a Moses pair as corpus.xx (with corpus.yy) or the prefix corpus")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (a URL works too)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="worker processes on this machine, or Ray Data (default: %(default)s)")
    p.add_argument("--address", help="Ray cluster address (HEAD_IP:6379); default: start Ray on this machine")
    p.add_argument("--workers", type=int, help="parallel workers (default: every core; on Ray: every CPU)")
    p.add_argument("--checks", help=f"comma-separated checks to run (default: all: {', '.join(CHECKS)})")
    p.add_argument("--source-lang", help="source language (TMX files name theirs; Moses pairs need it)")
    p.add_argument("--target-lang", help="target language")
    add_filter_options(p, reviewed=False)
    p.add_argument("--shard-mb", type=float, default=16, help="megabytes of TSV/JSONL/Moses per shard (default: 16)")
    p.add_argument("--buckets", type=int, help="duplicate-detection buckets (default: one per million pairs)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.add_argument("--report", choices=("text", "json"), default="text", help="how to print the report")
    group = p.add_argument_group("candidate translation of the kept pairs (optional)")
    group.add_argument("--model", metavar="ID_OR_DIR", help="a model directory or a Hugging Face id in the local cache")
    group.add_argument("--backend", choices=sorted(BACKENDS), default="transformers")
    group.add_argument("--system", help="name shown for the candidates (default: the model's name)")
    for option in all_options().values():
        group.add_argument("--model-" + option.name.replace("_", "-"), dest="model_" + option.name, default=None,
                           choices=option.choices or None, help=option.help,
                           metavar=None if option.choices else type(option.default).__name__.upper())
    group = p.add_argument_group("review sample (optional)")
    group.add_argument("--review-sample", type=int, metavar="N", help="import N kept pairs into a review project")
    group.add_argument("--sample", choices=("riskiest", "stratified"), default="riskiest",
                       help="riskiest first, or stratified by check (default: %(default)s)")
    add_project(group)
    add_db(group)
    p.set_defaults(run=run_batch_command)


def options_from(args):
    from ..batch import BatchOptions, ModelSpec

    checks = tuple(c.strip() for c in args.checks.split(",") if c.strip()) if args.checks else None
    unknown = [c for c in checks or () if c not in CHECKS]
    if unknown:
        raise BadInputError(f"--checks: unknown check {unknown[0]!r} (known: {', '.join(CHECKS)})")
    if args.shard_mb <= 0 or (args.buckets is not None and args.buckets < 1):
        raise BadInputError("--shard-mb and --buckets must be above 0")
    model = None
    if args.model:
        values = {name: getattr(args, "model_" + name) for name in all_options()}
        model = ModelSpec(args.model, args.backend, args.system, {k: v for k, v in values.items() if v is not None})
    return BatchOptions(
        inputs=tuple(args.inputs), out=args.out, checks=checks, source_lang=checked_tag(args.source_lang, "--source-lang"),
        target_lang=checked_tag(args.target_lang, "--target-lang"), filters=replace(filters_from(args), drop_rejected=False),
        shard_bytes=int(args.shard_mb * (1 << 20)), buckets=args.buckets, model=model,
    )


def run_batch_command(args) -> int:
    from ..batch import make_engine, run_batch
    from ..batch.report import summary_lines

    options = options_from(args)
    if args.review_sample is not None and args.review_sample < 1:
        raise BadInputError("--review-sample must be at least 1")
    engine = make_engine(args.engine, workers=args.workers, address=args.address)
    try:
        if engine.dashboard and not args.no_progress:
            print(f"Ray dashboard: {engine.dashboard}", file=sys.stderr)
        result = run_batch(options, engine, progress=not args.no_progress)
    except OSError as exc:  # the output folder (or a file system) refused a write
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BadInputError(f"{args.out}: {reason}") from None
    finally:
        engine.close()
    if args.report == "json":
        print_json(result.report)
    else:
        if result.run.get("already_complete"):
            print(f"{args.out}: this run was already complete; nothing to do")
        print("\n".join(summary_lines(result.report)))
        print(f"  wrote {args.out}/kept, {args.out}/removed, {args.out}/report.json")
    if args.review_sample:
        from ..workflow.batch import import_review_sample

        imported = import_review_sample(args.out, args.review_sample, project=args.project, db=args.db,
                                        how=args.sample)
        for document, created in imported:
            state = "imported" if created else "already imported"
            print(f"  review sample: {state} {document.name!r} into project {args.project!r}", file=sys.stderr)
    if result.failed:
        print(f"review-app batch: {len(result.failed)} shard(s) failed (listed in report.json); "
              "fix them and run again to finish", file=sys.stderr)
        return 1
    return 0
