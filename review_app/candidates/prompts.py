"""What a model reads for each segment: the source, an editing prompt, or a chat prompt.

Three modes, one per kind of model:

- ``translate``: translation models (MarianMT, NLLB, M2M100) read the segment's source;
- ``edit``: text-to-text editors (T5/BART style) read ``edit_prompt`` filled with the MT;
- ``chat``: causal chat models read ``chat_prompt`` filled with the MT and the previous
  sentences, so that they can tell who is speaking (Korean drops the subject).

Templates are the settings ``edit_prompt`` and ``chat_prompt`` (``{sentence}`` and
``{context}`` are filled in); ``context_sentences`` says how many sentences precede.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import BadInputError
from ..model import Segment

# model_type values (config.json) of models that translate a source and cannot edit English.
TRANSLATION_MODEL_TYPES = {"marian", "m2m_100", "nllb_moe", "fsmt"}


@dataclass(frozen=True)
class Request:
    segment: Segment
    text: str  # what the model reads
    source_lang: str | None
    target_lang: str


def model_kind(config: Mapping) -> str:
    """'translation', 'seq2seq' (an editor) or 'causal', from a model's config.json."""
    if not config.get("is_encoder_decoder", False):
        return "causal"
    return "translation" if config.get("model_type") in TRANSLATION_MODEL_TYPES else "seq2seq"


def choose_mode(requested: str, kind: str, model: str) -> str:
    """The mode to run a model of this kind in; a mode the model cannot do is refused."""
    natural = {"translation": "translate", "seq2seq": "edit", "causal": "chat"}[kind]
    if requested == "auto":
        return natural
    if requested == "chat" and kind != "causal":
        raise BadInputError(f"{model}: mode chat needs a causal (decoder-only) model; this one is {kind}")
    if requested != "chat" and kind == "causal":
        raise BadInputError(f"{model}: a causal model runs in mode chat, not {requested}")
    return requested


def previous_sentences(segments: Sequence[Segment], n: int) -> dict[int, list[str]]:
    """For each segment, the best current wording of up to ``n`` reviewable sentences before it
    in the same document (furniture is skipped: it is not part of the story)."""
    context: dict[int, list[str]] = {}
    history: dict[int, list[str]] = {}
    for s in sorted(segments, key=lambda s: (s.document_id, s.position)):
        if s.excluded:
            continue
        before = history.setdefault(s.document_id, [])
        context[s.id] = before[-n:] if n > 0 else []
        before.append(s.text)
    return context


def fill(template: str, name: str, sentence: str, context: Sequence[str]) -> str:
    try:
        return template.format(sentence=sentence, context="\n".join(context))
    except (KeyError, IndexError, ValueError) as exc:
        raise BadInputError(
            f"setting {name}: the template may only use {{sentence}} and {{context}} ({exc!r}); "
            "write literal braces as {{ and }}"
        ) from None


def build_requests(
    segments: Sequence[Segment],
    mode: str,
    options: Mapping,
    context: Mapping[int, list[str]] | None = None,
) -> tuple[list[Request], list[Segment]]:
    """(requests, segments with nothing to read). Translation skips segments without a source."""
    if context is None:
        context = previous_sentences(segments, options["context_sentences"])
    requests, skipped = [], []
    for s in segments:
        src = options["source_lang"] or s.source_lang
        tgt = options["target_lang"] or s.target_lang or "en"
        if mode == "translate":
            if not (s.source or "").strip():
                skipped.append(s)
                continue
            text = s.source
        else:
            template_name = "chat_prompt" if mode == "chat" else "edit_prompt"
            text = fill(options[template_name], template_name, s.mt, context.get(s.id, []))
        requests.append(Request(s, text, src, tgt))
    return requests, skipped
