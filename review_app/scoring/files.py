"""Line-aligned text files for scoring (one segment per line), read as sacrebleu reads them.

Lines are split on LF only and stripped of trailing white space, like
``sacrebleu``'s own command line, so both see the same segments. Problems come
back as one line naming the file and the line.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import BadInputError
from ..ingest.decode import decode_text, read_input


def read_lines(path: Path | str) -> list[str]:
    text = decode_text(str(path), read_input(path))
    if text.endswith("\n"):
        text = text[:-1]
    return [line.rstrip() for line in text.split("\n")]


def read_references(path: Path | str) -> list[str]:
    """Reference lines; an empty one would score every hypothesis against nothing, so it is refused."""
    lines = read_lines(path)
    for number, line in enumerate(lines, 1):
        if not line:
            raise BadInputError(f"{path}: line {number}: empty reference line (every segment needs a reference)")
    return lines


def check_aligned(path: Path | str, lines: list[str], ref_path: Path | str, refs: list[str]) -> None:
    """The same number of lines as the reference, else say both counts and where they part."""
    if len(lines) != len(refs):
        first = min(len(lines), len(refs)) + 1
        raise BadInputError(
            f"{path}: line {first}: {path} has {len(lines)} lines but {ref_path} has {len(refs)}"
        )


__all__ = ["read_lines", "read_references", "check_aligned"]
