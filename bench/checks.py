"""Check throughput: every check over 100,000 real sentences, against the bare sentence segmenter
over the same sentences (the baseline, measured in the same process because these machines are noisy).

    .venv/bin/python bench/checks.py [--sentences 100000] [--quick] [--per-check]

The sentences are the seed article's and korean-english-news-v1's (dev.en, with dev.ko as the source
of its lines, so the source-aware checks run too), in documents of 100 segments. One process, one
core. Prints sentences per second for all checks and for the baseline, and their ratio; with
--per-check, the seconds each check takes. Target: >= 2,000 sentences/s.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.checks import CHECKS, run_checks  # noqa: E402
from review_app.ingest import read_document  # noqa: E402
from review_app.ingest.segment import iter_sentence_spans  # noqa: E402
from review_app.model import DocumentDraft, SegmentDraft  # noqa: E402

DOC_SEGMENTS = 100


def build_documents(n_sentences: int) -> list[DocumentDraft]:
    seed = ROOT / "seeds" / "000_2200bcb4e5cf4e2f.txt"
    seed_segments = [s for s in read_document(seed.name, seed.read_bytes()).segments]
    news = ROOT / "corpora" / "korean-english-news-v1"
    en = (news / "dev.en").read_text(encoding="utf-8").split("\n")[:1000]
    ko = (news / "dev.ko").read_text(encoding="utf-8").split("\n")[:1000]
    pool = seed_segments + [SegmentDraft(mt=e, source=k) for e, k in zip(en, ko)]
    segments = [pool[i % len(pool)] for i in range(n_sentences)]
    return [DocumentDraft(f"bench-{i // DOC_SEGMENTS}", "text", tuple(segments[i:i + DOC_SEGMENTS]))
            for i in range(0, n_sentences, DOC_SEGMENTS)]


def timed(label: str, documents: list[DocumentDraft], work) -> float:
    start = time.perf_counter()
    for document in tqdm(documents, desc=label, unit="doc", file=sys.stderr, leave=False):
        work(document)
    return time.perf_counter() - start


def segment_only(document: DocumentDraft) -> None:
    for segment in document.segments:
        list(iter_sentence_spans(segment.mt))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 sentences")
    parser.add_argument("--per-check", action="store_true", help="also time each check alone")
    args = parser.parse_args()
    n = 10_000 if args.quick else args.sentences
    documents = build_documents(n)
    baseline = timed("segmenter", documents, segment_only)
    checks = timed("all checks", documents, run_checks)
    print(f"sentences: {n:,} in {len(documents):,} documents")
    print(f"baseline (bare segmenter): {n / baseline:,.0f} sentences/s ({baseline:.2f} s)")
    print(f"all {len(CHECKS)} checks:           {n / checks:,.0f} sentences/s ({checks:.2f} s)")
    print(f"ratio checks / segmenter time: {checks / baseline:.1f}x; target >= 2,000 sentences/s: "
          f"{'met' if n / checks >= 2000 else 'NOT met'}")
    if args.per_check:
        for name in CHECKS:
            seconds = timed(name, documents, lambda d, name=name: run_checks(d, names=[name]))
            print(f"  {name:16s} {seconds:6.2f} s  {n / seconds:10,.0f} sentences/s")


if __name__ == "__main__":
    main()
