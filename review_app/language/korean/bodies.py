"""English names of Korean organisations: the project glossary's source terms first, then the starter
table shipped with the app (review_app/data/korean_bodies.tsv: 국무부 State Department, 연합뉴스 Yonhap, ...)."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from ...errors import BadInputError

TABLE = Path(__file__).resolve().parents[2] / "data" / "korean_bodies.tsv"


@functools.lru_cache(maxsize=4)
def starter_table(path: Path = TABLE) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("korean\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not all(f.strip() for f in fields):
            raise BadInputError(f"{path}: line {number}: a row is Korean<TAB>English")
        table[fields[0].strip()] = fields[1].strip()
    return table


class KoreanNames:
    """Korean organisation -> its English name."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self._longest_first = sorted(table, key=len, reverse=True)

    def english(self, noun: str) -> str | None:
        """The English name of ``noun`` ("미 국무부", "국무부는" read as "국무부"): an exact entry, else the
        longest entry the noun ends with (한국 외교부 -> 외교부)."""
        noun = noun.strip()
        if noun in self.table:
            return self.table[noun]
        squeezed = noun.replace(" ", "")
        for korean in self._longest_first:
            if squeezed.endswith(korean.replace(" ", "")):
                return self.table[korean]
        return None


def english_names(glossary: Sequence[dict] = ()) -> KoreanNames:
    """The starter table, with the project's glossary entries (source term -> right form) over it."""
    table = dict(starter_table())
    for entry in glossary:
        source, right = (entry.get("source_term") or "").strip(), (entry.get("right") or "").strip()
        if source and right and any("\uac00" <= ch <= "\ud7a3" for ch in source):
            table[source] = right
    return KoreanNames(table)
