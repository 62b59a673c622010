"""Build labels.tsv, the labelled evaluation set of the attribution check.

Run from the repository root:  .venv/bin/python tests/data/attribution/build_labels.py

Three parts, all real text:
1. The seed article (MT from Korean): its 30 article segments, labelled by hand.
2. corpora/korean-english-news-v1/dev.en (human English news, 1,000 lines in 34
   documents of 30 lines): genuine pronouns, many a true "he said" about a man,
   labelled as correct. Into it, GARBLES puts the Korean pro-drop error back: in a
   sentence whose speaker is an organisation named in the sentences before, the
   organisation subject is replaced by "He"/"he" (what MT writes when Korean
   leaves the subject out). Each garbled line is labelled with the organisation
   its repair must name. Line 232, which really starts with a stray ", ...", is
   labelled as such.
3. The English source side of corpora/wmt21-ted-mqm-ende (TED talks): more
   genuine pronouns, labelled as correct.
"""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "labels.tsv"
DOC_LINES = 30

# dev.en line (1-based): (original subject words, replacement, speaker regex the repair must match)
GARBLES = {
    199: ("The statement also said", "He also said", "statement"),
    200: ("The judiciary statement said", "He said", "statement|judiciary"),
    202: ("The judiciary said the hangings", "He said the hangings", "judiciary|statement"),
    203: ("The statement also said", "He also said", "statement"),
    239: ("The FDA said", "He said", "FDA|Food and Drug"),
    245: ("in eastern Taiwan, it said.", "in eastern Taiwan, he said.", "bureau"),
    283: ("released, police said.", "released, he said.", "police"),
    284: ("intoxicated, police said.", "intoxicated, he said.", "police"),
    411: ("in Iraq, it says,", "in Iraq, he says,", "site"),
    413: ("by the family,\" it said.", "by the family,\" he said.", "report"),
    469: ("outside Iraq, the government said.", "outside Iraq, he said.", "government"),
    697: ("The FDA also warned", "He also warned", "FDA|Food and Drug"),
    714: ("on the beach,\" the statement said.", "on the beach,\" he said.", "statement|EveryOne|group"),
    765: ("very seriously,\" the statement said.", "very seriously,\" he said.", "statement|Times"),
    912: ("The committee's statement said it", "He said it", "committee|statement"),
}
NATURAL = {232: ""}  # dev.en lines with a real attribution-check error (a stray ", ..." opening)

# Seed segment position (0-based, as `review-app segments` shows it): speaker regex, or "" for a fragment.
SEED_LABELS = {
    18: "newspaper",
    21: "State Department",
    23: "State Department",
    26: "State Department",
    29: "Treasury Department",
    31: "",
}


def seed_rows():
    import sys

    sys.path.insert(0, str(ROOT))
    from review_app.ingest import read_document

    path = ROOT / "seeds" / "000_2200bcb4e5cf4e2f.txt"
    draft = read_document(path.name, path.read_bytes())
    for position, segment in enumerate(draft.segments):
        if segment.excluded:
            continue
        labelled = position in SEED_LABELS
        yield ("seed", segment.mt, "attribution" if labelled else "", SEED_LABELS.get(position, ""),
               f"seed segment {position}")


def news_rows():
    lines = (ROOT / "corpora" / "korean-english-news-v1" / "dev.en").read_text(encoding="utf-8").split("\n")[:1000]
    for number, line in enumerate(lines, start=1):
        doc = f"news-{(number - 1) // DOC_LINES + 1:02d}"
        note, expect, speaker = f"dev.en line {number}", "", ""
        if number in GARBLES:
            original, garbled, speaker = GARBLES[number]
            assert original in line, (number, original)
            assert (number - 1) % DOC_LINES >= 2, f"line {number} needs its context in the same document"
            line, expect, note = line.replace(original, garbled, 1), "attribution", note + " (garbled)"
        elif number in NATURAL:
            expect = "attribution"
        yield doc, line, expect, speaker, note


def ted_rows():
    path = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
    seen: dict[tuple[int, int], str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            seen.setdefault((int(row["doc_id"]), int(row["seg_id"])), row["source"])
    for (doc, seg), text in sorted(seen.items()):
        yield f"ted-{doc}", text, "", "", f"TED talk {doc} segment {seg}"


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Labelled set for `review-app check --eval` (see build_labels.py for how it is made).\n")
        fh.write("# checks: attribution\n")
        fh.write("doc\ttext\texpect\tspeaker\tnote\n")
        count = 0
        for row in (*seed_rows(), *news_rows(), *ted_rows()):
            assert not any("\t" in f or "\n" in f for f in row), row
            fh.write("\t".join(row) + "\n")
            count += 1
    print(f"{OUT}: {count} segments")


if __name__ == "__main__":
    main()
