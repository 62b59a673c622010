"""The use cases that the UI and the CLI both call: import, review, record.

Functions here stitch readers, checks and the Store together; they hold no SQL
and no Streamlit. Area-specific use cases live beside their area
(``scoring``, ``export``, ``candidates``) and follow the same shape.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from . import settings
from .checks import run_checks
from .errors import BadInputError
from .ingest import read_aligned, read_document
from .ingest.decode import check_size, read_input
from .model import (
    Annotation,
    Candidate,
    Correction,
    Document,
    DocumentDraft,
    Finding,
    SegmentStatus,
    rule_origin,
)
from .storage import ConflictError, Store

DEFAULT_PROJECT = "default"


def open_store(url: str | None = None) -> Store:
    return Store(settings.database_url(url), busy_timeout_ms=settings.get("sqlite_busy_timeout_ms"))


read_file = read_input


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
    findings: Sequence[Sequence[Finding]] | None = None,
) -> tuple[Document, bool]:
    """Run the checks (unless ``checks`` is False) and store the document in one transaction.

    ``findings`` (one list per segment) are stored as given instead of running the checks:
    a batch run found them on the whole corpus, in the documents it checked.
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
    if findings is None:
        findings = run_checks(draft, glossary=store.glossary(project) or None)
    repairs = [rule_candidates_for(fs) for fs in findings]
    return store.add_document(project, draft, data_hash, findings, repairs), True


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
    data = read_file(path)
    source_data = read_file(source_path) if source_path else None
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
    files = {role: (Path(p).name, read_file(p)) for role, p in roles if p}
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
    return sum(len(fs) for fs in findings)


def _as_draft(segment):
    from .model import SegmentDraft

    return SegmentDraft(
        mt=segment.mt, paragraph=segment.paragraph, source=segment.source, reference=segment.reference,
        external_id=segment.external_id, excluded=segment.excluded, exclusion_reason=segment.exclusion_reason,
    )


def save_correction(
    store: Store,
    segment_id: int,
    text: str,
    *,
    reviewer: str,
    based_on_version: int,
    status: SegmentStatus | str = SegmentStatus.APPROVED,
    candidate_id: int | None = None,
    comment: str | None = None,
    annotations: Iterable[Annotation] = (),
) -> Correction:
    """Record what a reviewer decided. Raises ConflictError if someone saved first."""
    text = text.strip()
    if not text:
        raise BadInputError("a correction cannot be empty; mark the segment as rejected instead")
    if not reviewer:
        raise BadInputError("a correction needs a reviewer name")
    correction = store.record_correction(
        segment_id, text, reviewer=reviewer, based_on_version=based_on_version, status=SegmentStatus(status),
        candidate_id=candidate_id, comment=comment or None, annotations=annotations,
    )
    try:  # the correction is the new reference: rescore the candidates against it
        from .scoring import rescore_segment

        rescore_segment(store, segment_id)
    except Exception:  # scores can be recomputed later (score --save); the reviewer's save must stand
        logging.getLogger(__name__).exception("rescoring segment %s after a correction failed", segment_id)
    return correction


__all__ = [
    "ConflictError", "open_store", "import_file", "import_bytes", "import_aligned", "rerun_checks",
    "save_correction", "store_document", "DEFAULT_PROJECT",
]
