"""What the review page shows about the open segment (``workflow.review.open_segment``
gathers it in one call), and the small decisions around it: candidate order and
labels, score lines, the text that prefills the editor, typed MQM marks turned into
spans. No Streamlit here, so all of it is unit-tested; the page only lays it out.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import BadInputError
from ..model import (
    ORIGIN_MODEL,
    ORIGIN_MT,
    ORIGIN_REVIEWER,
    ORIGIN_SYSTEM,
    RULE_ORIGIN_PREFIX,
    Annotation,
    Candidate,
    Correction,
    Finding,
    FindingOverride,
    Score,
    Segment,
    SegmentStatus,
    Severity,
)
from ..scoring.mqm import MARK_SEVERITIES
from ..scoring.risk import major_chance

# The queue's "worst" column: a segment's worst finding (blank when it has none).
RISK_LABELS = {s.rank: s.value for s in Severity}


def risk_percent(risk_score: float) -> str:
    """The queue's risk column: the risk score (a log-odds, scoring.risk) as the estimated chance of
    a Major error, "87%"."""
    return f"{100 * major_chance(risk_score):.0f}%"


@dataclass(frozen=True)
class OpenSegment:
    """Everything the review page shows about the segment a reviewer has open."""

    segment: Segment
    before: list[Segment]
    after: list[Segment]
    findings: list[Finding]
    candidates: list[Candidate]  # in display order: MT first, then repairs, models, systems
    scores: dict[int | None, list[Score]] = field(default_factory=dict)  # candidate id -> scores
    history: list[Correction] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    all_candidates: list[Candidate] = field(default_factory=list)  # every candidate, equal wordings included
    overrides: list[FindingOverride] = field(default_factory=list)  # findings dismissed as false positives

    @property
    def mt_candidate(self) -> Candidate | None:
        return next((c for c in self.candidates if c.origin == ORIGIN_MT), None)


def _origin_rank(origin: str) -> int:
    if origin == ORIGIN_MT:
        return 0
    if origin.startswith(RULE_ORIGIN_PREFIX):
        return 1
    return {ORIGIN_MODEL: 2, ORIGIN_SYSTEM: 3, ORIGIN_REVIEWER: 4}.get(origin, 5)


def order_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """MT first, then rule repairs, model outputs, imported systems; equal texts shown once."""
    seen: set[str] = set()
    out = []
    for cand in sorted(candidates, key=lambda c: (_origin_rank(c.origin), c.id or 0)):
        if cand.text not in seen:
            seen.add(cand.text)
            out.append(cand)
    return out


_STATUS_MARKS = {SegmentStatus.APPROVED: "✓", SegmentStatus.NEEDS_WORK: "✎", SegmentStatus.REJECTED: "✗"}


def queue_rows(segments: Sequence[Segment], current_id: int | None) -> list[dict]:
    """The queue's rows for the queue component: number, status mark, risk (the estimated chance of a
    Major error, and the worst finding's severity) and the whole text."""
    return [{"id": s.id, "number": s.position + 1, "status": _STATUS_MARKS.get(s.status, ""),
             "chance": risk_percent(s.risk_score), "risk": RISK_LABELS.get(s.risk, ""), "text": s.text,
             "current": s.id == current_id} for s in segments]


def default_status(segment: Segment) -> str:
    """The status the editor starts at: what the reviewer chose last time, else approved."""
    return segment.status.value if segment.version > 0 and segment.status != SegmentStatus.NEW else "approved"


def candidate_label(cand: Candidate) -> str:
    """``mt``, ``rule:attribution``, ``model · opus-mt-ko-en``: where the wording came from."""
    return f"{cand.origin} · {cand.system}" if cand.system else cand.origin


def score_lines(scores: Sequence[Score]) -> list[str]:
    """One line per reference a candidate was scored against: ``vs correction:42: BLEU 88.4 · TER 11.5``."""
    by_reference: dict[str, list[str]] = {}
    for s in scores:
        by_reference.setdefault(s.reference, []).append(f"{s.metric} {s.value:.1f}")
    return [f"vs {ref}: {' · '.join(values)}" for ref, values in by_reference.items()]


def prefill_text(view: OpenSegment) -> str:
    """The editor's starting text: the latest correction, else the first rule repair, else the
    best-scored candidate, else the MT. A repair beats scores because it fixes a known finding."""
    seg = view.segment
    if seg.corrected is not None:
        return seg.corrected
    repairs = [c for c in view.candidates if c.origin.startswith(RULE_ORIGIN_PREFIX)]
    if repairs:
        return repairs[0].text
    best = best_scored(view)
    return best.text if best is not None else seg.mt


def best_scored(view: OpenSegment) -> Candidate | None:
    """The candidate with the highest value of the most common higher-is-better metric."""
    values: dict[str, dict[int, float]] = {}
    for cand in view.candidates:
        for score in view.scores.get(cand.id, []):
            if "ter" not in score.metric.lower():  # TER and HTER count edits: lower is better
                values.setdefault(score.metric, {})[cand.id] = score.value
    if not values:
        return None
    by_candidate = max(values.values(), key=len)
    best_id = max(by_candidate, key=by_candidate.get)
    return next(c for c in view.candidates if c.id == best_id)


@dataclass(frozen=True)
class Mark:
    """An MQM mark as the reviewer types it: the erroneous words, a category and a severity."""

    span: str
    category: str
    severity: str
    occurrence: int = 1  # which occurrence of ``span`` when the words repeat


def marks_to_annotations(
    text: str, marks: Sequence[Mark], *, segment_id: int, reviewer: str, candidate_id: int | None
) -> list[Annotation]:
    """Locate each mark's words in ``text`` (the MT being judged) as a character span."""
    out = []
    for n, mark in enumerate(marks, 1):
        if mark.severity not in MARK_SEVERITIES:
            raise BadInputError(f"MQM mark {n}: severity {mark.severity!r} is not one of {', '.join(MARK_SEVERITIES)}")
        start = _nth_index(text, mark.span, mark.occurrence)
        if not mark.span.strip() or start < 0:
            raise BadInputError(f"MQM mark {n}: {mark.span!r} does not occur in the MT of segment {segment_id}")
        out.append(
            Annotation(
                segment_id=segment_id, start=start, end=start + len(mark.span), category=mark.category,
                severity=mark.severity, reviewer=reviewer, candidate_id=candidate_id,
            )
        )
    return out


def _nth_index(text: str, part: str, n: int) -> int:
    start = -1
    for _ in range(max(1, n)):
        start = text.find(part, start + 1)
        if start < 0:
            return -1
    return start
