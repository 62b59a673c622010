"""What every check shares: the Check base class, its raw Hit, the document and
segment views a check reads, and the text edits that make up a repair.

A check *scores* (``score`` yields Hits, each with a number) and separately
*decides* (``decide`` compares the number with a threshold), so a threshold can
change without re-running the scoring.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..ingest.segment import iter_sentence_spans
from ..model import DocumentDraft, Severity


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str

    def overlaps(self, other: "Edit") -> bool:
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Hit:
    """One thing a check found in a segment, before the decision."""

    start: int
    end: int
    message: str
    score: float = 1.0
    edits: tuple[Edit, ...] = ()
    severity: Severity | None = None  # only to override the check's own (a crash is reported as info)
    side: str = "target"  # "source": start/end mark what the translation left out, in the source


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    out, last = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[last:edit.start])
        out.append(edit.replacement)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True)
class SegmentView:
    """One segment as a check sees it: its text (the reviewed wording, if any) and source."""

    index: int
    text: str
    source: str | None = None
    excluded: bool = False
    exclusion_reason: str | None = None
    paragraph: int = 0

    @functools.cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """Sentence spans inside the segment (a TSV row or a reviewed segment may hold several)."""
        return tuple(iter_sentence_spans(self.text))


@dataclass(frozen=True)
class DocumentView:
    name: str
    segments: tuple[SegmentView, ...]
    source_lang: str | None = None
    target_lang: str = "en"
    glossary: tuple[dict, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, draft: DocumentDraft, glossary: Sequence[dict] = ()) -> "DocumentView":
        segments = tuple(
            SegmentView(i, s.mt, s.source, s.excluded, s.exclusion_reason, s.paragraph)
            for i, s in enumerate(draft.segments)
        )
        return cls(draft.name, segments, draft.source_lang, draft.target_lang, tuple(glossary))

    @functools.cached_property
    def content(self) -> tuple[SegmentView, ...]:
        """The article's segments: page furniture left out."""
        return tuple(s for s in self.segments if not s.excluded)


class Check:
    """Base class: a check's docstring's first line is its title in the UI."""

    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.MINOR
    help: ClassVar[str] = ""
    threshold: ClassVar[float] = 0.5
    needs_source: ClassVar[bool] = False  # skip segments without a source
    sees_excluded: ClassVar[bool] = False  # page furniture is skipped unless True

    @classmethod
    def title(cls) -> str:
        return (cls.__doc__ or cls.name).strip().splitlines()[0]

    def start_document(self, document: DocumentView) -> None:
        """Look at the whole document once before segments are scored (names, speakers...)."""

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        raise NotImplementedError

    def decide(self, hit: Hit) -> bool:
        return hit.score >= self.threshold
