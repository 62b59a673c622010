"""MT-system leaderboards: corpus BLEU, chrF++ and TER of any number of systems on one
test set, with 95% confidence intervals and a paired significance test of each
system against a baseline — sacrebleu's paired bootstrap resampling (``"bs"``) or
approximate randomization (``"ar"``), with the same seeds, draws and numbers as
``sacrebleu --paired-bs/--paired-ar``, but resampled in chunks (see ``resample``).

Everything returned is plain data (dataclasses of floats and strings) for the
CLI's tables and the UI's charts.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from sacrebleu.metrics.base import Signature
from sacrebleu.significance import _compute_p_value, estimate_ci

from ..errors import BadInputError
from . import resample
from .metrics import DEFAULT_METRICS, HIGHER_IS_BETTER, SCORE_NAMES, make_metric, parse_metrics, signature
from .parallel import sentence_scores_from_statistics, systems_statistics

METHODS = ("bs", "ar")
DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}
CI_SAMPLES = 1000
SIGNIFICANCE_LEVEL = 0.05
_SACREBLEU_SEED = object()


@dataclass(frozen=True)
class Cell:
    """One system's result on one metric."""

    system: str
    metric: str  # the score's sacrebleu name: BLEU, chrF2++, TER
    score: float
    mean: float | None = None  # bootstrap estimate of the true score
    ci: float | None = None  # half-width of the 95% interval around ``mean`` (sacrebleu's "±")
    p_value: float | None = None  # paired test against the baseline
    significant: bool | None = None  # p < 0.05
    is_baseline: bool = False
    higher_is_better: bool = True
    # 2.5th and 97.5th percentiles of (system - baseline) over the paired bootstrap's resamples:
    # the difference's 95% interval (paired bootstrap only; the other tests draw unpaired intervals).
    delta_low: float | None = None
    delta_high: float | None = None

    @property
    def ci_low(self) -> float | None:
        return None if self.ci is None else self.mean - self.ci

    @property
    def ci_high(self) -> float | None:
        return None if self.ci is None else self.mean + self.ci


@dataclass(frozen=True)
class Leaderboard:
    systems: tuple[str, ...]  # the baseline first, then the others in the order given
    metrics: tuple[str, ...]  # score names, in the order asked for
    cells: tuple[Cell, ...]
    signatures: dict[str, str]  # score name -> sacrebleu signature (with seed and resamples)
    baseline: str
    method: str | None  # "bs", "ar" or None (confidence intervals only)
    n_samples: int  # resamples ("bs") or trials ("ar") of the paired test
    segments: int
    decimals: dict[str, int] = field(default_factory=dict)  # score name -> digits worth printing, where not 1

    def cell(self, system: str, metric: str) -> Cell:
        return next(c for c in self.cells if c.system == system and c.metric == metric)

    def records(self) -> list[dict]:
        """One flat dict per (system, metric): the long format charts want."""
        return [{**asdict(c), "ci_low": c.ci_low, "ci_high": c.ci_high,
                 "signature": self.signatures[c.metric]} for c in self.cells]


@dataclass(frozen=True)
class SegmentScores:
    """A metric computed outside sacrebleu (a neural model): one score per segment and system.

    Its corpus score is the mean of its segment scores, resampled with the same draws as
    the sacrebleu metrics through :class:`SegmentMean`."""

    name: str  # the score's name in tables: COMET, MetricX-24
    by_system: Mapping[str, Sequence[float]]
    signature: Signature
    higher_is_better: bool = True
    decimals: int = 4


class SegmentMean:
    """The mean of segment scores in the form the resampler takes sacrebleu metrics: each
    segment's statistics are (score, 1), so any resample's sums are (total, count)."""

    sums_in_float64 = True  # sacrebleu's float32 sums suit its whole-number counts, not scores

    @staticmethod
    def statistics(scores: Sequence[float]) -> np.ndarray:
        return np.column_stack([np.asarray(scores, dtype=np.float64), np.ones(len(scores))])

    def _compute_score_from_stats(self, stats) -> "_MeanScore":
        return _MeanScore(float(stats[0] / stats[1]))

    def _aggregate_and_compute(self, stats) -> "_MeanScore":
        return self._compute_score_from_stats(np.asarray(stats, dtype=np.float64).sum(0))


@dataclass(frozen=True)
class _MeanScore:
    score: float


def check_test_set(refs: Sequence[str], systems: Mapping[str, Sequence[str]]) -> None:
    """Refuse what would make scores meaningless, with one line each."""
    if not refs:
        raise BadInputError("the test set has no segments")
    if not systems:
        raise BadInputError("no systems to score")
    for i, ref in enumerate(refs):
        if not ref.strip():
            raise BadInputError(f"reference line {i + 1} is empty")
    for name, hyps in systems.items():
        if len(hyps) != len(refs):
            raise BadInputError(f"system {name!r} has {len(hyps)} segments but the reference has {len(refs)}")


def _ordered(systems: Mapping[str, Sequence[str]], baseline: str | None) -> list[str]:
    names = list(systems)
    baseline = names[0] if baseline is None else baseline
    if baseline not in systems:
        raise BadInputError(f"baseline {baseline!r} is not one of the systems ({', '.join(names)})")
    return [baseline] + [n for n in names if n != baseline]


