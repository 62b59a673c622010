"""HTER: how much a post-editor changed the MT, as MLQE-PE defines it.

TER of the MT (hypothesis) against its post-edit (reference), case-insensitive,
shifts on, as a fraction capped at 1.0 — per segment, and per document as the
document's total edits over its total post-edit words (also capped). In the app
the post-edit is the reviewer's latest correction.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import BadInputError
from ..model import Document, Segment
from .metrics import signature_text
from .parallel import segment_statistics

CAP = 1.0


@dataclass(frozen=True)
class HterResult:
    hter: float  # the document's (or corpus's) edits per post-edit word, capped at 1.0
    mean: float  # mean of the segments' HTER
    segments: int
    sentences: tuple[float, ...]  # one HTER per segment, in order
    signature: str
    edits: float = 0.0  # TER edits summed over the segments
    words: float = 0.0  # post-edit words summed over the segments


def _capped(edits: float, words: float) -> float:
    if words > 0:
        return min(CAP, edits / words)
    return CAP if edits > 0 else 0.0  # an empty post-edit, as sacrebleu's TER treats it


def hter_from_statistics(stats: np.ndarray, target_lang: str = "en") -> HterResult:
    """HTER from sacrebleu TER statistics rows (edits, post-edit words)."""
    sentences = tuple(_capped(e, w) for e, w in stats.tolist())
    edits, words = (float(x) for x in stats.sum(0)) if len(stats) else (0.0, 0.0)
    return HterResult(
        hter=_capped(edits, words),
        mean=sum(sentences) / len(sentences) if sentences else 0.0,
        segments=len(sentences),
        sentences=sentences,
        signature=signature_text("ter", target_lang),
        edits=edits,
        words=words,
    )


def hter(mt: Sequence[str], pe: Sequence[str], target_lang: str = "en", *, jobs: int | None = None,
         progress: bool = False) -> HterResult:
    """HTER of aligned MT and post-edit segments (all cores for many pairs)."""
    if len(mt) != len(pe):
        raise BadInputError(f"the MT has {len(mt)} segments but the post-edit has {len(pe)}")
    stats = segment_statistics(["ter"], mt, pe, target_lang, jobs=jobs, progress=progress, desc="HTER")["ter"]
    return hter_from_statistics(stats, target_lang)


@dataclass(frozen=True)
class DocumentHter:
    document_id: int
    document: str
    corrected: int  # segments with a correction (the others have no post-edit)
    segments: int
    result: HterResult


def document_hter(document: Document, segments: Iterable[Segment], total: int, *,
                  jobs: int | None = None) -> DocumentHter:
    """A document's HTER: its MT against the reviewers' latest corrections (``total``: its segment count)."""
    corrected = [s for s in segments if s.version > 0 and s.corrected is not None]
    result = hter([s.mt for s in corrected], [s.corrected for s in corrected], document.target_lang, jobs=jobs)
    return DocumentHter(document.id, document.name, len(corrected), total, result)


def overall(documents: Sequence[DocumentHter]) -> HterResult:
    """All documents' corrected segments pooled: total edits over total post-edit words."""
    sentences = tuple(x for d in documents for x in d.result.sentences)
    edits = sum(d.result.edits for d in documents)
    words = sum(d.result.words for d in documents)
    sig = documents[0].result.signature if documents else signature_text("ter")
    return HterResult(_capped(edits, words), sum(sentences) / len(sentences) if sentences else 0.0,
                      len(sentences), sentences, sig, edits, words)


__all__ = ["hter", "hter_from_statistics", "document_hter", "overall", "HterResult", "DocumentHter", "CAP"]
