"""Rankings with their paired tests in words, the warnings a comparison needs, metric rankings
against MQM (pairwise accuracy), the drill-down's filter and one segment's systems side by side."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from sacrebleu.metrics import CHRF

from review_app.model import Annotation
from review_app.scoring import leaderboard
from review_app.scoring.comparison import segment_grid, segment_mqm
from review_app.scoring.mqm import mqm_table
from review_app.scoring.ranking import (
    BASELINE,
    BETTER,
    NO_DIFFERENCE,
    WORSE,
    comparison_warnings,
    metric_vs_mqm,
    pairwise_agreement,
    rank_by,
    skip_reason,
    worth_a_look,
)

from .data import ted_outputs, ted_rows

SYSTEMS = ["Nemo", "Facebook-AI", "Online-W", "metricsystem3"]


@pytest.fixture(scope="module")
def ted_board():
    outputs = ted_outputs()
    return leaderboard(outputs["ref"], {s: outputs[s] for s in SYSTEMS}, baseline="Nemo", metrics="bleu,ter",
                       method="bs", n_samples=300, ci_samples=300, jobs=1)


def test_rows_are_ranked_by_the_chosen_metric_with_directions_in_words(ted_board):
    for metric in ("BLEU", "TER"):
        ranked = rank_by(ted_board, metric)
        scores = [r.score for r in ranked]
        # BLEU: highest first; TER counts edits: lowest first.
        assert scores == sorted(scores, reverse=metric == "BLEU")
        assert [r.rank for r in ranked] == list(range(1, len(SYSTEMS) + 1))
        nemo = next(r for r in ranked if r.system == "Nemo")
        assert (nemo.direction, nemo.delta) == (BASELINE, None)
        for r in ranked:
            cell = ted_board.cell(r.system, metric)
            if r.system == "Nemo":
                continue
            assert r.delta == pytest.approx(cell.score - ted_board.cell("Nemo", metric).score)
            gain = r.delta if metric == "BLEU" else -r.delta
            assert r.direction == (NO_DIFFERENCE if not cell.significant else BETTER if gain > 0 else WORSE)
            # The paired bootstrap's interval of the difference surrounds the observed difference.
            assert r.delta_low <= r.delta <= r.delta_high
    bleu = {r.system: r for r in rank_by(ted_board, "BLEU")}
    assert bleu["Facebook-AI"].direction == BETTER and bleu["Facebook-AI"].p_value < 0.05


def test_the_difference_interval_is_the_paired_bootstrap_percentiles():
    outputs = ted_outputs()
    refs, base, other = outputs["ref"][:60], outputs["Nemo"][:60], outputs["Online-W"][:60]
    board = leaderboard(refs, {"Nemo": base, "Online-W": other}, metrics="chrf", method="bs", n_samples=100, jobs=1)
    chrf = CHRF(word_order=2)
    draws = np.random.default_rng(12345).choice(len(refs), size=(100, len(refs)), replace=True)

    def corpus(hyps, idx):
        return chrf.corpus_score([hyps[i] for i in idx], [[refs[i] for i in idx]]).score

    diffs = [corpus(other, idx) - corpus(base, idx) for idx in draws]
    cell = board.cell("Online-W", "chrF2++")
    assert (cell.delta_low, cell.delta_high) == pytest.approx(tuple(np.percentile(diffs, [2.5, 97.5])), abs=1e-4)
    # Approximate randomization draws no paired resamples: no interval of the difference is claimed.
    ar = leaderboard(refs, {"Nemo": base, "Online-W": other}, metrics="chrf", method="ar", n_samples=100, jobs=1)
    assert ar.cell("Online-W", "chrF2++").delta_low is None


def test_few_segments_and_references_from_a_compared_system_are_warned_about():
    warnings = comparison_warnings(4, ["papago"] * 4, ["google", "papago"])
    assert [w.kind for w in warnings] == ["small sample", "reference bias"]
    assert "Only 4 segments" in warnings[0].message and "fewer than 100" in warnings[0].message
    assert warnings[1].systems == ("papago",)
    assert "4 of 4 references (100%) are papago's own output" in warnings[1].message
    # Enough segments, references of nobody's making (or of a system not compared): nothing to say.
    assert comparison_warnings(529, [None] * 500 + ["rule:attribution"] * 29, ["google", "papago"]) == []


def test_pairwise_agreement_counts_pairs_ordered_alike_ties_included():
    assert pairwise_agreement([3, 2, 1], [30, 20, 10]) == (3, 3)
    assert pairwise_agreement([3, 2, 1], [10, 20, 30]) == (0, 3)
    # Signs are compared (as mt-metrics-eval does): a tie agrees only with a tie.
    assert pairwise_agreement([2, 1, 1], [5, 7, 7]) == (1, 3)  # (b, c) tied in both
    assert pairwise_agreement([3, 1, 1], [9, 5, 6]) == (2, 3)  # (b, c) tied by the humans only


@pytest.mark.parametrize("metric, segments", [("bleu", None), ("ter", 80)])
def test_metric_rankings_beside_mqm_with_pairwise_accuracy(metric, segments):
    outputs = {s: texts[:segments] for s, texts in ted_outputs().items()}
    systems = [s for s in outputs if s != "ref"]
    board = leaderboard(outputs["ref"], {s: outputs[s] for s in systems}, metrics=metric, method=None,
                        ci_samples=0, jobs=1)
    mqm = {s.system: s.mqm for s in mqm_table(ted_rows())}
    agreements = {a.metric: a for a in metric_vs_mqm(board, mqm_table(ted_rows()))}
    assert set(agreements) == set(board.metrics)
    for metric, agreement in agreements.items():
        assert agreement.pairs == len(systems) * (len(systems) - 1) // 2 == 78
        sign = 1 if metric == "BLEU" else -1
        # Counted again from the other side: a pair agrees when the better-by-MQM system (fewer
        # weighted errors; no two systems tie) also has the strictly better metric score.
        def metric_prefers(a, b):
            x, y = sign * board.cell(a, metric).score, sign * board.cell(b, metric).score
            return "a" if x > y else "b" if y > x else "tie"

        expected = sum(metric_prefers(a, b) == ("a" if mqm[a] < mqm[b] else "b")
                       for a, b in itertools.combinations(systems, 2))
        assert agreement.agree == expected and 0.5 < agreement.accuracy < 0.85
        assert [r.mqm_rank for r in agreement.rows] == list(range(1, 14))
        assert agreement.rows[0].system == "Facebook-AI"  # the published table's best MT system


def _mark(severity: str, category: str = "Accuracy/Mistranslation", rater: str = "rater1") -> Annotation:
    return Annotation(1, 0, 3, category, severity, rater)


def test_pairs_both_close_to_the_reference_or_both_clean_by_mqm_are_skipped():
    clean = [_mark("No-error", "No-error")]
    assert skip_reason(92.0, 75.0, None, None, 30) == "close_to_reference"
    assert skip_reason(92.0, 65.0, None, None, 30) is None
    assert skip_reason(40.0, 65.0, clean, clean + [_mark("Neutral")], 30) == "no_mqm_error"
    assert skip_reason(40.0, 65.0, clean, [_mark("Minor", rater="rater2")], 30) is None
    assert skip_reason(40.0, 65.0, clean, None, 30) is None  # B never rated: MQM says nothing

    rows = [{"index": i, "segment_id": 10 + i, "a": "x", "b": "y", "delta": d} for i, d in enumerate([40, 30, 20])]
    chrf = {0: (95.0, 80.0), 1: (40.0, 70.0), 2: (30.0, 50.0)}
    marks = {(11, "A"): clean, (11, "B"): clean, (12, "B"): [_mark("Major")]}
    kept, skipped = worth_a_look(rows, chrf, marks, "A", "B", max_distance=30)
    assert [r["segment_id"] for r in kept] == [12]
    assert (skipped.close_to_reference, skipped.no_mqm_error, skipped.total) == (1, 1, 2)
    assert kept[0]["marks_b"][0].severity == "Major" and kept[0]["chrf_a"] == 30.0


def test_one_segments_systems_side_by_side():
    outputs = {"Nemo": "Jetzt sind wir kritisiert worden.", "Online-W": "Nun sind wir kritisiert worden.",
               "HuaweiTSC": "Nun sind wir kritisiert worden."}
    marks = {"Online-W": [_mark("Major", "Style/Awkward"), _mark("No-error", "No-error", rater="rater2")],
             "Nemo": [_mark("No-error", "No-error")]}
    grid = segment_grid(outputs, "Wir sind kritisiert worden.", marks, "de")
    chrf = CHRF(word_order=2)
    assert [o.chrf for o in grid] == sorted((o.chrf for o in grid), reverse=True)
    by = {o.system: o for o in grid}
    assert by["Nemo"].chrf == pytest.approx(chrf.sentence_score(outputs["Nemo"], ["Wir sind kritisiert worden."]).score)
    expected = np.mean([chrf.sentence_score(outputs["Nemo"], [outputs[o]]).score for o in ("Online-W", "HuaweiTSC")])
    assert by["Nemo"].agreement == pytest.approx(expected)
    assert by["Online-W"].same_as == ("HuaweiTSC",) and by["Nemo"].same_as == ()
    # MQM: rater1's Major (5) and rater2's clean rating, averaged over the two raters; unrated is None.
    assert (by["Online-W"].mqm, by["Nemo"].mqm, by["HuaweiTSC"].mqm) == (2.5, 0.0, None)
    assert segment_mqm([]) is None
    alone = segment_grid({"Nemo": outputs["Nemo"]}, None)
    assert (alone[0].chrf, alone[0].agreement) == (None, None)
