"""The review app in a real browser (headless Chromium via Playwright): the golden path
from import to TMX, escaped document text, and the login wall."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from review_app import auth
from review_app.model import SegmentFilter
from review_app.storage import Store

from ..conftest import ROOT, SEED
from ..security.browser import heading, import_cli, wait_for_session_cookie
from .conftest import screenshot

pytestmark = pytest.mark.browser
HE_ALSO_EXPLAINED = 23  # position of "He also explained ..." in the seed
README_SCREENSHOT = ROOT / "docs" / "screenshot-review.png"


def settled(page) -> None:
    """Wait for the script run to end (until then the old segment's widgets may still be on the page)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def search(page, text: str) -> None:
    box = page.get_by_label("Search text")
    box.fill(text)
    box.press("Enter")


def type_name(page, name: str) -> None:
    """Type the reviewer's name and wait until the page has taken it (the run that took it hands the
    browser its cookie and adds an element at the top: a click during that run can miss)."""
    box = page.get_by_label("Your name (recorded on every save)")
    box.fill(name)
    box.press("Enter")
    wait_for_session_cookie(page)
    settled(page)


def press_outside_inputs(page, key: str) -> None:
    # Single-key shortcuts (J, K) are ignored while a text box has focus, as they should be.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


def test_golden_path_from_import_to_tmx(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'golden.db'}"
    import_cli(db, SEED)
    store = Store(db)
    doc = store.list_documents("demo")[0].document
    seg = store.segments(doc.id)[HE_ALSO_EXPLAINED]
    (repair,) = [c for c in store.candidates(seg.id) if c.origin == "rule:attribution"]
    queue = SegmentFilter(include_excluded=False)  # what the page shows by default
    following = store.next_in_queue(doc.id, seg, queue, "risk")

    server = serve(db)
    page.goto(f"{server.url}/review")
    expect(heading(page, r"^Segment \d+ of")).to_be_visible(timeout=30_000)
    type_name(page, "ana")
    search(page, "He also explained")
    expect(heading(page, rf"^Segment {seg.position + 1} of")).to_be_visible()
    settled(page)
    # The MT is drawn by the span picker (an iframe): the finding's words marked, its message on hover.
    mark = page.frame_locator(".st-key-picker-target iframe").locator('[data-check="attribution"]').first
    expect(mark).to_have_text("He")
    expect(mark).to_have_attribute("title", re.compile("State Department"))
    expect(page.locator('li[data-check="attribution"]').first).to_contain_text("State Department")

    card = page.locator('[class*="st-key-cand-"]').filter(
        has=page.get_by_test_id("agreement").filter(has_text=re.compile(r"^repair \(attribution\)$")))
    card.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.get_by_text(f"Saved segment {seg.position + 1} as version 1")).to_be_visible()
    shot = screenshot(page, "review-accepted")
    if not README_SCREENSHOT.exists():
        README_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, README_SCREENSHOT)

    search(page, "")
    expect(page.get_by_text(f"{store.count_segments(doc.id, queue)} segments match")).to_be_visible()
    press_outside_inputs(page, "j")
    expect(heading(page, rf"^Segment {following.position + 1} of")).to_be_visible()
    screenshot(page, "review-next")
    (saved,) = store.history(seg.id)
    assert (saved.text, saved.reviewer, saved.candidate_id) == (repair.text, "ana", repair.id)

    page.get_by_role("link", name="Export").click()
    expect(heading(page, "^Export$")).to_be_visible()
    page.get_by_role("button", name="Export", exact=True).click()
    download_button = page.get_by_role("button", name=re.compile("^Download demo.tmx"))
    with page.expect_download() as download:
        download_button.click()
    tmx = (tmp_path / "demo.tmx")
    download.value.save_as(tmx)
    assert repair.text in tmx.read_text(encoding="utf-8")


INJECTIONS = [
    'He said <script>window.__injected = 1; alert("script ran")</script> in a statement.',
    'He added <img src=x onerror="window.__injected = 2; alert(1)"> that workers remain.',
]