MIN_SAMPLES, MAX_SAMPLES = 2, 100_000


def leaderboard(
    refs: Sequence[str],
    systems: Mapping[str, Sequence[str]],
    baseline: str | None = None,
    metrics: Sequence[str] | str = DEFAULT_METRICS,
    method: str | None = "bs",
    *,
    n_samples: int | None = None,
    ci_samples: int = CI_SAMPLES,
    target_lang: str = "en",
    seed=_SACREBLEU_SEED,
    jobs: int | None = None,
    progress: bool = False,
    chunk_rows: int | None = None,
    segment_scores: Sequence[SegmentScores] = (),
) -> Leaderboard:
    """Score every system; with ``method`` "bs" or "ar", test each against ``baseline``
    (default: the first system). ``seed`` defaults to sacrebleu's (``SACREBLEU_SEED`` or 12345).
    ``segment_scores`` adds metrics scored elsewhere (neural models), resampled alongside;
    ``metrics`` may then be empty."""
    if method not in (*METHODS, None):
        raise BadInputError(f"unknown significance test {method!r} (known: bs, ar)")
    if n_samples is not None and not MIN_SAMPLES <= n_samples <= MAX_SAMPLES:
        # 0 silently meant the default, 1 gave a KeyError, a billion took all the memory.
        raise BadInputError(f"--samples {n_samples:,}: give at least {MIN_SAMPLES} and at most {MAX_SAMPLES:,} "
                            "resamples or trials")
    names = parse_metrics(metrics) if metrics or not segment_scores else ()
    check_test_set(refs, systems)
    order = _ordered(systems, baseline)
    seed = resample.sacrebleu_seed() if seed is _SACREBLEU_SEED else seed
    n_samples = n_samples or DEFAULT_SAMPLES.get(method, 0)
    # All systems in one pool of workers; each reference is analysed once for all of them.
    stats = dict(zip(order, systems_statistics(names, [systems[s] for s in order], refs, target_lang, jobs=jobs,
                                               progress=progress, desc=f"scoring {len(order)} system(s)")
                     if names else [{} for _ in order]))
    objects = {m: make_metric(m, target_lang) for m in names}
    extra = _add_segment_scores(segment_scores, order, len(refs), stats, objects)
    names = (*names, *extra)
    scores = {(s, m): objects[m]._aggregate_and_compute(stats[s][m].tolist()).score for s in order for m in names}

    run = _Resampler(objects, stats, order, len(refs), seed, chunk_rows)
    if method == "ar":
        p_values, boot = run.randomization(n_samples, ci_samples, scores)
    else:
        boot = run.bootstrap(n_samples if method == "bs" else ci_samples) if method == "bs" or ci_samples else {}
        p_values = run.bootstrap_p_values(boot, scores) if method == "bs" else {}
    described = {m: (SCORE_NAMES[m], HIGHER_IS_BETTER[m]) for m in names if m in SCORE_NAMES}
    described.update({m: (extra[m].name, extra[m].higher_is_better) for m in extra})
    paired = boot if method == "bs" else {}
    cells = tuple(_cell(s, m, described[m], scores, boot, p_values, order[0], paired) for s in order for m in names)
    sigs = {described[m][0]: _signature(extra[m].signature if m in extra else signature(m, target_lang), method,
                                        n_samples, ci_samples, seed) for m in names}
    return Leaderboard(tuple(order), tuple(described[m][0] for m in names), cells, sigs, order[0], method,
                       n_samples if method else 0, len(refs), {extra[m].name: extra[m].decimals for m in extra})


def _add_segment_scores(segment_scores, order, n, stats, objects) -> dict[str, SegmentScores]:
    """Put each outside metric's per-segment scores where the sacrebleu statistics are."""
    extra = {}
    for metric in segment_scores:
        key = f"segment:{metric.name}"
        for system in order:
            values = metric.by_system.get(system)
            if values is None or len(values) != n:
                found = "none" if values is None else len(values)
                raise BadInputError(f"{metric.name}: system {system!r} has {found} segment scores for {n} segments")
            stats[system][key] = SegmentMean.statistics(values)
        objects[key] = SegmentMean()
        extra[key] = metric
    return extra


def _cell(system, metric, described, scores, boot, p_values, baseline, paired) -> Cell:
    mean = ci = delta_low = delta_high = None
    if (system, metric) in boot:
        mean, ci = (float(x) for x in estimate_ci(boot[system, metric]))
    if system != baseline and (system, metric) in paired:
        diffs = paired[system, metric] - paired[baseline, metric]
        delta_low, delta_high = (float(x) for x in np.percentile(diffs, [2.5, 97.5]))
    p = p_values.get((system, metric))
    name, higher_is_better = described
    return Cell(system=system, metric=name, score=scores[system, metric], mean=mean, ci=ci,
                p_value=p, significant=None if p is None else p < SIGNIFICANCE_LEVEL,
                is_baseline=system == baseline, higher_is_better=higher_is_better,
                delta_low=delta_low, delta_high=delta_high)


