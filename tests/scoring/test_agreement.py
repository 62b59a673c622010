"""Agreement between candidates: pairwise chrF++ equal to sacrebleu's, and the MBR consensus."""
from __future__ import annotations

import pytest
from sacrebleu.metrics import CHRF

from review_app.scoring.agreement import mbr_consensus, pairwise_chrf

TEXTS = [
    "He also explained that North Korean workers are more vulnerable.",
    "The State Department also explained that North Korean workers are more vulnerable.",
    "The ministry said North Korean labourers face greater risks.",
    "북한 노동자들은 더 취약하다고 설명했다.",
]


def test_pairwise_chrf_is_sacrebleus_sentence_chrf_plus_plus():
    matrix = pairwise_chrf(TEXTS)
    reference = CHRF(word_order=2)
    for i, hyp in enumerate(TEXTS):
        for j, ref in enumerate(TEXTS):
            expected = 100.0 if i == j else reference.sentence_score(hyp, [ref]).score
            assert matrix[i][j] == pytest.approx(expected, abs=1e-9)


def test_mbr_counts_every_systems_vote():
    matrix = [[100.0, 80.0, 20.0], [70.0, 100.0, 30.0], [10.0, 40.0, 100.0]]
    # Wording 0 is shared by two systems: its own second vote counts as agreement.
    assert mbr_consensus(matrix, [2, 1, 1]) == [pytest.approx((100 + 80 + 20) / 3), pytest.approx((2 * 70 + 30) / 3),
                                                pytest.approx((2 * 10 + 40) / 3)]
    assert mbr_consensus([[100.0]], [1]) == [None]
