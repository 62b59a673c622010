"""The Models page in a real browser: the issue's case warned about, a TED leaderboard charted
with fitted axes and a readable legend, and a system's outputs uploaded."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review_app.scoring.mqm import read_mqm
from review_app.storage import Store
from review_app.workflow.scoring import import_mqm

from ..conftest import ROOT
from ..ui.helpers import accept_system, news_project
from .conftest import screenshot

pytestmark = pytest.mark.browser
TED = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"


def heading(page, pattern: str):
    return page.get_by_role("heading", name=re.compile(pattern))


def compute(page) -> None:
    page.get_by_role("button", name="Compute leaderboard").click()
    expect(page.get_by_text("Rank by")).to_be_visible(timeout=180_000)


def test_a_comparison_on_four_biased_references_is_flagged(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    store = Store(db)
    doc = news_project(store)
    accept_system(store, doc.id, "papago", 4)
    server = serve(db)
    page.goto(f"{server.url}/models")
    expect(heading(page, "^Models$")).to_be_visible(timeout=60_000)
    compute(page)
    expect(page.get_by_text(re.compile(r"^Only 4 segments: a comparison on fewer than 100"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^4 of 4 references \(100%\) are papago's own output"))).to_be_visible()
    expect(page.locator(".vega-embed").first).to_be_visible()
    screenshot(page, "models-warnings")


def test_ted_systems_chart_and_upload(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'ted.db'}"
    store = Store(db)
    import_mqm(store, "ted", [r for r in read_mqm(TED.name, TED.read_bytes()) if r.doc == "talk.1"],
               source_lang="en", target_lang="de")
    server = serve(db)
    page.goto(f"{server.url}/models")
    expect(heading(page, "^Models$")).to_be_visible(timeout=60_000)
    compute(page)
    chart = page.locator(".vega-embed").first
    expect(chart).to_be_visible()
    # The legend names what the colours mean, in full; every system is on the chart.
    svg = chart.locator("svg")
    expect(svg.get_by_text("vs baseline (paired test, p < 0.05)")).to_be_visible()
    expect(svg.get_by_text("no significant difference").first).to_be_visible()
    for system in ("Facebook-AI", "metricsystem5", "VolcTrans-GLAT"):
        expect(svg.get_by_text(system, exact=True).first).to_be_visible()
    expect(heading(page, "^Metrics against MQM$")).to_be_visible()
    expect(heading(page, "^Where two systems differ$")).to_be_visible()
    chart.scroll_into_view_if_needed()
    screenshot(page, "models-ted-chart")
    heading(page, "^Metrics against MQM$").scroll_into_view_if_needed()
    screenshot(page, "models-ted-vs-mqm")