def _signature(sig: Signature, method, n_samples, ci_samples, seed) -> str:
    sig.update("seed", str(seed).lower())
    if method:
        sig.update(method, n_samples)
    if (method != "bs") and ci_samples > 0:
        sig.update("bs", ci_samples)
    return sig.format()


class _Resampler:
    """The resampling runs of one leaderboard, drawing exactly what sacrebleu draws."""

    def __init__(self, metrics, stats, order, n_segments, seed, chunk_rows):
        self.metrics, self.stats, self.order = metrics, stats, order
        self.n, self.seed, self.chunk_rows = n_segments, seed, chunk_rows

    def bootstrap(self, n_samples: int, systems=None, rng=None) -> dict[tuple[str, str], np.ndarray]:
        """Bootstrap scores of each (system, metric); every system sees the same resamples."""
        if n_samples <= 0:
            return {}
        rng = rng or np.random.default_rng(self.seed)
        systems = systems or self.order
        out = {(s, m): [] for s in systems for m in self.metrics}
        for counts in resample.bootstrap_counts(rng, self.n, n_samples, self.chunk_rows):
            for s in systems:
                for m, metric in self.metrics.items():
                    out[s, m] += resample.bootstrap_scores(metric, counts, self.stats[s][m])
        return {key: np.array(v) for key, v in out.items()}

    def bootstrap_p_values(self, boot, scores) -> dict[tuple[str, str], float]:
        # As sacrebleu's _paired_bs_test: how often a resampled difference, centred
        # on its mean, exceeds the observed one.
        base = self.order[0]
        out = {}
        for s in self.order[1:]:
            for m in self.metrics:
                sample_diffs = np.abs(boot[s, m] - boot[base, m])
                out[s, m] = _compute_p_value(sample_diffs - sample_diffs.mean(), abs(scores[base, m] - scores[s, m]))
        return out

    def randomization(self, n_trials: int, ci_samples: int, scores):
        """Approximate randomization p-values, then confidence intervals as sacrebleu draws them:
        the systems' resamples continue the trials' generator, the baseline's start afresh."""
        base, others = self.order[0], self.order[1:]
        rng = np.random.default_rng(self.seed)
        shuffled = {(s, m): ([], []) for s in others for m in self.metrics}
        for mask in resample.randomization_masks(rng, self.n, n_trials, self.chunk_rows):
            for s in others:
                for m, metric in self.metrics.items():
                    a, b = resample.randomization_scores(metric, mask, self.stats[base][m], self.stats[s][m])
                    shuffled[s, m][0].extend(a)
                    shuffled[s, m][1].extend(b)
        p_values = {
            key: _compute_p_value(np.abs(np.array(a) - np.array(b)), abs(scores[base, key[1]] - scores[key]))
            for key, (a, b) in shuffled.items()
        }
        boot = self.bootstrap(ci_samples, [base]) if ci_samples > 0 else {}
        if others and ci_samples > 0:
            boot.update(self.bootstrap(ci_samples, others, rng))
        return p_values, boot


def where_systems_differ(
    refs: Sequence[str],
    hyps_a: Sequence[str],
    hyps_b: Sequence[str],
    *,
    metric: str = "chrf",
    target_lang: str = "en",
    top: int | None = 20,
    sources: Sequence[str | None] | None = None,
    jobs: int | None = None,
) -> list[dict]:
    """The segments where two systems' sentence scores differ most (for a drill-down view).

    Rows: index, source, reference, a, b, score_a, score_b, delta (b - a), largest |delta| first.
    """
    (name,) = parse_metrics([metric])
    check_test_set(refs, {"a": hyps_a, "b": hyps_b})
    stats = systems_statistics([name], [hyps_a, hyps_b], refs, target_lang, sentence=True, jobs=jobs)
    score_a, score_b = (sentence_scores_from_statistics(name, s[name], target_lang) for s in stats)
    return difference_rows(refs, hyps_a, hyps_b, score_a, score_b, SCORE_NAMES[name], sources=sources, top=top)


def difference_rows(refs: Sequence[str], hyps_a: Sequence[str], hyps_b: Sequence[str], score_a: Sequence[float],
                    score_b: Sequence[float], metric: str, *, sources: Sequence[str | None] | None = None,
                    top: int | None = 20) -> list[dict]:
    """Rows as :func:`where_systems_differ` gives them, from segment scores computed anywhere."""
    rows = [
        {"index": i, "source": sources[i] if sources else None, "reference": refs[i], "a": hyps_a[i],
         "b": hyps_b[i], "metric": metric, "score_a": score_a[i], "score_b": score_b[i],
         "delta": score_b[i] - score_a[i]}
        for i in range(len(refs))
    ]
    rows.sort(key=lambda r: (-abs(r["delta"]), r["index"]))
    return rows[:top] if top else rows


__all__ = ["leaderboard", "Leaderboard", "Cell", "SegmentScores", "SegmentMean", "where_systems_differ", "difference_rows", "check_test_set", "METHODS",
           "DEFAULT_SAMPLES", "SIGNIFICANCE_LEVEL"]
