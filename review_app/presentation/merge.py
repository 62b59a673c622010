"""Two reviewers' versions of one segment merged word by word, for the conflict panel's
"Merge" to start editing from: where only one of them changed a stretch of the version both
started from, that change is taken; where both changed the same stretch differently, both
wordings are kept side by side as ``[mine: … | theirs: …]`` for the reviewer to choose.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|[^\s]+")
CONFLICT = re.compile(r"\[mine: .*? \| theirs: .*?\]", re.DOTALL)


@dataclass(frozen=True)
class Merged:
    text: str
    conflicts: int  # stretches both changed differently, marked in the text


def _edits(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """(start, end, replacement) for each stretch of ``base`` that ``other`` changed."""
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlaps(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    # Two insertions at one place, or ranges that share a token, touch the same stretch.
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0] or (a[0] == a[1] and b[0] < a[0] < b[1]) or (
        b[0] == b[1] and a[0] < b[0] < a[1])


def merge_versions(base: str, mine: str, theirs: str) -> Merged:
    """A word-level three-way merge of ``mine`` and ``theirs``, both edited from ``base``."""
    if mine == theirs:
        return Merged(mine, 0)
    tokens = _TOKENS.findall(base)
    ours = _edits(tokens, _TOKENS.findall(mine))
    their = _edits(tokens, _TOKENS.findall(theirs))
    out, position, conflicts = [], 0, 0
    while ours or their:
        first = min(ours[:1] + their[:1], key=lambda e: (e[0], e[1]))
        group_mine, group_theirs = [], []
        start, end = first[0], first[1]
        grown = True
        while grown:  # gather every edit of either side that touches the growing stretch
            grown = False
            for side, group in ((ours, group_mine), (their, group_theirs)):
                while side and (_overlaps(side[0], (start, end, [])) or side[0][0] == end == start):
                    edit = side.pop(0)
                    group.append(edit)
                    start, end = min(start, edit[0]), max(end, edit[1])
                    grown = True
        out += tokens[position:start]
        if group_mine and group_theirs:
            mine_text = _apply(tokens, start, end, group_mine)
            theirs_text = _apply(tokens, start, end, group_theirs)
            if mine_text == theirs_text:
                out.append(mine_text)
            else:
                out.append(f"[mine: {mine_text.strip()} | theirs: {theirs_text.strip()}]")
                conflicts += 1
        else:
            out.append(_apply(tokens, start, end, group_mine or group_theirs))
        position = end
    out += tokens[position:]
    return Merged("".join(out), conflicts)


def _apply(tokens: list[str], start: int, end: int, edits: list[tuple[int, int, list[str]]]) -> str:
    """The stretch ``tokens[start:end]`` with one side's edits in it."""
    out, position = [], start
    for i1, i2, replacement in edits:
        out += tokens[position:i1] + replacement
        position = i2
    return "".join(out + tokens[position:end])


def unresolved(text: str) -> bool:
    """Whether a merged text still holds a ``[mine: … | theirs: …]`` choice."""
    return CONFLICT.search(text) is not None


__all__ = ["merge_versions", "Merged", "unresolved"]
