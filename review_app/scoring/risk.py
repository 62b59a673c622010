"""A segment's risk: one number the review queue sorts by, riskiest first.

It is a log-odds that a professional reviewer would mark a Major error in the
segment, summed from signals that cost nothing to compute:

- the findings of the checks, by severity and the check's confidence (info findings do not count);
- how long the MT is (longer segments carry more errors);
- how far the MT's length strays from the language pair's norm (``LengthNorm``,
  learned from the document);
- where a segment has other candidates (other systems' or models' outputs), how
  much the MT disagrees with them: 100 minus its mean chrF against them (the
  consensus that MBR decoding selects by);
- a learned quality-estimation score where one is available (``QualityEstimator``,
  the seam for a COMET/MetricX QE model): higher means better, standardised within
  the document, so its scale does not matter.

The weights were fitted (logistic regression, then rounded) on the shared half of
WMT23 zh-en MQM (corpora/wmt23-mqm-zhen-dev) and checked by document-wise halves;
``review-app check --eval-mqm`` measures how well the score orders another set.
Without other candidates the disagreement term is left out (the ordering then rests
on length and findings: AUC 0.66 on that set, against 0.78 with it).
Everything here is pure: records in, floats out.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sacrebleu.metrics import CHRF

from ..language.length import LengthNorm
from ..model import Finding, Severity

# A learned QE model: sources and MTs in, one score per pair out (higher = better).
QualityEstimator = Callable[[Sequence[str], Sequence[str]], Sequence[float]]

# Fitted on the shared half (2,270 segments; logistic regression for "has a Major error", rounded).
# Document-wise halves of it, each fitted on the other, score AUC 0.76 and 0.78. Every Major finding
# there fell on a segment with a Major error (the fit says 4.5 per finding); 3 allows for checks
# that were not measured on it.
BASE_LOG_ODDS = 0.4  # sigmoid(risk) estimates the chance of a Major error (64% of that set's segments)
SEVERITY_WEIGHT = {Severity.CRITICAL: 4.0, Severity.MAJOR: 3.0, Severity.MINOR: 0.9, Severity.INFO: 0.0}
LENGTH_WEIGHT = 1.3  # per unit of log(MT characters)
TYPICAL_LOG_LENGTH = math.log(150)  # centres the length term
LONGER_WEIGHT = 0.2  # per spread longer than the pair's norm (run-on output, a repeated phrase)
SHORTER_WEIGHT = 0.05  # per spread shorter than the norm (a dropped clause; weak on its own)
DISAGREEMENT_WEIGHT = 0.09  # per chrF point of disagreement with the other candidates
TYPICAL_DISAGREEMENT = 32.0  # 100 - the mean consensus chrF of the fitting set
QE_WEIGHT = 0.5  # per standard deviation of a QE score within the document (not yet fitted: issue 13)
MIN_CHRF_CANDIDATES = 1

_CHRF = CHRF()  # sacrebleu's chrF (character 6-grams, beta 2); sentence_score keeps no state between calls


@dataclass(frozen=True)
class RiskSignals:
    """What one segment's risk is made of (None: that signal is not available for it)."""

    findings: tuple[Finding, ...] = ()
    mt_chars: int = 0
    length_z: float | None = None
    disagreement: float | None = None  # 100 - mean chrF against the other candidates
    qe_z: float | None = None  # the QE score, standardised within the document


def risk_score(signals: RiskSignals) -> float:
    """The segment's risk (log-odds of a Major error; higher = review sooner)."""
    score = BASE_LOG_ODDS + LENGTH_WEIGHT * (math.log(max(signals.mt_chars, 1)) - TYPICAL_LOG_LENGTH)
    score += findings_score(signals.findings)
    if signals.length_z is not None:
        score += LONGER_WEIGHT * max(signals.length_z, 0.0) + SHORTER_WEIGHT * max(-signals.length_z, 0.0)
    if signals.disagreement is not None:
        score += DISAGREEMENT_WEIGHT * (signals.disagreement - TYPICAL_DISAGREEMENT)
    if signals.qe_z is not None:
        score -= QE_WEIGHT * signals.qe_z
    return score


def major_chance(risk: float) -> float:
    """The risk score as the estimated chance of a Major error, 0..1 (the score is its log-odds)."""
    return 1.0 / (1.0 + math.exp(-max(min(risk, 50.0), -50.0)))


def findings_score(findings: Sequence[Finding]) -> float:
    """The findings' part of the risk alone: each weighs its severity times its check's confidence
    (1 where the check gives none)."""
    return sum(SEVERITY_WEIGHT[f.severity] * (1.0 if f.confidence is None else f.confidence) for f in findings)


def disagreement(mt: str, candidates: Sequence[str]) -> float | None:
    """100 minus the MT's mean sentence chrF against the other candidates (None without any)."""
    others = [c for c in candidates if c.strip()]
    if len(others) < MIN_CHRF_CANDIDATES or not mt.strip():
        return None
    return 100.0 - statistics.fmean(_CHRF.sentence_score(mt, [c]).score for c in others)


def document_signals(
    pairs: Sequence[tuple[str | None, str]],
    findings: Sequence[Sequence[Finding]],
    candidates: Sequence[Sequence[str]] | None = None,
    qe: Sequence[float] | None = None,
    norm: LengthNorm | None = None,
) -> list[RiskSignals]:
    """The signals of every ``(source, mt)`` pair of a document. ``candidates[i]`` are the other
    outputs for pair i (not the MT itself, not rule repairs of it); ``norm`` defaults to the
    one learned from the document's own pairs."""
    norm = norm or LengthNorm.learn(pairs)
    qe_z = _standardised(qe) if qe is not None else [None] * len(pairs)
    out = []
    for i, (source, mt) in enumerate(pairs):
        others = candidates[i] if candidates is not None else ()
        out.append(RiskSignals(tuple(findings[i]) if i < len(findings) else (), len(mt.strip()),
                               norm.z(source, mt) if source else None, disagreement(mt, others), qe_z[i]))
    return out


def document_risks(pairs, findings, candidates=None, qe=None, norm=None) -> list[float]:
    """One risk per pair of a document (see ``document_signals``)."""
    return [risk_score(s) for s in document_signals(pairs, findings, candidates, qe, norm)]


def _standardised(values: Sequence[float]) -> list[float | None]:
    if len(values) < 2:
        return [None] * len(values)
    mean, sd = statistics.fmean(values), statistics.pstdev(values)
    return [(v - mean) / sd if sd else 0.0 for v in values]
