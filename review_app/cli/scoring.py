"""score, hter, mqm: leaderboards with significance tests, HTER and MQM tables.

Scoring libraries are imported inside the commands, so that the other commands
start without them.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import BadInputError
from ..ingest.decode import read_input
from .common import add_db, print_json

LEADERBOARD_FORMATS = ("text", "json", "csv", "latex")
# Below this many pairs a progress bar would only flash.
PROGRESS_FROM = 5_000


def register(sub) -> None:
    p = sub.add_parser(
        "score",
        help="corpus BLEU/chrF++/TER of MT systems with 95%% CIs and paired significance tests",
        description="Score systems against a reference file (--ref, --sys), or a stored project's systems "
                    "against its approved corrections and imported references (--project).",
    )
    p.add_argument("--ref", help="reference file, one segment per line")
    p.add_argument("--sys", action="append", default=[], metavar="NAME=FILE",
                   help="a system's output, aligned with --ref (repeat for more systems; the first is the baseline)")
    p.add_argument("--project", help="score this stored project's systems instead of files")
    add_db(p)
    p.add_argument("--systems", help="with --project: which systems, comma-separated (default: all)")
    p.add_argument("--save", action="store_true",
                   help="with --project: also store every candidate's sentence scores")
    p.add_argument("--metrics", default="bleu,chrf,ter",
                   help="comma-separated: bleu, chrf (chrF++), ter; neural (the neural extra): comet, cometkiwi, "
                        "metricx, metricx-qe")
    add_neural_options(p)
    p.add_argument("--src", help="source file, aligned with --ref (the neural metrics read it)")
    test = p.add_mutually_exclusive_group()
    test.add_argument("--paired-bs", action="store_true", help="paired bootstrap resampling against the baseline")
    test.add_argument("--paired-ar", action="store_true", help="paired approximate randomization against the baseline")
    p.add_argument("--baseline", help="system the others are tested against (default: the first)")
    p.add_argument("--samples", type=int, help="resamples (bootstrap, default 1000) or trials (randomization, 10000)")
    p.add_argument("--no-ci", action="store_true",
                   help="skip the bootstrap 95%% intervals (a quick score: about 0.1 s instead of 3 s); "
                        "--paired-bs still gives them, its resamples make them")
    p.add_argument("--target-lang", default="en", help="target language: picks the BLEU tokenizer (default: en)")
    p.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("--width", type=int, default=1, help="decimals in text and LaTeX tables (default: 1)")
    p.add_argument("--format", dest="output_format", choices=LEADERBOARD_FORMATS, default="text")
    p.set_defaults(run=run_score)

    p = sub.add_parser("hter", help="HTER: TER of MT against its post-edit (files, or a project's corrections)")
    p.add_argument("--mt", help="MT file, one segment per line")
    p.add_argument("--pe", help="post-edit file, aligned with --mt")
    p.add_argument("--project", help="HTER of a stored project: MT against the reviewers' latest corrections")
    add_db(p)
    p.add_argument("--sentence-level", action="store_true", help="one HTER per segment")
    p.add_argument("--target-lang", default="en")
    p.add_argument("--jobs", type=int)
    p.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_hter)

    p = sub.add_parser("mqm", help="per-system MQM scores of a WMT MQM TSV; import it into a project or export one")
    p.add_argument("file", nargs="?", metavar="FILE.tsv", help="MQM annotations in the WMT TSV layout")
    p.add_argument("--project", help="with FILE and --import: the project to store into; alone: its annotations")
    add_db(p)
    p.add_argument("--import", dest="do_import", action="store_true", help="store FILE's systems and annotations")
    p.add_argument("--export", metavar="OUT.tsv", help="write the project's annotations in the same layout")
    p.add_argument("--source-lang", help="with --import: the source language (the MQM layout does not say)")
    p.add_argument("--target-lang", help="with --import: the target language (the MQM layout does not say)")
    p.add_argument("--reference-system", default="ref", help="system whose text is the reference (default: ref)")
    p.add_argument("--mt-system", help="system whose text becomes the segments' MT (default: first by name)")
    p.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_mqm)


def add_neural_options(p) -> None:
    group = p.add_argument_group("neural metrics")
    group.add_argument("--model", action="append", default=[], metavar="ID_OR_DIR",
                       help="a metric checkpoint: a folder or a Hugging Face id in the local cache (repeat for several; "
                            "default: settings comet_model, cometkiwi_model, metricx_model)")
    group.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N (default: auto)")
    group.add_argument("--batch-size", type=int, default=16, help="segments per forward pass (default: 16)")
    group.add_argument("--encoder", help="COMET: folder with the encoder's config and tokenizer, if not in the cache")
    group.add_argument("--tokenizer", help="MetricX: the mT5 tokenizer folder or id, if not in the cache")


def neural_load_options(args) -> dict:
    return {"device": args.device, "batch_size": args.batch_size,
            **({"encoder": args.encoder} if args.encoder else {}),
            **({"tokenizer": args.tokenizer} if args.tokenizer else {})}


def neural_progress(total: int | None, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="seg", file=sys.stderr, dynamic_ncols=True)


# -- score ------------------------------------------------------------------


def _parse_system(spec: str) -> tuple[str, Path]:
    name, sep, path = spec.partition("=")
    if not sep:  # a bare FILE is named after the file, as sacrebleu does
        return spec, Path(spec)
    if not name or not path:
        raise BadInputError(f"--sys {spec!r}: expected NAME=FILE")
    return name, Path(path)


def _file_test_set(args) -> tuple[list[str], dict[str, list[str]]]:
    from ..scoring.files import check_aligned, read_lines, read_references

    if not args.ref or not args.sys:
        raise BadInputError("give --ref FILE and at least one --sys NAME=FILE, or --project NAME")
    refs = read_references(args.ref)
    systems: dict[str, list[str]] = {}
    for spec in args.sys:
        name, path = _parse_system(spec)
        if name in systems:
            raise BadInputError(f"--sys: two systems are named {name!r}")
        lines = read_lines(path)
        check_aligned(path, lines, args.ref, refs)
        systems[name] = lines
    return refs, systems


def _method(args) -> str | None:
    return "bs" if args.paired_bs else "ar" if args.paired_ar else None


def run_score(args) -> int:
    from ..scoring.leaderboard import leaderboard
    from ..scoring.neural.base import split_metric_names
    from ..scoring.report import format_leaderboard

    lexical, neural = split_metric_names(args.metrics)
    if args.model and not neural:
        raise BadInputError("--model goes with a neural metric: --metrics comet, cometkiwi, metricx or metricx-qe")
    options = dict(baseline=args.baseline, metrics=lexical, method=_method(args), n_samples=args.samples,
                   jobs=args.jobs)
    if args.no_ci:
        options["ci_samples"] = 0
    if args.project:
        board = _score_project(args, options, neural)
    else:
        if args.save or args.systems:
            raise BadInputError("--save and --systems go with --project")
        refs, systems = _file_test_set(args)
        extra = _file_neural_scores(args, neural, refs, systems)
        board = leaderboard(refs, systems, target_lang=args.target_lang,
                            progress=len(refs) * len(systems) >= PROGRESS_FROM, segment_scores=extra, **options)
    sys.stdout.write(format_leaderboard(board, args.output_format, args.width))
    return 0


def _file_neural_scores(args, neural: list[str], refs: list[str], systems: dict[str, list[str]]):
    if not neural:
        if args.src:
            raise BadInputError("--src is read by the neural metrics only (--metrics comet, cometkiwi, metricx, ...)")
        return ()
    from ..scoring.files import check_aligned, read_lines
    from ..scoring.neural.systems import assign_models, systems_segment_scores

    if not args.src:
        raise BadInputError(f"--metrics {','.join(neural)} reads the sources: give --src FILE (aligned with --ref)")
    sources = read_lines(args.src)
    check_aligned(args.src, sources, args.ref, refs)
    models = assign_models(neural, args.model)
    with neural_progress(len(refs) * len(systems) * len(neural), "neural metrics") as bar:
        return systems_segment_scores(neural, models, sources, refs, systems, progress=bar.update,
                                      **neural_load_options(args))


def _score_project(args, options, neural: list[str]):
    from .. import workflow
    from ..workflow import projects
    from ..workflow.scoring import project_leaderboard, score_document

    if args.src:
        raise BadInputError("--src goes with --ref/--sys; a project's segments carry their sources")
    if args.ref or args.sys:
        raise BadInputError("give either --project or --ref/--sys, not both")
    store = workflow.open_store(args.db)
    projects.require_project(store, args.project)  # a one-line error if there is no such project
    if args.save:
        for summary in projects.list_documents(store, args.project):
            n = score_document(store, summary.document.id, jobs=args.jobs, progress=True)
            print(f"{summary.document.name}: stored {n} sentence scores", file=sys.stderr)
    systems = [s.strip() for s in args.systems.split(",")] if args.systems else None
    if neural:
        from ..workflow.neural import project_neural_leaderboard

        with neural_progress(None, "neural metrics") as bar:
            board, test_set = project_neural_leaderboard(store, args.project, neural, args.model, systems=systems,
                                                         load_options=neural_load_options(args), progress=bar.update,
                                                         **options)
    else:
        board, test_set = project_leaderboard(store, args.project, systems=systems, progress=True, **options)
    left_out = [f"{test_set.skipped_no_reference} without a reference", f"{test_set.skipped_excluded} excluded",
                *(f"{n} lacking {s}" for s, n in test_set.skipped_missing_system.items())]
    print(f"review-app score: {len(test_set.references)} segments scored; left out: {', '.join(left_out)}",
          file=sys.stderr)
    return board


# -- hter -------------------------------------------------------------------


def run_hter(args) -> int:
    if args.project:
        if args.mt or args.pe:
            raise BadInputError("give either --project or --mt/--pe, not both")
        return _project_hter(args)
    from ..scoring.files import check_aligned, read_lines, read_references
    from ..scoring.hter import hter

    if not args.mt or not args.pe:
        raise BadInputError("give --mt FILE and --pe FILE (or --project NAME)")
    mt = read_lines(args.mt)
    pe = read_references(args.pe)
    check_aligned(args.mt, mt, args.pe, pe)
    result = hter(mt, pe, args.target_lang, jobs=args.jobs, progress=len(mt) >= PROGRESS_FROM)
    if args.output_format == "json":
        data = {"hter": result.hter, "mean": result.mean, "segments": result.segments,
                "signature": result.signature}
        if args.sentence_level:
            data["sentences"] = list(result.sentences)
        print_json(data)
        return 0
    if args.sentence_level:
        # stdout stays one value per input line, for pasting next to the data.
        sys.stdout.write("".join(f"{v:.6f}\n" for v in result.sentences))
        print(f"HTER = {result.hter:.4f} (corpus), mean {result.mean:.4f}, {result.segments} segments",
              file=sys.stderr)
        return 0
    print(f"HTER = {result.hter:.4f} (total edits / post-edit words, capped at 1)  "
          f"mean sentence HTER = {result.mean:.4f}  segments = {result.segments}  TER|{result.signature}")
    return 0


def _project_hter(args) -> int:
    from .. import workflow
    from ..scoring.hter import overall
    from ..workflow import projects
    from ..workflow.scoring import project_hter

    store = workflow.open_store(args.db)
    projects.require_project(store, args.project)
    docs = project_hter(store, args.project, jobs=args.jobs)
    total = overall(docs)
    if args.output_format == "json":
        print_json({
            "project": args.project,
            "hter": total.hter if total.segments else None,
            "documents": [{"document": d.document, "corrected": d.corrected, "segments": d.segments,
                           "hter": d.result.hter if d.corrected else None,
                           "mean": d.result.mean if d.corrected else None,
                           **({"sentences": list(d.result.sentences)} if args.sentence_level else {})}
                          for d in docs],
        })
        return 0
    for d in docs:
        value = f"{d.result.hter:.4f}" if d.corrected else "-"
        print(f"{d.document}\tHTER {value}\t{d.corrected}/{d.segments} segments corrected")
    if total.segments:
        print(f"project {args.project}\tHTER {total.hter:.4f}\t{total.segments} corrected segments")
    else:
        print(f"project {args.project}: no corrected segments yet")
    return 0


# -- mqm --------------------------------------------------------------------


def run_mqm(args) -> int:
    from ..scoring import mqm

    if args.export:
        return _export_mqm(args)
    if args.do_import != bool(args.file and args.project):
        raise BadInputError("to store a file's annotations give FILE.tsv --import --project NAME")
    if args.file is None:
        if not args.project:
            raise BadInputError("give FILE.tsv, or --project NAME for a stored project's annotations")
        from .. import workflow
        from ..workflow.scoring import project_mqm_rows

        rows = project_mqm_rows(workflow.open_store(args.db), args.project)
        if not rows:
            raise BadInputError(f"project {args.project!r} has no MQM annotations")
    else:
        rows = mqm.read_mqm(args.file, read_input(args.file))
        if args.do_import:
            _import_mqm(args, rows)
    _print_mqm(mqm.mqm_table(rows), args.output_format)
    return 0


def _import_mqm(args, rows) -> None:
    from .. import workflow
    from ..workflow.scoring import import_mqm

    store = workflow.open_store(args.db)
    docs = import_mqm(store, args.project, rows, name=Path(args.file).name, source_lang=args.source_lang,
                      target_lang=args.target_lang, reference_system=args.reference_system,
                      mt_system=args.mt_system)
    print(f"{args.file}: {len(docs)} document(s) in project {args.project!r}", file=sys.stderr)


def _export_mqm(args) -> int:
    from .. import workflow
    from ..scoring.mqm import write_mqm
    from ..workflow.scoring import project_mqm_rows

    if not args.project or args.file:
        raise BadInputError("--export OUT.tsv takes --project NAME (and no input FILE)")
    rows = project_mqm_rows(workflow.open_store(args.db), args.project)
    if not rows:
        raise BadInputError(f"project {args.project!r} has no MQM annotations to export")
    Path(args.export).write_text(write_mqm(rows), encoding="utf-8")
    print(f"{args.export}: {len(rows)} rows", file=sys.stderr)
    return 0


def _print_mqm(table, fmt: str) -> None:
    from dataclasses import asdict

    from ..scoring.report import mqm_text

    if fmt == "json":
        print_json([asdict(s) for s in table])
    else:
        sys.stdout.write(mqm_text(table))

