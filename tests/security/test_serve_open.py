"""`serve` beyond localhost without accounts (issue 18 #6). Before: everyone on the network was
admin, without a word. After: refused unless --insecure-open, which prints a loud warning."""
from __future__ import annotations

import pytest

import review_app.cli.documents as documents_cli
from review_app import auth
from review_app.cli import main


@pytest.fixture
def no_exec(monkeypatch):
    seen = {}
    monkeypatch.setattr(documents_cli.os, "chdir", lambda path: None)
    monkeypatch.setattr(documents_cli.os, "execve", lambda _exe, cmd, env: seen.update(cmd=cmd, env=env) or 0)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.setenv("REVIEW_APP_CONFIG", "/nonexistent/review_app.toml")
    return seen


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.0.2.7", "review.example.org"])
def test_a_network_address_without_accounts_is_refused(tmp_path, no_exec, capsys, address):
    assert main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--address", address]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--insecure-open" in err and "anyone on the network" in err
    assert "cmd" not in no_exec


def test_insecure_open_serves_with_a_loud_warning(tmp_path, no_exec, capsys):
    main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--address", "0.0.0.0", "--insecure-open"])
    assert "WARNING: serving 0.0.0.0 WITHOUT ACCOUNTS" in capsys.readouterr().err
    assert no_exec["cmd"][no_exec["cmd"].index("--server.address") + 1] == "0.0.0.0"


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1", "::1"])
def test_loopback_needs_nothing(tmp_path, no_exec, capsys, address):
    main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--address", address])
    assert "WARNING" not in capsys.readouterr().err and "cmd" in no_exec


def test_a_network_address_with_accounts_is_served(tmp_path, no_exec, monkeypatch):
    accounts = tmp_path / "team.toml"
    auth.save_account(accounts, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(accounts))
    main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--address", "0.0.0.0"])
    assert no_exec["env"]["REVIEW_APP_AUTH_FILE"] == str(accounts)
