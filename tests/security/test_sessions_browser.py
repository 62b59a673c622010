"""Sessions in a real browser against `review-app serve` (issue 17 #4, issue 18 #4, #7 and the
replayed session id).

Before: the sign-in lived in the tab's Streamlit session only (a reload signed the reviewer out),
removing an account left its open tabs signed in (a removed admin stayed admin), a Streamlit
session id replayed from another browser took the session over, and the upload endpoint took
files from anyone who had opened the sign-in page. After: a signed token in an HttpOnly cookie,
checked on every run against the key, the revocation list and the accounts file.
"""
from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from review_app import auth

from ..browser_fixtures import review_app_command
from .browser import (
    PASSWORDS,
    capture_session_ids,
    expect_sign_in_form,
    expect_signed_in,
    heading,
    import_cli,
    sign_in,
    team,
    wait_for_session_cookie,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def team_server(tmp_path, serve):
    db = f"sqlite:///{tmp_path / 'team.db'}"
    import_cli(db)
    accounts = team(tmp_path)
    server = serve(db, env={"REVIEW_APP_AUTH_FILE": str(accounts)})
    server.accounts = accounts
    return server


def test_a_sign_in_survives_a_reload_and_a_new_tab_without_a_secret_in_the_url(team_server, page):
    sign_in(page, team_server.url, "bo")
    expect_signed_in(page, "bo", "reviewer")
    cookie = wait_for_session_cookie(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert not page.evaluate("document.cookie").count("review_app_session")  # scripts cannot read it
    assert cookie["value"] not in page.url and PASSWORDS["bo"] not in page.url
    page.reload()
    expect_signed_in(page, "bo", "reviewer")
    second = page.context.new_page()
    second.goto(f"{team_server.url}/review")
    expect_signed_in(second, "bo", "reviewer")
    expect(heading(second, r"^Segment \d+ of")).to_be_visible()


def test_sign_out_revokes_the_token_even_where_the_cookie_was_copied(team_server, page, browser):
    sign_in(page, team_server.url, "ana")
    expect_signed_in(page, "ana", "admin")
    stolen = wait_for_session_cookie(page)
    page.get_by_role("button", name="Sign out").click()
    expect_sign_in_form(page)
    page.reload()
    expect_sign_in_form(page)
    thief = browser.new_context()
    try:
        thief.add_cookies([{k: stolen[k] for k in ("name", "value", "domain", "path")}])
        other = thief.new_page()
        other.goto(team_server.url)
        expect_sign_in_form(other)
    finally:
        thief.close()


def _remove(server):
    auth.remove_account(server.accounts, "ana")


def _disable(server):
    subprocess.run([*review_app_command(), "accounts", "disable", "ana", "--auth-file", str(server.accounts)],
                   check=True, capture_output=True)


def _new_password(server):
    auth.save_account(server.accounts, "ana", auth.ADMIN, "a brand new password")


@pytest.mark.parametrize("change", [_remove, _disable, _new_password], ids=["removed", "disabled", "new-password"])
def test_an_open_admin_tab_ends_at_its_next_click_when_the_account_changes(team_server, page, change):
    sign_in(page, team_server.url, "ana")
    expect_signed_in(page, "ana", "admin")
    wait_for_session_cookie(page)
    change(team_server)
    page.get_by_role("link", name="Review").click()
    expect_sign_in_form(page)
    page.reload()
    expect_sign_in_form(page)


def test_an_altered_or_foreign_cookie_is_refused(team_server, page, browser):
    sign_in(page, team_server.url, "bo")
    expect_signed_in(page, "bo", "reviewer")
    good = wait_for_session_cookie(page)
    body, mac = good["value"].split(".")
    # bo's token with its name swapped for ana's, signature kept: the signature no longer fits.
    import base64
    import json
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**payload, "sub": "ana"}).encode()).rstrip(b"=").decode()
    for value in (f"{forged}.{mac}", good["value"][:-2] + ("AA" if not good["value"].endswith("AA") else "BB")):
        context = browser.new_context()
        try:
            context.add_cookies([{**{k: good[k] for k in ("name", "domain", "path")}, "value": value}])
            other = context.new_page()
            other.goto(team_server.url)
            expect_sign_in_form(other)
        finally:
            context.close()


def test_a_replayed_streamlit_session_id_does_not_carry_the_sign_in(team_server, page, browser):
    ids = capture_session_ids(page)
    sign_in(page, team_server.url, "ana")
    expect_signed_in(page, "ana", "admin")
    assert ids, "no NewSession message seen"
    victim_session = ids[-1]
    attacker = browser.new_context()
    try:
        other = attacker.new_page()
        # The attacker's browser asks to re-attach to the victim's session, as Streamlit's client
        # does after a dropped connection (the third WebSocket subprotocol is the session id).
        other.add_init_script(f"""
            const RealWebSocket = window.WebSocket;
            window.WebSocket = function (url, protocols) {{
                return new RealWebSocket(url, [protocols[0], protocols[1], {victim_session!r}]);
            }};
            window.WebSocket.prototype = RealWebSocket.prototype;
            Object.assign(window.WebSocket, RealWebSocket);
        """)
        other.goto(team_server.url)
        expect_sign_in_form(other)
        expect(other.get_by_text("Signed in as ana")).to_have_count(0)
    finally:
        attacker.close()


def _put_upload(page, session_id: str) -> int:
    return page.evaluate("""async (sid) => {
        const xsrf = decodeURIComponent((document.cookie.match(/_streamlit_xsrf=([^;]+)/) || [])[1] || "");
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(1 << 20)]), "payload.tsv");
        const r = await fetch(`/_stcore/upload_file/${sid}/attack-1`,
                              {method: "PUT", body: form, headers: {"X-Xsrftoken": xsrf}});
        return r.status;
    }""", session_id)


def test_the_upload_endpoint_refuses_visitors_and_reviewers_and_takes_admins(team_server, page, browser):
    ids = capture_session_ids(page)
    page.goto(team_server.url)
    expect_sign_in_form(page)
    assert _put_upload(page, ids[-1]) == 403  # a visitor with a live session id of their own
    sign_in(page, team_server.url, "bo")
    expect_signed_in(page, "bo", "reviewer")
    wait_for_session_cookie(page)
    page.reload()
    expect_signed_in(page, "bo", "reviewer")
    assert _put_upload(page, ids[-1]) == 403
    page.get_by_role("button", name="Sign out").click()
    expect_sign_in_form(page)
    sign_in(page, team_server.url, "ana")
    expect_signed_in(page, "ana", "admin")
    wait_for_session_cookie(page)
    page.reload()
    expect_signed_in(page, "ana", "admin")
    assert _put_upload(page, ids[-1]) in (200, 204)


def test_without_accounts_the_typed_name_survives_a_reload(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'solo.db'}"
    import_cli(db)
    server = serve(db)
    page.goto(server.url)
    box = page.get_by_label("Your name (recorded on every save)")
    box.fill("김영교")
    box.press("Enter")
    wait_for_session_cookie(page)
    page.reload()
    expect(page.get_by_label("Your name (recorded on every save)")).to_have_value("김영교")
    other = page.context.new_page()
    other.goto(f"{server.url}/review")
    expect(other.get_by_label("Your name (recorded on every save)")).to_have_value("김영교")
