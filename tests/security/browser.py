"""What the browser attacks share: a team with an accounts file, signing in through the form,
and reading the Streamlit session id the server hands a browser (to replay it elsewhere)."""
from __future__ import annotations

import re
import subprocess

from playwright.sync_api import expect

from ..browser_fixtures import review_app_command
from ..conftest import SEED
from ..ui.helpers import PASSWORDS, write_team


def import_cli(db_url: str, path=SEED, project: str = "demo") -> None:
    subprocess.run([*review_app_command(), "import", str(path), "--db", db_url, "--project", project],
                   check=True, capture_output=True)


def team(tmp_path):
    return write_team(tmp_path / "team.toml")


def heading(page, pattern: str):
    return page.get_by_role("heading", name=re.compile(pattern))


def sign_in(page, url: str, name: str, password: str | None = None) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password or PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()


def expect_signed_in(page, name: str, role: str) -> None:
    expect(page.get_by_text(f"Signed in as {name} ({role})")).to_be_visible()


def expect_sign_in_form(page) -> None:
    expect(heading(page, "^Sign in$")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == "review_app_session"), None)


def wait_for_session_cookie(page) -> dict:
    for _ in range(100):
        cookie = session_cookie(page.context)
        if cookie is not None:
            return cookie
        page.wait_for_timeout(100)
    raise AssertionError("the browser never got its session cookie")


def capture_session_ids(page) -> list[str]:
    """Streamlit session ids the server sends this page (its NewSession messages)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ids: list[str] = []

    def on_frame(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "new_session":
                ids.append(msg.new_session.initialize.session_id)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return ids
