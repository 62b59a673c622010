"""Rankings people can act on, and how far to trust them.

- :func:`rank_by`: a leaderboard's systems ordered by one metric, each with its 95% interval and
  what its paired test says in words: better or worse than the baseline (or no significant
  difference), the p-value, and the effect size (the difference in the metric's points with
  its 95% paired-bootstrap interval).
- :func:`comparison_warnings`: when not to believe a comparison: fewer than
  :data:`MIN_SEGMENTS` segments, or references made from one compared system's own outputs
  (a correction that accepted a candidate is that candidate's system's text).
- :func:`metric_vs_mqm`: each metric's system ranking beside the MQM ranking, with the
  pairwise ranking accuracy the WMT metrics task reports (Kocmi et al. 2021; mt-metrics-eval's
  ``Agreement``: the share of system pairs that the metric orders as the humans do).
- :func:`worth_a_look`: of the segments where two systems differ most, those a person should
  read: pairs that are both acceptable (both close to the reference by chrF, or both rated by
  MQM without an error) are skipped and counted.

Pure functions of leaderboards, test sets and annotations: no Store, no Streamlit.
"""
from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Annotation
from .leaderboard import Cell, Leaderboard
from .mqm import NO_ERROR, SystemMqm

# Below this many segments a paired test rests on a handful of sentences (the WMT findings and
# Koehn 2004 use hundreds to thousands); the page says so rather than showing bare stars.
MIN_SEGMENTS = 100
# Sentence chrF++ points from the reference within which an output counts as an acceptable
# wording (a synonym or a reordering); two such outputs are not worth a reviewer's look.
ACCEPTABLE_CHRF_DISTANCE = 30.0

BASELINE, BETTER, WORSE, NO_DIFFERENCE, NOT_TESTED = (
    "baseline", "better", "worse", "no significant difference", "not tested")
DIRECTIONS = (BASELINE, BETTER, WORSE, NO_DIFFERENCE, NOT_TESTED)


@dataclass(frozen=True)
class RankedSystem:
    """One system's place under one metric, and what its paired test against the baseline says."""

    rank: int  # 1 = best; equal scores share a rank
    system: str
    metric: str
    score: float
    ci_low: float | None
    ci_high: float | None
    direction: str  # one of DIRECTIONS
    p_value: float | None
    delta: float | None  # score minus the baseline's, in the metric's points
    delta_low: float | None  # 95% paired-bootstrap interval of delta (paired bootstrap only)
    delta_high: float | None
    higher_is_better: bool = True


def direction(cell: Cell, baseline_score: float) -> str:
    """Better or worse than the baseline (p < 0.05, in the metric's own sense of better), no
    significant difference, or not tested."""
    if cell.is_baseline:
        return BASELINE
    if cell.significant is None:
        return NOT_TESTED
    if not cell.significant:
        return NO_DIFFERENCE
    gain = cell.score - baseline_score
    return BETTER if (gain > 0) == cell.higher_is_better else WORSE


def rank_by(board: Leaderboard, metric: str) -> list[RankedSystem]:
    """The board's systems best first by ``metric`` (a score name: BLEU, chrF2++, TER, COMET ...)."""
    if metric not in board.metrics:
        raise KeyError(f"{metric!r} is not on this leaderboard ({', '.join(board.metrics)})")
    cells = [board.cell(s, metric) for s in board.systems]
    base = board.cell(board.baseline, metric).score
    sign = -1.0 if cells[0].higher_is_better else 1.0
    ordered = sorted(cells, key=lambda c: (sign * c.score, c.system))
    out = []
    for position, cell in enumerate(ordered, 1):
        rank = out[-1].rank if out and out[-1].score == cell.score else position
        out.append(RankedSystem(
            rank=rank, system=cell.system, metric=metric, score=cell.score, ci_low=cell.ci_low,
            ci_high=cell.ci_high, direction=direction(cell, base), p_value=cell.p_value,
            delta=None if cell.is_baseline else cell.score - base, delta_low=cell.delta_low,
            delta_high=cell.delta_high, higher_is_better=cell.higher_is_better))
    return out


# -- when not to believe a comparison -------------------------------------------------------


@dataclass(frozen=True)
class ComparisonWarning:
    kind: str  # "small sample" or "reference bias"
    message: str
    systems: tuple[str, ...] = ()


def comparison_warnings(segments: int, reference_systems: Sequence[str | None], compared: Sequence[str],
                        *, minimum: int = MIN_SEGMENTS) -> list[ComparisonWarning]:
    """What makes a leaderboard's differences doubtful: too few segments, and references that are
    a compared system's own outputs (``reference_systems[i]``: whose text reference i is, if a system's)."""
    warnings = []
    if segments < minimum:
        warnings.append(ComparisonWarning(
            "small sample",
            f"Only {segments:,} segment{'s' if segments != 1 else ''}: a comparison on fewer than {minimum} "
            "rests on a handful of sentences, so its p-values and intervals are not to be trusted; "
            "add references (approve more corrections) before deciding between systems."))
    counts = Counter(s for s in reference_systems if s is not None)
    total = len(reference_systems)
    for system in compared:
        n = counts.get(system, 0)
        if n:
            warnings.append(ComparisonWarning(
                "reference bias",
                f"{n:,} of {total:,} references ({n / total:.0%}) are {system}'s own output, accepted as the "
                f"correction: {system} is scored against itself there, so its scores are inflated and every "
                f"difference to it is biased in its favour.", (system,)))
    return warnings


# -- metrics against MQM --------------------------------------------------------------------


