"""Import throughput: a 100,000-sentence document, imported into a fresh SQLite file
(and PostgreSQL with --postgres URL), against running the segmenter alone on the same text.

    .venv/bin/python bench/ingest.py [--sentences 100000] [--quick] [--postgres URL]

Prints sentences per second for each and the ratio import / bare segmentation. The
baseline is measured in the same process, because these machines are noisy. pysbd's
bare segmentation of the same text is measured too, as the reference point of the
target (import at most 1.5x a rule-based segmenter, and >= 2,000 sentences/s).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.ingest.segment import split_english  # noqa: E402
from review_app.ingest.text import split_paragraphs  # noqa: E402
from review_app.storage import Store  # noqa: E402
from review_app.workflow import importing  # noqa: E402


def build_document(n_sentences: int) -> str:
    """Real sentences (the seed's article sentences and the news test set's English), 4 per paragraph."""
    seed = [s for p in split_paragraphs((ROOT / "seeds/000_2200bcb4e5cf4e2f.txt").read_text(encoding="utf-8"))
            for s in split_english(p) if len(s) > 40]
    news = (ROOT / "corpora/korean-english-news-v1/dev.en").read_text(encoding="utf-8").splitlines()
    pool = [s.strip() for s in seed + news if s.strip()]
    sentences = [pool[i % len(pool)] for i in range(n_sentences)]
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, n_sentences, 4)]
    return "\n\n".join(paragraphs) + "\n"


def bare_segmentation(text: str) -> int:
    return sum(len(split_english(p)) for p in split_paragraphs(text))


def pysbd_segmentation(text: str, limit: int) -> tuple[int, float]:
    try:
        import pysbd
    except ImportError:
        return 0, 0.0
    seg = pysbd.Segmenter(language="en", clean=False)
    paragraphs = split_paragraphs(text)[: limit // 4]
    start = time.perf_counter()
    n = sum(len(seg.segment(p)) for p in paragraphs)
    return n, time.perf_counter() - start


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 sentences")
    parser.add_argument("--postgres", help="also import into this PostgreSQL URL (an empty database)")
    args = parser.parse_args()
    n = 10_000 if args.quick else args.sentences

    text = build_document(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(text, encoding="utf-8")
        counted, t_seg = timed(bare_segmentation, text)
        print(f"bare segmentation : {counted:,} sentences in {t_seg:.2f}s = {counted / t_seg:,.0f} sentences/s")
        n_sbd, t_sbd = pysbd_segmentation(text, min(n, 10_000))
        if n_sbd:
            print(f"pysbd (reference) : {n_sbd:,} sentences in {t_sbd:.2f}s = {n_sbd / t_sbd:,.0f} sentences/s")

        targets = [("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}")]
        if args.postgres:
            targets.append(("postgresql", args.postgres))
        for label, url in targets:
            store = Store(url)
            for checks in (False, True):
                project = f"bench-{'checked' if checks else 'plain'}"
                (doc, _), t_imp = timed(lambda: importing.import_file(store, path, project=project, checks=checks))
                rate = doc.segment_count / t_imp
                what = "import with checks" if checks else "import, no checks"
                print(f"{what} ({label}): {doc.segment_count:,} segments in {t_imp:.2f}s = {rate:,.0f} sentences/s; "
                      f"ratio to bare segmentation = {t_imp / t_seg:.1f}x", end="")
                print(f"; to pysbd's bare segmentation = {(n_sbd / t_sbd) / rate:.2f}x" if n_sbd else "")
            store.close()


if __name__ == "__main__":
    main()
