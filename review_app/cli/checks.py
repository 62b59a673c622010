"""check, glossary: run the quality checks on a file or a stored project, and manage glossaries."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tqdm import tqdm

from .. import workflow
from ..checks import CHECKS, run_checks
from ..errors import BadInputError, NotFoundError
from ..evaluation.labels import evaluate, read_labels, report
from ..ingest import read_document
from ..ingest.decode import decode_text, read_input
from ..ingest.glossary import STARTER_GLOSSARY, context_cues, default_glossary, load_glossary
from ..workflow import glossary, importing, risk
from .common import add_db, add_format, add_project, print_json


def register(sub) -> None:
    p = sub.add_parser("check", help="run the quality checks on a file or a stored project")
    p.add_argument("target", nargs="?", metavar="PATH_OR_PROJECT",
                   help="a file to read (no database needed), or the name of a stored project to re-check")
    add_db(p)
    p.add_argument("--format", dest="output_format", choices=("text", "jsonl", "json"), default="text",
                   help="findings: text or jsonl; --eval-mqm: text or json")
    p.add_argument("--checks", help="comma-separated check names (default: all; see --list)")
    p.add_argument("--glossary", help="glossary TSV/CSV for a file (default: the 'glossary' setting or the starter)")
    p.add_argument("--eval", metavar="LABELS", help="print precision and recall on a labelled TSV file")
    p.add_argument("--verbose", action="store_true", help="with --eval: list every miss and false alarm")
    p.add_argument("--eval-mqm", metavar="FILE.tsv",
                   help="measure the checks and the risk score against MQM annotations (WMT/Marot TSV layout)")
    p.add_argument("--qe", metavar="MODEL", help="re-checking a project: add a CometKiwi or MetricX-QE model's "
                   "score to the risk score (a directory or a model id found offline; the neural extra)")
    p.add_argument("--systems", help="with --eval-mqm: only these systems' segments (comma-separated, e.g. ref)")
    p.add_argument("--eval-clean", nargs=2, metavar=("SOURCE", "TARGET"),
                   help="findings per 100 segments on line-aligned human translations (false alarms)")
    p.add_argument("--source-lang", help="with --eval-clean / --eval-mqm: the source language (e.g. ko, zh)")
    p.add_argument("--target-lang", help="with --eval-clean / --eval-mqm: the target language (default: the MQM "
                                         "file's doc names, e.g. ':zh-en', else en)")
    p.add_argument("--list", action="store_true", help="list the checks with their severity and help")
    p.set_defaults(run=run_check)

    p = sub.add_parser("glossary", help="import or show a project's glossary")
    gsub = p.add_subparsers(dest="glossary_command", required=True, metavar="ACTION")
    g = gsub.add_parser("import", help="replace a project's glossary with a TSV/CSV file")
    g.add_argument("file", metavar="FILE")
    add_db(g)
    add_project(g)
    g.set_defaults(run=run_glossary_import)
    g = gsub.add_parser("show", help="print a project's glossary (the starter glossary if it has none)")
    add_db(g)
    g.add_argument("--project", help="project name (default: show the starter glossary)")
    add_format(g)
    g.set_defaults(run=run_glossary_show)


def _check_names(spec: str | None) -> list[str] | None:
    if not spec:
        return None
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise BadInputError(f"--checks: unknown check {', '.join(unknown)} (known: {', '.join(CHECKS)})")
    return names


def run_check(args) -> int:
    if args.list:
        for name, check in CHECKS.items():
            print(f"{name}\t{check.severity.value}\t{check.title()}\n\t{check.help}")
        return 0
    if args.eval:
        return _run_eval(args)
    if args.eval_mqm:
        return _run_eval_mqm(args)
    if args.eval_clean:
        return _run_eval_clean(args)
    if args.output_format == "json":
        raise BadInputError("--format json is for --eval-mqm; findings print as text or jsonl")
    if not args.target:
        raise BadInputError("give a file or a project name to check (or --eval LABELS, or --list)")
    names = _check_names(args.checks)
    path = Path(args.target)
    if path.is_file():
        if args.qe:
            raise BadInputError("--qe applies to a stored project (the risk score is stored with its segments)")
        rows = _check_file(path, names, args.glossary)
    else:
        if args.checks:
            raise BadInputError("--checks applies to files; a project is always re-checked with every check")
        rows = _check_project(args.target, args.db, args.qe)
    for row in rows:
        _print_finding(row, args.output_format)
    return 0


def _check_file(path: Path, names, glossary_path: str | None) -> list[dict]:
    draft = read_document(path.name, read_input(path))
    glossary = load_glossary(glossary_path) if glossary_path else None
    findings = run_checks(draft, glossary=glossary, names=names)
    return [_row(draft.name, position, segment.mt, f)
            for position, (segment, fs) in enumerate(zip(draft.segments, findings)) for f in fs]


def _check_project(project: str, db: str | None, qe_model: str | None = None) -> list[dict]:
    """Re-run every check on every document of a stored project, store the results, return them
    (with ``qe_model``, the risk scores take that QE model's view too)."""
    store = workflow.open_store(db)
    qe = risk.model_qe(qe_model) if qe_model else None
    rows = []
    try:
        for document, segments in importing.recheck_project(store, project, progress=_progress_bar):
            if qe is not None:
                risk.refresh_risk(store, document.id, qe=qe)
            rows += [_row(document.name, s.position, s.text, f) for s, found in segments for f in found]
    except NotFoundError:
        raise BadInputError(f"{project}: no such file, and no project of that name (see: review-app projects)") \
            from None
    return rows


def _progress_bar(items, total: int):
    return tqdm(items, total=total, desc="checking", unit="doc", disable=total < 2, file=sys.stderr)


def _row(document: str, position: int, text: str, finding) -> dict:
    return {
        "document": document, "segment": position, "text": text, "check": finding.check,
        "severity": finding.severity.value, "start": finding.start, "end": finding.end,
        "message": finding.message, "suggestion": finding.suggestion, "confidence": finding.confidence,
        "side": finding.side,  # "source": start/end index the source (what the translation left out)
    }


def _print_finding(row: dict, fmt: str) -> None:
    if fmt == "jsonl":
        print(json.dumps(row, ensure_ascii=False))
        return
    flagged = row["text"][row["start"]:row["end"]] if row["side"] == "target" else ""
    print(f"{row['document']}:{row['segment']}: {row['severity']} {row['check']}: {row['message']}")
    if row["side"] == "source":
        print(f"    in the source at {row['start']}-{row['end']}")
    elif flagged and flagged != row["text"]:
        print(f"    at {row['start']}-{row['end']}: {flagged}")
    if row["suggestion"]:
        print(f"    -> {row['suggestion']}")


def _run_eval(args) -> int:
    path = Path(args.eval)
    rows, checks = read_labels(str(path), read_input(path))
    checks = _check_names(args.checks) or checks
    print(f"{path}: {len(rows)} labelled segments")
    print(report(evaluate(rows, checks), verbose=args.verbose))
    return 0


def _run_eval_mqm(args) -> int:
    from ..evaluation import mqm as mqm_eval
    from ..scoring.mqm import attention_checks, read_mqm

    if args.output_format == "jsonl":
        raise BadInputError("--eval-mqm prints --format text or json")
    path = Path(args.eval_mqm)
    data = read_input(str(path))
    segments = mqm_eval.annotated_segments(read_mqm(str(path), data))
    if args.systems:
        wanted = {s.strip() for s in args.systems.split(",")}
        known = sorted({s.system for s in segments})
        if wanted - set(known):
            raise BadInputError(f"{path}: no system named {', '.join(sorted(wanted - set(known)))} "
                                f"(systems: {', '.join(known)})")
        segments = [s for s in segments if s.system in wanted]
    progress = lambda docs: tqdm(docs, desc="checking", unit="doc", file=sys.stderr)  # noqa: E731
    result = mqm_eval.evaluate(segments, _check_names(args.checks), source_lang=args.source_lang,
                               target_lang=args.target_lang, progress=progress)
    if args.output_format == "json":
        print_json(result)
        return 0
    skipped = attention_checks(data)
    note = f"; {skipped} attention-check rows (HOTW-test) left out" if skipped else ""
    print(f"{path}: {len(segments)} annotated segments{note}")
    sys.stdout.write(mqm_eval.report_text(result))
    return 0


def _run_eval_clean(args) -> int:
    from ..evaluation import clean

    source, target = args.eval_clean
    pairs = clean.aligned_pairs(source, decode_text(source, read_input(source)),
                                target, decode_text(target, read_input(target)))
    progress = lambda chunks: tqdm(chunks, desc="checking", unit="doc", file=sys.stderr)  # noqa: E731
    result = clean.false_alarms(pairs, _check_names(args.checks), source_lang=args.source_lang,
                                target_lang=args.target_lang or "en", progress=progress)
    if args.output_format == "json":
        print_json(result)
    else:
        sys.stdout.write(clean.report_text(result))
    return 0


def run_glossary_import(args) -> int:
    entries = load_glossary(args.file)
    if not entries:
        raise BadInputError(f"{args.file}: no glossary entries")
    saved = glossary.set_glossary(workflow.open_store(args.db), args.project, entries)
    print(f"{args.file}: {saved} entries are now the glossary of project {args.project!r}; "
          "its documents were re-checked")
    return 0


def run_glossary_show(args) -> int:
    entries = glossary.glossary(workflow.open_store(args.db), args.project) if args.project else []
    origin = f"project {args.project!r}"
    if not entries:
        entries, origin = default_glossary(), f"starter glossary ({STARTER_GLOSSARY.name}, or the 'glossary' setting)"
    if args.output_format == "json":
        print_json([{**e, "context": list(context_cues(e))} for e in entries])
        return 0
    print(f"# {origin}: {len(entries)} entries")
    for e in entries:
        cues = context_cues(e)
        context = f"\t[when: {'|'.join(cues)}]" if cues else ""
        print(f"{e['wrong']}\t->\t{e['right']}\t{e.get('source_term') or ''}\t{e.get('note') or ''}{context}")
    return 0
