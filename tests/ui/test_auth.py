"""Reviewer accounts: hashed passwords in TOML, roles, and the accounts command."""
from __future__ import annotations

import io
import stat

import pytest

from review_app import auth
from review_app.cli import main
from review_app.errors import BadInputError


def test_password_is_stored_as_a_salted_scrypt_hash(tmp_path):
    path = tmp_path / "accounts.toml"
    auth.save_account(path, "Kim Young-gyo", auth.ADMIN, "Trafficking in Persons")
    text = path.read_text()
    assert "Trafficking in Persons" not in text
    assert "scrypt$16384$8$1$" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (account, hashed), = auth.load_accounts(path).values()
    assert account == auth.Account("Kim Young-gyo", "admin") and account.is_admin
    # Same password, new salt: a second hash differs.
    assert auth.hash_password("Trafficking in Persons") != hashed


def test_authenticate_accepts_only_the_right_password(tmp_path):
    path = tmp_path / "accounts.toml"
    auth.save_account(path, "ana", auth.REVIEWER, "Office of Foreign Assets Control")
    auth.save_account(path, "bo", auth.ADMIN, "Treasury Department")
    assert auth.authenticate(path, "ana", "Office of Foreign Assets Control") == auth.Account("ana", "reviewer")
    assert auth.authenticate(path, "ana", "Office of Overseas Assets Control") is None
    assert auth.authenticate(path, "ana", "Treasury Department") is None
    assert auth.authenticate(path, "nobody", "Treasury Department") is None
    assert auth.authenticate(path, "bo", "Treasury Department").is_admin


def test_saving_again_changes_role_and_password_and_keeps_others(tmp_path):
    path = tmp_path / "accounts.toml"
    auth.save_account(path, "ana", auth.REVIEWER, "first password")
    auth.save_account(path, 'bo "quoted"', auth.REVIEWER, "second password")
    auth.save_account(path, "ana", auth.ADMIN, "third password")
    accounts = auth.load_accounts(path)
    assert sorted(accounts) == ["ana", 'bo "quoted"']
    assert accounts["ana"][0].role == "admin"
    assert auth.authenticate(path, "ana", "third password") is not None
    assert auth.authenticate(path, "ana", "first password") is None
    auth.remove_account(path, "ana")
    assert list(auth.load_accounts(path)) == ['bo "quoted"']


@pytest.mark.parametrize(
    "name, role, password, message",
    [("", "reviewer", "long enough", "account name"), ("ana", "editor", "long enough", "role 'editor'"),
     ("ana", "reviewer", "short", "at least 8"), ("a\nb", "reviewer", "long enough", "account name")],
)
def test_bad_accounts_are_refused(tmp_path, name, role, password, message):
    with pytest.raises(BadInputError, match=message):
        auth.save_account(tmp_path / "a.toml", name, role, password)


def test_a_broken_accounts_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "accounts.toml"
    path.write_text('[accounts."ana"]\nrole = "admin"\npassword = \n')
    with pytest.raises(BadInputError, match=r"accounts\.toml: not valid TOML: .*line 3"):
        auth.load_accounts(path)
    path.write_text('[accounts."ana"]\nrole = "boss"\npassword = "x"\n')
    with pytest.raises(BadInputError, match="account 'ana' needs role"):
        auth.load_accounts(path)


def test_cli_adds_lists_and_removes_accounts(tmp_path, monkeypatch, capsys):
    path = tmp_path / "team.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("Human Trafficking Report\n"))
    assert main(["accounts", "add", "ana", "--role", "admin", "--auth-file", str(path)]) == 0
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("Voice of America\n"))
    assert main(["accounts", "add", "bo"]) == 0
    assert auth.authenticate(path, "ana", "Human Trafficking Report").is_admin
    assert auth.authenticate(path, "bo", "Voice of America").role == "reviewer"
    capsys.readouterr()
    assert main(["accounts", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["ana\tadmin", "bo\treviewer"]
    assert main(["accounts", "remove", "bo"]) == 0
    assert main(["accounts", "remove", "bo"]) == 2
    assert "no account named 'bo'" in capsys.readouterr().err


def test_cli_without_an_accounts_file_says_how_to_name_one(monkeypatch, capsys):
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.setenv("REVIEW_APP_CONFIG", "/nonexistent/review_app.toml")
    assert main(["accounts", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--auth-file" in err


def test_serve_refuses_an_accounts_file_without_accounts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(tmp_path / "missing.toml"))
    assert main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--port", "1"]) == 2
    assert "no reviewer accounts" in capsys.readouterr().err


def test_serve_hands_the_server_an_absolute_accounts_path(tmp_path, monkeypatch):
    import review_app.cli.documents as documents_cli

    auth.save_account(tmp_path / "team.toml", "ana", auth.ADMIN, "Voice of America")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", "team.toml")
    seen = {}
    # serve replaces its process with Streamlit's, run from the checkout: record instead.
    monkeypatch.setattr(documents_cli.os, "chdir", lambda path: seen.update(cwd=path))
    monkeypatch.setattr(documents_cli.os, "execve", lambda _exe, _cmd, env: seen.update(env=env) or 0)
    main(["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--port", "1"])
    assert seen["env"]["REVIEW_APP_AUTH_FILE"] == str(tmp_path / "team.toml")
    assert seen["cwd"] != tmp_path  # where a relative "team.toml" would not be found
