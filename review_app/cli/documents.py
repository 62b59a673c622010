"""import, projects, documents, segments, serve, demo."""
from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from tqdm import tqdm

from .. import auth, sessions, settings, workflow
from ..errors import BadInputError
from ..ingest import FORMATS
from ..model import SegmentFilter
from ..workflow import importing, projects
from .common import add_db, add_format, add_project, print_json, repo_root


def register(sub) -> None:
    p = sub.add_parser("import", help="import documents (text, TSV/CSV, JSONL, aligned files, TMX, XLIFF)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    add_db(p)
    add_project(p)
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--source-lang")
    p.add_argument("--target-lang")
    p.add_argument("--source", help="aligned source file, or the source text of a plain-text MT document")
    p.add_argument("--mt", help="aligned MT file (one segment per line)")
    p.add_argument("--reference", help="aligned reference file")
    p.add_argument("--columns", help="map roles to header names, e.g. mt=target,source=src_text")
    p.add_argument("--no-checks", action="store_true",
                   help="store without running the checks (run them later: review-app check PROJECT)")
    p.add_argument("--tsv-escapes", action="store_true",
                   help="TSV cells use backslash escapes (\\t \\n \\\\), as review-app export writes them")
    p.set_defaults(run=run_import)

    p = sub.add_parser("projects", help="list projects with review progress")
    add_db(p)
    add_format(p)
    p.set_defaults(run=run_projects)

    p = sub.add_parser("documents", help="list the documents of a project")
    add_db(p)
    add_project(p)
    add_format(p)
    p.set_defaults(run=run_documents)

    p = sub.add_parser("segments", help="list a document's segments")
    p.add_argument("document", help="document name or id")
    add_db(p)
    add_project(p)
    add_format(p, ("text", "json"))
    p.add_argument("--status")
    p.add_argument("--queue", action="store_true", help="risk order (worst findings first)")
    p.add_argument("--limit", type=int)
    p.set_defaults(run=run_segments)

    p = sub.add_parser("serve", help="start the review app in the browser")
    add_db(p)
    _add_server_options(p)
    p.set_defaults(run=run_serve)

    p = sub.add_parser("demo", help="import seeds/ into a local database and serve it")
    add_db(p)
    _add_server_options(p)
    p.add_argument("--no-serve", action="store_true", help="only import")
    p.set_defaults(run=run_demo)


def _add_server_options(p) -> None:
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="localhost",
                   help="where to listen (default: localhost); beyond this machine only with accounts")
    p.add_argument("--insecure-open", action="store_true",
                   help="serve beyond localhost without accounts: anyone who can reach the port may "
                        "import, delete and export")


def _parse_columns(spec: str | None) -> dict[str, str] | None:
    if not spec:
        return None
    mapping = {}
    for part in spec.split(","):
        role, sep, name = part.partition("=")
        if not sep or role.strip() not in {"source", "mt", "reference", "id"}:
            raise BadInputError(f"--columns: {part!r} is not ROLE=NAME with ROLE one of source, mt, reference, id")
        mapping[role.strip()] = name.strip()
    return mapping


def run_import(args) -> int:
    store = workflow.open_store(args.db)
    langs = {"source_lang": args.source_lang, "target_lang": args.target_lang, "checks": not args.no_checks}
    if args.mt or args.format == "aligned":
        if args.paths:
            raise BadInputError("give aligned files with --source/--mt/--reference, not as PATHs")
        doc, created = importing.import_aligned(
            store, mt=args.mt, source=args.source, reference=args.reference, project=args.project, **langs
        )
        _report(doc, created)
        return 0
    if not args.paths:
        raise BadInputError("nothing to import: give PATHs, or --mt FILE for aligned files")
    if args.source and len(args.paths) != 1:
        raise BadInputError("--source pairs with exactly one MT text file")
    for path in tqdm(args.paths, desc="importing", unit="file", disable=len(args.paths) < 2, file=sys.stderr):
        doc, created = importing.import_file(
            store, path, project=args.project, fmt=args.format, columns=_parse_columns(args.columns),
            source_path=args.source, escapes=args.tsv_escapes, **langs,
        )
        _report(doc, created)
    return 0


def _report(doc, created: bool) -> None:
    verb = "imported" if created else "already imported (same content), skipped"
    print(f"{doc.name}: {verb}: document {doc.id}, {doc.segment_count} segments")


def run_projects(args) -> int:
    rows = projects.list_projects(workflow.open_store(args.db))
    if args.output_format == "json":
        print_json([{"project": r.project.name, "documents": r.documents, "segments": r.segments,
                     "reviewed": r.reviewed} for r in rows])
        return 0
    if not rows:
        print("no projects yet: review-app import PATH")
    for r in rows:
        print(f"{r.project.name}\t{r.documents} documents\t{r.segments} segments\t{r.reviewed} reviewed")
    return 0


