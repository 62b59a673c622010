"""Whether a wording still has the MT's findings, and so whether approving it needs a second look.

Findings are the checks' verdict on the imported MT. Most mark words of the MT (their
spans are MT offsets): a wording that rewrites the words a finding points at has dealt
with it; one that keeps them unchanged still has it. Comparing words this way needs no
re-run of the checks (some need the whole document), costs one word diff, and works for
every check alike:

- a span finding (``start < end``) is dealt with when any of its characters is deleted or
  replaced, or something is inserted inside it;
- a point finding (``start == end``: something missing there) is dealt with when the
  wording changes at that point.

A finding on the source side marks what the MT left out (a number, a quotation): no MT
words point at it, so that one check runs again on the source and the new wording, and
the finding stands if the check still marks the same words of the source.

Approving text that still has a major or critical finding asks the reviewer once; a
finding they dismiss as a false positive is recorded and no longer asks.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..checks import run_checks
from ..model import DocumentDraft, Finding, FindingOverride, Segment, SegmentDraft, Severity
from .word_diff import DELETE, EQUAL, INSERT, word_diff

# Approving text with a finding of one of these severities asks first.
BLOCKING = (Severity.CRITICAL, Severity.MAJOR)


@dataclass(frozen=True)
class Edits:
    """Where a wording differs from the MT, in MT offsets: deleted character ranges and insertion points."""

    deleted: tuple[tuple[int, int], ...]
    inserted_at: tuple[int, ...]

    def touch(self, start: int, end: int) -> bool:
        if start == end:
            return any(lo <= start <= hi for lo, hi in self.deleted) or start in self.inserted_at
        return any(lo < end and start < hi for lo, hi in self.deleted) or any(
            start < point < end for point in self.inserted_at)


def edits_against(mt: str, text: str) -> Edits:
    deleted, inserted, at = [], [], 0
    for part in word_diff(mt, text):
        if part.op == EQUAL:
            at += len(part.text)
        elif part.op == DELETE:
            deleted.append((at, at + len(part.text)))
            at += len(part.text)
        elif part.op == INSERT:
            inserted.append(at)
    return Edits(tuple(deleted), tuple(inserted))


def open_findings(findings: Sequence[Finding], segment: Segment, text: str) -> list[Finding]:
    """The findings ``text`` (a wording of ``segment``) has not dealt with."""
    mt = segment.mt
    if text == mt:
        return list(findings)
    edits = edits_against(mt, text)
    n = len(mt)
    return [f for f in findings
            if (_still_reported(f, segment, text) if f.side == "source"
                else not edits.touch(max(0, min(f.start, n)), max(0, min(f.end, n))))]


def _still_reported(finding: Finding, segment: Segment, text: str) -> bool:
    draft = DocumentDraft(name="approval", format="text", segments=(SegmentDraft(mt=text, source=segment.source),),
                          source_lang=segment.source_lang, target_lang=segment.target_lang)
    (again,) = run_checks(draft, names=[finding.check])
    return any((f.side, f.start, f.end) == ("source", finding.start, finding.end) for f in again)


def findings_to_confirm(findings: Sequence[Finding], segment: Segment, text: str,
                        dismissed: Sequence[FindingOverride] = ()) -> list[Finding]:
    """The major and critical findings ``text`` still has that nobody has dismissed yet: approving
    it asks about these."""
    return [f for f in open_findings(findings, segment, text)
            if Severity(f.severity) in BLOCKING and not any(d.overrides(f) for d in dismissed)]


def worst_open(findings: Sequence[Finding], segment: Segment, text: str) -> Severity | None:
    """A wording's risk: the worst finding it still has (None when it has dealt with all of them)."""
    still = open_findings(findings, segment, text)
    return min((Severity(f.severity) for f in still), key=lambda s: s.rank, default=None)


def confirm_message(findings: Sequence[Finding]) -> str:
    """One line for the question beside the button: which findings the text still has."""
    parts = [f"{f.check} ({Severity(f.severity).value}): {f.message}" for f in findings]
    noun = "finding" if len(findings) == 1 else "findings"
    return f"This text still has {len(findings)} {noun} of major or worse severity: " + "; ".join(parts)
