"""Real data the scoring tests share: MLQE-PE post-edits and the WMT21 TED MQM systems."""
from __future__ import annotations

import csv
import functools
from pathlib import Path

from review_app.scoring.mqm import read_mqm, strip_marks

from ..conftest import DATA, ROOT

MLQE = {lp: DATA / "post_editing" / f"mlqe-pe_{lp}_test20.tsv" for lp in ("ro-en", "ru-en")}
TED_MQM = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
TED_SOURCE_MD = TED_MQM.parent / "SOURCE.md"


@functools.cache
def mlqe_rows(lp: str) -> tuple[dict, ...]:
    with MLQE[lp].open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.cache
def ted_rows():
    return tuple(read_mqm(TED_MQM.name, TED_MQM.read_bytes()))


@functools.cache
def ted_outputs() -> dict[str, list[str]]:
    """system -> its 529 outputs (marks removed), in segment order; "ref" is the human reference."""
    texts: dict[str, dict[int, str]] = {}
    for row in ted_rows():
        texts.setdefault(row.system, {})[int(row.seg_id)] = strip_marks(row.target)[0]
    return {system: [by_seg[k] for k in sorted(by_seg)] for system, by_seg in texts.items()}


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path
