"""The checks' precision as reviewers judged them: a rewritten span confirms a finding, a
recorded dismissal refutes it, anything else is no verdict."""
from __future__ import annotations

from review_app.evaluation.verdicts import check_verdicts
from review_app.model import Finding, FindingOverride, Segment, Severity

MT = "He added that the number was significantly reduced."


def finding(segment_id: int, check: str = "attribution") -> Finding:
    return Finding(check, Severity.MAJOR, 0, 2, "A pronoun reports what an organisation said.", segment_id=segment_id)


def test_precision_counts_fixes_against_dismissals():
    def saved(segment_id: int, text: str) -> Segment:
        return Segment(segment_id, 1, segment_id, 0, MT, version=1, corrected=text)

    rows = [(finding(1), saved(1, "The newspaper added that the number was significantly reduced.")),  # fixed
            (finding(2), saved(2, "The paper added that the number fell.")),  # fixed
            (finding(3), saved(3, MT)),  # approved as it was, dismissed
            (finding(4), saved(4, MT + " Really.")),  # left without a verdict
            (finding(5, "doubled_word"), saved(5, MT))]  # no verdict either
    dismissed = [FindingOverride(3, "attribution", Severity.MAJOR, 0, 2, "...", "ana")]
    by_check = {v.check: v for v in check_verdicts(rows, dismissed)}
    attribution = by_check["attribution"]
    assert (attribution.confirmed, attribution.dismissed, attribution.unjudged) == (2, 1, 1)
    assert attribution.precision == 2 / 3
    assert by_check["doubled_word"].precision is None
