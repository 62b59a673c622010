"""What the review page gathers about a segment, on the seed in both databases."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.model import Candidate, Score
from review_app.presentation.review_page import (
    Mark,
    candidate_label,
    marks_to_annotations,
    order_candidates,
    prefill_text,
    score_lines,
)
from review_app.workflow import review

from ..ui.helpers import HE_ALSO_EXPLAINED, import_seed, seed_with_finding


def test_view_has_context_findings_and_candidates_in_order(store):
    doc, seg = seed_with_finding(store)
    store.add_candidates([Candidate(seg.id, "system", "He also said that workers are vulnerable.", system="sysB"),
                          Candidate(seg.id, "model", "The ministry explained it.", system="opus-mt-ko-en")])
    view = review.open_segment(store, seg.id)
    assert [s.position for s in view.before] == [21, 22] and [s.position for s in view.after] == [24, 25]
    assert [f.check for f in view.findings] == ["attribution"]
    assert [candidate_label(c) for c in view.candidates] == [
        "mt", "rule:attribution", "model · opus-mt-ko-en", "system · sysB"]
    assert view.mt_candidate.text == seg.mt
    # A rule repair fixes a known finding, so it is what the editor starts from.
    assert prefill_text(view) == view.findings[0].suggestion


def test_prefill_prefers_the_latest_correction_then_the_best_score(store):
    doc = import_seed(store)
    store.replace_findings(doc.id, {}, {})  # no rule repairs: scores decide
    seg = store.segments(doc.id)[26]  # "He advised that we need to better understand the field, ..."
    good, poor = store.add_candidates([
        Candidate(seg.id, "system", "The State Department advised better understanding of the field.", system="a"),
        Candidate(seg.id, "system", "He advised the field.", system="b"),
    ])
    sig = "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0"
    store.add_scores([Score("chrF2++", 61.3, "reference", sig, good, seg.id),
                      Score("chrF2++", 40.2, "reference", sig, poor, seg.id),
                      Score("TER", 10.0, "reference", "ter-sig", poor, seg.id)])
    view = review.open_segment(store, seg.id)
    assert view.scores[good][0].value == 61.3
    assert score_lines(view.scores[poor]) == ["vs reference: chrF2++ 40.2 · TER 10.0"]
    assert prefill_text(view) == "The State Department advised better understanding of the field."
    review.save_correction(store, seg.id, "The State Department advised a better understanding.",
                             reviewer="ana", based_on_version=0)
    assert prefill_text(review.open_segment(store, seg.id)) == "The State Department advised a better understanding."


def test_without_repairs_or_scores_the_editor_starts_from_the_mt(store):
    doc = import_seed(store)
    store.replace_findings(doc.id, {}, {})
    seg = store.segments(doc.id)[5]
    assert prefill_text(review.open_segment(store, seg.id)) == seg.mt == "Reporter Kim Young-gyo reports."


def test_duplicate_wordings_are_shown_once():
    cands = [Candidate(1, "system", "Same words.", system="b", id=3), Candidate(1, "mt", "Same words.", id=1),
             Candidate(1, "rule:punctuation", "Other words.", id=2)]
    assert [c.id for c in order_candidates(cands)] == [1, 2]


def test_marks_become_spans_in_the_mt():
    mt = ("The Office of Overseas Assets Control (OFAC) under the Ministry of Finance has added "
          "'Mokran LLC' to the 'SDN List' under the Ministry of Finance.")
    marks = [Mark("Overseas", "Terminology/Inappropriate for context", "Major"),
             Mark("Ministry of Finance", "Accuracy/Mistranslation", "Minor", occurrence=2)]
    out = marks_to_annotations(mt, marks, segment_id=9, reviewer="ana", candidate_id=4)
    assert [mt[a.start:a.end] for a in out] == ["Overseas", "Ministry of Finance"]
    assert out[1].start == mt.rindex("Ministry of Finance")
    assert {(a.reviewer, a.candidate_id, a.segment_id) for a in out} == {("ana", 4, 9)}


@pytest.mark.parametrize("mark, message", [
    (Mark("Treasury", "Other", "Major"), "does not occur"),
    (Mark("Office", "Other", "Critical"), "severity 'Critical'"),
    (Mark("Office", "Other", "Minor", occurrence=2), "does not occur"),
])
def test_marks_that_do_not_fit_are_refused(mark, message):
    with pytest.raises(BadInputError, match=message):
        marks_to_annotations("The Office of Overseas Assets Control", [mark], segment_id=1, reviewer="a",
                             candidate_id=None)


def test_previous_in_queue_walks_the_risk_order_backwards(store):
    doc, seg = seed_with_finding(store)
    first = store.next_in_queue(doc.id, None)
    assert first.id == seg.id  # the only segment with a finding leads the queue
    queue = store.segments(doc.id, order="risk")
    second = store.next_in_queue(doc.id, first)
    assert second.id == queue[1].id and second.risk_score <= first.risk_score
    assert store.previous_in_queue(doc.id, second).id == first.id
    assert store.previous_in_queue(doc.id, first) is None
    assert store.previous_in_queue(doc.id, queue[-1]).id == queue[-2].id
    assert store.previous_in_queue(doc.id, store.segments(doc.id)[HE_ALSO_EXPLAINED + 1],
                                   order="position").id == seg.id