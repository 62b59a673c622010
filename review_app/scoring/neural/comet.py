"""COMET checkpoints (COMET-22 and CometKiwi) run with transformers and torch alone.

A published COMET model is a folder with ``hparams.yaml`` and ``checkpoints/model.ckpt``
(a PyTorch Lightning checkpoint: ``state_dict`` plus ``hyper_parameters``); its encoder's
config and tokenizer come from the model named by ``pretrained_model`` (xlm-roberta-large
for COMET-22, microsoft/infoxlm-large for CometKiwi), found offline like any model.

The computation is the published one (unbabel-comet 2.2.x), rebuilt from its parts:

- the XLM-R encoder (transformers' ``XLMRobertaModel``, no pooler) gives every layer's states;
- a layer-wise attention mixes them: ``gamma * sum(w_k * layer_k)`` with ``w`` the
  sparsemax (COMET-22) or softmax (CometKiwi) of one scalar per layer;
- COMET-22 (``regression_metric``) average-pools the mix over each of source, MT and
  reference separately and feeds ``[mt; ref; mt*ref; |mt-ref|; mt*src; |mt-src|]`` to a
  feed-forward estimator;
- CometKiwi (``unified_metric``) encodes ``<s> mt </s></s> src </s>`` as one sequence and
  feeds the mix at its first token to the estimator.

The checkpoint's hyper-parameters are the ones in force, as unbabel-comet reads them;
``hparams.yaml`` saying ``sparsemax_patch`` selects softmax, as unbabel-comet >= 2.2.4 does.
Unlike unbabel-comet, each distinct sentence is encoded once per chunk of segments (a
reference shared by every system, a source shared by its translations), in batches of
similar length.
"""
from __future__ import annotations

import pickle
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
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

CHECKPOINT = Path("checkpoints") / "model.ckpt"
HPARAMS = "hparams.yaml"
# class_identifier -> the metric it serves
CLASSES = {"regression_metric": "comet", "unified_metric": "cometkiwi"}
# Segments handled together: their distinct sentences are encoded once, then dropped.
CHUNK_SEGMENTS = 2048
# Known aliases of the encoders the published models name.
ENCODER_ALIASES = {"xlm-roberta-large": "FacebookAI/xlm-roberta-large",
                   "xlm-roberta-base": "FacebookAI/xlm-roberta-base"}
# The encoder's files a metric needs (its weights come from the COMET checkpoint).
ENCODER_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "sentencepiece.bpe.model",
                 "special_tokens_map.json"]


def read_yaml(path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise BadInputError(f"{path}: {where}not valid YAML") from None
    if not isinstance(data, dict):
        raise BadInputError(f"{path}: expected a mapping of hyper-parameters")
    return data


def is_comet_folder(path: Path) -> bool:
    return (path / HPARAMS).is_file()


def comet_metric_of(path: Path) -> str:
    """Which metric a COMET folder serves (comet or cometkiwi), from its hparams.yaml."""
    hparams = read_yaml(path / HPARAMS)
    kind = CLASSES.get(hparams.get("class_identifier"))
    if kind is None:
        raise BadInputError(f"{path / HPARAMS}: class_identifier {hparams.get('class_identifier')!r} is not "
                            f"supported (supported: {', '.join(CLASSES)})")
    return kind


def encoder_companion(path: Path) -> tuple[str, list[str]] | None:
    """The encoder repository whose config and tokenizer a COMET folder needs, for ``models pull``."""
    if not is_comet_folder(path):
        return None
    name = read_yaml(path / HPARAMS).get("pretrained_model")
    return (ENCODER_ALIASES.get(name, name), ENCODER_FILES) if name else None


def load_checkpoint(path: Path) -> dict:
    """The checkpoint as a dict, memory-mapped so its tensors are not copied twice."""
    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=True, mmap=True)
    except (pickle.UnpicklingError, RuntimeError) as exc:
        if "mmap" not in str(exc) and not isinstance(exc, pickle.UnpicklingError):
            raise BadInputError(f"{path}: not a readable PyTorch checkpoint ({str(exc).splitlines()[0]})") from None
    # Older Lightning checkpoints pickle helper classes that weights_only refuses; unbabel-comet
    # unpickles them in full, and so does this fallback (the folder is one the user chose).
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except Exception as exc:  # noqa: BLE001 - any failure here is a bad file, said in one line
        raise BadInputError(f"{path}: not a readable PyTorch checkpoint ({str(exc).splitlines()[0]})") from None


