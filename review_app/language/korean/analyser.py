"""The one kiwipiepy analyser of the process: its model loads in seconds, so it is made once,
lazily, the first time Korean text is met (sentence splitting on import, subject reading)."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi  # heavy: loads a model

    return Kiwi()
