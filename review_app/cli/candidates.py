"""translate, import-candidates, candidates, models list|pull."""
from __future__ import annotations

import sys

from tqdm import tqdm

from .. import workflow
from ..candidates import BACKENDS, all_options, make_backend, models
from ..candidates.imported import ALIGNMENTS
from ..ingest.decode import read_input
from ..workflow.candidates import candidates_of_document, generate_for_project, import_system_outputs
from .common import add_db, add_format, add_project, print_json
from .documents import resolve_document


def register(sub) -> None:
    p = sub.add_parser("translate", help="generate candidate retranslations with a local model")
    p.add_argument("--model", required=True, metavar="ID_OR_DIR", help="a model directory or a Hugging Face id in the local cache")
    p.add_argument("--backend", choices=sorted(BACKENDS), default="transformers")
    add_db(p)
    add_project(p)
    p.add_argument("--document", help="only this document (name or id)")
    p.add_argument("--system", help="name shown for these candidates (default: the model's name)")
    _add_backend_options(p)
    p.set_defaults(run=run_translate)

    p = sub.add_parser("import-candidates", help="import another system's outputs as candidates")
    p.add_argument("file", metavar="FILE", help="one line per segment, or .tsv (id<TAB>text) / .jsonl (id, text)")
    p.add_argument("--system", required=True, metavar="NAME", help="the system's name, e.g. DeepL")
    add_db(p)
    add_project(p)
    p.add_argument("--document", help="document name or id (default: the project's documents in order)")
    p.add_argument("--align", choices=ALIGNMENTS, default="auto", help="by line or by id (default: from the extension)")
    p.set_defaults(run=run_import_candidates)

    p = sub.add_parser("candidates", help="list a document's candidates")
    p.add_argument("document", help="document name or id")
    add_db(p)
    add_project(p)
    p.add_argument("--system", help="only this system")
    add_format(p)
    p.set_defaults(run=run_candidates)

    p = sub.add_parser("models", help="list local models, or pull one on a connected machine")
    msub = p.add_subparsers(dest="models_command", required=True, metavar="list|pull")
    q = msub.add_parser("list", help="models on this machine and suggested ones, with licenses")
    add_format(q)
    q.set_defaults(run=run_models_list)
    q = msub.add_parser("pull", help="download a model into the Hugging Face cache")
    q.add_argument("model", metavar="ID")
    q.add_argument("--revision")
    q.add_argument("--ctranslate2", action="store_true", help="also convert it for the ctranslate2 backend (int8)")
    q.set_defaults(run=run_models_pull)


def _add_backend_options(parser) -> None:
    """One flag per declared backend option, so the options table is the only list."""
    group = parser.add_argument_group("model options")
    for option in all_options().values():
        default = f" (default: setting {option.setting})" if option.setting else f" (default: {option.default})"
        group.add_argument(
            "--" + option.name.replace("_", "-"), dest=option.name, default=None,
            choices=option.choices or None, metavar=None if option.choices else type(option.default).__name__.upper(),
            help=option.help + (default if option.default != "" or option.setting else ""),
        )


def run_translate(args) -> int:
    store = workflow.open_store(args.db)
    document_id = resolve_document(store, args.project, args.document).id if args.document else None
    options = {name: getattr(args, name) for name in all_options()}
    backend = make_backend(args.backend, args.model, system=args.system, **options)
    print(f"{backend.system}: {backend.resolved.path} ({backend.license}); mode {backend.mode}", file=sys.stderr)
    with tqdm(total=0, desc="translating", unit="seg", file=sys.stderr, dynamic_ncols=True) as bar:
        def set_total(n: int) -> None:
            bar.total = n
            bar.refresh()

        report = generate_for_project(
            store, backend, project=args.project, document_id=document_id, progress=bar.update, on_total=set_total
        )
    print(report.summary())
    return 0


def run_import_candidates(args) -> int:
    store = workflow.open_store(args.db)
    document_id = resolve_document(store, args.project, args.document).id if args.document else None
    data = read_input(args.file)
    report = import_system_outputs(
        store, args.file, data, system=args.system, project=args.project, document_id=document_id, align=args.align
    )
    print(report.summary())
    return 0


def run_candidates(args) -> int:
    store = workflow.open_store(args.db)
    doc = resolve_document(store, args.project, args.document)
    rows = candidates_of_document(store, doc.id, system=args.system)
    if args.output_format == "json":
        print_json([{"segment": pos, "id": c.id, "origin": c.origin, "system": c.system, "text": c.text,
                     "provenance": c.provenance} for pos, c in rows])
        return 0
    for pos, c in rows:
        print(f"{pos}\t{c.origin}\t{c.system or ''}\t{c.text}")
    return 0


def run_models_list(args) -> int:
    rows = models.list_models()
    if args.output_format == "json":
        print_json([vars(m) for m in rows])
        return 0
    for m in rows:
        print(f"{m.id}\t{m.kind}\t{m.where}\t{m.license}")
    return 0


def run_models_pull(args) -> int:
    resolved = models.pull(args.model, revision=args.revision)
    print(f"{resolved.ref}: in the cache at {resolved.path} ({models.describe_license(resolved.license)})")
    from ..scoring.neural import companions

    for repo, patterns in companions(resolved.path):  # a metric's encoder or tokenizer files
        extra = models.pull(repo, allow_patterns=patterns)
        print(f"{resolved.ref}: needs {repo} ({', '.join(patterns)}): in the cache at {extra.path}")
    if args.ctranslate2:
        backend = make_backend("ctranslate2", args.model)
        print(f"{resolved.ref}: CTranslate2 int8 conversion at {backend.model_path()}")
    return 0
