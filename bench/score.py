"""Scoring speed and memory, each against its baseline measured in the same run:

1. ``review-app score`` against ``sacrebleu``'s own command line on the same 2,000-segment files
   (MLQE-PE ro-en + ru-en: MT against post-edit; BLEU, chrF++, TER), best of 3 wall times, both
   without and with confidence intervals (``review-app score`` always reports them). Target <= 1.15x.
2. Sentence-level chrF++ and TER of 10,000 real pairs (MLQE-PE and the WMT21 TED systems against
   their reference, cycled): ``parallel.sentence_scores`` on all cores against a single-process
   loop of sacrebleu's ``sentence_score``. Target >= 1.6x on two cores.
3. Peak resident memory of a paired bootstrap test, 8 systems x 1,000 resamples, BLEU and chrF++
   (chrF++ has the most statistics per segment, 24; TER's 2 would add little but minutes), each run
   in a fresh process: ours at 20,000 segments (target < 1 GB), and ours against sacrebleu's
   ``PairedTest`` at 5,000 segments (sacrebleu's need grows with segments x resamples).

    .venv/bin/python bench/score.py [--quick] [--only cli,sentences,memory]

--quick: best of 1 instead of 3, 2,000 pairs instead of 10,000, memory at 2,000 segments for both.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
MLQE = [ROOT / "tests" / "data" / "post_editing" / f"mlqe-pe_{lp}_test20.tsv" for lp in ("ro-en", "ru-en")]
TED = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
MEMORY_SYSTEMS = 8


def mlqe_pairs() -> list[tuple[str, str]]:
    pairs = []
    for path in MLQE:
        with path.open(encoding="utf-8", newline="") as fh:
            pairs += [(r["mt"], r["pe"]) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return pairs


def ted_outputs() -> dict[str, list[str]]:
    from review_app.scoring.mqm import read_mqm, strip_marks

    texts: dict[str, dict[int, str]] = {}
    for row in read_mqm(TED.name, TED.read_bytes()):
        texts.setdefault(row.system, {})[int(row.seg_id)] = strip_marks(row.target)[0]
    return {s: [t[k] for k in sorted(t)] for s, t in texts.items()}


def best_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_cli(runs: int) -> None:
    pairs = mlqe_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        ref, hyp = Path(tmp) / "pe.en", Path(tmp) / "mt.en"
        ref.write_text("".join(pe + "\n" for _, pe in pairs), encoding="utf-8")
        hyp.write_text("".join(mt + "\n" for mt, _ in pairs), encoding="utf-8")
        ours = [str(BIN / "review-app"), "score", "--ref", str(ref), "--sys", f"mt={hyp}"]
        theirs = [str(BIN / "sacrebleu"), str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
                  "--chrf-word-order", "2"]
        print(f"1. score command, {len(pairs)} segments, BLEU+chrF+++TER, best of {runs}:")
        t_ours = best_wall(ours, runs)
        t_plain = best_wall(theirs, runs)
        t_ci = best_wall(theirs + ["-ci"], runs)
        print(f"   review-app score (with 95% CIs)  {t_ours:6.2f} s")
        print(f"   sacrebleu                        {t_plain:6.2f} s   ratio {t_ours / t_plain:.2f}x (target <= 1.15x)")
        print(f"   sacrebleu -ci                    {t_ci:6.2f} s   ratio {t_ours / t_ci:.2f}x")


def sentence_pool() -> tuple[list[str], list[str]]:
    outputs = ted_outputs()
    pairs = mlqe_pairs() + [(h, r) for s, hs in outputs.items() if s != "ref" for h, r in zip(hs, outputs["ref"])]
    return [h for h, _ in pairs], [r for _, r in pairs]


def bench_sentences(n: int, runs: int) -> None:
    from sacrebleu.metrics import CHRF, TER

    from review_app.scoring.parallel import available_cores, sentence_scores

    hyps, refs = sentence_pool()
    hyps, refs = [hyps[i % len(hyps)] for i in range(n)], [refs[i % len(refs)] for i in range(n)]
    print(f"2. sentence-level chrF++ and TER, {n} pairs, {available_cores()} cores, best of {runs} (alternating):")
    chrf, ter = CHRF(word_order=2), TER()

    def loop():
        out = {"chrf": [], "ter": []}
        for h, r in tqdm(list(zip(hyps, refs)), desc="single-process loop", unit="pair", file=sys.stderr):
            out["chrf"].append(chrf.sentence_score(h, [r]).score)
            out["ter"].append(ter.sentence_score(h, [r]).score)
        return out

    times = {"loop": [], "ours": []}
    cpu = {"loop": [], "ours": []}
    for _ in range(runs):  # alternating, so that a burst of other work hits both alike
        for name, work in (("loop", loop), ("ours", lambda: sentence_scores(["chrf", "ter"], hyps, refs,
                                                                            progress=True))):
            cpu_start, start = cpu_seconds(), time.perf_counter()
            result = work()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(cpu_seconds() - cpu_start)
            if name == "loop":
                expected = result
        assert result == expected, "parallel scores differ from the loop"
    t_loop, t_ours = min(times["loop"]), min(times["ours"])
    print(f"   single-process loop  {t_loop:6.2f} s wall  {min(cpu['loop']):6.2f} s CPU")
    print(f"   all cores            {t_ours:6.2f} s wall  {min(cpu['ours']):6.2f} s CPU (workers included)"
          f"   speed-up {t_loop / t_ours:.2f}x (target >= 1.6x)")
    # With other work on the machine the wall ratio says how busy it was; the CPU
    # seconds say what the split itself costs.
    print(f"   CPU overhead of the split: {min(cpu['ours']) / min(cpu['loop']) - 1:+.0%}")


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# -- memory: each measurement in a fresh process --------------------------------


def memory_test_set(n_segments: int):
    outputs = ted_outputs()
    systems = [s for s in sorted(outputs) if s != "ref"][:MEMORY_SYSTEMS]
    cycle = lambda lines: [lines[i % len(lines)] for i in range(n_segments)]  # noqa: E731
    return cycle(outputs["ref"]), {s: cycle(outputs[s]) for s in systems}


def _peak_mb() -> dict[str, float]:
    # ru_maxrss is in KiB on Linux.
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def run_ours(n_segments: int) -> None:
    from review_app.scoring.leaderboard import leaderboard

    refs, systems = memory_test_set(n_segments)
    start = time.perf_counter()
    leaderboard(refs, systems, metrics="bleu,chrf", method="bs", n_samples=1000, progress=True)
    print(json.dumps({**_peak_mb(), "seconds": time.perf_counter() - start}))


def run_sacrebleu(n_segments: int) -> None:
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.significance import PairedTest

    refs, systems = memory_test_set(n_segments)
    start = time.perf_counter()
    metrics = {"BLEU": BLEU(references=[refs]), "CHRF": CHRF(word_order=2, references=[refs])}
    PairedTest(list(systems.items()), metrics, None, test_type="bs", n_samples=1000)()
    print(json.dumps({**_peak_mb(), "seconds": time.perf_counter() - start}))


def measure(which: str, n_segments: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--_run", which, str(n_segments)], check=True,
                          stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_memory(big: int, small: int) -> None:
    print(f"3. paired bootstrap, {MEMORY_SYSTEMS} systems x 1,000 resamples, BLEU+chrF++, peak RSS:")
    ours_big = measure("ours", big)
    print(f"   ours      {big:6d} segments  {ours_big['self']:7.0f} MB (workers {ours_big['children']:.0f} MB)"
          f"  {ours_big['seconds']:.0f} s   target < 1024 MB")
    ours_small = ours_big if small == big else measure("ours", small)
    theirs = measure("sacrebleu", small)
    print(f"   ours      {small:6d} segments  {ours_small['self']:7.0f} MB  {ours_small['seconds']:.0f} s")
    print(f"   sacrebleu {small:6d} segments  {theirs['self']:7.0f} MB  {theirs['seconds']:.0f} s"
          f"   memory ratio {theirs['self'] / ours_small['self']:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="cli,sentences,memory")
    parser.add_argument("--_run", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._run:
        which, n = args._run
        (run_ours if which == "ours" else run_sacrebleu)(int(n))
        return
    parts = args.only.split(",")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"bench/score.py on {os.cpu_count()} CPUs, load average {load}{' (quick)' if args.quick else ''}")
    if "cli" in parts:
        bench_cli(1 if args.quick else 3)
    if "sentences" in parts:
        bench_sentences(2_000 if args.quick else 10_000, 1 if args.quick else 3)
    if "memory" in parts:
        bench_memory(*((2_000, 2_000) if args.quick else (20_000, 5_000)))


if __name__ == "__main__":
    main()