@dataclass(frozen=True)
class CometHparams:
    class_identifier: str
    pretrained_model: str
    layer: str | int
    layer_transformation: str
    layer_norm: bool
    pool: str
    hidden_sizes: tuple[int, ...]
    activations: str
    final_activation: str | None
    dropout: float
    input_segments: tuple[str, ...]

    @classmethod
    def in_force(cls, folder: Path, checkpoint: dict) -> "CometHparams":
        """The checkpoint's own hyper-parameters (hparams.yaml where it has none), as unbabel-comet reads them."""
        yaml_hparams = read_yaml(folder / HPARAMS)
        hparams = {**yaml_hparams, **(checkpoint.get("hyper_parameters") or {})}
        if yaml_hparams.get("layer_transformation") == "sparsemax_patch":
            hparams["layer_transformation"] = "softmax"
        identifier = yaml_hparams.get("class_identifier")
        if identifier not in CLASSES:
            raise BadInputError(f"{folder / HPARAMS}: class_identifier {identifier!r} is not supported "
                                f"(supported: {', '.join(CLASSES)})")
        unified = identifier == "unified_metric"
        try:
            out = cls(
                class_identifier=identifier,
                pretrained_model=str(hparams["pretrained_model"]),
                layer=hparams["sent_layer"] if unified else hparams.get("layer", "mix"),
                layer_transformation=str(hparams.get("layer_transformation", "sparsemax" if unified else "softmax")),
                layer_norm=bool(hparams.get("layer_norm", not unified)),
                pool="cls" if unified else str(hparams.get("pool", "avg")),
                hidden_sizes=tuple(int(h) for h in hparams.get("hidden_sizes", (3072, 1024))),
                activations=str(hparams.get("activations", "Tanh")),
                final_activation=hparams.get("final_activation"),
                dropout=float(hparams.get("dropout", 0.1)),
                input_segments=tuple(hparams.get("input_segments", ("mt", "src", "ref")) if unified else ()),
            )
        except KeyError as exc:
            raise BadInputError(f"{folder / HPARAMS}: no {exc.args[0]} in the hyper-parameters") from None
        out._refuse_unsupported(folder)
        return out

    def _refuse_unsupported(self, folder: Path) -> None:
        where = folder / HPARAMS
        if self.layer_norm:
            raise BadInputError(f"{where}: layer_norm: true is not supported (COMET-22 and CometKiwi use false)")
        if self.pool not in ("avg", "cls", "max"):
            raise BadInputError(f"{where}: pool {self.pool!r} is not supported (avg, cls, max)")
        if self.class_identifier == "unified_metric" and tuple(self.input_segments) != ("mt", "src"):
            raise BadInputError(f"{where}: input_segments {list(self.input_segments)} is not supported "
                                "(CometKiwi reads [mt, src])")


def sparsemax(weights):
    """Sparsemax over a 1-D tensor (Martins & Astudillo, 2016): the Euclidean projection onto
    the simplex, so small weights become exactly zero."""
    import torch

    ranked, _ = torch.sort(weights, descending=True)
    cumulative = ranked.cumsum(0) - 1
    ks = torch.arange(1, weights.numel() + 1, dtype=weights.dtype, device=weights.device)
    support = (ks * ranked > cumulative).sum()
    threshold = cumulative[support - 1] / support
    return torch.clamp(weights - threshold, min=0)


def _modules():
    """The small torch modules on top of the encoder, with the parameter names COMET saves."""
    import torch
    from torch import nn

    class LayerwiseAttention(nn.Module):
        def __init__(self, num_layers: int, transformation: str, dropout: float):
            super().__init__()
            self.sparse = transformation == "sparsemax"
            self.scalar_parameters = nn.ParameterList([nn.Parameter(torch.zeros(1)) for _ in range(num_layers)])
            self.gamma = nn.Parameter(torch.ones(1))
            if dropout:  # saved with the checkpoint; dropout itself is off at inference
                self.register_buffer("dropout_mask", torch.zeros(num_layers))
                self.register_buffer("dropout_fill", torch.full((num_layers,), -1e20))

        def forward(self, layers):
            weights = torch.cat(list(self.scalar_parameters))
            normed = sparsemax(weights) if self.sparse else torch.softmax(weights, dim=0)
            return self.gamma * sum(w * layer for w, layer in zip(torch.split(normed, 1), layers))

    class Estimator(nn.Module):
        def __init__(self, in_dim: int, hidden: Sequence[int], activation: str, final: str | None, dropout: float):
            super().__init__()
            act = lambda name: getattr(nn, name.title())()  # noqa: E731 - as COMET names them ("Tanh")
            sizes = [in_dim, *hidden]
            layers: list[nn.Module] = []
            for a, b in zip(sizes, sizes[1:]):
                layers += [nn.Linear(a, b), act(activation), nn.Dropout(dropout)]
            layers.append(nn.Linear(sizes[-1], 1))
            if final:
                layers.append(act(final))
            self.ff = nn.Sequential(*layers)

        def forward(self, features):
            return self.ff(features).view(-1)

    return LayerwiseAttention, Estimator