def run_documents(args) -> int:
    rows = projects.list_documents(workflow.open_store(args.db), args.project)
    if args.output_format == "json":
        print_json([{"id": r.document.id, "name": r.document.name, "segments": r.segments,
                     "excluded": r.excluded, "reviewed": r.reviewed, "approved": r.approved} for r in rows])
        return 0
    for r in rows:
        print(f"{r.document.id}\t{r.document.name}\t{r.segments} segments\t{r.excluded} excluded\t"
              f"{r.reviewed} reviewed\t{r.approved} approved")
    return 0


def resolve_document(store, project: str, ref: str):
    """A document by id or by name within a project."""
    if ref.isdigit():
        return projects.document(store, int(ref))
    return projects.find_document(store, project, ref)


def run_segments(args) -> int:
    store = workflow.open_store(args.db)
    doc = resolve_document(store, args.project, args.document)
    rows = projects.document_segments(store, doc.id, SegmentFilter(status=args.status), limit=args.limit,
                                      order="risk" if args.queue else "position")
    if args.output_format == "json":
        print_json([{"id": s.id, "position": s.position, "paragraph": s.paragraph, "source": s.source,
                     "mt": s.mt, "text": s.text, "status": s.status.value, "version": s.version,
                     "excluded": s.excluded, "exclusion_reason": s.exclusion_reason,
                     "risk_score": round(s.risk_score, 4)} for s in rows])
        return 0
    for s in rows:
        flag = f"[excluded: {s.exclusion_reason}] " if s.excluded else ""
        print(f"{s.position}\t{s.status.value}\t{flag}{s.text}")
    return 0


def absolute_db_url(url: str | None) -> str:
    """A relative SQLite path made absolute, so a server started elsewhere opens the same file."""
    url = settings.database_url(url)
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str(Path(url[len(prefix):]).resolve())
    return url


def is_loopback(address: str) -> bool:
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


OPEN_WARNING = ("review-app: WARNING: serving {address} WITHOUT ACCOUNTS: anyone who can reach port {port} "
                "can import, delete, export and edit every document. Add accounts (review-app accounts add "
                "NAME --role admin) and set REVIEW_APP_AUTH_FILE.")


def run_serve(args) -> int:
    accounts = auth.configured_file()
    if accounts is None and not is_loopback(args.address):
        if not args.insecure_open:
            raise BadInputError(
                f"--address {args.address} without accounts would let anyone on the network edit and delete "
                "everything: add accounts (review-app accounts add NAME --role admin, REVIEW_APP_AUTH_FILE), "
                "or pass --insecure-open if that is really what you want")
        print(OPEN_WARNING.format(address=args.address, port=args.port), file=sys.stderr, flush=True)
    url = absolute_db_url(args.db)
    workflow.open_store(url)  # connect and migrate now, so a bad URL fails here with one line
    app = Path(__file__).resolve().parents[1] / "ui" / "server.py"
    env = {**os.environ, "REVIEW_APP_DB": url}
    if accounts is not None:
        if not auth.load_accounts(accounts):  # a login wall nobody can pass
            raise BadInputError(f"{accounts}: no reviewer accounts: review-app accounts add NAME --role admin")
        # The server runs from the checkout: a relative path would point elsewhere there.
        env["REVIEW_APP_AUTH_FILE"] = str(accounts.resolve())
    key = sessions.key_file(url).resolve()
    sessions.server_key(key)  # made (or refused) here, with one line, not in a page
    env["REVIEW_APP_SESSION_KEY_FILE"] = str(key)
    print(f"review-app: serving {url} at http://{args.address}:{args.port}", flush=True)
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--server.address", args.address, "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    # Run from the checkout so Streamlit finds .streamlit/config.toml, and replace this
    # process so that signals (Ctrl-C, a supervisor's SIGTERM) reach the server itself.
    os.chdir(repo_root())
    os.execve(sys.executable, cmd, env)


def run_demo(args) -> int:
    url = absolute_db_url(args.db)
    store = workflow.open_store(url)
    seeds = sorted((repo_root() / "seeds").glob("*.txt"))
    if not seeds:
        raise BadInputError(f"{repo_root() / 'seeds'}: no seed documents found")
    for path in seeds:
        doc, created = importing.import_file(store, path, project="demo")
        _report(doc, created)
    if args.no_serve:
        return 0
    args.db = url
    return run_serve(args)
