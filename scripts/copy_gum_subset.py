"""Copy the part of GUM's coreference layer the attribution work uses into corpora/gum-coref/.

    python3 scripts/copy_gum_subset.py PATH/TO/shared/corpora/gum-coref

Kept lean: the conll files (byte-identical) of the documents of the genres below, and
sentences.tsv, the one thing the conll files lack (their sentence breaks), counted from the
WebAnno tsv files' ``#Text=`` blocks so the tsv files (8 MB) need not be carried. The license,
attribution and split files come along unchanged.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

# Every genre the shared copy holds (it left out those whose texts are not licensed for commercial use).
GENRES = ("news", "interview", "bio", "court", "academic", "voyage")
OUT = Path(__file__).resolve().parents[1] / "corpora" / "gum-coref"


def sentence_lengths(tsv: Path) -> list[int]:
    lengths: list[int] = []
    for line in tsv.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#Text="):
            lengths.append(0)
        elif line and not line.startswith("#"):
            lengths[-1] += 1
    return lengths


def conll_tokens(conll: Path) -> int:
    return sum(1 for line in conll.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#"))


def main(source: Path) -> None:
    (OUT / "conll").mkdir(parents=True, exist_ok=True)
    rows = ["doc\tsentence_tokens"]
    for conll in sorted((source / "conll").glob("*.conll")):
        if conll.stem.split("_")[1] not in GENRES:
            continue
        lengths = sentence_lengths(source / "tsv" / f"{conll.stem}.tsv")
        if sum(lengths) != conll_tokens(conll):
            raise SystemExit(f"{conll}: {conll_tokens(conll)} tokens but the tsv's sentences hold {sum(lengths)}")
        shutil.copyfile(conll, OUT / "conll" / conll.name)
        rows.append(f"{conll.stem}\t{','.join(map(str, lengths))}")
    (OUT / "sentences.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for name in ("LICENSE-GUM.txt", "ATTRIBUTION.tsv", "splits.tsv"):
        shutil.copyfile(source / name, OUT / name)
    print(f"{OUT}: {len(rows) - 1} documents")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
