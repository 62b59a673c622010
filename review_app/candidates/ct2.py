"""The CTranslate2 backend (extra ``ct2``): the same models, several times faster on a CPU.

It takes a directory converted by ``ct2-transformers-converter`` (one with
``model.bin``), or any transformers model, which it converts once (int8) into
``<model_dir or ~/.cache/review_app>/ctranslate2/`` and reuses from then on.
Seq2seq models (MarianMT, NLLB, M2M100, editors) run on a ``Translator``,
causal chat models on a ``Generator``. Tokenization is the model's own
transformers tokenizer, so language codes work as in the transformers backend.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

from .. import settings
from ..errors import BadInputError
from . import languages, models
from .base import COMMON_OPTIONS, Option, Output
from .loaded import LoadedModel
from .model_backend import MAX_INPUT_TOKENS, ModelBackend, first_line, load_failed
from .prompts import Request, model_kind

# Tokenizer and model-card files carried into a conversion, so it is usable on its own.
_CARRIED_FILES = (
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json",
    "merges.txt", "source.spm", "target.spm", "sentencepiece.bpe.model", "spiece.model", "tokenizer.model",
    "chat_template.jinja", "README.md",
)
METADATA_FILE = "review_app.json"


def converted_root() -> Path:
    base = settings.get("model_dir") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    sub = "ctranslate2" if settings.get("model_dir") else "review_app/ctranslate2"
    return Path(base).expanduser() / sub


def conversion_path(resolved: models.ResolvedModel, quantization: str) -> Path:
    safe = re.sub(r"[^\w.-]+", "--", resolved.name)
    revision = re.sub(r"[^\w]+", "", resolved.revision or "none")[-12:]
    return converted_root() / f"{safe}-{revision}-{quantization}"


def convert(model_dir: Path, out: Path, *, quantization: str = "int8", source: str = "", revision: str | None = None,
            license: str | None = None) -> Path:
    """Convert a transformers model directory to CTranslate2 (atomically: a half-written
    conversion is never picked up). Returns ``out``."""
    import json

    try:
        import transformers
        from ctranslate2.converters import TransformersConverter
    except ImportError:
        raise BadInputError("the ctranslate2 backend needs the ct2 and mt extras: pip install 'review_app[mt,ct2]'") from None
    transformers.utils.logging.disable_progress_bar()
    config = models.read_config(model_dir)
    carried = [name for name in _CARRIED_FILES if (model_dir / name).is_file()]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out.name + ".", dir=out.parent))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            TransformersConverter(str(model_dir), copy_files=carried).convert(
                str(tmp), quantization=quantization, force=True
            )
        meta = {"source": source or str(model_dir), "revision": revision, "license": license,
                "kind": model_kind(config), "model_type": config.get("model_type"), "quantization": quantization}
        (tmp / METADATA_FILE).write_text(json.dumps(meta, indent=2))
        if out.exists():  # someone else finished first: theirs is as good
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, out)
    except (ValueError, KeyError, OSError, RuntimeError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BadInputError(f"{source or model_dir}: cannot convert to CTranslate2: {str(exc).splitlines()[0]}") from None
    return out


def pick_device(requested: str) -> str:
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if requested == "auto":
        return "cuda" if gpus else "cpu"
    if requested == "cuda" and not gpus:
        raise BadInputError("device cuda was asked for, but CTranslate2 sees no GPU; use --device cpu or auto")
    return requested


class CTranslate2Backend(ModelBackend):
    """CTranslate2 models (int8 on CPU), converted from transformers once."""

    name = "ctranslate2"
    options = COMMON_OPTIONS + (
        Option("compute_type", "auto", "precision: auto = int8 on CPU, int8_float16 on GPU",
               ("auto", "int8", "int8_float32", "int8_float16", "float16", "bfloat16", "float32")),
        Option("tokenizer", "", "tokenizer directory or id, when the model directory has none"),
    )

    def model_kind(self) -> str:
        meta = models.read_config(self.resolved.path, METADATA_FILE)
        if meta.get("kind"):
            return meta["kind"]
        config = models.read_config(self.resolved.path)
        if not self.resolved.is_ctranslate2:
            return model_kind(config)
        # A conversion made elsewhere: seq2seq models record a decoder start token.
        return "translation" if "decoder_start_token" in config else "causal"

    def default_system(self) -> str:
        return f"{self.resolved.name} (ct2)"

    def provenance(self) -> dict:
        return {**super().provenance(), "compute_type": self.values["compute_type"]}

    def cache_key(self) -> tuple:
        return (*super().cache_key(), self.values["compute_type"], self.values["threads"])

    def model_path(self) -> Path:
        """The CTranslate2 directory, converting the model the first time."""
        if self.resolved.is_ctranslate2:
            return self.resolved.path
        out = conversion_path(self.resolved, "int8")
        if not (out / "model.bin").is_file():
            convert(self.resolved.path, out, quantization="int8", source=self.resolved.ref,
                    revision=self.resolved.revision, license=self.resolved.license)
        return out

    def _load(self) -> LoadedModel:
        import ctranslate2
        import transformers

        path = self.model_path()
        device = pick_device(self.values["device"])
        compute_type = self.values["compute_type"]
        if compute_type == "auto":
            compute_type = "int8_float16" if device == "cuda" else "int8"
        threads = self.values["threads"] or (os.cpu_count() or 1)
        engine = ctranslate2.Generator if self.kind == "causal" else ctranslate2.Translator
        tokenizer_ref = self.values["tokenizer"] or str(path)
        tokenizer_path = models.resolve(tokenizer_ref).path if self.values["tokenizer"] else path
        try:
            model = engine(str(path), device=device, compute_type=compute_type, intra_threads=threads)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tokenizer = transformers.AutoTokenizer.from_pretrained(tokenizer_path)
        except (OSError, ValueError, RuntimeError) as exc:
            raise load_failed(self.resolved.ref, exc) from None
        if self.kind == "causal":
            tokenizer.truncation_side = "left"  # a long prompt loses its start, not the sentence
        return LoadedModel(model, tokenizer, self.kind, device)

    def encode(self, model: LoadedModel, requests: Sequence[Request]) -> list[list[str]]:
        """Token strings, as CTranslate2 takes them."""
        encoded: list[list[str]] = [[] for _ in requests]
        for indexes, ids in self.token_ids(model.tokenizer, requests):
            for i, row in zip(indexes, ids):
                encoded[i] = model.tokenizer.convert_ids_to_tokens(row)
        return encoded

    def generate_batch(self, model: LoadedModel, requests: Sequence[Request], inputs: list[list[str]]) -> list[list[Output]]:
        search = {"beam_size": self.num_beams, "num_hypotheses": max(1, self.values["nbest"]), "return_scores": True}
        tokenizer = model.tokenizer
        if self.kind == "causal":
            results = model.model.generate_batch(
                inputs, max_length=self.values["max_length"], include_prompt_in_result=False, **search
            )
            hypotheses = [r.sequences_ids for r in results]
        else:
            start = None
            if self.mode == "translate":
                start = languages.target_start_token(tokenizer, requests[0].target_lang)
            results = model.model.translate_batch(
                inputs, target_prefix=[[start]] * len(inputs) if start else None,
                max_decoding_length=self.values["max_length"], max_input_length=MAX_INPUT_TOKENS, **search,
            )
            # The forced language token starts each hypothesis; it is not part of the text.
            hypotheses = [[tokenizer.convert_tokens_to_ids([t for t in h if t != start]) for h in r.hypotheses]
                          for r in results]
        outputs = []
        for ids_list, result in zip(hypotheses, results):
            texts = [tokenizer.decode(ids, skip_special_tokens=True) for ids in ids_list]
            if self.mode == "chat":
                texts = [first_line(t) for t in texts]
            outputs.append([Output(t, score) for t, score in zip(texts, result.scores)])
        return outputs
