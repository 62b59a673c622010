"""The one kiwipiepy analyser of the process: its model loads in seconds, so it is made once,
lazily, the first time Korean text is met (sentence splitting on import, subject reading)."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi  # heavy: loads a model

    # Without the typo and multi-word dictionaries: the same readings of news text (bench/attribution.py
    # and the tests agree) for 340 MB resident instead of 530 MB, which every batch worker pays.
    analyser = Kiwi(load_typo_dict=False, load_multi_dict=False)
    # Kiwi builds most of its model on the first analysis (~4 s): done here, so it is not charged to
    # whichever sentence comes first (the checks' per-segment time budget, checks.run_checks).
    analyser.tokenize("가")
    return analyser
