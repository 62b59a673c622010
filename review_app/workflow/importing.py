"""Importing: a file read, its segments checked, the document stored with its
findings and rule repairs in one transaction; and re-checking a stored document.

The same content imported again under the same name is recognised and not
duplicated; different content under a taken name gets a numbered name.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from .. import settings
from ..checks import run_checks
from ..ingest import read_aligned, read_document
from ..ingest.decode import check_size, read_input
from ..model import Candidate, Document, DocumentDraft, Finding, Segment, SegmentDraft, rule_origin
from ..storage import Store
from . import DEFAULT_PROJECT
from .risk import draft_risks, refresh_risk


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
    store: Store, project: str, draft: DocumentDraft, data_hash: str, *, checks: bool = True
) -> tuple[Document, bool]:
    """Run the checks (unless ``checks`` is False) and store the document in one transaction.

    Returns (document, created). The same content imported again under the same
    name is recognised and not duplicated; different content under a taken name
    gets a numbered name, so nothing already reviewed is touched.
    """
    existing = store.find_document(project, draft.name)
    if existing is not None and existing.sha256 == data_hash:
        return existing, False
    name, n = draft.name, 2
    while existing is not None:
        name = f"{draft.name} ({n})"
        existing = store.find_document(project, name)
        n += 1
    draft = replace(draft, name=name)
    if not checks:  # a huge import can be checked later with `review-app check PROJECT`
        return store.add_document(project, draft, data_hash), True
    findings = run_checks(draft, glossary=store.glossary(project) or None)
    repairs = [rule_candidates_for(fs) for fs in findings]
    return store.add_document(project, draft, data_hash, findings, repairs, draft_risks(draft, findings)), True


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
    **options,
) -> tuple[Document, bool]:
    """Import one uploaded or read file (the UI's upload calls this too)."""
    check_size(name, len(data), settings.get("max_import_bytes"))
    draft = read_document(name, data, fmt, **options)
    digest = hashlib.sha256(data + (options.get("source_data") or b"")).hexdigest()
    return store_document(store, project, draft, digest, checks=checks)


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
    draft = read_aligned(files, source_lang=source_lang, target_lang=target_lang or "en")
    digest = hashlib.sha256(b"\0".join(d for _, d in files.values())).hexdigest()
    return store_document(store, project, draft, digest, checks=checks)


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


__all__ = ["import_file", "import_bytes", "import_aligned", "store_document", "rerun_checks", "recheck_project", "rule_candidates_for"]
