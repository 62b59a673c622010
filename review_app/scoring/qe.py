"""The seam for quality estimation (a reference-free score of a candidate from its source).

A neural QE model (CometKiwi, MetricX-24 in QE mode: ``scoring.neural``, the ``qe_model``
setting) scores every candidate once, offline (``review-app qe --project``, through
``workflow.neural.store_qe_scores``), and each score is stored as ``Score(metric, value,
reference=QE_REFERENCE, signature)``. The review page only reads what is stored, so with no
QE model configured (or not yet run) there is no score and ``quality_estimate`` returns None:
the page then says so instead of showing a number.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Score
from .segments import LENGTH_RATIO

QE_REFERENCE = "source"  # what a reference-free score was computed against


def quality_estimate(scores: Sequence[Score]) -> Score | None:
    """A candidate's stored QE score (the latest), or None when no QE model has scored it."""
    found = [s for s in scores if s.reference == QE_REFERENCE and s.metric != LENGTH_RATIO]
    return found[-1] if found else None


__all__ = ["QE_REFERENCE", "quality_estimate"]
