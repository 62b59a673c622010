"""Quality checks. Each check is a small class registered in CHECKS by name;
run_checks() runs them all over a document and returns findings per segment.

This module owns the running: page furniture is skipped (except by the checks
that ask for it), a check that crashes on one segment is reported as an info
finding on that segment (and logged) while the other checks and segments go on,
and each finding's suggestion is the whole segment repaired: its own edit plus
every other finding's edit in that segment that does not clash with it, so one
click fixes the sentence.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from ..model import DocumentDraft, Finding, Severity
from .attribution import GarbledAttribution
from .base import Check, DocumentView, Edit, Hit, SegmentView, apply_edits
from .doubled_word import DoubledWord
from .furniture import FurnitureResidue
from .glossary import GlossaryTerm
from .length_ratio import LengthRatio
from .lowercase_start import LowercaseStart
from .markup import MarkupResidue
from .name_variant import NameVariants
from .numbers import NumberMismatch
from .punctuation import EndPunctuation
from .quotation import QuotationMarks
from .untranslated import UntranslatedText

log = logging.getLogger(__name__)

CHECKS: dict[str, type[Check]] = {
    c.name: c
    for c in (
        GarbledAttribution, GlossaryTerm, NameVariants, NumberMismatch, UntranslatedText, LengthRatio,
        EndPunctuation, QuotationMarks, DoubledWord, MarkupResidue, FurnitureResidue, LowercaseStart,
    )
}


def run_checks(document: DocumentDraft, glossary: Sequence[dict] | None = None,
               names: Iterable[str] | None = None) -> list[list[Finding]]:
    """Findings for each segment of ``document``, in segment order (``names``: a subset of CHECKS)."""
    view = DocumentView.of(document, glossary or ())
    raw: list[list[tuple[Check, Hit]]] = [[] for _ in view.segments]
    for name in names or CHECKS:
        check = CHECKS[name]()
        for index, hit in _run_one(check, view):
            raw[index].append((check, hit))
    return [_findings(segment.text, hits) for segment, hits in zip(view.segments, raw)]


def _run_one(check: Check, view: DocumentView) -> Iterable[tuple[int, Hit]]:
    try:
        check.start_document(view)
    except Exception as exc:  # noqa: BLE001 -- one broken check must not stop the others
        log.warning("check %s failed on document %s: %r", check.name, view.name, exc)
        if view.segments:
            yield 0, _crash_hit(check, exc, "this document")
        return
    for segment in view.segments:
        if (segment.excluded and not check.sees_excluded) or (check.needs_source and not segment.source):
            continue
        try:
            hits = [h for h in check.score(segment) if check.decide(h)]
        except Exception as exc:  # noqa: BLE001
            log.warning("check %s failed on segment %d of %s: %r", check.name, segment.index, view.name, exc)
            hits = [_crash_hit(check, exc, "this segment")]
        for hit in hits:
            yield segment.index, hit


def _crash_hit(check: Check, exc: Exception, where: str) -> Hit:
    return Hit(0, 0, f"check {check.name} crashed on {where} ({type(exc).__name__}: {exc}); "
                     "its findings here are missing", severity=Severity.INFO)


def _findings(text: str, hits: list[tuple[Check, Hit]]) -> list[Finding]:
    ordered = sorted(hits, key=lambda ch: (_severity(ch).rank, ch[1].start))
    findings = []
    for check, hit in ordered:
        suggestion = None
        if hit.edits:
            others = [e for c, h in ordered if h is not hit for e in h.edits]
            suggestion = apply_edits(text, _compatible(list(hit.edits), others)).strip() or None
        findings.append(Finding(check=check.name, severity=_severity((check, hit)), start=hit.start, end=hit.end,
                                message=hit.message, suggestion=suggestion if suggestion != text else None,
                                confidence=round(min(1.0, max(0.0, hit.score)), 3), side=hit.side))
    return findings


def _severity(pair: tuple[Check, Hit]) -> Severity:
    check, hit = pair
    return hit.severity or check.severity


def _compatible(own: list[Edit], others: list[Edit]) -> list[Edit]:
    """``own`` edits plus those of ``others`` (most severe first) that clash with none already taken."""
    chosen = list(own)
    for edit in others:
        if edit not in chosen and not any(edit.overlaps(c) for c in chosen):
            chosen.append(edit)
    return chosen


__all__ = ["CHECKS", "Check", "Hit", "Edit", "SegmentView", "DocumentView", "run_checks"]
