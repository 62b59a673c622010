"""Name variants: one person or place spelled two ways in a document
(Kim Young-gyo / Kim Young-kyo), with the more frequent (else the first) form
as the repair.

Two spellings are variants when they are the same under Korean romanisation
(g/k, b/p, d/t, j/ch, r/l, eo/u, ...; "Young-gyo" = "Young-kyo") or differ by one
letter in a long word ("Kasparov" / "Kasparow"). Inflections are not variants
("Korea" / "Korean"), nor are names that differ in a whole syllable
("Kim Jong-un" / "Kim Jong-il": two people). A one-word "name" is only taken for
one when the document shows it is: capitalised somewhere other than at the start
of a sentence, and never written in lower case ("Exports" / "Experts" open
sentences and are ordinary words).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from ..language.english.names import proper_names
from ..model import Severity
from .base import Check, DocumentView, Edit, Hit, SegmentView

_ROMANISATION = (("eo", "u"), ("oo", "u"), ("ee", "i"), ("ae", "e"), ("ch", "j"), ("sh", "s"),
                 ("k", "g"), ("p", "b"), ("t", "d"), ("l", "r"), ("-", ""), (" ", ""))
MIN_SINGLE_WORD = 6  # one-letter differences only count in words at least this long


def romanisation_key(name: str) -> str:
    key = name.lower()
    for a, b in _ROMANISATION:
        key = key.replace(a, b)
    return key


def is_variant(a: str, b: str) -> bool:
    if a == b or len(a.split()) != len(b.split()):
        return False
    differing = [(x, y) for x, y in zip(a.split(), b.split()) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if x.startswith(y) or y.startswith(x) or x.lower() == y.lower():
        return False  # "Korea"/"Korean", "Park"/"PARK"
    if romanisation_key(x) == romanisation_key(y):
        return True
    return min(len(x), len(y)) >= MIN_SINGLE_WORD and Levenshtein.distance(x, y) == 1


class NameVariants(Check):
    """A name is spelled two ways in one document."""

    name = "name_variant"
    severity = Severity.MINOR
    help = (
        "Person and place names that differ by a romanisation variant or one letter within one document "
        "(Kim Young-gyo / Kim Young-kyo). The more frequent spelling, else the first, is suggested."
    )

    def start_document(self, document: DocumentView) -> None:
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        inside: set[str] = set()  # names seen capitalised inside a sentence
        lower: set[str] = set()
        self.names_in = {}  # segment index -> its names, read once for both passes
        for segment in document.content:
            lower.update(_LOWER_WORD.findall(segment.text))
            self.names_in[segment.index] = list(proper_names(segment.text))
            for start, name in self.names_in[segment.index]:
                counts[name] += 1
                first_seen.setdefault(name, len(first_seen))
                if not _opens_sentence(segment.text, start):
                    inside.add(name)
        names = {n for n in counts if " " in n or (n in inside and n.lower() not in lower)}
        self.preferred = _preferred_spellings(Counter({n: c for n, c in counts.items() if n in names}), first_seen)

    def score(self, segment: SegmentView) -> Iterable[Hit]:
        hits = []
        names = self.names_in.get(segment.index)
        for start, name in names if names is not None else proper_names(segment.text):
            better = self.preferred.get(name)
            if better:
                end = start + len(name)
                hits.append(Hit(start, end, f"“{name}” is spelled “{better}” elsewhere in this document", 1.0,
                                (Edit(start, end, better),)))
        return hits


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;—–-])[\s\"“‘'(\[]*$")


def _opens_sentence(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 20):start]))


def _preferred_spellings(counts: Counter, first_seen: dict[str, int]) -> dict[str, str]:
    """variant -> the spelling to use instead, for every name that has a more common (or earlier) variant."""
    # Variants differ in one word, so they share the rest: compare only names in the same
    # block, and a long document does not cost a comparison of every pair of names.
    blocks: dict[tuple, list[str]] = {}
    for name in counts:
        for key in _blocking_keys(name):
            blocks.setdefault(key, []).append(name)
    preferred: dict[str, str] = {}
    for names in blocks.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if is_variant(a, b):
                    keep, drop = sorted((a, b), key=lambda n: (-counts[n], first_seen[n]))
                    preferred[drop] = keep
    return preferred


def _blocking_keys(name: str) -> list[tuple]:
    """ "Kim Young-gyo" -> ("*", "Young-gyo"), ("Kim", "*"); one word -> its first three letters
    (romanised), which a one-letter or romanisation variant of a long word keeps."""
    words = name.split()
    if len(words) == 1:
        return [("1", romanisation_key(name)[:3])]
    return [tuple("*" if j == i else w for j, w in enumerate(words)) for i in range(len(words))]
