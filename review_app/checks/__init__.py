"""Quality checks. Each check is a small class registered in CHECKS by name;
run_checks() runs them all over a document and returns findings per segment.

This module owns the running: page furniture is skipped (except by the checks
that ask for it), a check that crashes on one segment is reported as an info
finding on that segment (and logged) while the other checks and segments go on,
and each finding's suggestion is the whole segment repaired: its own edit plus
every other finding's edit in that segment that does not clash with it, so one
click fixes the sentence.

It also bounds the work a hostile segment can cause: a segment longer than the
``check_max_chars`` setting is not checked (one "too long to check" finding says
so), a segment whose checks have used up the ``check_budget_ms`` setting is not
given to the remaining checks, and a check reports at most MAX_HITS_PER_CHECK
hits per segment (the rest are counted in one more finding), so building the
repairs stays small whatever the text.
"""
from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Iterable, Sequence

from .. import settings
from ..model import DocumentDraft, Finding, Severity
from .attribution import GarbledAttribution
from .base import Check, DocumentView, Edit, Hit, SegmentView, apply_edits
from .doubled_word import DoubledWord
from .furniture import FurnitureResidue
from .glossary import GlossaryTerm
from .length_ratio import LengthRatio
from .lowercase_start import LowercaseStart
from .markup import MarkupResidue
from .name_variant import NameVariants
from .numbers import NumberMismatch
from .punctuation import EndPunctuation
from .quotation import QuotationMarks
from .speaker_person import SpeakerPerson
from .untranslated import UntranslatedText

log = logging.getLogger(__name__)

MAX_HITS_PER_CHECK = 20  # per segment; a line of 1,000 doubled words gets 20 and a count
TOO_LONG = "too_long"  # the check name of the finding that says a segment was not (fully) checked

CHECKS: dict[str, type[Check]] = {
    c.name: c
    for c in (
        GarbledAttribution, SpeakerPerson, GlossaryTerm, NameVariants, NumberMismatch, UntranslatedText, LengthRatio,
        EndPunctuation, QuotationMarks, DoubledWord, MarkupResidue, FurnitureResidue, LowercaseStart,
    )
}


def run_checks(document: DocumentDraft, glossary: Sequence[dict] | None = None,
               names: Iterable[str] | None = None) -> list[list[Finding]]:
    """Findings for each segment of ``document``, in segment order (``names``: a subset of CHECKS)."""
    view = DocumentView.of(document, glossary or ())
    budget = _Budget(view, settings.get("check_max_chars"), settings.get("check_budget_ms") / 1000)
    raw: list[list[tuple[Check, Hit]]] = [[] for _ in view.segments]
    for name in names or CHECKS:
        check = CHECKS[name]()
        for index, hit in _run_one(check, view, budget):
            raw[index].append((check, hit))
    return [_findings(segment.text, hits) + budget.findings(segment.index)
            for segment, hits in zip(view.segments, raw)]


class _Budget:
    """Which segments are too long to check, and how much check time each has used."""

    def __init__(self, view: DocumentView, max_chars: int, seconds: float):
        self.max_chars, self.seconds = max_chars, seconds
        self.too_long = {s.index for s in view.segments if len(s.text) > max_chars}
        self.spent: dict[int, float] = {}
        self.lengths = {s.index: len(s.text) for s in view.segments if s.index in self.too_long}

    def allows(self, index: int) -> bool:
        return index not in self.too_long and self.spent.get(index, 0.0) <= self.seconds

    def charge(self, index: int, seconds: float) -> None:
        self.spent[index] = self.spent.get(index, 0.0) + seconds

    def findings(self, index: int) -> list[Finding]:
        if index in self.too_long:
            message = (f"too long to check ({self.lengths[index]:,} characters; the checks read segments of "
                       f"up to {self.max_chars:,}): split it, or review it by eye")
        elif self.spent.get(index, 0.0) > self.seconds:
            message = (f"not every check ran: the checks used up this segment's time budget "
                       f"({self.seconds * 1000:,.0f} ms)")
        else:
            return []
        return [Finding(check=TOO_LONG, severity=Severity.INFO, start=0, end=0, message=message)]


