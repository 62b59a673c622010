"""The risk of a segment: one number from its findings, by which the review queue and a batch's
review sample are ordered (lower is riskier).

One pure function, so a better score (issue 11: confidence, length ratio, candidate
disagreement) replaces it in one place for the Store and the batch engine alike.
"""
from __future__ import annotations

from collections.abc import Iterable

from .model import Finding, Severity

NO_RISK = 99  # a segment without findings sorts after every segment with one


def risk(findings: Iterable[Finding]) -> int:
    """The rank of the worst finding (0 critical ... 3 info), or :data:`NO_RISK` when there is none."""
    return min((Severity(f.severity).rank for f in findings), default=NO_RISK)


__all__ = ["NO_RISK", "risk"]
