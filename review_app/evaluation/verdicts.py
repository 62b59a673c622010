"""The checks' precision as the reviewers judged it (the Dashboard's figure), from two signals:

- a finding is **confirmed** when the reviewer's latest correction rewrote the words it
  pointed at (``presentation.approval.open_findings``: the correction dealt with it);
- a finding is **dismissed** when a reviewer approved text that still had it and recorded
  it as a false positive.

precision = confirmed / (confirmed + dismissed). Findings on reviewed segments that were
neither (left as they were without a verdict, most of them minor) are counted apart:
nobody said whether they were right.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Finding, FindingOverride, Segment
from ..presentation.approval import open_findings


@dataclass(frozen=True)
class CheckVerdicts:
    check: str
    confirmed: int
    dismissed: int
    unjudged: int

    @property
    def precision(self) -> float | None:
        judged = self.confirmed + self.dismissed
        return self.confirmed / judged if judged else None


def check_verdicts(reviewed: Iterable[tuple[Finding, Segment]],
                   dismissed: Sequence[FindingOverride]) -> list[CheckVerdicts]:
    """Per check, from (finding, its segment) rows of reviewed segments and the dismissals."""
    counts: dict[str, list[int]] = {}
    by_segment: dict[int, list[FindingOverride]] = {}
    for d in dismissed:
        by_segment.setdefault(d.segment_id, []).append(d)
    for finding, segment in reviewed:
        row = counts.setdefault(finding.check, [0, 0, 0])
        if not open_findings([finding], segment, segment.text):
            row[0] += 1
        elif any(d.overrides(finding) for d in by_segment.get(finding.segment_id, [])):
            row[1] += 1
        else:
            row[2] += 1
    return [CheckVerdicts(check, *row) for check, row in sorted(counts.items())]


__all__ = ["CheckVerdicts", "check_verdicts"]
