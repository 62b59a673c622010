"""Where a reviewer stopped, kept across reloads, tabs and sign-ins, and a link per segment
(issue 15's sessions, built here): /review?doc=..&seg=.. opens that segment for whoever is
signed in, after the sign-in if need be.

Before: a reload or a new tab signed the reviewer out and lost their place in the queue."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review_app.storage import Store

from .browser import expect_signed_in, heading, import_cli, sign_in, team, wait_for_session_cookie

pytestmark = pytest.mark.browser


def open_heading(page) -> str:
    segment = heading(page, r"^Segment \d+ of")
    expect(segment).to_be_visible(timeout=20_000)
    return segment.inner_text()


def test_a_reviewer_comes_back_to_the_segment_where_they_stopped(tmp_path, serve, page, browser):
    db = f"sqlite:///{tmp_path / 'places.db'}"
    import_cli(db)
    server = serve(db, env={"REVIEW_APP_AUTH_FILE": str(team(tmp_path))})
    sign_in(page, server.url, "bo")
    expect_signed_in(page, "bo", "reviewer")
    wait_for_session_cookie(page)
    page.get_by_role("link", name="Review").click()
    first = open_heading(page)
    for _ in range(3):
        before = open_heading(page)
        page.get_by_role("button", name=re.compile("^Next Shortcut")).click()
        expect(heading(page, "^" + re.escape(before) + "$")).to_have_count(0)
    stopped = open_heading(page)
    assert stopped != first
    assert re.search(r"[?&]doc=\d+", page.url) and re.search(r"[?&]seg=\d+", page.url)

    page.reload()
    assert open_heading(page) == stopped
    other_tab = page.context.new_page()
    other_tab.goto(f"{server.url}/review")  # no link: the place comes from where bo stopped
    assert open_heading(other_tab) == stopped

    elsewhere = browser.new_context()
    try:
        ana = elsewhere.new_page()
        sign_in(ana, server.url, "ana")
        expect_signed_in(ana, "ana", "admin")
        ana.get_by_role("link", name="Review").click()
        assert open_heading(ana) == first  # ana's own place, not bo's
    finally:
        elsewhere.close()


def test_a_segment_link_opens_that_segment_after_the_sign_in(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'links.db'}"
    import_cli(db)
    store = Store(db)
    doc = store.list_documents("demo")[0].document
    target = store.segments(doc.id)[9]
    server = serve(db, env={"REVIEW_APP_AUTH_FILE": str(team(tmp_path))})
    link = f"{server.url}/review?doc={doc.id}&seg={target.id}"
    page.goto(link)
    expect(heading(page, "^Sign in$")).to_be_visible()
    sign_in(page, link, "ana")
    assert open_heading(page).startswith(f"Segment {target.position + 1} of")
    page.goto(f"{server.url}/review?doc={doc.id}&seg=999999")
    expect(page.get_by_text("That segment link points to no segment")).to_be_visible()
