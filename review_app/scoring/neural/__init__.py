"""Neural MT metrics and quality estimation from local checkpoints (the ``neural`` extra).

- ``comet``: COMET-22 (Unbabel/wmt22-comet-da) and CometKiwi (Unbabel/wmt22-cometkiwi-da),
  from their published folders (hparams.yaml + checkpoints/model.ckpt);
- ``metricx``: MetricX-24 hybrid (google/metricx-24-hybrid-*), with a reference or as QE;
- ``base``: the metric table, signatures, batching by length;

Models are found offline like translation models (a directory, the ``model_dir``
setting, or the Hugging Face cache); nothing here downloads. torch and transformers
are imported when a model loads, so importing this package is cheap.

For other parts of the app: :func:`load_scorer` (a metric by name and model),
:func:`qe_scores` (one reference-free score per segment, for the risk score) and
:func:`qe_risk` (the same turned into 0..1, higher = riskier).
"""
from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path

from ... import settings
from ...candidates import models
from ...errors import BadInputError
from .base import NEURAL_METRICS, NeuralMetric, NeuralSignature, Progress, split_metric_names


def metric_of_folder(path: Path) -> str | None:
    """The metric family a model folder serves: comet, cometkiwi, metricx, or None."""
    from .comet import comet_metric_of, is_comet_folder
    from .metricx import is_metricx_folder

    if is_comet_folder(path):
        return comet_metric_of(path)
    if (path / "config.json").is_file() and is_metricx_folder(path):
        return "metricx"
    return None


def resolve_metric_model(ref: str) -> tuple[models.ResolvedModel, str]:
    """A model reference (directory, model_dir name or Hugging Face id) and the metric family it serves."""
    try:
        resolved = models.resolve(ref, marker="hparams.yaml")
    except BadInputError as comet_error:
        try:
            resolved = models.resolve(ref)
        except BadInputError:
            raise comet_error from None
    family = metric_of_folder(resolved.path)
    if family is None:
        raise BadInputError(f"{ref}: not a metric model (neither a COMET folder with hparams.yaml nor a MetricX mT5)")
    return resolved, family


def serves(family: str, metric: str) -> bool:
    """Whether a model of this family computes the metric (MetricX does both of its modes)."""
    return family == metric or (family == "metricx" and metric == "metricx-qe")


@functools.lru_cache(maxsize=4)
def load_scorer(metric: str, model: str, *, device: str = "auto", batch_size: int = 16,
                encoder: str | None = None, tokenizer: str | None = None):
    """A loaded scorer for ``metric`` (comet, cometkiwi, metricx, metricx-qe) from ``model``.

    Loading takes seconds to minutes, so the last few are kept; a scorer has
    ``score(sources, hypotheses, references=None, progress=None) -> list[float]``,
    ``signature()``, ``metric`` (a :class:`NeuralMetric`) and ``load_report``."""
    if metric not in NEURAL_METRICS:
        raise BadInputError(f"unknown neural metric {metric!r} (known: {', '.join(NEURAL_METRICS)})")
    resolved, family = resolve_metric_model(model)
    if not serves(family, metric):
        raise BadInputError(f"{model}: a {family} model cannot compute {metric}")
    try:
        if family == "metricx":
            from .metricx import MetricXScorer

            return MetricXScorer(resolved, qe=metric == "metricx-qe", device=device, batch_size=batch_size,
                                 tokenizer=tokenizer)
        from .comet import CometScorer

        return CometScorer(resolved, device=device, batch_size=batch_size, encoder=encoder)
    except ImportError as exc:
        raise BadInputError(f"{metric} needs the neural extra: pip install 'review_app[neural]' ({exc.name} "
                            "is missing)") from None


def default_model(metric: str) -> str:
    """The model a metric uses when none is named (settings comet_model, cometkiwi_model, metricx_model)."""
    name = {"comet": "comet_model", "cometkiwi": "cometkiwi_model"}.get(metric, "metricx_model")
    return settings.get(name)


def configured_metrics() -> dict[str, str]:
    """metric -> model reference for each neural metric whose model (its setting: comet_model,
    cometkiwi_model, metricx_model) is on this machine and computes it: what a page can offer."""
    if importlib.util.find_spec("torch") is None:
        return {}
    found = {}
    for metric in NEURAL_METRICS:
        ref = default_model(metric)
        try:
            _, family = resolve_metric_model(ref)
        except BadInputError:  # not downloaded here, or not a metric model
            continue
        if serves(family, metric):
            found[metric] = ref
    return found


def qe_metric_for(model: str) -> str:
    """The reference-free metric a model computes: cometkiwi for CometKiwi, metricx-qe for MetricX."""
    _, family = resolve_metric_model(model)
    if family == "comet":
        raise BadInputError(f"{model}: COMET-22 needs references; quality estimation takes CometKiwi or MetricX-24")
    return "cometkiwi" if family == "cometkiwi" else "metricx-qe"


def load_qe(model: str | None = None, **options):
    """The quality-estimation scorer of ``model`` (default: the ``qe_model`` setting)."""
    model = model or settings.get("qe_model")
    return load_scorer(qe_metric_for(model), model, **options)


def qe_scores(sources: Sequence[str], mts: Sequence[str], model: str | None = None, *,
              progress: Progress | None = None, **options) -> list[float]:
    """One reference-free quality score per (source, MT) pair, in the model's own scale
    (CometKiwi: higher is better, about 0..1; MetricX-24: 0 best .. 25 worst)."""
    return load_qe(model, **options).score(sources, mts, progress=progress)


def qe_risk(sources: Sequence[str], mts: Sequence[str], model: str | None = None, **options) -> list[float]:
    """:func:`qe_scores` as a risk in 0..1, higher = more likely to need a correction."""
    scorer = load_qe(model, **options)
    values = scorer.score(sources, mts)
    if scorer.metric.higher_is_better:
        return [min(1.0, max(0.0, 1.0 - v)) for v in values]
    return [v / 25.0 for v in values]


def companions(path: Path) -> list[tuple[str, list[str]]]:
    """Repositories a downloaded metric needs beside its own files (its encoder's or its
    tokenizer's), with the file patterns to fetch: ``models pull`` gets them too."""
    from .comet import encoder_companion
    from .metricx import tokenizer_companion

    found = encoder_companion(path) or ((path / "config.json").is_file() and tokenizer_companion(path))
    return [found] if found else []


__all__ = ["NEURAL_METRICS", "NeuralMetric", "NeuralSignature", "load_scorer", "load_qe", "qe_scores", "qe_risk",
           "resolve_metric_model", "metric_of_folder", "serves", "default_model", "qe_metric_for", "companions", "configured_metrics",
           "split_metric_names"]
