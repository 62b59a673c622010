"""MQM marks on the review page: spans drawn, mouse selections checked, running scores."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.model import Annotation, Finding, Severity
from review_app.presentation.mqm_marks import document_mqm, read_selection, spans_for, text_mqm

TEXT = "He also explained that workers are vulnerable."


def mark(start, end, category="Accuracy/Mistranslation", severity="Major", rater="ana", segment=1, cand=10):
    return Annotation(segment, start, end, category, severity, rater, candidate_id=cand)


def test_spans_carry_findings_and_marks_with_what_they_are():
    spans = spans_for(TEXT, findings=[Finding("attribution", Severity.MAJOR, 0, 2, "A pronoun.")],
                      marks=[mark(3, 7), mark(0, 0, "No-error", "no-error"), mark(40, 400, severity="Minor")])
    assert spans == [
        {"start": 0, "end": 2, "kind": "finding", "check": "attribution", "severity": "major",
         "title": "attribution (major): A pronoun."},
        {"start": 3, "end": 7, "kind": "mqm", "severity": "major", "title": "Accuracy/Mistranslation · Major · ana"},
        {"start": 40, "end": len(TEXT), "kind": "mqm", "severity": "minor",
         "title": "Accuracy/Mistranslation · Minor · ana"},
    ]


@pytest.mark.parametrize(("value", "side", "message"), [
    ("3-7", "target", "came without its offsets"),
    ({"start": 3, "category": "Other", "severity": "Minor"}, "target", "came without its offsets"),
    ({"start": 5, "end": 5, "category": "Other", "severity": "Minor"}, "target", "outside the text"),
    ({"start": 3, "end": 99, "category": "Other", "severity": "Minor"}, "target", "outside the text"),
    ({"start": 3, "end": 7, "category": "Locale/Date", "severity": "Minor"}, "target", "not an MQM category"),
    ({"start": 3, "end": 7, "category": "Other", "severity": "Critical"}, "target", "severity 'Critical'"),
    ({"start": 3, "end": 7, "category": "Fluency/Grammar", "severity": "Minor"}, "source", "not an MQM category"),
])
def test_a_selection_from_the_browser_is_checked_against_the_text(value, side, message):
    with pytest.raises(BadInputError, match=message):
        read_selection(value, TEXT, side)


def test_a_good_selection_is_read():
    got = read_selection({"start": "3", "end": 7, "category": "Non-translation", "severity": "Major"}, TEXT, "target")
    assert (got.start, got.end, got.category, got.severity, got.side) == (3, 7, "Non-translation", "Major", "target")


def test_a_texts_mqm_is_the_mean_over_its_raters():
    marks = [mark(0, 2), mark(3, 7, "Fluency/Punctuation", "Minor"), mark(0, 2, rater="bo", severity="Minor")]
    score = text_mqm(marks)
    assert (score.score, score.ratings) == ((5 + 0.1 + 1) / 2, 2)
    assert text_mqm(marks, extra_raters=["cy"]).ratings == 3
    assert text_mqm([]) is None
    assert score.label() == "MQM 3.05 (2 ratings)"


def test_the_documents_mqm_counts_saved_segments_as_rated_mt():
    marks = [(mark(0, 2, segment=1), "MT"), (mark(0, 2, "Non-translation", segment=2, cand=20), "sysB"),
             (mark(0, 0, "No-error", "no-error", segment=3, cand=30), "sysB"),
             (mark(0, 2, segment=1, cand=None), "correction")]
    scores = document_mqm(marks, saved={(1, "ana"), (4, "ana")})
    assert (scores["MT"].score, scores["MT"].ratings) == (5 / 2, 2)
    assert (scores["sysB"].score, scores["sysB"].ratings) == (25 / 2, 2)
    assert "correction" not in scores
