"""Models loaded once per process and shared by every reviewer and job.

Loading a model takes seconds and hundreds of megabytes, so each (backend,
path, device, precision) is loaded at most once, even when two sessions ask at
the same moment. A loaded model carries a lock: tokenizers of multilingual
models hold the source language as state, and on a CPU two generations at once
only fight over the same cores, so generation on one model runs one batch at a time.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LoadedModel:
    model: Any  # a transformers model, a ctranslate2.Translator or ctranslate2.Generator
    tokenizer: Any
    kind: str  # translation | seq2seq | causal
    device: str
    lock: threading.Lock = field(default_factory=threading.Lock)


_models: dict[Hashable, LoadedModel] = {}
_loading: dict[Hashable, threading.Lock] = {}
_guard = threading.Lock()


def shared(key: Hashable, load: Callable[[], LoadedModel]) -> LoadedModel:
    """The model for ``key``, loading it with ``load()`` the first time only."""
    with _guard:
        if key in _models:
            return _models[key]
        key_lock = _loading.setdefault(key, threading.Lock())
    with key_lock:  # other keys load in parallel; this key loads once
        if key not in _models:
            model = load()
            with _guard:
                _models[key] = model
        return _models[key]


def forget_all() -> None:
    """Drop every loaded model (tests; freeing memory after a model switch)."""
    with _guard:
        _models.clear()
        _loading.clear()
