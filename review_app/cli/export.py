"""export: write a project's reviewed segments as a clean corpus, with a report of what was filtered."""
from __future__ import annotations

import sys

from tqdm import tqdm

from .. import workflow
from ..errors import BadInputError
from ..export import FORMATS, WRITERS, ExportFilters
from ..model import Severity
from ..workflow.export import export_project, preview_export
from .common import add_db, add_project, print_json


def register(sub) -> None:
    formats = "; ".join(f"{name}: {w.title}" for name, w in WRITERS.items())
    p = sub.add_parser("export", help="export reviewed segments (TMX, XLIFF, TSV, CSV, JSONL, Moses, Parquet, text)",
                       description=f"Formats: {formats}.")
    p.add_argument("--format", dest="export_format", choices=FORMATS, required=True)
    p.add_argument("--out", help="output file (moses: the prefix of OUT.<src> and OUT.<tgt>); "
                                 "the report is written beside it as OUT.report.json")
    add_db(p)
    add_project(p)
    p.add_argument("--document", action="append", metavar="NAME", help="only this document (repeatable)")
    add_filter_options(p)
    p.add_argument("--source-lang", help="source language for documents that have none")
    p.add_argument("--target-lang", help="target language for documents that have none")
    p.add_argument("--dry-run", action="store_true", help="only report what the filters would remove")
    p.add_argument("--report", choices=("text", "json"), default="text", help="how to print the report")
    p.set_defaults(run=run_export)


def add_filter_options(p, reviewed: bool = True) -> None:
    """The export filters as flags; ``reviewed=False`` leaves out those about reviewers' decisions."""
    if reviewed:
        p.add_argument("--approved-only", action="store_true", help="only segments a reviewer approved")
    p.add_argument("--keep-excluded", action="store_true", help="keep page furniture and other excluded segments")
    if reviewed:
        p.add_argument("--keep-rejected", action="store_true", help="keep segments a reviewer rejected")
    p.set_defaults(approved_only=False, keep_rejected=False)
    p.add_argument("--keep-duplicates", action="store_true", help="keep exact duplicate pairs")
    p.add_argument("--keep-near-duplicates", action="store_true",
                   help="keep pairs that differ only in case, width, spacing or punctuation")
    p.add_argument("--min-length", type=int, default=1, help="fewest characters on each side (default: %(default)s)")
    p.add_argument("--min-ratio", type=float, help="lowest target/source length ratio, in characters")
    p.add_argument("--max-ratio", type=float, help="highest target/source length ratio, in characters")
    p.add_argument("--drop-severity", choices=[s.value for s in Severity],
                   help="drop unapproved segments with an open finding this severe or worse")


def filters_from(args) -> ExportFilters:
    for name in ("min_ratio", "max_ratio"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            raise BadInputError(f"--{name.replace('_', '-')} must be above 0, not {value}")
    return ExportFilters(
        approved_only=args.approved_only,
        drop_excluded=not args.keep_excluded,
        drop_rejected=not args.keep_rejected,
        drop_duplicates=not args.keep_duplicates,
        drop_near_duplicates=not args.keep_near_duplicates,
        min_length=args.min_length,
        min_ratio=args.min_ratio,
        max_ratio=args.max_ratio,
        drop_severity=Severity(args.drop_severity) if args.drop_severity else None,
    )


def run_export(args) -> int:
    if not args.out and not args.dry_run:
        raise BadInputError("give --out PATH (or --dry-run to see what the filters would remove)")
    store = workflow.open_store(args.db)
    options = dict(documents=args.document, source_lang=args.source_lang, target_lang=args.target_lang)
    filters = filters_from(args)
    if args.dry_run:
        report = preview_export(store, args.project, args.export_format, filters, **options)
    else:
        bars: list[tqdm] = []

        def progress(done: int, total: int | None) -> None:
            if not bars:  # opened on the first rows, so a refused export prints no bar
                bars.append(tqdm(desc=f"exporting {args.export_format}", total=total, unit="seg",
                                 file=sys.stderr, mininterval=0.5))
            bars[0].update(done - bars[0].n)

        try:
            report = export_project(store, args.project, args.export_format, args.out, filters,
                                    progress=progress, **options)
        finally:
            for bar in bars:
                bar.close()
    if args.report == "json":
        print_json(report.to_dict())
    else:
        print(report.summary())
        for path in report.outputs:
            print(f"  wrote {path}")
        if report.outputs:
            print(f"  report: {args.out}.report.json")
        if not report.exported and report.removed.get("no_source", None) and report.removed["no_source"].count:
            print("  hint: these documents have no source text; try --format text or --format ape")
    return 0
