"""Per-candidate scores of a segment, against the reference in force.

The reference in force is the segment's latest correction (``correction:<id>``)
once a reviewer has saved one, else its imported reference (``reference``),
else none: then only the reference-free length ratio is stored. Each score
keeps its sacrebleu signature, and storing replaces the candidate's older
score of the same metric, so re-running after a correction is always safe.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Candidate, Correction, Score, Segment
from .metrics import SCORE_NAMES, signature_text
from .parallel import sentence_scores

LENGTH_RATIO = "length_ratio"


def reference_in_force(segment: Segment, latest: Correction | None) -> tuple[str, str] | None:
    """(text, label) of what the segment's candidates are scored against, or None."""
    if segment.version > 0 and latest is not None:
        return latest.text, f"correction:{latest.id}"
    if segment.reference and segment.reference.strip():
        return segment.reference, "reference"
    return None


def length_ratio(candidate: str, segment: Segment) -> Score | None:
    """Characters of the candidate per character of the source (of the MT when there is no source).

    Needs no reference: a repair or retranslation far longer or shorter than
    what it translates has probably added or dropped something.
    """
    base, label = (segment.source, "source") if segment.source else (segment.mt, "mt")
    if not base:
        return None
    return Score(LENGTH_RATIO, len(candidate) / len(base), label, f"chars:candidate/{label}")


def candidate_scores(
    segment: Segment,
    candidates: Sequence[Candidate],
    reference: tuple[str, str] | None,
    metric_values: dict[str, list[float]] | None = None,
) -> list[Score]:
    """The Score records of one segment's candidates (metric values computed by the caller)."""
    out = []
    for i, cand in enumerate(candidates):
        ratio = length_ratio(cand.text, segment)
        if ratio is not None:
            out.append(_for(ratio, cand))
        if reference is None:
            continue
        for name, values in (metric_values or {}).items():
            sig = signature_text(name, segment.target_lang, True)
            out.append(Score(SCORE_NAMES[name], values[i], reference[1], sig, cand.id, segment.id))
    return out


def _for(score: Score, cand: Candidate) -> Score:
    return Score(score.metric, score.value, score.reference, score.signature, cand.id, cand.segment_id)


def values_by_candidate(pairs, references, metrics, segments, jobs=None, progress=False) -> dict[int, dict[str, float]]:
    """candidate id -> metric -> value, for (position, candidate) pairs whose segment has a reference."""
    if not pairs:
        return {}
    lang = segments[pairs[0][0]].target_lang  # one document, one target language
    hyps = [c.text for _, c in pairs]
    refs = [references[pos][0] for pos, _ in pairs]
    values = sentence_scores(metrics, hyps, refs, lang, jobs=jobs, progress=progress)
    return {c.id: {m: values[m][i] for m in metrics} for i, (_, c) in enumerate(pairs)}


__all__ = ["reference_in_force", "length_ratio", "candidate_scores", "values_by_candidate", "LENGTH_RATIO"]
