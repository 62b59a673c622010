"""GUM's gold coreference (corpora/gum-coref) as plain records: documents of sentences, each
sentence's text rebuilt from GUM's tokens, and every gold mention with its entity, type and span.

This is the development corpus of the speaker tracker (language/english/tracker.py): the tracker is
tuned on the ``train`` split and measured on ``dev`` and ``test``; and a source of the garbled set
(evaluation/garbled_set.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError

GUM = Path(__file__).resolve().parents[2] / "corpora" / "gum-coref"
_BRACKET = re.compile(r"\(([^()]+)\)|\(([^()]+)|([^()]+)\)")


@dataclass(frozen=True)
class GoldMention:
    sentence: int
    start: int  # character offsets in the sentence's text
    end: int
    entity: str  # "person-1": mentions with the same entity corefer
    kind: str  # GUM's type: person, organization, place, abstract, ...


@dataclass(frozen=True)
class GumDocument:
    name: str
    genre: str
    split: str
    sentences: tuple[str, ...]
    mentions: tuple[GoldMention, ...]

    def chain(self, entity: str) -> list[GoldMention]:
        return [m for m in self.mentions if m.entity == entity]


def splits(root: Path = GUM) -> dict[str, tuple[str, str]]:
    """doc -> (genre, split)."""
    rows = (root / "splits.tsv").read_text(encoding="utf-8").split("\n")[1:]
    return {doc: (genre, split) for doc, genre, split in (r.split("\t") for r in rows if r.strip())}


def read_documents(root: Path = GUM, split: str | None = None) -> Iterator[GumDocument]:
    """The documents in corpora/gum-coref (those of one ``split`` if given), in name order."""
    lengths = _sentence_lengths(root / "sentences.tsv")
    for doc, (genre, doc_split) in sorted(splits(root).items()):
        if doc not in lengths or (split and doc_split != split):
            continue
        path = root / "conll" / f"{doc}.conll"
        yield read_conll(path, lengths[doc], genre, doc_split)


def _sentence_lengths(path: Path) -> dict[str, list[int]]:
    out = {}
    for number, row in enumerate(path.read_text(encoding="utf-8").split("\n")[1:], start=2):
        if row.strip():
            doc, counts = row.split("\t")
            try:
                out[doc] = [int(c) for c in counts.split(",")]
            except ValueError:
                raise BadInputError(f"{path}: line {number}: sentence lengths must be integers") from None
    return out


def read_conll(path: Path, sentence_lengths: list[int], genre: str = "", split: str = "") -> GumDocument:
    words, labels = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise BadInputError(f"{path}: line {number}: a token line has 3 tab-separated fields")
        words.append(fields[1])
        labels.append(fields[2])
    if sum(sentence_lengths) != len(words):
        raise BadInputError(f"{path}: {len(words)} tokens but sentences.tsv gives {sum(sentence_lengths)}")
    sentences, places = _rebuild_text(words, sentence_lengths)
    mentions = []
    open_at: dict[str, list[int]] = {}
    for index, column in enumerate(labels):
        if column == "_":
            continue
        for whole, opening, closing in _BRACKET.findall(column):
            if whole:
                mentions.append(_mention(whole, index, index, places))
            elif opening:
                open_at.setdefault(opening, []).append(index)
            else:
                if not open_at.get(closing):
                    raise BadInputError(f"{path}: token {index}: {closing}) closes nothing")
                mentions.append(_mention(closing, open_at[closing].pop(), index, places))
    mentions = [m for m in mentions if m is not None]
    return GumDocument(path.stem, genre, split, tuple(sentences), tuple(sorted(mentions, key=lambda m: (
        m.sentence, m.start, -m.end))))


def _mention(label: str, first: int, last: int, places) -> GoldMention | None:
    kind, number = label.split("-")[:2]
    (s1, a, _), (s2, _, b) = places[first], places[last]
    if s1 != s2:
        return None  # a mention across GUM's sentence break (a heading run on): nothing to test on
    return GoldMention(s1, a, b, f"{kind}-{number}", kind)


_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "%", "n't", "'s", "’s", "'", "”", "...", "'re", "'ve",
                    "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "“", "#"}


def _rebuild_text(words: list[str], lengths: list[int]):
    """Sentences as running text ("do n't" -> "don't", quotes closed up), and each token's
    (sentence, start, end) in it."""
    sentences, places = [], []
    position = 0
    for number, length in enumerate(lengths):
        text, quote_open, glue = "", False, True
        for word in words[position:position + length]:
            if word == '"':
                space = not glue and not quote_open
                quote_open = not quote_open
                glue_next = quote_open
            else:
                space = not glue and word not in _NO_SPACE_BEFORE and not word.startswith("'")
                glue_next = word in _NO_SPACE_AFTER
            text += " " if space else ""
            places.append((number, len(text), len(text) + len(word)))
            text += word
            glue = glue_next
        sentences.append(text)
        position += length
    return sentences, places
