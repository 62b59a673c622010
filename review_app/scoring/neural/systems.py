"""Neural metrics on a test set of several systems: which model computes which metric, and
the per-segment scores the leaderboard resamples (:class:`~..leaderboard.SegmentScores`)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...errors import BadInputError
from ..leaderboard import SegmentScores
from . import default_model, load_scorer, resolve_metric_model, serves
from .base import NEURAL_METRICS, Progress


def assign_models(metrics: Sequence[str], model_refs: Sequence[str]) -> dict[str, str]:
    """metric -> model reference. Each ``--model`` serves the metrics its kind computes; a metric
    no model was given for takes its setting (comet_model, cometkiwi_model, metricx_model)."""
    families = {ref: resolve_metric_model(ref)[1] for ref in model_refs}
    chosen: dict[str, str] = {}
    for metric in metrics:
        fitting = [ref for ref, family in families.items() if serves(family, metric)]
        if len(fitting) > 1:
            raise BadInputError(f"--model: both {fitting[0]} and {fitting[1]} compute {metric}; give one")
        chosen[metric] = fitting[0] if fitting else default_model(metric)
    unused = [ref for ref in families if ref not in chosen.values()]
    if unused:
        raise BadInputError(f"--model {unused[0]}: a {families[unused[0]]} model, but --metrics asks for "
                            f"{', '.join(metrics) or 'no neural metric'}")
    return chosen


def systems_segment_scores(
    metrics: Sequence[str],
    models: Mapping[str, str],
    sources: Sequence[str | None] | None,
    references: Sequence[str],
    systems: Mapping[str, Sequence[str]],
    *,
    device: str = "auto",
    batch_size: int = 16,
    progress: Progress | None = None,
    **load_options,
) -> list[SegmentScores]:
    """Every system's segment scores under each neural metric, ready for ``leaderboard(segment_scores=...)``."""
    out = []
    for metric in metrics:
        scorer = load_scorer(metric, models[metric], device=device, batch_size=batch_size, **load_options)
        refs = references if NEURAL_METRICS[metric].uses_reference else None
        by_system = scorer.score_systems(sources, dict(systems), refs, progress=progress)
        info = scorer.metric
        out.append(SegmentScores(info.score_name, by_system, scorer.signature(), info.higher_is_better, info.decimals))
    return out


__all__ = ["assign_models", "systems_segment_scores"]
