"""Keeping a project's wording consistent: project-wide find and replace, and propagation of
one correction to the identical and near-identical segments elsewhere in the project.

Pure functions over strings and (segment id, source, text) rows; ``workflow.consistency``
reads the rows from the Store and records what the reviewer accepts as corrections.

Propagation offers a segment the same change when
- its current text is the text the reviewer just corrected (identical), or
- its source is the corrected segment's source (identical source), or
- its text is near-identical (rapidfuzz ratio >= ``NEAR``, 80) and the edit can be carried
  over word for word: every changed stretch, with the words on each side of it, is found
  in the other text (``transplant``). An edit that cannot be placed is not offered.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..errors import BadInputError
from .word_diff import EQUAL, tokenize

NEAR = 80.0  # rapidfuzz ratio (0-100) from which two texts count as near-identical
MAX_OFFERS = 200

IDENTICAL, SAME_SOURCE, NEAR_IDENTICAL = "identical", "identical source", "near-identical"


# -- find and replace -------------------------------------------------------------------


@dataclass(frozen=True)
class FindReplace:
    """A literal search (never a regular expression: reviewers type words, not patterns)."""

    find: str
    replace: str = ""
    case_sensitive: bool = False
    whole_word: bool = False

    def pattern(self) -> re.Pattern:
        if not self.find.strip():
            raise BadInputError("type the words to find")
        body = re.escape(self.find)
        if self.whole_word:  # word boundaries only where the search itself starts or ends with a word character
            body = (r"\b" if re.match(r"\w", self.find) else "") + body + (r"\b" if re.search(r"\w$", self.find) else "")
        return re.compile(body, 0 if self.case_sensitive else re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.pattern().finditer(text)]

    def apply(self, text: str) -> str:
        # A function, so backslashes in the replacement are taken literally.
        return self.pattern().sub(lambda _: self.replace, text)

    def describe(self) -> str:
        options = [o for o, on in (("match case", self.case_sensitive), ("whole words", self.whole_word)) if on]
        return f"replace “{self.find}” with “{self.replace}”" + (f" ({', '.join(options)})" if options else "")


# -- propagation -------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """The same change offered to another segment: its text now, and after the change."""

    segment_id: int
    before: str
    after: str
    kind: str  # IDENTICAL, SAME_SOURCE or NEAR_IDENTICAL
    similarity: float  # rapidfuzz ratio of its text to the corrected segment's old text
    where: str = ""  # "segment 3 of b.txt", filled in by whoever knows the documents


def transplant(old: str, new: str, other: str) -> str | None:
    """``other`` with the edit that turned ``old`` into ``new``, or None if some changed stretch
    (with the nearest word on each side of it) cannot be found in ``other``."""
    a, b, o = tokenize(old), tokenize(new), tokenize(other)
    position = _token_map(a, o)
    hunks = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != EQUAL]
    placed = []
    for _, i1, i2, j1, j2 in hunks:
        at = _place(position, i1, i2, a)
        if at is None:
            return None
        placed.append((at, b[j1:j2]))
    for (lo, hi), tokens in sorted(placed, reverse=True):
        o[lo:hi] = tokens
    return "".join(o)


def _token_map(a: list[str], o: list[str]) -> dict[int, int]:
    """Token index in ``a`` -> the same token's index in ``o``, for tokens in matching stretches."""
    out = {}
    for block in difflib.SequenceMatcher(None, a, o, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = block.b + k
    return out


def _place(position: dict[int, int], i1: int, i2: int, a: list[str]) -> tuple[int, int] | None:
    """Where old tokens ``i1:i2`` (empty: an insertion before ``i1``) sit in the other text. The
    stretch and its neighbours up to the nearest word on each side must all be matched, in a row."""
    lo = i1 - 1
    while lo > 0 and a[lo].isspace():
        lo -= 1
    hi = i2
    while hi < len(a) - 1 and a[hi].isspace():
        hi += 1
    lo, hi = max(0, lo), min(len(a), hi + 1)
    if lo == hi:  # the old text was empty
        return None
    mapped = [position.get(i) for i in range(lo, hi)]
    if None in mapped or mapped != list(range(mapped[0], mapped[0] + len(mapped))):
        return None
    start = mapped[0] + (i1 - lo)
    return start, start + (i2 - i1)


class TextPool:
    """A project's segments as propagation compares them: (id, source, current text) rows, indexed
    by text and by source so identical ones are found without a scan, and kept as one list of
    texts for rapidfuzz's scan of near-identical ones. ``update`` keeps it current after a save."""

    def __init__(self, rows: Iterable[tuple[int, str | None, str]]):
        self.ids: list[int] = []
        self.sources: list[str | None] = []
        self.texts: list[str] = []
        self.at: dict[int, int] = {}
        self._by_text: dict[str, set[int]] = {}
        self._by_source: dict[str, set[int]] = {}
        for sid, source, text in rows:
            self.at[sid] = len(self.ids)
            self.ids.append(sid)
            self.sources.append(source)
            self.texts.append(text)
            self._by_text.setdefault(text, set()).add(len(self.ids) - 1)
            if source:
                self._by_source.setdefault(source, set()).add(len(self.ids) - 1)

    def update(self, segment_id: int, text: str) -> None:
        k = self.at.get(segment_id)
        if k is None or self.texts[k] == text:
            return
        self._by_text[self.texts[k]].discard(k)
        self._by_text.setdefault(text, set()).add(k)
        self.texts[k] = text

    def offers(self, old: str, new: str, source: str | None, exclude: int, *, near: float = NEAR,
               limit: int = MAX_OFFERS) -> list[Offer]:
        """Segments that should take the change ``old`` -> ``new`` made on segment ``exclude`` (whose
        source is ``source``); identical ones first."""
        if old == new:
            return []
        skip = {self.at.get(exclude)} | self._by_text.get(new, set())
        offers: dict[int, Offer] = {}
        for k in sorted(self._by_text.get(old, set()) - skip):
            offers[k] = Offer(self.ids[k], old, new, IDENTICAL, 100.0)
        for k in sorted(self._by_source.get(source, set()) - skip if source else ()):
            if k not in offers:
                text = self.texts[k]
                offers[k] = Offer(self.ids[k], text, transplant(old, new, text) or new, SAME_SOURCE,
                                  fuzz.ratio(text, old))
        for _, score, k in process.extract(old, self.texts, scorer=fuzz.ratio, score_cutoff=near, limit=None):
            if k in offers or k in skip:
                continue
            after = transplant(old, new, self.texts[k])
            if after is not None and after != self.texts[k]:
                offers[k] = Offer(self.ids[k], self.texts[k], after, NEAR_IDENTICAL, score)
        rank = {IDENTICAL: 0, SAME_SOURCE: 1, NEAR_IDENTICAL: 2}
        return sorted(offers.values(), key=lambda o: (rank[o.kind], -o.similarity, o.segment_id))[:limit]


def propagation_offers(old: str, new: str, source: str | None, rows: Iterable[tuple[int, str | None, str]],
                       exclude: int, *, near: float = NEAR, limit: int = MAX_OFFERS) -> list[Offer]:
    """Segments (``rows`` of id, source, current text) that should take the change ``old`` -> ``new``
    made on segment ``exclude`` (whose source is ``source``); identical ones first."""
    return TextPool(rows).offers(old, new, source, exclude, near=near, limit=limit)


def still_applies(offer: Offer, current_text: str) -> bool:
    """An offer made from a cached view of the project holds only if the segment still reads as it did."""
    return current_text == offer.before


def clip_words(words: str | None, limit: int = 80) -> str:
    """The words under the editor's cursor as the concordance looks them up: one line, trimmed."""
    return " ".join((words or "").split())[:limit].strip()


def highlight_terms(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text``, ignoring case (for the concordance's marks)."""
    if not words:
        return []
    return [m.span() for m in re.finditer(re.escape(words), text, re.IGNORECASE)]


def offers_text(offers: Sequence[Offer]) -> str:
    """``3 identical, 1 near-identical``: what the propagation panel offers, for its heading."""
    counts: dict[str, int] = {}
    for offer in offers:
        counts[offer.kind] = counts.get(offer.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())
