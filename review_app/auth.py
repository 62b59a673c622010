"""Reviewer accounts: names, roles and scrypt password hashes in a TOML file.

The file is named by the ``auth_file`` setting; when it is empty the app runs
without a login (a single user on their own machine, who may do everything).
Roles: ``reviewer`` reviews; ``admin`` also imports, deletes, exports and edits
the glossary. Passwords are never stored, only ``scrypt$n$r$p$salt$hash``
(standard library hashlib.scrypt, compared in constant time). The file looks like::

    [accounts."ana"]
    role = "admin"
    password = "scrypt$16384$8$1$...$..."
    disabled = true          # optional: the account can neither sign in nor keep a session

The file is written by a real TOML writer (tomli-w, so any name is quoted right), each
change is a read-modify-write under a file lock (``NAME.lock`` beside it, so concurrent
``accounts add`` all land), replaced atomically, and created readable by its owner only.
A file that others may write is refused: whoever can write it can make themselves admin.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from filelock import FileLock, Timeout

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
    disabled: bool = False

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


_cache: dict[Path, tuple[tuple, dict]] = {}


def load_accounts(path: Path) -> dict[str, tuple[Account, str]]:
    """name -> (account, password hash). A missing file has no accounts.

    Sessions are checked against this on every page run, so the parsed file is kept until
    the file changes (it is always replaced whole, so a new inode or mtime marks a change)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    if not stat.S_ISREG(st.st_mode):
        return {}
    refuse_if_others_can_write(path)
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return dict(cached[1])
    accounts = _parse(path)
    _cache[path] = (stamp, accounts)
    return dict(accounts)


def _parse(path: Path) -> dict[str, tuple[Account, str]]:
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
        disabled = entry.get("disabled", False)
        if not isinstance(disabled, bool):
            raise BadInputError(f"{path}: account {name!r}: disabled is true or false")
        accounts[name] = (Account(name, entry["role"], disabled), entry["password"])
    return accounts


def refuse_if_others_can_write(path: Path) -> None:
    """Whoever can write the accounts file can make themselves admin."""
    mode = path.stat().st_mode
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise BadInputError(f"{path}: other users can write this accounts file: run chmod 600 {path}")


def authenticate(path: Path, name: str, password: str) -> Account | None:
    """The account if the password matches and it is not disabled, else None (same work either way)."""
    found = load_accounts(path).get(name.strip())
    encoded = found[1] if found else _dummy_hash()
    ok = verify_password(password, encoded)
    return found[0] if ok and found and not found[0].disabled else None


def check_name(name: str) -> str:
    """An account name as stored: trimmed, 1 to 200 printable characters (any script, emoji too)."""
    name = name.strip()
    if not name or len(name) > _MAX_NAME or any(not ch.isprintable() and ch != " " for ch in name) \
            or any(0xD800 <= ord(ch) <= 0xDFFF for ch in name):
        raise BadInputError(f"account name {name!r}: give 1 to {_MAX_NAME} printable characters")
    return name


def save_account(path: Path, name: str, role: str, password: str) -> Account:
    """Add an account or replace its role and password (which ends its sessions: they carry a
    fingerprint of the old hash; a disabled account stays disabled); rewritten atomically under the lock."""
    name = check_name(name)
    if role not in ROLES:
        raise BadInputError(f"role {role!r}: give one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise BadInputError(f"account {name!r}: the password needs at least 8 characters")
    hashed = hash_password(password)  # slow: outside the lock
    with _locked(path):
        accounts = _entries(path)
        disabled = accounts.get(name, {}).get("disabled", False)
        accounts[name] = {"role": role, "password": hashed, **({"disabled": True} if disabled else {})}
        _write(path, accounts)
    return Account(name, role, disabled)


def remove_account(path: Path, name: str) -> None:
    with _locked(path):
        accounts = _entries(path)
        if name not in accounts:
            raise BadInputError(f"{path}: no account named {name!r}")
        del accounts[name]
        _write(path, accounts)


def set_role(path: Path, name: str, role: str) -> Account:
    """Change an account's role, keeping its password."""
    if role not in ROLES:
        raise BadInputError(f"role {role!r}: give one of {', '.join(ROLES)}")
    return _update(path, name, role=role)


def set_disabled(path: Path, name: str, disabled: bool) -> Account:
    """Disable an account (it can no longer sign in, its open sessions end, its work keeps its name)
    or enable it again."""
    return _update(path, name, disabled=disabled)


def _update(path: Path, name: str, *, role: str | None = None, disabled: bool | None = None) -> Account:
    """An account's role or disabled flag changed, its password hash and the other accounts kept."""
    with _locked(path):
        accounts = _entries(path)
        if name not in accounts:
            raise BadInputError(f"{path}: no account named {name!r}")
        entry = accounts[name]
        entry["role"] = role or entry["role"]
        if disabled is not None:
            entry.pop("disabled", None)
            if disabled:
                entry["disabled"] = True
        _write(path, accounts)
    return Account(name, entry["role"], bool(entry.get("disabled")))


def _entries(path: Path) -> dict[str, dict]:
    return {name: {"role": a.role, "password": h, **({"disabled": True} if a.disabled else {})}
            for name, (a, h) in load_accounts(path).items()}


@contextmanager
def _locked(path: Path, timeout_s: float = 30):
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=timeout_s, mode=0o600)
    try:
        with lock:
            yield
    except Timeout:
        raise BadInputError(f"{path}: another command has held its lock for {timeout_s:.0f} s; try again") from None


def _write(path: Path, accounts: dict[str, dict]) -> None:
    header = "# review_app reviewer accounts (review-app accounts add NAME --role reviewer|admin)\n\n"
    body = tomli_w.dumps({"accounts": dict(sorted(accounts.items()))})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(header + body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _dummy_hash() -> str:
    # Checked against for unknown names, so they take as long as wrong passwords.
    return hash_password(secrets.token_hex(8))