class CometScorer:
    """A loaded COMET-22 or CometKiwi checkpoint; :meth:`score` gives one score per segment."""

    def __init__(self, resolved: models.ResolvedModel, *, device: str = "auto", batch_size: int = 16,
                 encoder: str | None = None):
        self.resolved = resolved
        self.folder = resolved.path
        self.batch_size = batch_size
        self.device = pick_device(device)
        checkpoint_path = self.folder / CHECKPOINT
        if not checkpoint_path.is_file():
            raise BadInputError(f"{resolved.ref}: no {CHECKPOINT} in {self.folder}")
        checkpoint = load_checkpoint(checkpoint_path)
        if not isinstance(checkpoint, dict) or "state_dict" not in checkpoint:
            raise BadInputError(f"{checkpoint_path}: not a COMET checkpoint (no state_dict)")
        self.hparams = CometHparams.in_force(self.folder, checkpoint)
        self.metric: NeuralMetric = NEURAL_METRICS[CLASSES[self.hparams.class_identifier]]
        self.encoder_ref = encoder or self.hparams.pretrained_model
        self._build(checkpoint["state_dict"], checkpoint_path)

    # -- loading --------------------------------------------------------------

    def _encoder_folder(self) -> Path:
        name = self.encoder_ref
        for ref in dict.fromkeys([name, ENCODER_ALIASES.get(name, name)]):
            try:
                return models.resolve(ref).path
            except BadInputError:
                continue
        raise BadInputError(
            f"{self.resolved.ref}: its encoder's config and tokenizer ({name}) are not here: run "
            f"`review-app models pull {self.resolved.ref}` on a connected machine (it fetches them too), "
            "or pass --encoder DIR")

    def _build(self, state_dict: dict, checkpoint_path: Path) -> None:
        import torch
        import transformers

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()
        encoder_dir = self._encoder_folder()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(encoder_dir)
            config = transformers.XLMRobertaConfig.from_pretrained(encoder_dir)
        parts = {"encoder": {}, "layerwise_attention": {}, "estimator": {}}
        unexpected, recomputed = [], []
        for key, tensor in state_dict.items():
            if key.endswith("position_ids"):  # a constant buffer older transformers saved
                recomputed.append(key)
                continue
            head, _, rest = key.partition(".")
            if head == "encoder" and rest.startswith("model."):
                parts["encoder"][rest[len("model."):]] = tensor
            elif head in parts and head != "encoder":
                parts[head][rest] = tensor
            else:
                unexpected.append(key)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.encoder, info = transformers.XLMRobertaModel.from_pretrained(
                None, config=config, state_dict=parts["encoder"], add_pooling_layer=False,
                output_loading_info=True, dtype=torch.float32)
        missing = [f"encoder.model.{k}" for k in info["missing_keys"]]
        unexpected += [f"encoder.model.{k}" for k in info["unexpected_keys"]]
        layerwise, estimator = _modules()
        self.mix = layerwise(config.num_hidden_layers + 1, self.hparams.layer_transformation, self.hparams.dropout)
        width = config.hidden_size * (6 if self.metric.name == "comet" else 1)
        self.estimator = estimator(width, self.hparams.hidden_sizes, self.hparams.activations,
                                   self.hparams.final_activation, self.hparams.dropout)
        for name, module in (("layerwise_attention", self.mix), ("estimator", self.estimator)):
            result = module.load_state_dict(parts[name], strict=False)
            missing += [f"{name}.{k}" for k in result.missing_keys]
            unexpected += [f"{name}.{k}" for k in result.unexpected_keys]
        loaded = len(state_dict) - len(unexpected) - len(recomputed)
        self.load_report = LoadReport(str(checkpoint_path), len(state_dict), loaded, tuple(missing),
                                      tuple(unexpected), tuple(recomputed))
        self.load_report.check()
        for module in (self.encoder, self.mix, self.estimator):
            module.to(self.device).eval()
        self.max_tokens = config.max_position_embeddings - 2  # COMET's max_positions

    # -- scoring --------------------------------------------------------------

    def signature(self) -> NeuralSignature:
        inputs = "src,mt,ref" if self.metric.uses_reference else "mt,src"
        return NeuralSignature(self.resolved.name, self.resolved.revision, inputs, self.max_tokens,
                               self.metric.uses_reference)

    def score(self, sources: Sequence[str], hypotheses: Sequence[str], references: Sequence[str] | None = None,
              *, progress: Progress | None = None) -> list[float]:
        """One score per segment, in the order given (higher is better)."""
        return self.score_systems(sources, {"": hypotheses}, references, progress=progress)[""]

    def score_systems(self, sources: Sequence[str], systems: dict[str, Sequence[str]],
                      references: Sequence[str] | None = None, *, progress: Progress | None = None
                      ) -> dict[str, list[float]]:
        """Scores of several systems' outputs of one test set; COMET-22 encodes each source and
        reference once for all of them. ``progress`` counts (segment, system) pairs."""
        for hypotheses in systems.values():
            check_inputs(self.metric, sources, hypotheses, references)
        out: dict[str, list[float]] = {name: [] for name in systems}
        for start in range(0, len(sources), CHUNK_SEGMENTS):
            end = start + CHUNK_SEGMENTS
            srcs = list(sources[start:end])
            outputs = {name: list(hyps[start:end]) for name, hyps in systems.items()}
            if self.metric.name == "comet":
                chunk = self._regression(srcs, outputs, list(references[start:end]))
            else:
                chunk = {name: self._unified(srcs, hyps) for name, hyps in outputs.items()}
            for name in systems:
                out[name] += chunk[name]
            if progress:
                progress(len(srcs) * len(systems))
        return out

    def _token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        # As COMET's prepare_sample: special tokens added, cut at max_positions - 2 tokens.
        return self.tokenizer([str(t) for t in texts], truncation=True, max_length=self.max_tokens - 2)["input_ids"]

    def _run_batches(self, sequences: list[list[int]], step) -> list:
        return run_in_length_batches(sequences, self.tokenizer.pad_token_id, self.batch_size, self.device, step)

    def _mixed_layers(self, ids, mask):
        states = self.encoder(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
        return self.mix(states)

    def _sentence_embeddings(self, ids, mask):
        import torch

        mixed = self._mixed_layers(ids, mask)
        pad = self.tokenizer.pad_token_id
        if self.hparams.pool == "cls":
            return mixed[:, 0, :]
        if self.hparams.pool == "max":
            return mixed.float().masked_fill(ids.eq(pad).unsqueeze(-1), float("-inf")).type_as(mixed).max(dim=1)[0]
        summed = torch.sum(mixed.float().masked_fill(ids.eq(pad).unsqueeze(-1), 0.0).type_as(mixed), 1)
        return summed / mask.unsqueeze(-1).expand(mixed.size()).float().sum(1)

    def _regression(self, sources: list[str], systems: dict[str, list[str]],
                    references: list[str]) -> dict[str, list[float]]:
        import torch

        everything = [*sources, *references, *(h for hyps in systems.values() for h in hyps)]
        distinct = list(dict.fromkeys(str(t) for t in everything))
        index = {text: i for i, text in enumerate(distinct)}
        rows = lambda texts: [index[str(t)] for t in texts]  # noqa: E731
        with torch.inference_mode():
            embeddings = torch.stack(self._run_batches(self._token_ids(distinct), self._sentence_embeddings))
            src, ref = embeddings[rows(sources)], embeddings[rows(references)]
            out = {}
            for name, hypotheses in systems.items():
                mt = embeddings[rows(hypotheses)]
                features = torch.cat((mt, ref, mt * ref, torch.abs(mt - ref), mt * src, torch.abs(mt - src)), dim=1)
                out[name] = self.estimator(features).tolist()
            return out

    def _unified(self, sources: list[str], hypotheses: list[str]) -> list[float]:
        sequences = [self._joined(mt, src) for mt, src in zip(self._token_ids(hypotheses), self._token_ids(sources))]

        def step(ids, mask):
            return self.estimator(self._mixed_layers(ids, mask)[:, 0, :]).tolist()

        return [float(v) for v in self._run_batches(sequences, step)]

    def _joined(self, mt: list[int], src: list[int]) -> list[int]:
        """``<s> mt </s></s> src </s>``, cut to the encoder's length as COMET's concat_sequences does."""
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        sequence = [cls, *mt[1:-1], sep, sep, *src[1:-1], sep]
        special = 1 + 2 * 2  # [CLS] ... [SEP][SEP] ... [SEP] for two segments
        if len(mt) - 2 + len(src) - 2 > self.max_tokens - special:
            sequence = sequence[:self.max_tokens]
        return sequence


__all__ = ["CometScorer", "CometHparams", "sparsemax", "is_comet_folder", "comet_metric_of", "encoder_companion",
           "CHECKPOINT", "HPARAMS", "CLASSES"]
