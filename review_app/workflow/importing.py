"""Importing: a file read, its segments checked, the document stored with its
findings and rule repairs in one transaction; and re-checking a stored document.

The same content imported again under the same name is recognised and not
duplicated; different content under a taken name gets a numbered name (also when
another import takes the name while this one runs).

Memory stays flat whatever the number of segments: line-based files are read a line
at a time, checked CHUNK segments at a time, and the checked chunks wait in a spool
(a temporary file once there is more than one) until they are written, all in one
transaction. Documents of up to CHUNK segments are checked as a whole, as before; a
longer one is checked chunk by chunk (a name spelled two ways CHUNK segments apart
is not matched).
"""
from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path, PurePath

from .. import settings
from ..checks import run_checks
from ..errors import BadInputError, NameTakenError
from ..ingest import DocumentStream, as_stream, stream_aligned, stream_document
from ..ingest.decode import check_size, read_input
from ..model import Candidate, Document, DocumentDraft, Finding, Segment, SegmentDraft, rule_origin
from ..storage import Store
from . import DEFAULT_PROJECT
from .risk import draft_risks, refresh_risk

CHUNK = 5_000  # segments checked and stored together
_NAME_TRIES = 20


def rule_candidates_for(findings: Sequence[Finding]) -> list[Candidate]:
    """One candidate per distinct suggested repair (segment ids are filled in by the Store)."""
    seen: dict[str, Candidate] = {}
    for f in findings:
        if f.suggestion and f.suggestion not in seen:
            seen[f.suggestion] = Candidate(
                segment_id=0, origin=rule_origin(f.check), text=f.suggestion, system=None,
                provenance={"check": f.check, "message": f.message},
            )
    return list(seen.values())


def store_document(
    store: Store, project: str, draft: DocumentDraft, data_hash: str, *, checks: bool = True,
    findings: Sequence[Sequence[Finding]] | None = None, risks: Sequence[float] | None = None,
) -> tuple[Document, bool]:
    """Run the checks (unless ``checks`` is False) and store the document in one transaction.

    ``findings`` (one list per segment) and their ``risks`` are stored as given instead of
    running the checks: a batch run found and scored them in the corpus they came from.
    Returns (document, created). The same content imported again under the same
    name is recognised and not duplicated; different content under a taken name
    gets a numbered name, so nothing already reviewed is touched.
    """
    stream = as_stream(draft)  # the limits every stored document keeps (lengths, NULs, language tags)
    if findings is None:
        return store_stream(store, project, stream, data_hash, checks=checks)
    existing = store.find_document(project, draft.name)
    if existing is not None and existing.sha256 == data_hash:
        return existing, False
    with _Spool() as spool:
        spool.add(([segment for _, segment in stream.rows], findings, [rule_candidates_for(fs) for fs in findings],
                   risks if risks is not None else draft_risks(draft, findings)))
        return _store_under_free_name(store, project, stream.header, data_hash, spool)


def store_stream(store: Store, project: str, stream: DocumentStream, data_hash: str, *,
                 checks: bool = True, cancel=None) -> tuple[Document, bool]:
    """store_document for a document being read: checked and spooled chunk by chunk, then stored.
    ``cancel()`` (optional) is asked between chunks; True stops the import with nothing stored."""
    header = stream.header
    existing = store.find_document(project, header.name)
    if existing is not None and existing.sha256 == data_hash:
        return existing, False
    glossary = (store.glossary(project) or None) if checks else None
    with _Spool() as spool:
        for chunk in _chunks(stream.rows, CHUNK):
            if cancel is not None and cancel():
                raise BadInputError(f"{header.name}: import stopped before anything was stored")
            spool.add(_checked_chunk(header, chunk, glossary) if checks else (chunk, (), (), ()))
        if not spool.segments:
            raise BadInputError(f"{header.name}: no segments (only a header?)")
        return _store_under_free_name(store, project, header, data_hash, spool)


def _checked_chunk(header: DocumentDraft, chunk: list[SegmentDraft], glossary) -> tuple:
    """A chunk's segments with their findings, rule repairs and risk scores (the length norm of a
    long document's risk is its chunk's)."""
    draft = replace(header, segments=tuple(chunk))
    findings = run_checks(draft, glossary=glossary)
    return chunk, findings, [rule_candidates_for(fs) for fs in findings], draft_risks(draft, findings)


def _store_under_free_name(store: Store, project: str, header: DocumentDraft, data_hash: str,
                           spool: "_Spool") -> tuple[Document, bool]:
    for _ in range(_NAME_TRIES):
        existing = store.find_document(project, header.name)
        if existing is not None and existing.sha256 == data_hash:
            return existing, False  # the same file, stored by a concurrent import
        name, n = header.name, 2
        while existing is not None:
            name = f"{header.name} ({n})"
            existing = store.find_document(project, name)
            n += 1
        try:
            return store.add_document_chunks(project, replace(header, name=name), data_hash, spool), True
        except NameTakenError:
            continue  # another import took the name between our look and our write: look again
    raise BadInputError(f"{header.name}: {_NAME_TRIES} other imports took each free name first; try again")


def _chunks(rows: Iterable[tuple[str, SegmentDraft]], size: int) -> Iterator[list[SegmentDraft]]:
    segments = (segment for _, segment in rows)
    while chunk := list(islice(segments, size)):
        yield chunk


