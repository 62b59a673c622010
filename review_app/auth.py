"""Reviewer accounts: names, roles and scrypt password hashes in a TOML file.

The file is named by the ``auth_file`` setting; when it is empty the app runs
without a login (a single user on their own machine, who may do everything).
Roles: ``reviewer`` reviews; ``admin`` also imports, deletes, exports and edits
the glossary. Passwords are never stored, only ``scrypt$n$r$p$salt$hash``
(standard library hashlib.scrypt, compared in constant time). The file looks like::

    [accounts."ana"]
    role = "admin"
    password = "scrypt$16384$8$1$...$..."
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import settings
from .errors import BadInputError

REVIEWER, ADMIN = "reviewer", "admin"
ROLES = (REVIEWER, ADMIN)
# scrypt cost: about 50 ms and 16 MiB per check, which makes guessing slow but logging in quick.
_N, _R, _P = 2**14, 8, 1
_MAX_NAME = 200


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    disabled: bool = False  # kept in the file, but refused at sign-in

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def hash_password(password: str, *, n: int = _N, r: int = _R, p: int = _P) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def configured_file() -> Path | None:
    """The accounts file from the settings, or None when the app runs without login."""
    value = settings.get("auth_file")
    return Path(value) if value else None


def load_accounts(path: Path) -> dict[str, tuple[Account, str]]:
    """name -> (account, password hash). A missing file has no accounts."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{path}: byte {exc.start}: not UTF-8") from None
    accounts = {}
    for name, entry in data.get("accounts", {}).items():
        if not isinstance(entry, dict) or entry.get("role") not in ROLES or not entry.get("password"):
            raise BadInputError(f"{path}: account {name!r} needs role = one of {', '.join(ROLES)} and a password hash")
        accounts[name] = (Account(name, entry["role"], bool(entry.get("disabled", False))), entry["password"])
    return accounts


def authenticate(path: Path, name: str, password: str) -> Account | None:
    """The account if the password matches, else None (same work either way)."""
    found = load_accounts(path).get(name.strip())
    encoded = found[1] if found else _dummy_hash()
    ok = verify_password(password, encoded)
    return found[0] if ok and found and not found[0].disabled else None


def save_account(path: Path, name: str, role: str, password: str) -> Account:
    """Add an account or replace its role and password; the file is rewritten atomically."""
    name = name.strip()
    if not name or len(name) > _MAX_NAME or any(ch.isspace() and ch != " " or ord(ch) < 32 for ch in name):
        raise BadInputError(f"account name {name!r}: give 1 to {_MAX_NAME} printable characters")
    if role not in ROLES:
        raise BadInputError(f"role {role!r}: give one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise BadInputError(f"account {name!r}: the password needs at least 8 characters")
    accounts = {n: (a.role, h, a.disabled) for n, (a, h) in load_accounts(path).items()}
    disabled = accounts.get(name, (None, None, False))[2]
    accounts[name] = (role, hash_password(password), disabled)
    _write(path, accounts)
    return Account(name, role, disabled)


def set_role(path: Path, name: str, role: str) -> Account:
    """Change an account's role, keeping its password."""
    if role not in ROLES:
        raise BadInputError(f"role {role!r}: give one of {', '.join(ROLES)}")
    return _update(path, name, role=role)


def set_disabled(path: Path, name: str, disabled: bool) -> Account:
    """Disable an account (it can no longer sign in; its work keeps its name) or enable it again."""
    return _update(path, name, disabled=disabled)


def _update(path: Path, name: str, *, role: str | None = None, disabled: bool | None = None) -> Account:
    """An account's role or disabled flag changed, its password hash and the other accounts kept."""
    accounts = {n: (a.role, h, a.disabled) for n, (a, h) in load_accounts(path).items()}
    if name not in accounts:
        raise BadInputError(f"{path}: no account named {name!r}")
    old_role, hashed, old_disabled = accounts[name]
    accounts[name] = (role or old_role, hashed, old_disabled if disabled is None else disabled)
    _write(path, accounts)
    return Account(name, accounts[name][0], accounts[name][2])


def remove_account(path: Path, name: str) -> None:
    accounts = {n: (a.role, h, a.disabled) for n, (a, h) in load_accounts(path).items()}
    if name not in accounts:
        raise BadInputError(f"{path}: no account named {name!r}")
    del accounts[name]
    _write(path, accounts)


def _write(path: Path, accounts: dict[str, tuple[str, str, bool]]) -> None:
    lines = ["# review_app reviewer accounts (review-app accounts add NAME --role reviewer|admin)", ""]
    for name, (role, hashed, disabled) in sorted(accounts.items()):
        # JSON string escapes are valid TOML basic-string escapes.
        lines += [f"[accounts.{json.dumps(name)}]", f"role = {json.dumps(role)}",
                  f"password = {json.dumps(hashed)}", *(["disabled = true"] if disabled else []), ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.chmod(tmp, 0o600)  # hashes are still worth keeping from other users of the machine
    os.replace(tmp, path)


@functools.cache
def _dummy_hash() -> str:
    # Checked against for unknown names, so they take as long as wrong passwords.
    return hash_password(secrets.token_hex(8))
