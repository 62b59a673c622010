"""Candidate retranslations: model backends and imported system outputs (stored by
``workflow.candidates``; run in the background by ``workflow.jobs``).

Every backend has one interface (:class:`~.base.Backend`): a ``name``, declared
``options`` (name, default, help) that the CLI turns into flags and the UI into
form fields, and ``generate(segments) -> candidates``. ``BACKENDS`` is the
registry. Heavy libraries (torch, transformers, ctranslate2) are imported only
when a model loads, so importing this package is cheap.

- :mod:`.hf`: transformers (translation, editing, chat), extra ``mt``;
- :mod:`.ct2`: CTranslate2, extra ``ct2``;
- :mod:`.imported`: outputs of other systems (Google, DeepL, Papago, an LLM), read and aligned by line or id;
- :mod:`.models`: offline model resolution, ``models list|pull``, licenses;
- :mod:`.prompts` (what a model reads per mode), :mod:`.languages` (NLLB/M2M100/OPUS-MT codes),
  :mod:`.loaded` (one copy of each model per process), :mod:`.model_backend` (what both model
  backends share). Tiny real models for the tests and the benchmark are built by tests/tiny_models.py.
"""
from __future__ import annotations

from typing import Any

from ..errors import BadInputError
from .base import COMMON_OPTIONS, Backend, Option
from .ct2 import CTranslate2Backend
from .hf import TransformersBackend

BACKENDS: dict[str, type[Backend]] = {
    TransformersBackend.name: TransformersBackend,
    CTranslate2Backend.name: CTranslate2Backend,
}


def make_backend(name: str, model: str, *, system: str | None = None, **options: Any) -> Backend:
    """A ready backend; ``options`` left out (or None) take their declared defaults."""
    try:
        backend_class = BACKENDS[name]
    except KeyError:
        raise BadInputError(f"unknown backend {name!r} (known: {', '.join(BACKENDS)})") from None
    return backend_class(model, system=system, **{k: v for k, v in options.items() if v is not None})


def all_options() -> dict[str, Option]:
    """Every option any backend declares, by name (the CLI makes one flag of each)."""
    out: dict[str, Option] = {}
    for backend_class in BACKENDS.values():
        for option in backend_class.options:
            out.setdefault(option.name, option)
    return out


__all__ = ["BACKENDS", "Backend", "Option", "COMMON_OPTIONS", "make_backend", "all_options"]
