"""Which sacrebleu metrics the app uses and how each is set up for a target language.

The registry maps the names users type (``bleu``, ``chrf``, ``ter``) to sacrebleu
metric objects configured the same way everywhere, so a stored score, a CLI
leaderboard and ``sacrebleu`` on the command line agree. ``chrf`` means chrF++
(word n-grams of order 2), as in the WMT metrics tasks.
"""
from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric, Signature

from ..errors import BadInputError

METRIC_NAMES = ("bleu", "chrf", "ter")
DEFAULT_METRICS = METRIC_NAMES
_ALIASES = {"chrf++": "chrf", "chrf2++": "chrf", "sentbleu": "bleu"}

# Languages written without spaces between words (or, for Korean, with spaces
# between whole phrases): word-based tokenization would count a sentence as a
# handful of tokens, so they get sacrebleu's language tokenizers.
_CJK = {"zh", "ja", "ko"}
# sacrebleu's own morphological tokenizers need optional packages (MeCab);
# where those are missing, characters are the units, and the signature says so.
_MECAB_MODULES = {"ja": ("ja-mecab", "MeCab"), "ko": ("ko-mecab", "mecab_ko")}


def primary_language(lang: str | None) -> str:
    """``en-US`` -> ``en``; empty means English, the app's default target."""
    return (lang or "en").replace("_", "-").split("-")[0].lower()


@functools.cache
def tokenizer_for(target_lang: str | None) -> str:
    """The sacrebleu BLEU tokenizer for a target language (13a unless CJK)."""
    lang = primary_language(target_lang)
    if lang == "zh":
        return "zh"
    if lang in _MECAB_MODULES:
        name, module = _MECAB_MODULES[lang]
        return name if importlib.util.find_spec(module) is not None else "char"
    return "13a"


def parse_metrics(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"bleu,chrf"`` -> ``("bleu", "chrf")``; unknown names are a one-line error."""
    if spec is None:
        return DEFAULT_METRICS
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    names = []
    for part in parts:
        name = _ALIASES.get(part.strip().lower(), part.strip().lower())
        if name not in METRIC_NAMES:
            raise BadInputError(f"unknown metric {part.strip()!r} (known: {', '.join(METRIC_NAMES)})")
        if name not in names:
            names.append(name)
    if not names:
        raise BadInputError(f"no metric named (known: {', '.join(METRIC_NAMES)})")
    return tuple(names)


def make_metric(name: str, target_lang: str | None = "en", *, sentence: bool = False) -> Metric:
    """A fresh sacrebleu metric object; ``sentence=True`` gives sentence BLEU (effective order)."""
    cjk = primary_language(target_lang) in _CJK
    if name == "bleu":
        return BLEU(tokenize=tokenizer_for(target_lang), effective_order=sentence)
    if name == "chrf":
        return CHRF(word_order=2)
    if name == "ter":
        return TER(case_sensitive=False, asian_support=cjk)  # as MLQE-PE and sacrebleu's CLI
    raise BadInputError(f"unknown metric {name!r} (known: {', '.join(METRIC_NAMES)})")


@functools.cache
def cached_metric(name: str, target_lang: str | None = "en", sentence: bool = False) -> Metric:
    """One metric object per configuration and process (building a tokenizer is not free).

    Only for callers that pass references explicitly: sacrebleu objects keep a
    reference cache when built with ``references=``; these never are.
    """
    return make_metric(name, target_lang, sentence=sentence)


def signature(name: str, target_lang: str | None = "en", *, sentence: bool = False) -> Signature:
    """The sacrebleu signature of a metric scored against one reference (``.format()`` for text)."""
    metric = make_metric(name, target_lang, sentence=sentence)
    metric.num_refs = 1  # sacrebleu resolves this only once it has seen references; the app always has one
    return metric.get_signature()


@functools.cache
def signature_text(name: str, target_lang: str | None = "en", sentence: bool = False) -> str:
    """``signature(...).format()``, built once per configuration (stored with every score)."""
    return signature(name, target_lang, sentence=sentence).format()


# What sacrebleu calls each score, given the configuration in make_metric.
SCORE_NAMES = {"bleu": "BLEU", "chrf": "chrF2++", "ter": "TER"}
# Whether a higher score is better (TER counts edits).
HIGHER_IS_BETTER = {"bleu": True, "chrf": True, "ter": False}


__all__ = [
    "METRIC_NAMES", "DEFAULT_METRICS", "parse_metrics", "make_metric", "cached_metric", "signature", "signature_text",
    "SCORE_NAMES", "HIGHER_IS_BETTER", "tokenizer_for", "primary_language",
]
