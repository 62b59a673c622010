"""The attribution check on text nobody tuned it on, and the speaker tracker on GUM.

    .venv/bin/python bench/attribution.py [--half test|tune|fresh|systems|ewt|newsgroup|post-edits|wikinews|wikinews-2020|amalgum|amalgum-extra|wikinews-early|meantime|amalgum-2|amalgum-3|amalgum-4|amalgum-5] [--variant topic|any] [--verbose]
                                          [--skip-mqm] [--skip-gum]

Prints (see review_app/evaluation/garbled_set.py for how the set is built):
1. the speaker tracker on GUM dev+test (train is what it was tuned on): how often a reporting
   pronoun's chain gets the right kind, and mention typing;
2. the garbled set's chosen half (default: the test half), in both garbling variants (``topic``: only
   an organisation speaker that continues the previous sentence's topic became a pronoun, as MT does;
   ``any``: every organisation speaker did): precision, recall, repair accuracy, per source and per
   pronoun, with 95% Wilson intervals; the same for dev.en with its Korean source beside it;
   ``--half fresh``: the fresh split instead, GPT4's English MT of the wmt23 zh-en news, never tuned on;
   ``--half systems``: the nine other systems' English MT of the same news (round three's held-out set);
   ``--half ewt``: 22 UD-EWT weblog documents, human English (round four's held-out set);
   ``--half newsgroup``: 35 UD-EWT newsgroup documents, human English (round five's);
   ``--half post-edits``: the MLQE-PE post-edits, human-corrected English, grouped by article (round six's);
   ``--half wikinews``: English Wikinews articles of 2019, human news English (round seven's);
   ``--half wikinews-2020``: those of 2020 (round eight's);
   ``--half amalgum``: 99 Wikinews articles of AMALGUM's news genre (round nine's);
   ``--half amalgum-extra``: the news documents of AMALGUM's extra folder (round ten's);
   ``--half wikinews-early``: 101 English Wikinews articles of 2004-2005, read from wiki markup (round eleven's);
   ``--half meantime``: 118 English Wikinews business articles of MEANTIME, from tokens (round twelve's);
   ``--half amalgum-2``: more of AMALGUM's news genre, past its folder listing's first hundred (round thirteen's);
   ``--half amalgum-3``: more of them (round fourteen's);
   ``--half amalgum-4``: more of them again (round fifteen's);
   ``--half amalgum-5``: more of them (round sixteen's);
3. false alarms per 1,000 sentences of the same half's documents as written (no garbling; on the fresh
   and systems splits that text is MT, so a "false alarm" there may be a real MT pronoun error); with
   ``--half systems`` also on the MLQE-PE post-edits, human-corrected English nobody tuned on;
4. the check against the pronoun spans professional raters marked in wmt23-mqm-zhen-dev.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review_app.evaluation.attribution import mqm_pronoun_figures, score_documents  # noqa: E402
from review_app.evaluation.garbled_set import (  # noqa: E402
    HALVES,
    SYSTEMS,
    VARIANTS,
    documents_of,
    post_edit_documents,
    with_korean,
)


def wilson(k: int, n: int) -> str:
    if not n:
        return "n/a"
    z, p = 1.96, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return f"[{max(0, centre - half):.2f}, {min(1, centre + half):.2f}]"


def garbled_table(documents, verbose: bool) -> None:
    tallies = score_documents(documents)
    print(f"{'source':14s} {'sents':>6s} {'garbled':>7s} {'found':>5s} {'false':>5s} {'precision':>18s} "
          f"{'recall':>18s} {'repair':>16s} {'pron.neg':>9s}")
    for source, t in sorted(tallies.items(), key=lambda kv: kv[0] == "all"):
        flagged = t.flagged_garbled + t.false_alarms
        print(f"{source:14s} {t.sentences:6d} {t.garbled:7d} {t.flagged_garbled:5d} {t.false_alarms:5d} "
              f"{t.precision:5.2f} {wilson(t.flagged_garbled, flagged):>12s} "
              f"{t.recall:5.2f} {wilson(t.flagged_garbled, t.garbled):>12s} "
              f"{t.repairs_right:3d}/{t.repairs_judged:<3d} {t.repair_accuracy:4.2f}  "
              f"{t.negatives_pronoun_flagged}/{t.negatives_pronoun}")
    total = tallies["all"]
    print("recall by pronoun: " + ", ".join(
        f"{p} {total.by_pronoun_found[p]}/{n}" for p, n in sorted(total.by_pronoun.items())))
    named = total.repairs_judged - total.described_judged
    print(f"repairs, speaker called by name: {total.repairs_right - total.described_right}/{named}; by a "
          f"description (\"the company\", judged by its words): {total.described_right}/{total.described_judged}")
    if verbose:
        print("\n".join("  " + e for e in total.examples))


def false_alarm_table(documents, verbose: bool) -> None:
    tallies = score_documents(documents, garbled=False)
    for source, t in sorted(tallies.items(), key=lambda kv: kv[0] == "all"):
        print(f"{source:14s} {t.sentences:6d} sentences, {t.false_alarms:3d} flagged: "
              f"{1000 * t.false_alarms / max(1, t.sentences):5.2f} per 1,000")
    if verbose:
        print("\n".join("  " + e for e in tallies["all"].examples))


def mqm_table(verbose: bool) -> None:
    f = mqm_pronoun_figures()
    print(f"MT outputs read: {f.segments:,} (10 systems x segments)")
    print(f"pronoun spans raters marked as errors: {f.marked}; found by the check: {f.found}")
    print(f"  of them subjects of a reporting verb (the check's claim): {f.marked_reporting}; "
          f"found: {f.found_reporting}")
    print(f"pronoun findings of the check: {f.findings}; on a span raters marked: {f.findings_on_marked}")
    if verbose:
        print("\n".join(["  missed " + m for m in f.missed] + ["  unmarked " + u for u in f.unconfirmed]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=HALVES, default="test",
                        help="fresh: GPT4's wmt23 zh-en news English; systems: the nine other systems' English; "
                             "ewt, newsgroup: UD-EWT weblogs, newsgroups; post-edits: MLQE-PE; wikinews, wikinews-2020: Wikinews 2019, 2020; amalgum, amalgum-extra, amalgum-2, amalgum-3, amalgum-4, amalgum-5: AMALGUM news")
    parser.add_argument("--variant", choices=VARIANTS, help="one garbling variant (default: both)")
    parser.add_argument("--verbose", action="store_true", help="list every miss, false alarm and wrong repair")
    parser.add_argument("--skip-mqm", action="store_true")
    parser.add_argument("--skip-gum", action="store_true", help="leave out the tracker's GUM figures")
    args = parser.parse_args()
    started = time.perf_counter()
    if not args.skip_gum:
        from review_app.evaluation.tracker import gum_report

        print("== speaker tracker on GUM dev+test (tuned on train) ==")
        print(gum_report(("dev", "test"), verbose=args.verbose))
    for variant in [args.variant] if args.variant else VARIANTS:
        documents = documents_of(args.half, variant)
        print(f"\n== garbled set ({variant}), {args.half} half: {len(documents)} documents ==")
        garbled_table(documents, args.verbose)
        korean = [with_korean(d) for d in documents if d.source == "dev.en"]
        if korean:
            print(f"\n== ({variant}) the same dev.en documents with their Korean source (dev.ko) beside them ==")
            garbled_table(korean, args.verbose)
    written = "MT English: a flag may be a real MT error" if args.half in ("fresh", SYSTEMS) else "human English"
    print(f"\n== false alarms on the {args.half} half as written ({written}) ==")
    false_alarm_table(documents, args.verbose)
    if args.half == SYSTEMS:
        print("\n== false alarms on the MLQE-PE post-edits (human-corrected English, one document per article) ==")
        false_alarm_table(post_edit_documents(), args.verbose)
    if not args.skip_mqm:
        print("\n== wmt23-mqm-zhen-dev: pronoun spans marked by professional raters ==")
        mqm_table(args.verbose)
    print(f"\n({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
