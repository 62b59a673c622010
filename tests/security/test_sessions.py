"""Session tokens without a browser: what makes one valid, and what ends it (issue 17 #4)."""
from __future__ import annotations

import logging
import os
import stat
import time

import pytest

from review_app import auth, sessions
from review_app.errors import BadInputError


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    path = tmp_path / "team.toml"
    auth.save_account(path, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    auth.save_account(path, "bo", auth.REVIEWER, "Trafficking in Persons Report")
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(path))
    return path


def _token(name: str, password: str) -> str:
    account, token, wait = sessions.sign_in(name, password, "127.0.0.1")
    assert account is not None and wait == 0
    return token


def test_a_token_names_its_account_until_it_expires(accounts):
    token = _token("ana", "Office of Foreign Assets Control")
    found = sessions.verify(token)
    assert found.account == auth.Account("ana", "admin") and found.kind == sessions.ACCOUNT
    assert sessions.verify(token, now=found.expires + 1) is None
    assert found.expires - time.time() == pytest.approx(12 * 3600, abs=5)


def test_a_token_signed_with_another_key_is_refused(accounts, tmp_path, monkeypatch):
    token = _token("ana", "Office of Foreign Assets Control")
    monkeypatch.setenv("REVIEW_APP_SESSION_KEY_FILE", str(tmp_path / "other.key"))
    assert sessions.verify(token) is None


@pytest.mark.parametrize("damage", [lambda t: t + "x", lambda t: "x" + t, lambda t: t.replace(".", ".."),
                                    lambda t: t.split(".")[0], lambda t: "", lambda t: "a" * 5000])
def test_a_damaged_token_is_refused(accounts, damage):
    assert sessions.verify(damage(_token("bo", "Trafficking in Persons Report"))) is None


def test_revoking_one_token_leaves_the_others(accounts):
    first = _token("bo", "Trafficking in Persons Report")
    second = _token("bo", "Trafficking in Persons Report")
    sessions.revoke(first)
    assert sessions.verify(first) is None and sessions.verify(second).name == "bo"


@pytest.mark.parametrize("end", ["remove", "disable", "password"])
def test_account_changes_end_its_tokens_and_only_its_own(accounts, end):
    ana = _token("ana", "Office of Foreign Assets Control")
    bo = _token("bo", "Trafficking in Persons Report")
    if end == "remove":
        auth.remove_account(accounts, "ana")
    elif end == "disable":
        auth.set_disabled(accounts, "ana", True)
    else:
        auth.save_account(accounts, "ana", auth.ADMIN, "a new password entirely")
    assert sessions.verify(ana) is None
    assert sessions.verify(bo).name == "bo"


def test_a_typed_name_token_signs_nobody_in_once_accounts_exist(tmp_path, monkeypatch, accounts):
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE")
    name_token = sessions.issue_for_name("ana")
    assert sessions.verify(name_token).name == "ana"
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(accounts))
    assert sessions.verify(name_token) is None


def test_the_key_is_made_for_its_owner_only_and_refused_when_others_can_read_it(tmp_path, monkeypatch):
    key = tmp_path / "session.key"
    sessions.server_key(key)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    os.chmod(key, 0o644)
    sessions.forget_keys()
    with pytest.raises(BadInputError, match="other users can read or write the session key"):
        sessions.server_key(key)


def test_one_time_codes_work_once(accounts):
    token = _token("bo", "Trafficking in Persons Report")
    code = sessions.grant(token)
    assert token not in code
    assert sessions.redeem(code) == token
    assert sessions.redeem(code) is None


def test_failed_sign_ins_wait_longer_each_time_per_account_and_per_client(accounts, caplog):
    caplog.set_level(logging.WARNING, logger="review_app.sessions")
    for _ in range(sessions.FREE_FAILURES):
        account, _, wait = sessions.sign_in("ana", "Office of Overseas Assets Control", "10.1.1.1")
        assert account is None
    assert wait > 0
    # The right password is refused while the account waits, from this client and from another.
    assert sessions.sign_in("ana", "Office of Foreign Assets Control", "10.1.1.1")[0] is None
    assert sessions.sign_in("ana", "Office of Foreign Assets Control", "10.2.2.2")[0] is None
    # The client that guessed waits too, whichever account it tries next.
    assert sessions.sign_in("bo", "Trafficking in Persons Report", "10.1.1.1")[0] is None
    assert sessions.sign_in("bo", "Trafficking in Persons Report", "10.3.3.3")[0] is not None
    assert "sign-in failed for account 'ana' from client 10.1.1.1" in caplog.text
    assert "Office of" not in caplog.text and "Trafficking" not in caplog.text
    later = time.monotonic() + sessions.MAX_WAIT_S + 1
    assert sessions.THROTTLE.wait_seconds("ana", "10.1.1.1", now=later) == 0
