"""Word-level differences between two wordings of a segment.

Used to show what a candidate changes in the MT and what one correction changed
in the previous version. Pure functions over strings; html_snippets.py renders them.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Words, single punctuation marks and runs of whitespace: every character falls
# in exactly one token, so joining the tokens gives back the text unchanged.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class DiffPart:
    op: str  # EQUAL, INSERT or DELETE
    text: str


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The parts of ``old`` kept, deleted and of ``new`` inserted, in reading order.

    Joining the EQUAL and DELETE parts gives ``old``; EQUAL and INSERT give ``new``.
    A replaced stretch is reported as its deletion followed by its insertion.
    """
    a, b = tokenize(old), tokenize(new)
    # autojunk would treat frequent tokens (spaces, "the") as junk on long segments.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[DiffPart] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            _append(parts, EQUAL, "".join(a[i1:i2]))
            continue
        _append(parts, DELETE, "".join(a[i1:i2]))
        _append(parts, INSERT, "".join(b[j1:j2]))
    return parts


def _append(parts: list[DiffPart], op: str, text: str) -> None:
    if not text:
        return
    if parts and parts[-1].op == op:
        parts[-1] = DiffPart(op, parts[-1].text + text)
    else:
        parts.append(DiffPart(op, text))


def changed_words(old: str, new: str) -> int:
    """How many non-space tokens were inserted or deleted (a rough size of an edit)."""
    return sum(
        len([t for t in tokenize(p.text) if not t.isspace()]) for p in word_diff(old, new) if p.op != EQUAL
    )
