"""The login wall and roles under AppTest: nothing but the sign-in form until a reviewer
signs in; reviewers review, admins also import and export; saves record the account."""
from __future__ import annotations

import pytest

from review_app.storage import Store

from .helpers import PASSWORDS, VIEWS, app, open_page, seed_with_finding, use_team


@pytest.fixture
def team(tmp_path, sqlite_url, monkeypatch):
    use_team(tmp_path, sqlite_url, monkeypatch)
    store = Store(sqlite_url)
    seed_with_finding(store)
    return store


def sign_in(name: str, password: str):
    at = app(reviewer=None)
    at.text_input(key="login-name").input(name)
    at.text_input(key="login-password").input(password)
    return at.button(key="FormSubmitter:login-Sign in").click().run()


def test_only_the_sign_in_form_is_shown_until_someone_signs_in(team):
    at = app(reviewer=None)
    assert [t.value for t in at.title] == ["Sign in"]
    assert not at.html and not at.dataframe and not at.sidebar.text_input
    for page in ("review", "documents", "export", "dashboard"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(str(VIEWS / f"{page}.py"))


def test_a_wrong_password_keeps_the_wall(team):
    at = sign_in("ana", PASSWORDS["bo"])
    assert at.error[0].value == "Wrong name or password."
    assert [t.value for t in at.title] == ["Sign in"]
    with pytest.raises(ValueError):
        at.switch_page(str(VIEWS / "review.py"))


def test_a_reviewer_reviews_under_their_account_but_cannot_import_or_export(team):
    at = sign_in("bo", PASSWORDS["bo"])
    assert at.title[0].value == "Documents"
    assert not at.file_uploader  # importing is for admins
    assert "Signed in as bo (reviewer)" in at.sidebar.caption[0].value
    with pytest.raises(ValueError):
        at.switch_page(str(VIEWS / "export.py"))
    open_page(at, "review")
    seg = team.next_in_queue(team.list_documents("demo")[0].document.id, None)
    at.button(key="save-stay").click().run()
    assert [c.reviewer for c in team.history(seg.id)] == ["bo"]


def test_an_admin_can_import_and_export_and_sign_out(team):
    at = sign_in("ana", PASSWORDS["ana"])
    assert at.file_uploader
    assert open_page(at, "export").title[0].value == "Export"
    at.button(key="sign-out").click().run()
    assert [t.value for t in at.title] == ["Sign in"]