class _Spool:
    """Checked chunks, kept in memory while there is one, in a temporary file beyond that; can be
    read again (a write that lost its name to another import is retried)."""

    def __init__(self) -> None:
        self._first: tuple | None = None
        self._file = None
        self.segments = 0

    def __enter__(self) -> "_Spool":
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()

    def add(self, chunk: tuple) -> None:
        self.segments += len(chunk[0])
        if self._first is None and self._file is None:
            self._first = chunk
            return
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="review-app-import-")
                pickle.dump(self._first, self._file, protocol=pickle.HIGHEST_PROTOCOL)
                self._first = None
            pickle.dump(chunk, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:  # a full disk where temporary files go
            raise OSError(exc.errno, f"{exc.strerror}: the import's temporary file could not be written there; "
                          "free space (or point TMPDIR elsewhere) and try again", tempfile.gettempdir()) from None

    def __iter__(self) -> Iterator[tuple]:
        if self._file is None:
            if self._first is not None:
                yield self._first
            return
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return


def import_file(
    store: Store,
    path: Path | str,
    *,
    project: str = DEFAULT_PROJECT,
    fmt: str = "auto",
    source_lang: str | None = None,
    target_lang: str | None = None,
    columns: Mapping[str, str] | None = None,
    source_path: Path | str | None = None,
    escapes: bool = False,
    checks: bool = True,
) -> tuple[Document, bool]:
    data = read_input(path)
    source_data = read_input(source_path) if source_path else None
    return import_bytes(
        store, Path(path).name, data, project=project, fmt=fmt, source_lang=source_lang,
        target_lang=target_lang, columns=columns, source_data=source_data,
        source_name=str(source_path) if source_path else None, escapes=escapes, checks=checks,
    )


def import_bytes(
    store: Store,
    name: str,
    data: bytes,
    *,
    project: str = DEFAULT_PROJECT,
    fmt: str = "auto",
    checks: bool = True,
    cancel=None,
    **options,
) -> tuple[Document, bool]:
    """Import one uploaded or read file (the UI's upload calls this too).
    ``cancel()`` (optional) stops it between chunks, nothing stored (a closed browser tab)."""
    name = PurePath(name.replace("\\", "/")).name or "upload"  # an upload named ../../x is just x
    check_size(name, len(data), settings.get("max_import_bytes"))
    digest = hashlib.sha256(data)
    digest.update(options.get("source_data") or b"")
    stream = stream_document(name, data, fmt, **options)
    return store_stream(store, project, stream, digest.hexdigest(), checks=checks, cancel=cancel)


def import_aligned(
    store: Store,
    *,
    mt: Path | str,
    source: Path | str | None = None,
    reference: Path | str | None = None,
    project: str = DEFAULT_PROJECT,
    source_lang: str | None = None,
    target_lang: str | None = None,
    checks: bool = True,
) -> tuple[Document, bool]:
    roles = (("mt", mt), ("source", source), ("reference", reference))
    files = {role: (Path(p).name, read_input(p)) for role, p in roles if p}
    stream = stream_aligned(files, source_lang=source_lang, target_lang=target_lang or "en")
    digest = hashlib.sha256()
    for n, (_, data) in enumerate(files.values()):
        digest.update(b"\0" * bool(n) + data)
    return store_stream(store, project, stream, digest.hexdigest(), checks=checks)


def rerun_checks(store: Store, document_id: int, project: str | None = None) -> int:
    """Re-run every check on a stored document, replacing its findings and rule repairs.

    Returns the number of findings. Findings are about the MT (their spans are marked on it in
    the review page), so the checks read the MT, not a reviewer's correction.
    """
    document = store.document(document_id)
    segments = list(store.iter_segments(document_id))
    draft = DocumentDraft(
        name=document.name,
        format=document.format,
        source_lang=document.source_lang,
        target_lang=document.target_lang,
        segments=tuple(_as_draft(s) for s in segments),
    )
    glossary = store.glossary(project) if project else None
    findings = run_checks(draft, glossary=glossary or None)
    by_id = {s.id: fs for s, fs in zip(segments, findings)}
    repairs = {s.id: rule_candidates_for(fs) for s, fs in zip(segments, findings)}
    store.replace_findings(document_id, by_id, repairs)
    refresh_risk(store, document_id)  # the findings changed, and candidates may have arrived since import
    return sum(len(fs) for fs in findings)


def recheck_project(store: Store, project: str, progress=None) -> Iterator[tuple[Document, list]]:
    """Re-run every check on each document of a project; yield each document with its
    (segment, findings) pairs in reading order. ``progress(items, total)`` may wrap the loop (a bar)."""
    documents = [s.document for s in store.list_documents(project)]
    if not documents:
        store.project(project)  # NotFoundError if there is no such project
    for document in (progress(documents, len(documents)) if progress else documents):
        rerun_checks(store, document.id, project)
        found = store.findings_for_document(document.id)
        yield document, [(s, found.get(s.id, [])) for s in store.iter_segments(document.id)]


def _as_draft(segment: Segment) -> SegmentDraft:
    return SegmentDraft(
        mt=segment.mt, paragraph=segment.paragraph, source=segment.source, reference=segment.reference,
        external_id=segment.external_id, excluded=segment.excluded, exclusion_reason=segment.exclusion_reason,
    )


__all__ = ["import_file", "import_bytes", "import_aligned", "store_document", "store_stream", "rerun_checks", "recheck_project", "rule_candidates_for"]