def test_document_markup_shows_as_text_and_runs_nothing(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'inject.db'}"
    source = tmp_path / "inject.txt"
    source.write_text("\n\n".join(INJECTIONS) + "\n", encoding="utf-8")
    import_cli(db, source, project="inject")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    server = serve(db)
    page.goto(f"{server.url}/review")
    page.get_by_text("Reading order").click()
    for n, payload in enumerate(INJECTIONS, 1):
        expect(heading(page, rf"^Segment {n} of")).to_be_visible(timeout=30_000)
        settled(page)
        # The markup is on the page as text, in the segment and in its candidates, and in the span picker.
        expect(page.get_by_text(payload).first).to_be_visible()
        frame = page.frame_locator(".st-key-picker-target iframe")
        expect(frame.get_by_test_id("picker-text")).to_have_text(payload)
        assert frame.locator("img, script:not([src])").count() == 0
        assert page.evaluate("window.__injected") is None
        assert page.locator('img[src="x"]').count() == 0
        assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('__injected'))")
        screenshot(page, f"review-injection-{n}")
        press_outside_inputs(page, "j")
    assert dialogs == []


def test_login_wall_shows_nothing_but_the_sign_in_form(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'wall.db'}"
    import_cli(db, SEED)
    accounts = tmp_path / "accounts.toml"
    auth.save_account(accounts, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    server = serve(db, env={"REVIEW_APP_AUTH_FILE": str(accounts)})

    # Unknown to a visitor, /review and the rest fall back to the sign-in page (Streamlit says
    # "page not found" over it); "/" comes last so the form is free to use.
    for path in ("/review", "/export", "/documents", "/"):
        page.goto(f"{server.url}{path}")
        expect(heading(page, "^Sign in$")).to_be_visible()
        expect(page.get_by_role("link", name="Review")).to_have_count(0)
        expect(page.get_by_text("He also explained")).to_have_count(0)
        expect(page.get_by_text("000_2200bcb4e5cf4e2f.txt")).to_have_count(0)

    page.get_by_role("textbox", name="Name").fill("ana")
    page.get_by_role("textbox", name="Password").fill("Office of Overseas Assets Control")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong name or password.")).to_be_visible()
    page.get_by_role("textbox", name="Password").fill("Office of Foreign Assets Control")
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page, "^Documents$")).to_be_visible()
    page.get_by_role("link", name="Review").click()
    expect(heading(page, r"^Segment \d+ of")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Signed in as ana (admin)")).to_be_visible()


def test_two_reviewers_on_one_segment_lose_nothing(tmp_path, serve, browser):
    db = f"sqlite:///{tmp_path / 'team.db'}"
    import_cli(db, SEED)
    store = Store(db)
    doc = store.list_documents("demo")[0].document
    first = store.next_in_queue(doc.id, None, SegmentFilter(include_excluded=False), "risk")
    server = serve(db)
    pages = {}
    for name in ("ana", "bo"):
        context = browser.new_context(viewport={"width": 1600, "height": 1100})
        context.set_default_timeout(30_000)
        pages[name] = context.new_page()
        pages[name].goto(f"{server.url}/review")
        expect(heading(pages[name], rf"^Segment {first.position + 1} of")).to_be_visible(timeout=30_000)
        type_name(pages[name], name)
    ana, bo = pages["ana"], pages["bo"]

    bo.get_by_label("Your version").fill("The newspaper added that travel restrictions cut the number.")
    bo.get_by_role("button", name="Save", exact=True).click()
    expect(bo.get_by_text(f"Saved segment {first.position + 1} as version 1")).to_be_visible()

    ana.get_by_label("Your version").fill("The newspaper added that the number fell because of travel limits.")
    ana.get_by_role("button", name="Save", exact=True).click()
    expect(ana.get_by_text("Someone else saved this segment")).to_be_visible()
    expect(ana.locator('[data-testid="conflict-mine"]')).to_contain_text("fell because of travel limits")
    expect(ana.get_by_test_id("segment-current")).to_contain_text("travel restrictions cut the number")
    ana.get_by_text("Your version", exact=True).first.scroll_into_view_if_needed()
    screenshot(ana, "review-conflict")
    ana.get_by_role("button", name="Keep mine").click()
    expect(ana.get_by_text(f"Saved segment {first.position + 1} as version 2")).to_be_visible()
    assert [(c.reviewer, c.version) for c in store.history(first.id)] == [("bo", 1), ("ana", 2)]
    for page in pages.values():
        page.context.close()
