"""Per-candidate scores of stored segments, against the reference in force.

The reference in force is the segment's latest correction (``correction:<id>``)
once a reviewer has saved one, else its imported reference (``reference``),
else none: then only the reference-free length ratio is stored. Each score
keeps its sacrebleu signature, and storing replaces the candidate's older
score of the same metric, so re-running after a correction is always safe.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Candidate, Correction, Score, Segment
from ..storage import Store
from .metrics import DEFAULT_METRICS, SCORE_NAMES, signature_text
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


def rescore_segment(store: Store, segment_id: int, metrics: Sequence[str] = DEFAULT_METRICS) -> list[Score]:
    """Score every candidate of one segment against its reference in force, and store the scores."""
    segment, candidates, latest = store.segment_for_rescoring(segment_id)
    reference = reference_in_force(segment, latest)
    values = None
    if reference is not None and candidates:
        values = sentence_scores(metrics, [c.text for c in candidates], [reference[0]] * len(candidates),
                                 segment.target_lang, jobs=1)
    scores = candidate_scores(segment, candidates, reference, values)
    if scores:
        store.add_scores(scores)
    return scores


def score_document(store: Store, document_id: int, metrics: Sequence[str] = DEFAULT_METRICS, *,
                   jobs: int | None = None, progress: bool = False) -> int:
    """Score every candidate of a document (all cores for many pairs); returns the number of scores stored."""
    segments = {s.position: s for s in store.iter_segments(document_id)}
    latest = store.latest_corrections(document_id)
    by_segment: dict[int, list[Candidate]] = {}
    for position, cand in store.candidates_for_document(document_id):
        by_segment.setdefault(position, []).append(cand)
    references = {pos: reference_in_force(seg, latest.get(seg.id)) for pos, seg in segments.items()}
    pairs = [(pos, c) for pos, cands in by_segment.items() if references[pos] for c in cands]
    values = _values_by_candidate(pairs, references, metrics, segments, jobs, progress)
    scores = []
    for pos, cands in by_segment.items():
        per_metric = {m: [values[c.id][m] for c in cands] for m in metrics} if references[pos] else None
        scores += candidate_scores(segments[pos], cands, references[pos], per_metric)
    if scores:
        store.add_scores(scores)
    return len(scores)


def _values_by_candidate(pairs, references, metrics, segments, jobs, progress) -> dict[int, dict[str, float]]:
    if not pairs:
        return {}
    lang = segments[pairs[0][0]].target_lang  # one document, one target language
    hyps = [c.text for _, c in pairs]
    refs = [references[pos][0] for pos, _ in pairs]
    values = sentence_scores(metrics, hyps, refs, lang, jobs=jobs, progress=progress)
    return {c.id: {m: values[m][i] for m in metrics} for i, (_, c) in enumerate(pairs)}


__all__ = ["rescore_segment", "score_document", "reference_in_force", "length_ratio", "LENGTH_RATIO"]
