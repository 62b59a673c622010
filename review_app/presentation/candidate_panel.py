"""The review page's candidate panel: one row per distinct wording, with who agrees on it
("sysB = sysC = MT") and the scores that help decide before anything is saved:

- risk: the worst of the MT's findings the wording still has (``approval.worst_open``);
- agreement: chrF++ against the other wordings and the MBR consensus (``scoring.agreement``);
- QE: a stored reference-free score, where a QE model has run (``scoring.qe``; else none);
- MQM: the raters' marks on it (imported releases mark every system's output);
- once a correction exists, the stored scores against it (or against an imported
  reference), labelled with what they were measured against.

Pure: the page hands in the open segment (``review_page.OpenSegment``) and lays out rows.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import ORIGIN_MT, ORIGIN_REVIEWER, RULE_ORIGIN_PREFIX, Annotation, Candidate, Score, Severity
from ..scoring.agreement import mbr_consensus
from ..scoring.qe import quality_estimate
from ..scoring.segments import LENGTH_RATIO
from .approval import worst_open
from .mqm_marks import MqmScore, marks_on, text_mqm
from .review_page import OpenSegment, order_candidates


def member_name(cand: Candidate) -> str:
    """How a candidate is named in an agreement line: MT, a system or model, a check's repair."""
    if cand.origin == ORIGIN_MT:
        return "MT"
    if cand.origin.startswith(RULE_ORIGIN_PREFIX):
        return f"repair ({cand.origin[len(RULE_ORIGIN_PREFIX):]})"
    if cand.origin == ORIGIN_REVIEWER:
        return "reviewer"
    return cand.system or cand.origin


@dataclass(frozen=True)
class CandidateRow:
    number: int  # 1-based: Alt+number accepts it
    candidate: Candidate  # the first candidate with this wording, in display order
    members: tuple[Candidate, ...]  # every candidate with exactly this wording
    risk: Severity | None = None  # the worst finding this wording still has
    consensus: float | None = None  # MBR: mean chrF++ against the other candidates
    closest: tuple[str, float] | None = None  # the other wording it agrees with most, and the chrF++
    qe: Score | None = None
    mqm: MqmScore | None = None
    marks: tuple[Annotation, ...] = ()
    against_reference: tuple[str, ...] = field(default_factory=tuple)

    @property
    def agreement(self) -> str:
        """``sysB = sysC = MT``: every name with this exact wording."""
        return " = ".join(dict.fromkeys(member_name(c) for c in self.members))

    @property
    def votes(self) -> int:
        return len(self.members)


def _groups(candidates: Sequence[Candidate]) -> list[tuple[Candidate, list[Candidate]]]:
    shown = order_candidates(candidates)
    members: dict[str, list[Candidate]] = {c.text: [] for c in shown}
    for cand in candidates:
        members[cand.text].append(cand)
    return [(c, sorted(members[c.text], key=lambda m: (m.origin != ORIGIN_MT, member_name(m)))) for c in shown]


def distinct_texts(view: OpenSegment) -> tuple[str, ...]:
    """The rows' wordings in display order: what ``pairwise_chrf`` takes for ``candidate_rows``."""
    return tuple(c.text for c in order_candidates(view.all_candidates or view.candidates))


def reference_lines(scores: Sequence[Score], correction_ids: dict[int, int]) -> tuple[str, ...]:
    """Stored scores against a reference, one line per reference: ``against your correction (v2):
    chrF2++ 88.4 · TER 11.5`` or ``against the imported reference: ...``."""
    by_reference: dict[str, list[str]] = {}
    for s in scores:
        if s.metric == LENGTH_RATIO or not (s.reference.startswith("correction:") or s.reference == "reference"):
            continue
        by_reference.setdefault(s.reference, []).append(f"{s.metric} {s.value:.1f}")
    lines = []
    for ref, values in by_reference.items():
        if ref == "reference":
            what = "the imported reference"
        else:
            version = correction_ids.get(int(ref.split(":", 1)[1]))
            what = f"the correction (v{version})" if version else "an earlier correction"
        lines.append(f"against {what}: {' · '.join(values)}")
    return tuple(lines)


def candidate_rows(view: OpenSegment, chrf: Sequence[Sequence[float]] | None = None) -> list[CandidateRow]:
    """One row per distinct wording, in display order (MT first). ``chrf``: the pairwise chrF++
    matrix of the rows' texts (``scoring.agreement.pairwise_chrf``), computed by the caller so a
    page can cache it."""
    groups = _groups(view.all_candidates or view.candidates)
    seg = view.segment
    consensus = mbr_consensus(chrf, [len(m) for _, m in groups]) if chrf is not None else [None] * len(groups)
    correction_ids = {c.id: c.version for c in view.history}
    rows = []
    for n, (cand, members) in enumerate(groups):
        scores = [s for m in members for s in view.scores.get(m.id, [])]
        marks = [a for m in members for a in marks_on(view.annotations, m.id)]
        rows.append(CandidateRow(
            number=n + 1, candidate=cand, members=tuple(members),
            risk=worst_open(view.findings, seg, cand.text),
            consensus=consensus[n],
            closest=_closest(chrf, n, groups) if chrf is not None else None,
            qe=quality_estimate(scores),
            mqm=text_mqm(marks),
            marks=tuple(marks),
            against_reference=reference_lines(view.scores.get(cand.id, []), correction_ids),
        ))
    return rows


def _closest(chrf, n: int, groups) -> tuple[str, float] | None:
    others = [(chrf[n][j], j) for j in range(len(groups)) if j != n]
    if not others:
        return None
    value, j = max(others)
    return " = ".join(dict.fromkeys(member_name(c) for c in groups[j][1])), value


def score_summary(row: CandidateRow, has_findings: bool = True) -> list[str]:
    """The row's score line parts, shortest first: risk, MBR, closest wording, QE, MQM (a part with
    nothing to say is left out: the panel says once that no QE model is configured)."""
    parts = []
    if row.risk is not None:
        parts.append(f"risk: {row.risk.value}")
    elif has_findings:
        parts.append("deals with every finding")
    if row.consensus is not None:
        parts.append(f"MBR {row.consensus:.0f}")
    if row.closest is not None:
        parts.append(f"closest {row.closest[0]} ({row.closest[1]:.0f})")
    if row.qe is not None:
        parts.append(f"QE {row.qe.metric} {row.qe.value:.2f}")
    if row.mqm is not None:
        parts.append(row.mqm.label())
    return parts


def qe_note(rows: Sequence[CandidateRow]) -> str:
    """What the panel says about quality estimation once, above the rows."""
    return "" if any(r.qe for r in rows) else "QE: none configured"
