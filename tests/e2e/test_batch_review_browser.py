"""A batch run's review sample in a real browser: the riskiest kept pair opens first on the Review
page, with the finding the batch found marked on its text."""
from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from review_app.model import SegmentFilter
from review_app.storage import Store

from ..batch.corpus import news_pairs
from .conftest import review_app_command, screenshot

pytestmark = pytest.mark.browser


def test_a_batch_review_sample_opens_with_the_batch_findings_on_its_segments(tmp_path, serve, page):
    corpus = tmp_path / "news.tsv"
    corpus.write_text("".join(f"{s}\t{t}\n" for s, t in news_pairs()[:400]), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'review.db'}"
    subprocess.run([*review_app_command(), "batch", str(corpus), "--out", str(tmp_path / "out"), "--source-lang",
                    "ko", "--target-lang", "en", "--workers", "2", "--no-progress", "--review-sample", "20",
                    "--project", "batch-sample", "--db", db], check=True, capture_output=True)
    store = Store(db)
    (summary,) = store.list_documents("batch-sample")
    first = store.next_in_queue(summary.document.id, None, SegmentFilter(include_excluded=False), "risk")
    finding = store.findings(first.id)[0]
    store.close()

    server = serve(db)
    page.goto(f"{server.url}/review")
    heading = page.get_by_role("heading", name=re.compile(rf"^Segment {first.position + 1} of "))
    expect(heading).to_be_visible(timeout=30_000)  # the first page load compiles the app
    expect(page.get_by_text(first.mt[:40]).first).to_be_visible()
    # The MT is drawn by the span picker (an iframe), in pieces cut at every mark's edge.
    marks = page.frame_locator(".st-key-picker-target iframe").locator(f'[data-check~="{finding.check}"]')
    expect(marks.first).to_be_visible()
    assert first.mt[finding.start:finding.end] in "".join(marks.all_inner_texts())
    expect(page.locator(f'li[data-check="{finding.check}"]').first).to_contain_text(finding.message[:40])
    screenshot(page, "batch-review-sample")
