"""Issue 18 #1: a line of repeated words must not cost the server minutes of CPU.

Before: doubled_word's findings were repaired against each other in cubic time (a 4 KB line
of "the the ..." took 19 s, a 10 KB line about 100 s). After: repairs are built in n log n, a
check reports at most a bounded number of hits per segment, and a segment over the length
budget gets one "too long to check" finding instead of a stall. Timings here are generous
upper bounds (the fixed code takes well under a second), not benchmarks.
"""
from __future__ import annotations

import time

import pytest

from review_app.checks import CHECKS, MAX_HITS_PER_CHECK, run_checks
from review_app.model import DocumentDraft, SegmentDraft, Severity
from review_app.settings import SETTINGS


def _draft(*texts: str) -> DocumentDraft:
    return DocumentDraft("hostile.txt", "text", tuple(SegmentDraft(mt=t, source=t) for t in texts))


def _timed(draft: DocumentDraft, **kwargs):
    started = time.process_time()
    findings = run_checks(draft, **kwargs)
    return findings, time.process_time() - started


@pytest.mark.parametrize("word", ["the", "Kim", "He said", "1,000", "State Department"])
def test_a_line_of_repeated_words_under_the_budget_is_checked_quickly(word):
    limit = SETTINGS["check_max_chars"].default
    line = " ".join([word] * (limit // (len(word) + 1)))[:limit]
    findings, cpu = _timed(_draft(line))
    assert cpu < 10, f"{cpu:.1f} s of CPU for {len(line)} characters of {word!r}"
    per_check: dict[str, int] = {}
    for f in findings[0]:
        per_check[f.check] = per_check.get(f.check, 0) + 1
    assert all(n <= MAX_HITS_PER_CHECK + 1 for n in per_check.values()), per_check


def test_doubled_words_beyond_the_cap_are_counted_in_one_finding():
    findings, _ = _timed(_draft("the " * 400), names=["doubled_word"])
    doubled = [f for f in findings[0] if f.check == "doubled_word"]
    assert len(doubled) == MAX_HITS_PER_CHECK + 1
    assert doubled[-1].severity == Severity.INFO and "more like this" in doubled[-1].message
    assert doubled[0].suggestion is not None  # the listed ones still carry a repair


def test_a_10_kb_line_is_reported_too_long_to_check_not_checked_for_minutes():
    line = "the " * 2_500
    findings, cpu = _timed(_draft("The State Department said on the 5th that it had imposed sanctions.", line,
                                  "He also explained that the sanctions would work."))
    assert cpu < 5
    assert [(f.check, f.severity) for f in findings[1]] == [("too_long", Severity.INFO)]
    assert "too long to check" in findings[1][0].message and "10,000 characters" in findings[1][0].message
    assert any(f.check == "attribution" for f in findings[2])  # the next segment is still checked


def test_the_length_budget_is_a_setting(monkeypatch):
    monkeypatch.setenv("REVIEW_APP_CHECK_MAX_CHARS", "20")
    findings = run_checks(_draft("He said the the sanctions work.", "Short one."))
    assert [f.check for f in findings[0]] == ["too_long"]
    assert findings[1] == []


def test_a_segment_whose_checks_run_over_the_time_budget_stops_being_checked(monkeypatch):
    monkeypatch.setenv("REVIEW_APP_CHECK_BUDGET_MS", "0")
    findings = run_checks(_draft("He said the the sanctions work."))
    assert [f.check for f in findings[0]][-1] == "too_long"
    assert "time budget" in findings[0][-1].message
    assert len({f.check for f in findings[0]}) < len(CHECKS)
