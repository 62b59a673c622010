"""What the transformers and CTranslate2 backends share: finding the model, choosing the
mode, length-sorted batching, provenance, and the shared (load-once) model.

A subclass supplies how to load (``_load``), how to turn requests into token
sequences (``encode``) and how to generate one batch (``generate_batch``).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ..errors import BadInputError
from ..model import Candidate, Segment
from . import languages, loaded, models
from .base import COMMON_OPTIONS, Backend, Output, Progress, length_sorted_batches, make_candidates, utc_now
from .loaded import LoadedModel
from .prompts import Request, build_requests, choose_mode

# Options that change what a model writes, recorded in provenance (batching and threads do not).
_GENERATION_OPTIONS = ("nbest", "beam_size", "max_length")
MAX_INPUT_TOKENS = 1024


class ModelBackend(Backend):
    options: ClassVar = COMMON_OPTIONS

    def __init__(self, model: str, *, system: str | None = None, **values: Any):
        super().__init__(**values)
        self.resolved = self.resolve_model(model)
        self.kind = self.model_kind()
        self.mode = choose_mode(self.values["mode"], self.kind, model)
        self._system = system or self.default_system()

    # -- what subclasses provide ---------------------------------------------

    def resolve_model(self, ref: str) -> models.ResolvedModel:
        return models.resolve(ref)

    def model_kind(self) -> str:
        raise NotImplementedError

    def default_system(self) -> str:
        return self.resolved.name

    def _load(self) -> LoadedModel:
        raise NotImplementedError

    def encode(self, model: LoadedModel, requests: Sequence[Request]) -> list[list]:
        raise NotImplementedError

    def generate_batch(self, model: LoadedModel, requests: Sequence[Request], inputs: list[list]) -> list[list[Output]]:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------

    @property
    def system(self) -> str:
        return self._system

    @property
    def license(self) -> str:
        return models.describe_license(self.resolved.license)

    def cache_key(self) -> tuple:
        return (self.name, str(self.resolved.path), self.values["device"])

    def load(self) -> LoadedModel:
        """The process-wide shared model (loaded on first use)."""
        return loaded.shared(self.cache_key(), self._load)

    def token_ids(self, tokenizer, requests: Sequence[Request]) -> Iterator[tuple[list[int], list[list[int]]]]:
        """(request indexes, their token ids) per language pair, with the mode's prompt applied."""
        for (src, tgt), indexes in group_by_language(requests).items():
            texts = [requests[i].text for i in indexes]
            special = True
            if self.mode == "translate":
                languages.set_source_lang(tokenizer, src)
                texts = [languages.source_prefix(tokenizer, tgt) + t for t in texts]
            elif self.mode == "chat" and getattr(tokenizer, "chat_template", None):
                texts = [chat_text(tokenizer, t) for t in texts]
                special = False  # the template already wrote them
            encoded = tokenizer(texts, truncation=True, max_length=MAX_INPUT_TOKENS, add_special_tokens=special)
            yield indexes, encoded["input_ids"]

    @property
    def num_beams(self) -> int:
        return max(self.values["beam_size"], self.values["nbest"], 1)

    def provenance(self) -> dict:
        options = {k: self.values[k] for k in _GENERATION_OPTIONS}
        if self.mode == "chat":
            options.update(chat_prompt=self.values["chat_prompt"], context_sentences=self.values["context_sentences"])
        elif self.mode == "edit":
            options["edit_prompt"] = self.values["edit_prompt"]
        return {
            "backend": self.name,
            "mode": self.mode,
            "model": self.resolved.ref,
            "path": str(self.resolved.path),
            "revision": self.resolved.revision,
            "license": self.resolved.license,
            "options": options,
            "time": utc_now(),
        }

    def iter_batches(
        self,
        segments: Sequence[Segment],
        *,
        progress: Progress | None = None,
        context: Mapping[int, list[str]] | None = None,
    ) -> Iterator[list[tuple[Segment, list[Candidate]]]]:
        """Generate in length-sorted batches; each yielded batch is ready to store.

        Segments with nothing to read (no source, in translate mode) come first with no candidates.
        ``context`` maps segment ids to the sentences before them (default: taken from ``segments``).
        """
        progress = progress or (lambda n: None)
        requests, skipped = build_requests(segments, self.mode, self.values, context)
        if skipped:
            progress(len(skipped))
            yield [(s, []) for s in skipped]
        if not requests:
            return
        model = self.load()
        with model.lock:
            encoded = self.encode(model, requests)
        keys = [(r.source_lang or "", r.target_lang, len(ids)) for r, ids in zip(requests, encoded)]
        for batch_index in length_sorted_batches(keys, max(1, self.values["batch_size"])):
            batch = [requests[i] for i in batch_index]
            with model.lock:
                outputs = self.generate_batch(model, batch, [encoded[i] for i in batch_index])
            provenance = {**self.provenance(), "device": model.device}
            # Progress is told before the batch is handed over, so a cancel it triggers is seen
            # by the caller right after storing this batch, not one batch later.
            progress(len(batch))
            yield [
                (r.segment, make_candidates(r.segment, outs, self.system, {**provenance, **_languages(self.mode, r)}))
                for r, outs in zip(batch, outputs)
            ]


def chat_text(tokenizer, prompt: str) -> str:
    """The prompt as one user turn in the model's own chat format."""
    return tokenizer.apply_chat_template(
        [{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True
    )



def _languages(mode: str, request: Request) -> dict:
    if mode != "translate":
        return {}
    return {"source_lang": request.source_lang, "target_lang": request.target_lang}


def group_by_language(requests: Sequence[Request]) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(requests):
        groups.setdefault((r.source_lang, r.target_lang), []).append(i)
    return groups


def split_nbest(items: Sequence, n: int) -> list[list]:
    """A flat list of batch_size * n results cut into one list of n per input."""
    return [list(items[i : i + n]) for i in range(0, len(items), n)]


def first_line(text: str) -> str:
    """A chat model's answer: its first non-empty line (models often add explanations)."""
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def load_failed(ref: str, exc: Exception) -> BadInputError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return BadInputError(f"{ref}: cannot load the model: {reason}")
