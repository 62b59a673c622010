"""Candidate translation of the kept pairs with a configured model, loaded once per worker.

The model backends are the review app's own (:mod:`review_app.candidates`: transformers or
CTranslate2, batched by length); a worker process keeps one backend per model for its whole
life, and :mod:`review_app.candidates.loaded` keeps the weights loaded once per process, so a
worker loads a model once however many shards it finishes. On Ray the stage runs as an actor
pool for the same reason (see :mod:`.engines`).
"""
from __future__ import annotations

from ..candidates import make_backend
from ..model import Segment
from .options import ModelSpec

_backends: dict[str, object] = {}


def translator(spec: ModelSpec):
    """A function (sources, targets, source_lang, target_lang) -> the model's best candidate per pair."""
    key = repr(spec)
    if key not in _backends:
        _backends[key] = make_backend(spec.backend, spec.model, system=spec.system, **spec.options)
    backend = _backends[key]

    def translate(sources: list, targets: list, source_lang: str | None, target_lang: str | None) -> list:
        segments = [
            Segment(id=i, document_id=0, position=i, paragraph=0, mt=target or "", source=source,
                    source_lang=source_lang, target_lang=target_lang or "en")
            for i, (source, target) in enumerate(zip(sources, targets))
        ]
        best: dict[int, str] = {}
        for candidate in backend.generate(segments):
            best.setdefault(candidate.segment_id, candidate.text)  # candidates come best first
        return [best.get(i) for i in range(len(segments))]

    return translate


def models_loaded() -> int:
    """How many models this process has set up (each is loaded once, on its first batch)."""
    return len(_backends)


def wants_gpu(spec: ModelSpec, gpus_in_cluster: float) -> bool:
    """Whether each translating worker should hold a GPU: asked for, or ``auto`` and the cluster has one."""
    device = spec.options.get("device") or "auto"
    return device == "cuda" or (device == "auto" and gpus_in_cluster > 0)


def describe(spec: ModelSpec) -> dict:
    backend = make_backend(spec.backend, spec.model, system=spec.system, **spec.options)
    return {"system": backend.system, "backend": spec.backend, "model": spec.model, "mode": backend.mode,
            "license": backend.license}


__all__ = ["translator", "models_loaded", "wants_gpu", "describe"]
