"""Issue 18 #8 and issue 17 #3: the accounts file.

Before: names were written with json.dumps, whose \\ud83d\\ude00 escapes are not TOML, so one
account named with an emoji broke every sign-in and every `accounts` command; six concurrent
`accounts add` all said "saved" and one account was kept; a file others could write was read.
After: tomli-w writes the file under a file lock, any printable name round-trips, and a file
that others may write is refused with one line.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib

import pytest

from review_app import auth
from review_app.cli import main
from review_app.errors import BadInputError


@pytest.mark.parametrize("name", ["김영교 🙂", "Ana \"the\" O'Neil", "ключ = значение", "[accounts]", "a\\b"])
def test_any_printable_name_round_trips_and_the_file_stays_valid_toml(tmp_path, name):
    path = tmp_path / "team.toml"
    auth.save_account(path, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    auth.save_account(path, name, auth.REVIEWER, "Trafficking in Persons Report")
    tomllib.loads(path.read_text(encoding="utf-8"))
    assert auth.authenticate(path, name, "Trafficking in Persons Report") == auth.Account(name.strip(), "reviewer")
    assert auth.authenticate(path, "ana", "Office of Foreign Assets Control").is_admin


@pytest.mark.parametrize("name", ["ana\u202eevil", "zero\u200bwidth", "tab\there", "\ud800"])
def test_invisible_and_control_characters_are_refused_in_names(tmp_path, name):
    with pytest.raises(BadInputError, match="account name"):
        auth.save_account(tmp_path / "team.toml", name, auth.REVIEWER, "long enough password")


def test_six_concurrent_accounts_add_all_keep_their_account(tmp_path):
    path = tmp_path / "team.toml"
    names = [f"reviewer{i}" for i in range(6)]
    procs = [
        subprocess.Popen([sys.executable, "-m", "review_app.cli", "accounts", "add", name, "--auth-file", str(path)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in names
    ]
    for proc in procs:
        proc.stdin.write("Voice of America password\n")
        proc.stdin.close()
    results = [(proc.wait(timeout=120), proc.stderr.read()) for proc in procs]
    assert all(code == 0 for code, _ in results), results
    assert sorted(auth.load_accounts(path)) == names


def test_the_file_is_created_for_its_owner_only(tmp_path):
    path = tmp_path / "new" / "team.toml"
    auth.save_account(path, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_file_others_can_write_is_refused_with_one_line(tmp_path, mode, capsys, monkeypatch):
    path = tmp_path / "team.toml"
    auth.save_account(path, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    os.chmod(path, mode)
    with pytest.raises(BadInputError, match="other users can write"):
        auth.authenticate(path, "ana", "Office of Foreign Assets Control")
    monkeypatch.setenv("REVIEW_APP_AUTH_FILE", str(path))
    assert main(["accounts", "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "chmod 600" in err


def test_a_disabled_account_cannot_sign_in_until_enabled(tmp_path, capsys):
    path = tmp_path / "team.toml"
    auth.save_account(path, "bo", auth.REVIEWER, "Trafficking in Persons Report")
    assert main(["accounts", "disable", "bo", "--auth-file", str(path)]) == 0
    assert auth.authenticate(path, "bo", "Trafficking in Persons Report") is None
    capsys.readouterr()
    assert main(["accounts", "list", "--auth-file", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["bo\treviewer\tdisabled"]
    assert main(["accounts", "enable", "bo", "--auth-file", str(path)]) == 0
    assert auth.authenticate(path, "bo", "Trafficking in Persons Report").name == "bo"
