"""MetricX-24 (google/metricx-24-hybrid-*) run with transformers' mT5 alone.

A published MetricX-24 model is an mT5 encoder-decoder saved as ``MT5ForRegression``:
the same tensors as ``MT5ForConditionalGeneration`` (shared embeddings, encoder,
decoder, lm_head), so transformers loads them as that class. As published
(google-research/metricx, ``metricx24``):

- the input is ``"source: S candidate: H reference: R"``, or ``"source: S candidate: H"``
  for quality estimation, tokenized with the mT5 tokenizer of the model's size
  (google/mt5-large, -xl, -xxl), cut at 1536 tokens, without the final ``</s>``;
- the decoder runs one step from token 0; the score is the logit of token 250089
  (``<extra_id_10>``), after scaling by ``d_model ** -0.5`` where embeddings are tied;
- the score is clipped to 0..25: 0 is a perfect translation, 25 the worst.

Only that one logit is computed (a dot product, not a projection on 250k tokens).
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from ...candidates import models
from ...errors import BadInputError
from .base import (
    NEURAL_METRICS,
    LoadReport,
    NeuralMetric,
    NeuralSignature,
    Progress,
    check_inputs,
    pick_device,
    run_in_length_batches,
)

SCORE_TOKEN = 250089  # <extra_id_10> in mT5's vocabulary
MAX_INPUT_TOKENS = 1536  # what MetricX-24 was trained with
SCORE_RANGE = (0.0, 25.0)
# The tokenizer the published models are used with, by the model's width.
TOKENIZER_BY_WIDTH = {1024: "google/mt5-large", 2048: "google/mt5-xl", 4096: "google/mt5-xxl"}
TOKENIZER_FILES = ["config.json", "spiece.model", "tokenizer.json", "tokenizer_config.json",
                   "special_tokens_map.json"]


def metricx_input(source: str, hypothesis: str, reference: str | None = None) -> str:
    """The published MetricX-24 input text (no reference: quality estimation)."""
    text = f"source: {source} candidate: {hypothesis}"
    return text if reference is None else f"{text} reference: {reference}"


def is_metricx_folder(path: Path) -> bool:
    config = models.read_config(path)
    return config.get("model_type") == "mt5" and (
        "MT5ForRegression" in config.get("architectures", []) or "metricx" in str(path).lower())


def tokenizer_companion(path: Path) -> tuple[str, list[str]] | None:
    """The mT5 tokenizer repository a MetricX folder needs, for ``models pull``."""
    if not is_metricx_folder(path) or _has_tokenizer(path):
        return None
    name = TOKENIZER_BY_WIDTH.get(models.read_config(path).get("d_model"))
    return (name, TOKENIZER_FILES) if name else None


def _has_tokenizer(path: Path) -> bool:
    return (path / "tokenizer.json").is_file() or (path / "spiece.model").is_file()


class MetricXScorer:
    """A loaded MetricX-24 checkpoint; :meth:`score` gives one score per segment (0 best, 25 worst).

    ``qe=True`` scores without references (the hybrid model's quality-estimation mode)."""

    def __init__(self, resolved: models.ResolvedModel, *, qe: bool = False, device: str = "auto",
                 batch_size: int = 16, tokenizer: str | None = None, max_tokens: int = MAX_INPUT_TOKENS):
        self.resolved = resolved
        self.metric: NeuralMetric = NEURAL_METRICS["metricx-qe" if qe else "metricx"]
        self.device = pick_device(device)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        if not is_metricx_folder(resolved.path):
            raise BadInputError(f"{resolved.ref}: not a MetricX model (config.json is not an mT5 regression model)")
        self._load(tokenizer)

    def _tokenizer_folder(self, requested: str | None) -> Path:
        if requested:
            return models.resolve(requested).path
        if _has_tokenizer(self.resolved.path):
            return self.resolved.path
        width = models.read_config(self.resolved.path).get("d_model")
        name = TOKENIZER_BY_WIDTH.get(width)
        if name is None:
            raise BadInputError(f"{self.resolved.ref}: no tokenizer in the folder and no published mT5 of width "
                                f"{width}: pass --tokenizer DIR_OR_ID")
        try:
            return models.resolve(name).path
        except BadInputError:
            raise BadInputError(f"{self.resolved.ref}: its tokenizer {name} is not here: run `review-app models pull "
                                f"{self.resolved.ref}` on a connected machine (it fetches the tokenizer too), "
                                "or pass --tokenizer DIR") from None

    def _load(self, tokenizer: str | None) -> None:
        import torch
        import transformers

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(self._tokenizer_folder(tokenizer))
            try:
                self.model, info = transformers.MT5ForConditionalGeneration.from_pretrained(
                    self.resolved.path, output_loading_info=True, dtype=torch.float32)
            except (OSError, ValueError, RuntimeError) as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise BadInputError(f"{self.resolved.ref}: cannot load the model: {reason}") from None
        self.load_report = self._report(info)
        self.load_report.check()
        self.model.to(self.device).eval()
        config = self.model.config
        if config.vocab_size <= SCORE_TOKEN:
            raise BadInputError(f"{self.resolved.ref}: vocabulary of {config.vocab_size} has no token {SCORE_TOKEN} "
                                "to read the score from")
        # Where embeddings are tied, T5 scales the decoder output before the projection. The
        # folder's own config.json says whether they are (transformers 5 reports mT5 as tied even
        # when the checkpoint's separate lm_head is kept, as for every published MetricX).
        tied = models.read_config(self.resolved.path).get("tie_word_embeddings", True)
        scale = config.d_model ** -0.5 if tied else 1.0
        self._score_row = (self.model.lm_head.weight[SCORE_TOKEN] * scale).detach()

    def _report(self, info: dict) -> LoadReport:
        files = sorted(self.resolved.path.glob("*.safetensors")) or sorted(self.resolved.path.glob("pytorch_model*.bin"))
        stored = _stored_keys(files)
        missing = tuple(sorted(info["missing_keys"]))
        unexpected = tuple(sorted(info["unexpected_keys"]))
        return LoadReport(str(self.resolved.path), len(stored), len(stored) - len(unexpected), missing, unexpected, ())

    def signature(self) -> NeuralSignature:
        inputs = "src,mt,ref" if self.metric.uses_reference else "src,mt"
        return NeuralSignature(self.resolved.name, self.resolved.revision, inputs, self.max_tokens,
                               self.metric.uses_reference)

    def score(self, sources: Sequence[str], hypotheses: Sequence[str], references: Sequence[str] | None = None,
              *, progress: Progress | None = None) -> list[float]:
        """One score per segment, in the order given (lower is better)."""
        check_inputs(self.metric, sources, hypotheses, references)
        refs = references if self.metric.uses_reference else [None] * len(hypotheses)
        out: list[float] = []
        chunk = max(self.batch_size * 16, 256)  # progress every few batches, tokenized as it goes
        for start in range(0, len(hypotheses), chunk):
            end = start + chunk
            texts = [metricx_input(s, h, r) for s, h, r in zip(sources[start:end], hypotheses[start:end], refs[start:end])]
            ids = self.tokenizer(texts, max_length=self.max_tokens, truncation=True)["input_ids"]
            sequences = [row[:-1] for row in ids]  # the published input has no final </s>
            out += [float(v) for v in run_in_length_batches(sequences, self.tokenizer.pad_token_id, self.batch_size,
                                                             self.device, self._predict)]
            if progress:
                progress(len(texts))
        return out

    def score_systems(self, sources: Sequence[str], systems: dict[str, Sequence[str]],
                      references: Sequence[str] | None = None, *, progress: Progress | None = None
                      ) -> dict[str, list[float]]:
        """Scores of several systems' outputs (each input is its own sequence: nothing to share)."""
        return {name: self.score(sources, hyps, references, progress=progress) for name, hyps in systems.items()}

    def _predict(self, ids, mask) -> list[float]:
        import torch

        encoded = self.model.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        start = torch.zeros((ids.shape[0], 1), dtype=torch.long, device=ids.device)
        decoded = self.model.decoder(input_ids=start, encoder_hidden_states=encoded, encoder_attention_mask=mask,
                                     use_cache=False).last_hidden_state[:, 0, :]
        return torch.clamp(decoded @ self._score_row, *SCORE_RANGE).tolist()


def _stored_keys(files: Sequence[Path]) -> set[str]:
    keys: set[str] = set()
    for file in files:
        if file.suffix == ".safetensors":
            from safetensors import safe_open

            with safe_open(str(file), framework="pt") as fh:
                keys.update(fh.keys())
        else:
            import torch

            keys.update(torch.load(file, map_location="cpu", weights_only=True, mmap=True).keys())
    return keys


__all__ = ["MetricXScorer", "metricx_input", "is_metricx_folder", "tokenizer_companion", "SCORE_TOKEN",
           "MAX_INPUT_TOKENS", "SCORE_RANGE"]
