"""The transformers backend (extra ``mt``): MarianMT, NLLB-200 and M2M100 translate the
source; seq2seq editors (T5/BART style) rewrite the English; causal chat models
rewrite it with the previous sentences as context.

torch and transformers are imported inside functions: importing this module is cheap.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

from ..errors import BadInputError
from . import languages
from .base import Output
from .loaded import LoadedModel
from .model_backend import ModelBackend, first_line, load_failed, split_nbest
from .models import read_config
from .prompts import Request, model_kind


# Longest input fed to a model; sentences are far shorter, so only junk gets cut.
def pick_device(requested: str) -> str:
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise BadInputError("device cuda was asked for, but torch sees no GPU; use --device cpu or auto")
    return requested


class TransformersBackend(ModelBackend):
    """Hugging Face transformers models (translation, editing, chat)."""

    name = "transformers"

    def model_kind(self) -> str:
        if self.resolved.is_ctranslate2:
            raise BadInputError(f"{self.resolved.ref}: this is a CTranslate2 model; use --backend ctranslate2")
        return model_kind(read_config(self.resolved.path))

    def _load(self) -> LoadedModel:
        import torch
        import transformers

        transformers.utils.logging.disable_progress_bar()  # our own progress bar is the one to watch
        device = pick_device(self.values["device"])
        if device == "cpu" and self.values["threads"] > 0:
            torch.set_num_threads(self.values["threads"])
        model_class = transformers.AutoModelForCausalLM if self.kind == "causal" else transformers.AutoModelForSeq2SeqLM
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. "Recommended: pip install sacremoses"
                tokenizer = transformers.AutoTokenizer.from_pretrained(self.resolved.path)
            dtype = torch.float16 if device == "cuda" else torch.float32
            model = model_class.from_pretrained(self.resolved.path, dtype=dtype).to(device).eval()
        except (OSError, ValueError, KeyError, ImportError, RuntimeError) as exc:
            raise load_failed(self.resolved.ref, exc) from None
        if self.kind == "causal":
            # Generation continues the prompt, so batches pad on the left and long prompts lose their start.
            tokenizer.padding_side = "left"
            tokenizer.truncation_side = "left"
            if tokenizer.pad_token is None:
                tokenizer.pad_token = tokenizer.eos_token
        return LoadedModel(model, tokenizer, self.kind, device)

    def encode(self, model: LoadedModel, requests: Sequence[Request]) -> list[list[int]]:
        encoded: list[list[int]] = [[] for _ in requests]
        for indexes, ids in self.token_ids(model.tokenizer, requests):
            for i, row in zip(indexes, ids):
                encoded[i] = list(row)
        return encoded

    def generate_batch(self, model: LoadedModel, requests: Sequence[Request], inputs: list[list[int]]) -> list[list[Output]]:
        import torch

        tokenizer = model.tokenizer
        batch = tokenizer.pad({"input_ids": inputs}, padding=True, return_tensors="pt").to(model.device)
        nbest = max(1, self.values["nbest"])
        kwargs = {
            "max_new_tokens": self.values["max_length"],
            "num_beams": self.num_beams,
            "num_return_sequences": nbest,
            "do_sample": False,  # candidates must be reproducible
            "return_dict_in_generate": True,
            "output_scores": True,
            "pad_token_id": tokenizer.pad_token_id,
        }
        start_id = None
        if self.mode == "translate":
            start = languages.target_start_token(tokenizer, requests[0].target_lang)
            if start is not None:
                start_id = kwargs["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(start)
        with torch.inference_mode():
            out = model.model.generate(**batch, **kwargs)
        sequences = out.sequences
        if self.kind == "causal":
            sequences = sequences[:, batch["input_ids"].shape[1]:]
        # Some tokenizers do not count language tokens as special, so drop the forced one here.
        sequences = [[t for t in row if t != start_id] for row in sequences.tolist()]
        texts = tokenizer.batch_decode(sequences, skip_special_tokens=True)
        if self.mode == "chat":
            texts = [first_line(t) for t in texts]
        scores = out.sequences_scores.tolist() if getattr(out, "sequences_scores", None) is not None else [None] * len(texts)
        return split_nbest([Output(t, s) for t, s in zip(texts, scores)], nbest)
