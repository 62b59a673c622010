"""The one interface every candidate backend implements, and its options.

A backend has a ``name``, a tuple of declared :class:`Option` (name, default,
help) that the CLI and the UI turn into flags and form fields, and
``generate(segments) -> candidates``. Generating backends share the batching
here: inputs are sorted by length so a batch pads little, cut into batches, and
the results are handed back in the caller's order.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, ClassVar

from .. import settings
from ..errors import BadInputError
from ..model import ORIGIN_MODEL, Candidate, Segment

Progress = Callable[[int], None]  # called with how many more segments are done


@dataclass(frozen=True)
class Option:
    """One tunable of a backend. ``setting`` names a setting whose value is the default."""

    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    setting: str | None = None

    def current_default(self) -> Any:
        return settings.get(self.setting) if self.setting else self.default

    def convert(self, raw: Any) -> Any:
        """A value given as text (CLI, form, TOML) turned into the default's type."""
        kind = type(self.default)
        try:
            value = (str(raw).lower() in {"1", "true", "yes", "on"}) if kind is bool else kind(raw)
        except (TypeError, ValueError):
            raise BadInputError(f"option {self.name}: {raw!r} is not a {kind.__name__}") from None
        if self.choices and value not in self.choices:
            raise BadInputError(f"option {self.name}: {raw!r} is not one of {', '.join(self.choices)}")
        return value


# Options every generating backend understands.
COMMON_OPTIONS: tuple[Option, ...] = (
    Option("nbest", 1, "candidates kept per segment (n-best list from beam search)"),
    Option("beam_size", 4, "beam width; raised to nbest when smaller"),
    Option("max_length", 256, "most tokens generated per candidate"),
    Option("batch_size", 16, "segments per batch (sorted by length, so batches pad little)"),
    Option("device", "auto", "where to run: auto (GPU when present), cpu or cuda", ("auto", "cpu", "cuda")),
    Option("threads", 0, "CPU threads; 0 = the cpu_threads setting (0 there = all cores)", setting="cpu_threads"),
    Option(
        "mode", "auto",
        "translate the source, edit the English (seq2seq editors) or chat (causal models); auto picks from the model",
        ("auto", "translate", "edit", "chat"),
    ),
    Option("source_lang", "", "source language code (default: the document's)"),
    Option("target_lang", "", "target language code (default: the document's)"),
    Option("context_sentences", 3, "previous sentences a chat model sees", setting="context_sentences"),
    Option("chat_prompt", "", "prompt template for chat models", setting="chat_prompt"),
    Option("edit_prompt", "", "prompt template for editing models", setting="edit_prompt"),
)


@dataclass(frozen=True)
class Output:
    """One generated text with its model score (log-probability, higher is better)."""

    text: str
    score: float | None = None


class Backend:
    """Produces candidates for segments. Subclasses set ``name`` and ``options``."""

    name: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, **values: Any):
        self.values = self.resolve_options(values)

    @classmethod
    def resolve_options(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared option's value: the given one (converted), else its default."""
        declared = {o.name: o for o in cls.options}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise BadInputError(
                f"backend {cls.name}: unknown option {unknown[0]!r} (known: {', '.join(sorted(declared))})"
            )
        return {
            name: (opt.convert(given[name]) if given.get(name) is not None else opt.current_default())
            for name, opt in declared.items()
        }

    @property
    def system(self) -> str:
        """The display name stored on the candidates."""
        raise NotImplementedError

    def provenance(self) -> dict:
        """What made these candidates, stored as JSON with each one."""
        raise NotImplementedError

    def generate(self, segments: Sequence[Segment], progress: Progress | None = None) -> list[Candidate]:
        """Candidates for ``segments``, in the segments' order."""
        by_segment: dict[int, list[Candidate]] = {}
        for batch in self.iter_batches(segments, progress=progress):
            for segment, candidates in batch:
                by_segment[segment.id] = candidates
        return [c for s in segments for c in by_segment.get(s.id, [])]

    def iter_batches(
        self, segments: Sequence[Segment], *, progress: Progress | None = None, **_
    ) -> Iterator[list[tuple[Segment, list[Candidate]]]]:
        """Results batch by batch, so a caller can store each as soon as it is ready."""
        raise NotImplementedError


def make_candidates(segment: Segment, outputs: Sequence[Output], system: str, provenance: dict) -> list[Candidate]:
    """Model candidates of one segment, best first; repeats of a text are dropped."""
    seen: set[str] = set()
    out = []
    for rank, o in enumerate(outputs, 1):
        text = o.text.strip()
        if not text or text in seen:
            continue
        seen.add(text)
        extra = {"rank": rank, "score": None if o.score is None else round(float(o.score), 4)}
        out.append(Candidate(segment.id, ORIGIN_MODEL, text, system, {**provenance, **extra}))
    return out


def length_sorted_batches(keys: Sequence[tuple], batch_size: int) -> list[list[int]]:
    """Indexes cut into batches after sorting by ``keys`` (group, length): a batch never
    mixes groups (e.g. language pairs) and pads little."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < batch_size and keys[batches[-1][0]][:-1] == keys[i][:-1]:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
