"""accounts add / list / remove / disable / enable: the reviewer accounts file of the login wall.

Changing a password (add again), removing or disabling an account ends its open sessions at once."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from .. import auth
from ..errors import BadInputError


def register(sub) -> None:
    p = sub.add_parser("accounts", help="manage reviewer accounts (the login of review-app serve)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add an account or change its role and password")
    add.add_argument("name")
    add.add_argument("--role", choices=auth.ROLES, default=auth.REVIEWER)
    _add_file(add)
    add.set_defaults(run=run_add)

    ls = actions.add_parser("list", help="list accounts and roles")
    _add_file(ls)
    ls.set_defaults(run=run_list)

    rm = actions.add_parser("remove", help="remove an account")
    rm.add_argument("name")
    _add_file(rm)
    rm.set_defaults(run=run_remove)

    for action, verb in (("disable", "stop an account signing in and end its sessions"),
                         ("enable", "let a disabled account sign in again")):
        p_switch = actions.add_parser(action, help=verb)
        p_switch.add_argument("name")
        _add_file(p_switch)
        p_switch.set_defaults(run=run_switch, disabled=action == "disable")


def _add_file(parser) -> None:
    parser.add_argument("--auth-file", help="accounts TOML file (default: the auth_file setting, REVIEW_APP_AUTH_FILE)")


def _accounts_file(args) -> Path:
    path = Path(args.auth_file) if args.auth_file else auth.configured_file()
    if path is None:
        raise BadInputError("no accounts file: pass --auth-file PATH or set REVIEW_APP_AUTH_FILE")
    return path


def _read_password() -> str:
    """From a prompt (asked twice) on a terminal, else the first line of stdin (for scripts)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise BadInputError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_add(args) -> int:
    path = _accounts_file(args)
    account = auth.save_account(path, args.name, args.role, _read_password())
    print(f"{path}: account {account.name!r} saved with role {account.role}")
    return 0


def run_list(args) -> int:
    path = _accounts_file(args)
    for account, _ in auth.load_accounts(path).values():
        print(f"{account.name}\t{account.role}" + ("\tdisabled" if account.disabled else ""))
    return 0


def run_remove(args) -> int:
    path = _accounts_file(args)
    auth.remove_account(path, args.name)
    print(f"{path}: account {args.name!r} removed")
    return 0


def run_switch(args) -> int:
    path = _accounts_file(args)
    account = auth.set_disabled(path, args.name, args.disabled)
    print(f"{path}: account {account.name!r} {'disabled' if account.disabled else 'enabled'}")
    return 0
