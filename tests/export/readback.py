"""Read an export back into (source, target) pairs, each format with the tool its users would use."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from review_app.ingest import read_document


def read_back(fmt: str, paths: list[str]) -> list[tuple[str | None, str]]:
    path = Path(paths[0])
    if fmt in {"tmx", "xliff", "xliff2"}:
        doc = read_document(path.name, path.read_bytes(), "xliff" if fmt.startswith("xliff") else "tmx")
        return [(s.source, s.mt) for s in doc.segments]
    if fmt in {"tsv", "jsonl"}:
        doc = read_document(path.name, path.read_bytes(), fmt, escapes=True)
        return [(s.source, s.mt) for s in doc.segments]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [(r["source"], r["target"]) for r in csv.DictReader(fh)]
    if fmt == "moses":
        sources, targets = (Path(p).read_text(encoding="utf-8").split("\n")[:-1] for p in paths)
        return list(zip(sources, targets))
    if fmt == "text":
        return [(None, line) for line in path.read_text(encoding="utf-8").split("\n")[:-1]]
    if fmt == "ape":
        return [(r["src"], r["pe"]) for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    if fmt == "parquet":
        import pandas as pd

        frame = pd.read_parquet(path)
        if frame.empty:
            return []
        src, tgt = list(frame["translation"].iloc[0])
        return [(t[src], t[tgt]) for t in frame["translation"]]
    raise AssertionError(f"no reader for {fmt}")
