"""Risk scores of stored segments: the riskiest-first queue's order (``scoring.risk``).

A document's scores are computed when it is imported or re-checked (findings and length
against the document's own norm) and again when candidates arrive that the MT can be
compared with (other systems' or models' outputs). ``refresh_risk`` takes an optional
``QualityEstimator``; ``model_qe`` makes one of a CometKiwi or MetricX-QE checkpoint
(``scoring.neural``, the ``neural`` extra), so a learned score joins the cheap signals.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import ORIGIN_MODEL, ORIGIN_SYSTEM, DocumentDraft, Finding
from ..scoring.risk import QualityEstimator, document_risks
from ..storage import Store

# Outputs the MT is compared with: other systems' and models' (not rule repairs of the MT itself).
COMPARED_ORIGINS = (ORIGIN_SYSTEM, ORIGIN_MODEL)


def draft_risks(draft: DocumentDraft, findings: Sequence[Sequence[Finding]]) -> list[float]:
    """The risk scores of a document about to be stored (no candidates yet)."""
    return document_risks([(s.source, s.mt) for s in draft.segments], findings)


def model_qe(model: str | None = None, **options) -> QualityEstimator:
    """A QE model as the risk score's estimator: ``scoring.neural.qe_risk`` (0..1, riskier higher)
    turned round, since the risk score reads higher QE as better."""
    from ..scoring.neural import qe_risk  # torch loads only when a QE model is asked for

    return lambda sources, mts: [1.0 - r for r in qe_risk(sources, mts, model, **options)]


def refresh_risk(store: Store, document_id: int, qe: QualityEstimator | None = None) -> int:
    """Recompute and store every risk score of a document; returns how many segments it scored."""
    segments = list(store.iter_segments(document_id))
    if not segments:
        return 0
    findings = store.findings_for_document(document_id)
    others: dict[int, list[str]] = {}
    for position, candidate in store.candidates_for_document(document_id):
        segment = segments[position]
        if candidate.origin in COMPARED_ORIGINS and candidate.text.strip() != segment.mt.strip():
            others.setdefault(segment.id, []).append(candidate.text)
    pairs = [(s.source, s.mt) for s in segments]
    scores = qe([s.source or "" for s in segments], [s.mt for s in segments]) if qe else None
    risks = document_risks(pairs, [findings.get(s.id, []) for s in segments],
                           [others.get(s.id, []) for s in segments], qe=scores)
    store.set_risk_scores({s.id: r for s, r in zip(segments, risks)})
    return len(segments)


__all__ = ["draft_risks", "refresh_risk", "model_qe", "COMPARED_ORIGINS"]
