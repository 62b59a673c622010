"""run_checks: the registry, furniture skipping, a crashing check, and the review queue by risk."""
from __future__ import annotations

import logging

import pytest

from review_app.checks import CHECKS, Check, run_checks
from review_app.ingest import read_document
from review_app.model import Severity
from review_app.workflow import importing

from ..conftest import SEED


def seed_draft():
    return read_document(SEED.name, SEED.read_bytes())


def test_every_check_is_described():
    for name, check in CHECKS.items():
        assert check.name == name and isinstance(check.severity, Severity)
        assert check.title() and not check.title().endswith("\n") and len(check.help) > 20


class _Fragile(Check):
    """Breaks on one sentence."""

    name = "fragile"
    severity = Severity.MINOR

    def score(self, segment):
        if "Aaron Arnold" in segment.text:
            raise ValueError("cannot read this one")
        return []


@pytest.fixture
def fragile(monkeypatch):
    monkeypatch.setitem(CHECKS, "fragile", _Fragile)


def test_a_crashing_check_is_reported_and_the_others_still_run(fragile, caplog):
    caplog.set_level(logging.WARNING)
    findings = run_checks(seed_draft())
    crashed = [(i, f) for i, fs in enumerate(findings) for f in fs if f.check == "fragile"]
    assert [(i, f.severity) for i, f in crashed] == [(31, Severity.INFO)]
    assert "ValueError: cannot read this one" in crashed[0][1].message
    assert "fragile failed on segment 31" in caplog.text
    assert any(f.check == "attribution" for f in findings[31])  # the other checks ran on it


def test_page_furniture_is_skipped_except_by_the_furniture_check():
    draft = seed_draft()
    findings = run_checks(draft)
    assert all(findings[i] == [] for i, s in enumerate(draft.segments) if s.excluded)


def test_the_review_queue_puts_critical_and_major_first(store):
    doc, _ = importing.import_file(store, SEED, project="queue")
    queue = store.segments(doc.id, order="risk")
    assert sorted(s.position for s in queue[:9]) == [18, 20, 21, 23, 26, 28, 29, 30, 31]
    assert queue[0].position == 31  # a long sentence with two major findings (attribution, glossary)
    first = store.next_in_queue(doc.id, None)
    assert first.id == queue[0].id
    he_added = next(s for s in queue if s.position == 18)
    rules = [c for c in store.candidates(he_added.id) if c.origin.startswith("rule:")]
    assert [(c.origin, c.text[:22]) for c in rules] == [("rule:attribution", "The newspaper added th")]
