"""The import preview in a real browser: columns mapped by hand, languages read off the text,
nothing stored until Import."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review_app.storage import Store

from ..ui.helpers import news_lines
from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_an_upload_is_previewed_mapped_and_then_imported(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'upload.db'}"
    ko, en = news_lines(4)
    upload = tmp_path / "news.tsv"
    upload.write_text("segment\tkorean\tenglish\n" + "".join(f"{i}\t{ko[i]}\t{en[i]}\n" for i in range(4)),
                      encoding="utf-8")
    server = serve(db)
    page.goto(server.url)  # Documents is the default page
    expect(page.get_by_role("heading", name="Import")).to_be_visible()
    page.locator('input[type="file"]').set_input_files(str(upload))
    expect(page.get_by_text(re.compile("no MT column"))).to_be_visible()
    expect(page.get_by_role("button", name="Import", exact=True)).to_be_disabled()
    for role, column in (("mt", "english"), ("source", "korean")):
        page.get_by_label(f"{role} column").click()
        page.get_by_role("option", name=column, exact=True).click()
    expect(page.get_by_role("textbox", name="Target language")).to_have_value("en", timeout=30_000)
    expect(page.get_by_role("textbox", name="Source language")).to_have_value("ko")
    expect(page.get_by_text(re.compile(r"tsv · 4 segments · source ko \(detected from the text\)"))).to_be_visible(
        timeout=30_000)
    expect(page.get_by_role("button", name="Import", exact=True)).to_be_enabled(timeout=30_000)
    screenshot(page, "import-preview")
    assert Store(db).list_documents() == []
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("news.tsv: 4 segments")).to_be_visible()
    (doc,) = [d.document for d in Store(db).list_documents()]
    assert (doc.source_lang, doc.target_lang) == ("ko", "en")
