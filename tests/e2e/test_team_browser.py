"""The team in real browsers: a colleague opening the same segment shows in the other browser
within 5 s without a reload (queue and segment), and a disabled account cannot sign in."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from review_app import auth
from review_app.model import SegmentFilter
from review_app.storage import Store
from review_app.workflow import team

from ..conftest import SEED
from .conftest import screenshot
from .test_review_browser import heading, import_cli, type_name

pytestmark = pytest.mark.browser
PRESENCE_LIMIT_S = 5.0


def _reviewer_page(browser, url: str, name: str, first):
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(f"{url}/review")
    expect(heading(page, rf"^Segment {first.position + 1} of")).to_be_visible()
    type_name(page, name)
    return page


def test_a_colleague_on_the_same_segment_shows_within_five_seconds(tmp_path, serve, browser):
    db = f"sqlite:///{tmp_path / 'presence.db'}"
    import_cli(db, SEED)
    store = Store(db)
    doc = store.list_documents("demo")[0].document
    first = store.next_in_queue(doc.id, None, SegmentFilter(include_excluded=False), "risk")
    server = serve(db)
    ana = _reviewer_page(browser, server.url, "ana", first)
    expect(ana.get_by_text(re.compile("has this segment open too"))).to_have_count(0)
    bo = _reviewer_page(browser, server.url, "bo", first)
    # bo's page has said it is here once its segment shows; ana's page has not been reloaded.
    expect(bo.get_by_text(re.compile("ana has this segment open too"))).to_be_visible(timeout=10_000)
    started = time.monotonic()
    expect(ana.get_by_text(re.compile(r"^bo has this segment open too"))).to_be_visible(
        timeout=PRESENCE_LIMIT_S * 1000)
    expect(ana.get_by_text(re.compile(rf"^Open now: bo on segment {first.position + 1}$"))).to_be_visible(
        timeout=PRESENCE_LIMIT_S * 1000)
    waited = time.monotonic() - started
    assert waited <= PRESENCE_LIMIT_S
    screenshot(ana, "team-presence")
    assert {p.reviewer for p in team.others_here(store, doc.id, "nobody")} == {"ana", "bo"}
    for page in (ana, bo):
        page.context.close()


def test_a_disabled_account_cannot_sign_in(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'disabled.db'}"
    import_cli(db, SEED)
    accounts = tmp_path / "accounts.toml"
    auth.save_account(accounts, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    auth.save_account(accounts, "bo", auth.REVIEWER, "Trafficking in Persons Report")
    team.set_disabled(Store(db), accounts, "bo", True, by="ana")
    server = serve(db, env={"REVIEW_APP_AUTH_FILE": str(accounts)})
    page.goto(server.url)
    page.get_by_role("textbox", name="Name").fill("bo")
    page.get_by_role("textbox", name="Password").fill("Trafficking in Persons Report")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong name or password.")).to_be_visible()
    expect(page.get_by_role("link", name="Review")).to_have_count(0)
