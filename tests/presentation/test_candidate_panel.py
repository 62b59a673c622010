"""The candidate panel's rows: one per wording, who agrees on it, and its scores."""
from __future__ import annotations

from datetime import datetime

from review_app.model import Annotation, Candidate, Correction, Finding, Score, Segment, SegmentStatus, Severity
from review_app.presentation.candidate_panel import candidate_rows, distinct_texts, qe_note, score_summary
from review_app.presentation.review_page import OpenSegment
from review_app.scoring.agreement import pairwise_chrf

MT = "He also explained that North Korean workers are more vulnerable."
FIXED = "The State Department also explained that North Korean workers are more vulnerable."


def view(**extra) -> OpenSegment:
    seg = Segment(1, 1, 23, 0, MT)
    cands = [Candidate(1, "mt", MT, id=1), Candidate(1, "rule:attribution", FIXED, id=2),
             Candidate(1, "system", FIXED, system="sysC", id=4), Candidate(1, "system", FIXED, system="sysB", id=3),
             Candidate(1, "system", MT, system="sysD", id=5)]
    base = dict(segment=seg, before=[], after=[], candidates=cands[:2], all_candidates=cands,
                findings=[Finding("attribution", Severity.MAJOR, 0, 2, "A pronoun.")])
    return OpenSegment(**{**base, **extra})


def test_rows_group_equal_wordings_and_name_who_agrees():
    v = view()
    assert distinct_texts(v) == (MT, FIXED)
    rows = candidate_rows(v, pairwise_chrf(distinct_texts(v)))
    assert [(r.number, r.agreement, r.votes) for r in rows] == [(1, "MT = sysD", 2),
                                                                (2, "repair (attribution) = sysB = sysC", 3)]
    assert [r.risk for r in rows] == [Severity.MAJOR, None]
    # Three systems agree on the repair: it has the higher consensus.
    assert rows[1].consensus > rows[0].consensus
    assert rows[0].closest[0] == "repair (attribution) = sysB = sysC"
    assert score_summary(rows[1])[0] == "deals with every finding"
    assert qe_note(rows) == "QE: none configured"


def test_qe_mqm_and_scores_against_a_correction_are_per_row():
    correction = Correction(42, 1, 2, FIXED, SegmentStatus.APPROVED, "ana", datetime(2026, 11, 29), 1)
    v = view(scores={3: [Score("cometkiwi", 0.81, "source", "kiwi")],
                     2: [Score("chrF2++", 100.0, "correction:42", "sig"), Score("length_ratio", 1.2, "mt", "chars")],
                     1: [Score("BLEU", 30.1, "reference", "sig")]},
             annotations=[Annotation(1, 0, 2, "Accuracy/Mistranslation", "Major", "rater1", candidate_id=5)],
             history=[correction])
    rows = candidate_rows(v)
    assert rows[1].qe.value == 0.81 and rows[0].qe is None
    assert rows[1].against_reference == ("against the correction (v2): chrF2++ 100.0",)
    assert rows[0].against_reference == ("against the imported reference: BLEU 30.1",)
    assert rows[0].mqm.score == 5.0 and [a.reviewer for a in rows[0].marks] == ["rater1"]
    assert rows[0].consensus is None  # no agreement matrix given
