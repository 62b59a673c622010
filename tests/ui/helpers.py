"""Shared set-up for the UI tests: real seed and MLQE-PE data, and the app under AppTest."""
from __future__ import annotations

import csv
from pathlib import Path

from streamlit.testing.v1 import AppTest

from review_app.model import Finding, Severity
from review_app.workflow import importing, risk

from ..conftest import DATA, SEED

APP = Path(__file__).resolve().parents[2] / "review_app" / "ui" / "app.py"
VIEWS = APP.parent / "views"
# The seed's sentence with a pronoun for the State Department (segment 24 in reading order).
HE_ALSO_EXPLAINED = 23


def mlqe_rows(pair: str = "ro-en", limit: int = 50) -> list[dict]:
    path = DATA / "post_editing" / f"mlqe-pe_{pair}_test20.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for _, row in zip(range(limit), rows)]


def import_seed(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return doc


def attribution_finding(text: str) -> Finding:
    """The finding the attribution check reports on "He also explained ...", made here so the
    UI tests do not depend on the checks' wording (their own tests pin that)."""
    repaired = "The State Department" + text[len("He"):]
    return Finding("attribution", Severity.MAJOR, 0, 2,
                   "A pronoun reports what an organisation said.", repaired)


def seed_with_finding(store):
    """The seed imported, with an attribution finding and its rule repair on segment 24."""
    doc = import_seed(store)
    seg = store.segments(doc.id)[HE_ALSO_EXPLAINED]
    finding = attribution_finding(seg.mt)
    store.replace_findings(doc.id, {seg.id: [finding]}, {seg.id: importing.rule_candidates_for([finding])})
    risk.refresh_risk(store, doc.id)  # as a re-check does: the queue follows the findings
    return doc, store.segment(seg.id)


def app(reviewer: str | None = "ana") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    if reviewer is not None:
        at.text_input(key="reviewer_name").input(reviewer).run()
    return at


def open_page(at: AppTest, name: str) -> AppTest:
    return at.switch_page(str(VIEWS / f"{name}.py")).run()
