"""Candidate generation speed, each against its baseline measured in the same run:

1. batched, length-sorted generation (the transformers backend, batch 32) against one sentence
   per ``generate`` call (the same backend, batch 1). Target >= 4x tokens per second.
2. the CTranslate2 backend (int8 on CPU) against the transformers backend (float32), both batched
   the same way. Target >= 3x tokens per second. (CTranslate2's README reports 3.6x-4.7x for
   OPUS-MT en-de on 4 threads, batch 32, beam 4.)

Both use beam 4 and the first sentences of the Korean-English news corpus. The model is the tiny
one the tests build (tests/tiny_models.py) at a size where the comparison means
something: MarianMT, d_model 256, 3+3 layers, FFN 1024, SentencePiece vocabulary of ~8k trained
on the seed and the corpus, random weights. A random model never writes the end-of-sentence
token, so every output runs to --max-length: real models stop at different lengths, which costs
batching some of its gain; figures on a real model differ. When Helsinki-NLP/opus-mt-ko-en is in
the local Hugging Face cache, it is measured too.

    .venv/bin/python bench/translate.py [--quick] [--sentences N] [--max-length N] [--threads N] [--repeat N]

Writes bench/out/translate.json (rows for a chart) besides printing the table.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.candidates import make_backend, models  # noqa: E402
from review_app.candidates.loaded import forget_all  # noqa: E402
from review_app.errors import BadInputError  # noqa: E402
from review_app.model import Segment  # noqa: E402
from tests import tiny_models as tiny  # noqa: E402

NEWS = ROOT / "corpora" / "korean-english-news-v1"
REAL_MODEL = "Helsinki-NLP/opus-mt-ko-en"
TARGETS = {"batching": 4.0, "ctranslate2": 3.0}


def news_segments(n: int) -> list[Segment]:
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:n]
    return [Segment(id=i + 1, document_id=1, position=i, paragraph=i, mt="", source=k, source_lang="ko")
            for i, k in enumerate(ko)]


def build_tiny(workdir: Path) -> tuple[Path, Path]:
    sentences = tiny.corpus_sentences(ROOT)
    marian = tiny.build_marian(workdir / "tiny-marian-256", sentences, vocab_size=8000, d_model=256, layers=3,
                               ffn=1024, heads=4)
    return marian, tiny.convert_ctranslate2(marian, workdir / "tiny-marian-256-ct2")


def tokens_per_second(backend_name: str, model: str, segments: list[Segment], *, batch_size: int,
                      max_length: int, threads: int, repeat: int, label: str) -> dict:
    """Generate once for warm-up (loading, first-call costs), then keep the best of ``repeat``
    timed passes (other work on the machine only ever adds time)."""
    backend = make_backend(backend_name, model, batch_size=batch_size, beam_size=4, nbest=1, max_length=max_length,
                           threads=threads)
    backend.generate(segments[:2])
    times = []
    with tqdm(total=repeat * len(segments), desc=label, unit="seg", file=sys.stderr, leave=False) as bar:
        for _ in range(repeat):
            start = time.perf_counter()
            candidates = backend.generate(segments, progress=bar.update)
            times.append(time.perf_counter() - start)
    seconds = min(times)
    tokenizer = backend.load().tokenizer
    tokens = sum(len(tokenizer(c.text, add_special_tokens=False)["input_ids"]) for c in candidates)
    return {"label": label, "backend": backend_name, "batch_size": batch_size, "segments": len(segments),
            "tokens": tokens, "seconds": round(seconds, 3), "tokens_per_s": round(tokens / seconds, 1)}


def compare(model: str, ct2_model: str, segments: list[Segment], max_length: int, threads: int,
            repeat: int) -> list[dict]:
    common = {"max_length": max_length, "threads": threads, "repeat": repeat}
    rows = [
        tokens_per_second("transformers", model, segments, batch_size=1, label="transformers, one at a time", **common),
        tokens_per_second("transformers", model, segments, batch_size=32, label="transformers, batch 32 sorted", **common),
        tokens_per_second("ctranslate2", ct2_model, segments, batch_size=32, label="ctranslate2 int8, batch 32 sorted",
                          **common),
    ]
    for row in rows:
        row["model"] = model
    forget_all()  # free the models before the next comparison
    return rows


def report(rows: list[dict], name: str) -> list[dict]:
    one, batched, ct2 = rows
    ratios = [
        ("batching", batched["tokens_per_s"] / one["tokens_per_s"]),
        ("ctranslate2", ct2["tokens_per_s"] / batched["tokens_per_s"]),
    ]
    print(f"\n{name}")
    for r in rows:
        print(f"  {r['label']:<34} {r['tokens']:>6} tokens {r['seconds']:>8.2f} s {r['tokens_per_s']:>9.1f} tok/s")
    out = []
    for what, ratio in ratios:
        verdict = "meets" if ratio >= TARGETS[what] else "MISSES"
        print(f"  {what}: {ratio:.1f}x ({verdict} the {TARGETS[what]:.0f}x target)")
        out.append({"model": name, "comparison": what, "ratio": round(ratio, 2), "target": TARGETS[what]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer sentences and shorter outputs")
    parser.add_argument("--sentences", type=int)
    parser.add_argument("--max-length", type=int)
    parser.add_argument("--threads", type=int, default=1,
                        help="CPU threads for both backends (default 1: on a shared machine more threads than idle "
                             "cores make torch's thread pool spin and the figures meaningless)")
    parser.add_argument("--repeat", type=int, help="timed passes per setting, best kept (default 2, quick 1)")
    args = parser.parse_args()
    repeat = args.repeat or (1 if args.quick else 2)
    n = args.sentences or (24 if args.quick else 64)
    max_length = args.max_length or (16 if args.quick else 32)
    segments = news_segments(n)
    print(f"{n} sentences, beam 4, up to {max_length} tokens each, {args.threads} CPU thread(s) for both backends, "
          f"best of {repeat} pass(es)")
    results: dict = {"sentences": n, "max_length": max_length, "threads": args.threads, "rows": [], "ratios": []}

    with tempfile.TemporaryDirectory() as tmp:
        marian, marian_ct2 = build_tiny(Path(tmp))
        name = "tiny MarianMT (random weights, d_model 256, 3+3 layers, vocab 8k)"
        rows = compare(str(marian), str(marian_ct2), segments, max_length, args.threads, repeat)
        results["rows"] += rows
        results["ratios"] += report(rows, name)

        try:
            models.resolve(REAL_MODEL)
        except BadInputError:
            print(f"\n{REAL_MODEL}: not in the local cache, not measured")
        else:
            os.environ["REVIEW_APP_MODEL_DIR"] = tmp  # its CTranslate2 conversion goes to the temp folder
            rows = compare(REAL_MODEL, REAL_MODEL, segments, max_length, args.threads, repeat)
            results["rows"] += rows
            results["ratios"] += report(rows, REAL_MODEL)

    out = ROOT / "bench" / "out" / "translate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nrows for a chart: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
