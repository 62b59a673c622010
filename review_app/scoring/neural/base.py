"""What every neural metric shares: its description, its signature, and batching by length.

A metric model scores one segment at a time in principle; in practice segments go
through the model in batches of similar length (less padding, so less work), and
the scores come back in the order the segments were given. Which model and
revision produced a score is recorded in a signature in sacrebleu's format, so
stored and printed neural scores stay comparable the way lexical ones are.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sacrebleu.metrics.base import Signature

from ...errors import BadInputError

Progress = Callable[[int], None]  # called with how many more segments are done


@dataclass(frozen=True)
class NeuralMetric:
    """A metric name users type, and what it means."""

    name: str  # comet, cometkiwi, metricx, metricx-qe
    score_name: str  # what tables call the score
    family: str  # which checkpoint layout serves it: comet or metricx
    uses_reference: bool
    higher_is_better: bool
    decimals: int  # digits worth printing (scores live in 0..1 or 0..25)
    summary: str


NEURAL_METRICS: dict[str, NeuralMetric] = {
    m.name: m
    for m in (
        NeuralMetric("comet", "COMET", "comet", True, True, 4,
                     "COMET-22 regression model (Unbabel/wmt22-comet-da layout): source, MT and reference"),
        NeuralMetric("cometkiwi", "CometKiwi", "comet", False, True, 4,
                     "CometKiwi quality estimation (Unbabel/wmt22-cometkiwi-da layout): source and MT only"),
        NeuralMetric("metricx", "MetricX-24", "metricx", True, False, 3,
                     "MetricX-24 hybrid with the reference: 0 is best, 25 worst"),
        NeuralMetric("metricx-qe", "MetricX-24-QE", "metricx", False, False, 3,
                     "MetricX-24 hybrid without a reference (quality estimation): 0 is best, 25 worst"),
    )
}


def split_metric_names(spec: str | Sequence[str] | None) -> tuple[list[str], list[str]]:
    """``"bleu,comet"`` -> (["bleu"], ["comet"]): lexical names left for sacrebleu, neural ones here."""
    if spec is None:
        return [], []
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    lexical, neural = [], []
    for part in (p.strip() for p in parts):
        if part.lower() in NEURAL_METRICS:
            neural.append(part.lower())
        elif part:
            lexical.append(part)
    return lexical, list(dict.fromkeys(neural))


class NeuralSignature(Signature):
    """A sacrebleu-style signature for a neural metric: model, revision, inputs, app version."""

    def __init__(self, model: str, revision: str | None, inputs: str, max_tokens: int, uses_reference: bool):
        super().__init__({"num_refs": 1 if uses_reference else 0})
        self._abbr.update({"model": "m", "rev": "r", "input": "i", "maxlen": "l"})
        self.info = {"nrefs": self.info["nrefs"], "model": model, "rev": revision or "unknown", "input": inputs,
                     "maxlen": max_tokens, "bs": None, "ar": None, "seed": None,
                     "version": f"review_app-{app_version()}"}


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("review_app")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "dev"


@dataclass(frozen=True)
class LoadReport:
    """How the checkpoint's tensors were used: every one read, none missing, none left over."""

    checkpoint: str
    tensors: int  # tensors in the checkpoint files
    loaded: int  # tensors that went into the model
    missing: tuple[str, ...]  # the model wanted them, the checkpoint lacked them
    unexpected: tuple[str, ...]  # the checkpoint had them, the model has no place for them
    recomputed: tuple[str, ...]  # constant buffers (position ids) the model rebuilds itself

    def check(self) -> None:
        if self.missing:
            raise BadInputError(f"{self.checkpoint}: checkpoint lacks {len(self.missing)} tensor(s) the model "
                                f"needs, e.g. {self.missing[0]}")
        if self.unexpected:
            raise BadInputError(f"{self.checkpoint}: checkpoint has {len(self.unexpected)} tensor(s) this model "
                                f"does not use, e.g. {self.unexpected[0]} (a different architecture?)")


def length_batches(lengths: Sequence[int], batch_size: int) -> Iterator[list[int]]:
    """Indexes of the items in batches of similar length, longest first (a too-large batch
    fails at once, not at the end); ties keep their input order."""
    if batch_size < 1:
        raise BadInputError(f"batch size must be at least 1 (got {batch_size})")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    for start in range(0, len(order), batch_size):
        yield order[start:start + batch_size]


def run_in_length_batches(sequences: Sequence[Sequence[int]], pad_id: int, batch_size: int, device: str,
                          step: Callable) -> list:
    """``step(input_ids, attention_mask)`` over padded batches of similar length; its per-row
    results come back in the order of ``sequences``."""
    import torch

    results: list = [None] * len(sequences)
    with torch.inference_mode():
        for batch in length_batches([len(s) for s in sequences], batch_size):
            ids = torch.full((len(batch), max(len(sequences[i]) for i in batch)), pad_id, dtype=torch.long)
            mask = torch.zeros_like(ids)
            for row, i in enumerate(batch):
                ids[row, :len(sequences[i])] = torch.tensor(sequences[i], dtype=torch.long)
                mask[row, :len(sequences[i])] = 1
            for i, value in zip(batch, step(ids.to(device), mask.to(device))):
                results[i] = value
    return results


def check_inputs(metric: NeuralMetric, sources: Sequence[str | None] | None, hypotheses: Sequence[str],
                 references: Sequence[str] | None) -> None:
    """The inputs a metric needs, aligned; one line naming what is missing."""
    n = len(hypotheses)
    if sources is None or any(s is None for s in sources):
        missing = "no sources" if sources is None else f"segment {[s is None for s in sources].index(True) + 1} has no source"
        raise BadInputError(f"{metric.name} reads the source of each segment, but there are {missing}")
    if len(sources) != n:
        raise BadInputError(f"{metric.name}: {n} hypotheses but {len(sources)} sources")
    if metric.uses_reference:
        if references is None:
            raise BadInputError(f"{metric.name} needs references (or use the reference-free "
                                f"{'cometkiwi' if metric.family == 'comet' else 'metricx-qe'})")
        if len(references) != n:
            raise BadInputError(f"{metric.name}: {n} hypotheses but {len(references)} references")


def pick_device(requested: str = "auto") -> str:
    """The torch device to run on; on the CPU, the ``cpu_threads`` setting (0 = all cores) applies."""
    import torch

    from ... import settings

    threads = settings.get("cpu_threads")
    if threads > 0 and requested in ("auto", "cpu"):
        torch.set_num_threads(threads)

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested.startswith("cuda") and not torch.cuda.is_available():
        raise BadInputError("device cuda was asked for, but torch sees no GPU; use --device cpu or auto")
    if requested not in ("cpu", "cuda") and not requested.startswith("cuda:"):
        raise BadInputError(f"unknown device {requested!r} (auto, cpu, cuda or cuda:N)")
    return requested


__all__ = ["NeuralMetric", "NEURAL_METRICS", "NeuralSignature", "LoadReport", "length_batches", "run_in_length_batches",
           "check_inputs", "pick_device", "split_metric_names", "Progress"]
