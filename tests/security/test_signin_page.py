"""The sign-in page under AppTest: the wait is shown after repeated failures (issue 18 #5), and a
page that fails shows one line, never a traceback (issue 18: showErrorDetails)."""
from __future__ import annotations

import logging
import tomllib

import pytest

from review_app import auth, sessions
from review_app.storage import Store

from ..conftest import ROOT
from ..ui.helpers import app, open_page, seed_with_finding

PASSWORD = "Office of Foreign Assets Control"


@pytest.fixture
def wall(tmp_path, sqlite_url, monkeypatch):
    accounts = tmp_path / "accounts.toml"
    auth.save_account(accounts, "ana", auth.ADMIN, PASSWORD)
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(accounts))
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    seed_with_finding(Store(sqlite_url))


def _try(at, name: str, password: str):
    at.text_input(key="login-name").input(name)
    at.text_input(key="login-password").input(password)
    return at.button(key="FormSubmitter:login-Sign in").click().run()


@pytest.mark.usefixtures("wall")
def test_repeated_failures_show_the_wait_and_refuse_even_the_right_password(caplog):
    caplog.set_level(logging.WARNING)
    at = app(reviewer=None)
    for _ in range(sessions.FREE_FAILURES):
        _try(at, "ana", "wrong password here")
    assert "Too many failed sign-ins: wait" in at.error[0].value
    _try(at, "ana", PASSWORD)
    assert "Too many failed sign-ins: wait" in at.error[0].value
    assert [t.value for t in at.title] == ["Sign in"]
    assert "sign-in failed for account 'ana'" in caplog.text and PASSWORD not in caplog.text
    assert "wrong password here" not in caplog.text


@pytest.mark.usefixtures("wall")
def test_a_page_that_fails_shows_one_line_and_logs_the_traceback(monkeypatch, caplog):
    from review_app.workflow import projects

    def broken(*_args, **_kwargs):
        raise RuntimeError("SELECT secret FROM /srv/review_app/internal.py")

    monkeypatch.setattr(projects, "list_projects", broken)
    at = app(reviewer=None)
    _try(at, "ana", PASSWORD)
    at = open_page(at, "documents")
    assert not at.exception
    (error,) = at.error
    assert "Something went wrong (RuntimeError, reference" in error.value and "\n" not in error.value
    assert "SELECT" not in error.value and "/srv" not in error.value
    assert "SELECT secret FROM" in caplog.text  # the details are in the server's log


def test_streamlit_shows_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