def pairwise_agreement(gold: Sequence[float], predicted: Sequence[float]) -> tuple[int, int]:
    """(agreeing pairs, pairs): system pairs whose order (sign of the difference, ties included)
    is the same in both vectors, both oriented so that higher is better; as mt-metrics-eval's
    ``stats.Agreement``, which the WMT metrics task's pairwise accuracy counts."""
    agree = pairs = 0
    for (g1, p1), (g2, p2) in itertools.combinations(zip(gold, predicted), 2):
        agree += int(np.sign(g1 - g2) == np.sign(p1 - p2))
        pairs += 1
    return agree, pairs


@dataclass(frozen=True)
class RankPair:
    system: str
    score: float  # the metric's
    rank: int  # by the metric, 1 = best
    mqm: float
    mqm_rank: int  # by MQM, 1 = best (fewest weighted errors)


@dataclass(frozen=True)
class RankingAgreement:
    """A metric's system ranking beside the MQM ranking."""

    metric: str
    agree: int
    pairs: int
    rows: tuple[RankPair, ...] = field(default_factory=tuple)  # best by MQM first

    @property
    def accuracy(self) -> float:
        return self.agree / self.pairs if self.pairs else float("nan")


def _ranks(values: Mapping[str, float]) -> dict[str, int]:
    """1 = highest; ties share the better rank."""
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    ranks: dict[str, int] = {}
    for position, (system, value) in enumerate(ordered, 1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[system] = ranks[previous[0]] if previous and previous[1] == value else position
    return ranks


def metric_vs_mqm(board: Leaderboard, mqm: Sequence[SystemMqm]) -> list[RankingAgreement]:
    """For each metric of the board, its ranking of the systems that MQM also rated, and its
    pairwise ranking accuracy against MQM (empty when fewer than two systems are in both)."""
    human = {s.system: -s.mqm for s in mqm if s.system in board.systems}  # higher = better
    systems = sorted(human)
    if len(systems) < 2:
        return []
    human_ranks = _ranks(human)
    out = []
    for metric in board.metrics:
        cells = {s: board.cell(s, metric) for s in systems}
        oriented = {s: c.score if c.higher_is_better else -c.score for s, c in cells.items()}
        agree, pairs = pairwise_agreement([human[s] for s in systems], [oriented[s] for s in systems])
        metric_ranks = _ranks(oriented)
        rows = tuple(RankPair(s, cells[s].score, metric_ranks[s], -human[s], human_ranks[s])
                     for s in sorted(systems, key=lambda s: (human_ranks[s], s)))
        out.append(RankingAgreement(metric, agree, pairs, rows))
    return out


# -- where two systems differ, and which of those a person should read ------------------------


def is_error(annotation: Annotation) -> bool:
    """An MQM mark that counts against the text ("No-error" rows and Neutral marks do not)."""
    return annotation.category != NO_ERROR and annotation.severity.lower() not in ("no-error", "neutral")


@dataclass(frozen=True)
class Skipped:
    """How many of the differing segments were left out, and why."""

    close_to_reference: int = 0  # both outputs within the chrF distance of the reference
    no_mqm_error: int = 0  # both outputs rated by MQM, neither with an error

    @property
    def total(self) -> int:
        return self.close_to_reference + self.no_mqm_error


def skip_reason(chrf_a: float, chrf_b: float, marks_a: Sequence[Annotation] | None,
                marks_b: Sequence[Annotation] | None, max_distance: float) -> str | None:
    """Why a differing pair is not worth a look, or None. ``marks_x`` None = that output has no MQM rating."""
    if 100.0 - chrf_a <= max_distance and 100.0 - chrf_b <= max_distance:
        return "close_to_reference"
    if marks_a is not None and marks_b is not None and not any(map(is_error, [*marks_a, *marks_b])):
        return "no_mqm_error"
    return None


def worth_a_look(rows: Sequence[dict], chrf: Mapping[int, tuple[float, float]],
                 marks: Mapping[tuple[int, str], Sequence[Annotation]], system_a: str, system_b: str, *,
                 max_distance: float = ACCEPTABLE_CHRF_DISTANCE, top: int | None = 20) -> tuple[list[dict], Skipped]:
    """The rows of ``system_differences`` (largest difference first) that a person should read,
    each with its outputs' sentence chrF++ and MQM marks added (``chrf_a``, ``chrf_b``, ``marks_a``,
    ``marks_b``); ``chrf`` maps a row's index to the two outputs' sentence chrF++, ``marks`` a
    (segment id, system) to its MQM annotations. Returns the rows and what was skipped."""
    kept, skipped = [], Counter()
    for row in rows:
        chrf_a, chrf_b = chrf[row["index"]]
        marks_a = marks.get((row["segment_id"], system_a))
        marks_b = marks.get((row["segment_id"], system_b))
        reason = skip_reason(chrf_a, chrf_b, marks_a, marks_b, max_distance)
        if reason is not None:
            skipped[reason] += 1
            continue
        if top is None or len(kept) < top:
            kept.append({**row, "chrf_a": chrf_a, "chrf_b": chrf_b, "marks_a": tuple(marks_a or ()),
                         "marks_b": tuple(marks_b or ())})
    return kept, Skipped(**skipped)


__all__ = ["rank_by", "RankedSystem", "direction", "comparison_warnings", "ComparisonWarning", "MIN_SEGMENTS",
           "pairwise_agreement", "metric_vs_mqm", "RankingAgreement", "RankPair", "worth_a_look", "skip_reason",
           "Skipped", "is_error", "ACCEPTABLE_CHRF_DISTANCE", "DIRECTIONS", "BASELINE", "BETTER", "WORSE",
           "NO_DIFFERENCE", "NOT_TESTED"]
