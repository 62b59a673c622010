"""A small corpus in every format the batch reads, built from the repository's real sentence pairs
(korean-english-news-v1, CC BY-SA 3.0; WMT21 TED MQM, Apache-2.0), with duplicates planted
across files and shards, near duplicates, lines that cannot be read and a malformed TMX.

``build_corpus`` returns the ground truth: the readable pairs in corpus order (files sorted by
name, the order the batch takes a folder in), so a test can run the export's own one-process
filter over them and compare.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "corpora" / "korean-english-news-v1"
TED = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"


def news_pairs() -> list[tuple[str, str]]:
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").split("\n")
    en = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")
    return [(k.strip(), e.strip()) for k, e in zip(ko, en) if k.strip() and e.strip()]


def ted_pairs() -> list[tuple[str, str]]:
    """English source, German target (the error marks removed), each distinct pair once, in file order."""
    seen: dict[tuple[str, str], None] = {}
    with TED.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            seen.setdefault((row["source"].strip(), re.sub(r"</?v>", "", row["target"]).strip()), None)
    return list(seen)


@dataclass
class Corpus:
    folder: Path
    pairs: list[tuple[str, str]] = field(default_factory=list)  # readable pairs, corpus order
    unreadable: list[tuple[str, int]] = field(default_factory=list)  # (file, line)
    excluded: list[tuple[str, int]] = field(default_factory=list)
    broken: str = ""  # the malformed TMX

    def path(self, name: str) -> str:
        return str(self.folder / name)


def build_corpus(folder: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    news, ted = news_pairs(), ted_pairs()
    corpus = Corpus(folder)

    a = news[0:400]  # a_news.tsv, with a header
    _write(folder / "a_news.tsv", "source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in a))
    corpus.pairs += a

    b = news[300:600]  # b_news.jsonl: 100 exact copies of a's pairs; a bad line; a record without a target
    lines = [json.dumps({"src": s, "mt": t}, ensure_ascii=False) for s, t in b]
    lines.insert(150, '{"src": "끝나지 않은 줄", "mt": ')
    lines.insert(200, json.dumps({"src": "번역 없음", "note": "no target"}, ensure_ascii=False))
    _write(folder / "b_news.jsonl", "\n".join(lines) + "\n")
    corpus.pairs += b
    corpus.unreadable += [("b_news.jsonl", 151), ("b_news.jsonl", 201)]

    # c_news.ko / c_news.en, a Moses pair: 50 lines overlap b (every 5th with its target upper-cased:
    # a near duplicate), and one target line of undecodable bytes.
    c = [(s, t.upper() if i < 50 and i % 5 == 0 else t) for i, (s, t) in enumerate(news[550:700])]
    bad_line = 120
    (folder / "c_news.ko").write_bytes("".join(f"{s}\n" for s, _ in c).encode("utf-8"))
    targets = [t.encode("utf-8") for _, t in c]
    targets[bad_line] = b"\xc3\x28 broken \xff bytes"
    (folder / "c_news.en").write_bytes(b"\n".join(targets) + b"\n")
    corpus.pairs += [p for i, p in enumerate(c) if i != bad_line]
    corpus.unreadable.append(("c_news.ko", bad_line + 1))

    d = ted[0:300] + ted[0:30]  # d_ted.parquet, Hugging Face layout, with 30 copies inside the file
    table = pa.table({"translation": [{"en": s, "de": t} for s, t in d]})
    pq.write_table(table, folder / "d_ted.parquet", row_group_size=64)
    corpus.pairs += d

    e = ted[250:350]  # e_ted.tmx: 50 copies of d's pairs, and a unit without German
    units = [_unit(s, t) for s, t in e]
    units.insert(40, '<tu tuid="no-de"><tuv xml:lang="en"><seg>A unit with no German.</seg></tuv></tu>\n')
    _write(folder / "e_ted.tmx", _tmx("en", units))
    corpus.pairs += e
    corpus.excluded.append(("e_ted.tmx", _TMX_HEADER_LINES + 41))  # the 41st unit, one unit a line

    broken = [_unit(s, t) for s, t in ted[400:403]] + ['<tu><tuv xml:lang="en"><seg>cut off</seg></tu>\n']
    _write(folder / "f_broken.tmx", _tmx("en", broken))
    corpus.broken = "f_broken.tmx"

    # g_short.tsv, headerless: a pair far outside any sane length ratio, and a repeat of a's first pair.
    g = [("네.", "Yes, that is exactly what the minister said in the long statement his office released on Monday."),
         news[0]]
    _write(folder / "g_short.tsv", "".join(f"{s}\t{t}\n" for s, t in g))
    corpus.pairs += g
    _write(folder / "README.md", "Test corpus; not a corpus file itself.\n")
    return corpus


def _unit(source: str, target: str) -> str:
    return (f'<tu><tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>'
            f'<tuv xml:lang="de"><seg>{escape(target)}</seg></tuv></tu>\n')


_TMX_HEADER_LINES = 4  # the XML declaration, <tmx>, <header/>, <body>


def _tmx(srclang: str, units: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f'<header creationtool="tests" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" '
            f'srclang="{srclang}" datatype="plaintext"/>\n<body>\n' + "".join(units) + "</body>\n</tmx>\n")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
