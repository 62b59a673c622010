"""Real sentence pairs for the export tests, turned into export rows."""
from __future__ import annotations

import csv
from datetime import datetime, timezone
from functools import lru_cache

from review_app.export import ExportHeader, ExportRow

from ..conftest import DATA, ROOT

KO_EN = ROOT / "corpora" / "korean-english-news-v1"
MLQE_RO_EN = DATA / "post_editing" / "mlqe-pe_ro-en_test20.tsv"
HEADER = ExportHeader(source_lang="ko", target_lang="en", project="news",
                      created=datetime(2026, 11, 27, 20, 48, tzinfo=timezone.utc))


@lru_cache
def ko_en_pairs() -> list[tuple[str, str]]:
    ko = (KO_EN / "dev.ko").read_text(encoding="utf-8").splitlines()
    en = (KO_EN / "dev.en").read_text(encoding="utf-8").splitlines()
    return list(zip(ko, en))


@lru_cache
def mlqe_rows() -> list[dict]:
    with MLQE_RO_EN.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def news_rows(n: int = 50, start: int = 0, **fields) -> list[ExportRow]:
    """Korean-English news pairs as approved, reviewed rows."""
    return [
        ExportRow(
            id=f"1-{i + 1}", source=ko, target=en, source_lang="ko", target_lang="en", mt=en, document="dev",
            position=i, status="approved", reviewed=True, origin="reviewer", reviewer="mina",
            time=datetime(2026, 11, 27, 9, 30, tzinfo=timezone.utc), **fields,
        )
        for i, (ko, en) in enumerate(ko_en_pairs()[start : start + n], start=start)
    ]


def post_edit_rows(n: int = 50) -> list[ExportRow]:
    """MLQE-PE ro-en: machine translation and the professional post-edit."""
    return [
        ExportRow(
            id=f"2-{i + 1}", source=r["src"], target=r["pe"], source_lang="ro", target_lang="en", mt=r["mt"],
            document="mlqe-pe", position=i, status="approved", reviewed=True, origin="reviewer", reviewer="pe",
        )
        for i, r in enumerate(mlqe_rows()[:n])
    ]
