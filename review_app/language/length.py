"""How long a translation runs against its source, per language pair.

English runs about 2x the characters of Korean, 3-4x of Chinese or Japanese and 1.1x
of a Latin-script language; the exact ratio depends on the text (news titles run
shorter, numbers and names longer). ``LengthNorm.learn`` takes the ratio from the
pairs at hand (a document, or a project) and falls back on the script's prior where
there are too few of them, so a check or a risk score compares each pair with its
own document's norm rather than with a fixed constant.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from .scripts import HAN_OR_KANA, HANGUL_RUN

# Prior English/source character ratios by source script (korean-english-news-v1 for
# Hangul; WMT23 zh-en measured 3.96) and the spread of log(ratio) between pairs.
PRIOR_RATIO = {"hangul": 2.0, "han": 3.5, "other": 1.1}
PRIOR_SPREAD = 0.25
MIN_SPREAD = 0.12  # a document of near-identical pairs must not make every small wobble an outlier
PRIOR_WEIGHT = 20  # pairs' worth of trust in the prior: a 10-pair document moves a third of the way
MIN_SOURCE_CHARS = 10  # titles and bylines say little about a pair's ratio


def source_script(source: str) -> str:
    if HANGUL_RUN.search(source):
        return "hangul"
    if HAN_OR_KANA.search(source):
        return "han"
    return "other"


def log_ratio(source: str, translation: str) -> float | None:
    """log(len(translation) / len(source)) in characters, None when either side is too short to tell."""
    source, translation = source.strip(), translation.strip()
    if len(source) < MIN_SOURCE_CHARS or not translation:
        return None
    return math.log(len(translation) / len(source))


@dataclass(frozen=True)
class LengthNorm:
    """The usual log length ratio of a language pair's translations, and how far pairs stray from it."""

    log_ratio: float
    spread: float
    pairs: int = 0  # how many pairs it was learned from (0: the prior alone)

    @property
    def ratio(self) -> float:
        return math.exp(self.log_ratio)

    @classmethod
    def prior(cls, script: str) -> "LengthNorm":
        return cls(math.log(PRIOR_RATIO[script]), PRIOR_SPREAD)

    @classmethod
    def learn(cls, pairs: Iterable[tuple[str | None, str]]) -> "LengthNorm":
        """The norm of ``(source, translation)`` pairs: their median log ratio and robust spread
        (1.4826 x the median absolute deviation), each pulled towards the source script's prior
        in proportion to how few pairs there are."""
        ratios, scripts = [], []
        for source, translation in pairs:
            if source and source.strip():
                scripts.append(source_script(source))
            value = log_ratio(source or "", translation)
            if value is not None:
                ratios.append(value)
        script = statistics.mode(scripts) if scripts else "other"
        prior = cls.prior(script)
        if not ratios:
            return prior
        centre = statistics.median(ratios)
        spread = 1.4826 * statistics.median(abs(r - centre) for r in ratios) if len(ratios) > 2 else prior.spread
        trust = len(ratios) / (len(ratios) + PRIOR_WEIGHT)
        return cls(trust * centre + (1 - trust) * prior.log_ratio,
                   max(MIN_SPREAD, trust * spread + (1 - trust) * prior.spread), len(ratios))

    def z(self, source: str | None, translation: str) -> float | None:
        """How many spreads the pair's log ratio lies from the norm (positive: longer than usual)."""
        value = log_ratio(source or "", translation)
        return None if value is None else (value - self.log_ratio) / self.spread