def _run_one(check: Check, view: DocumentView, budget: _Budget) -> Iterable[tuple[int, Hit]]:
    try:
        check.start_document(view)
    except Exception as exc:  # noqa: BLE001 -- one broken check must not stop the others
        log.warning("check %s failed on document %s: %r", check.name, view.name, exc)
        if view.segments:
            yield 0, _crash_hit(check, exc, "this document")
        return
    for segment in view.segments:
        if (segment.excluded and not check.sees_excluded) or (check.needs_source and not segment.source):
            continue
        if not budget.allows(segment.index) or not segment.text.strip():
            continue  # over budget, or no MT yet (a source-only file): nothing to check
        started = time.perf_counter()
        try:
            hits = [h for h in check.score(segment) if check.decide(h)]
        except Exception as exc:  # noqa: BLE001
            log.warning("check %s failed on segment %d of %s: %r", check.name, segment.index, view.name, exc)
            hits = [_crash_hit(check, exc, "this segment")]
        budget.charge(segment.index, time.perf_counter() - started)
        for hit in _capped(hits):
            yield segment.index, hit


def _capped(hits: list[Hit]) -> list[Hit]:
    """At most MAX_HITS_PER_CHECK hits, and one more that counts the rest."""
    if len(hits) <= MAX_HITS_PER_CHECK:
        return hits
    rest = hits[MAX_HITS_PER_CHECK:]
    return hits[:MAX_HITS_PER_CHECK] + [Hit(rest[0].start, rest[-1].end,
                                            f"and {len(rest):,} more like this in this segment (not listed)",
                                            severity=Severity.INFO)]


def _crash_hit(check: Check, exc: Exception, where: str) -> Hit:
    return Hit(0, 0, f"check {check.name} crashed on {where} ({type(exc).__name__}: {exc}); "
                     "its findings here are missing", severity=Severity.INFO)


def _findings(text: str, hits: list[tuple[Check, Hit]]) -> list[Finding]:
    ordered = sorted(hits, key=lambda ch: (_severity(ch).rank, ch[1].start))
    every_edit = [(h, e) for _, h in ordered for e in h.edits]
    findings = []
    for check, hit in ordered:
        suggestion = None
        if hit.edits:
            others = [e for h, e in every_edit if h is not hit]
            suggestion = apply_edits(text, _compatible(list(hit.edits), others)).strip() or None
        findings.append(Finding(check=check.name, severity=_severity((check, hit)), start=hit.start, end=hit.end,
                                message=hit.message, suggestion=suggestion if suggestion != text else None,
                                confidence=round(min(1.0, max(0.0, hit.score)), 3), side=hit.side))
    return findings


def _severity(pair: tuple[Check, Hit]) -> Severity:
    check, hit = pair
    return hit.severity or check.severity


def _compatible(own: list[Edit], others: list[Edit]) -> list[Edit]:
    """``own`` edits plus those of ``others`` (most severe first) that clash with none already taken.

    The edits taken from ``others`` never overlap, so they are kept sorted by position and a
    clash test looks only at the neighbours of the new edit (testing every taken edit made a
    segment with many findings cost cubic time)."""
    chosen, taken = list(own), set(own)
    accepted: list[Edit] = []
    keys: list[tuple[int, int]] = []
    for edit in others:
        if edit in taken or any(edit.overlaps(o) for o in own) or _clashes(accepted, keys, edit):
            continue
        at = bisect.bisect_left(keys, (edit.start, edit.end))
        keys.insert(at, (edit.start, edit.end))
        accepted.insert(at, edit)
        chosen.append(edit)
        taken.add(edit)
    return chosen


def _clashes(accepted: list[Edit], keys: list[tuple[int, int]], edit: Edit) -> bool:
    """Whether ``edit`` overlaps one of ``accepted`` (disjoint edits sorted by position)."""
    at = bisect.bisect_left(keys, (edit.start, edit.end))
    if at > 0 and accepted[at - 1].overlaps(edit):
        return True
    for i in range(at, len(accepted)):
        if accepted[i].start > edit.end:
            return False
        if accepted[i].overlaps(edit):
            return True
    return False


__all__ = ["MAX_HITS_PER_CHECK", "TOO_LONG", "CHECKS", "Check", "Hit", "Edit", "SegmentView", "DocumentView", "run_checks"]
