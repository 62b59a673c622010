"""Sign-in sessions that survive a reload and a new tab, and the sign-in throttle.

A session is a signed, expiring token (HMAC-SHA256 with a server key) that the browser keeps
in an HttpOnly cookie; the server checks it on every script run:

- the signature and the expiry;
- that it was not revoked (sign-out writes its id to the revocation list);
- for an account: that the account still exists in the accounts file, is not disabled, and
  still has the password the token was issued under (the token carries a keyed fingerprint of
  the password hash, so a password change ends every session of that account at once).

Without accounts the same kind of token carries the reviewer's typed name, so it survives a
reload too. No password and no token ever goes into a URL or a log line: the page hands the
browser a one-time code (:func:`grant`) that the browser trades for the cookie in a POST.

The key is 32 random bytes in a file readable by its owner only, beside the accounts file
(else beside the SQLite database, else in ~/.review_app); a key file others can read is
refused, since whoever reads it can sign any token. The revocation list is a JSON file beside
the key. The throttle slows guessing per account and per client: after a few failures each
further one doubles the wait, and every failure is logged (the name tried and the client,
never the password).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from . import auth, settings
from .auth import Account
from .errors import BadInputError

log = logging.getLogger(__name__)

COOKIE = "review_app_session"
ACCOUNT, NAME = "account", "name"  # what a token stands for: a signed-in account, or a typed reviewer name
NAME_TOKEN_DAYS = 30
GRANT_SECONDS = 60


@dataclass(frozen=True)
class Identity:
    """Who a verified token says is working."""

    kind: str  # ACCOUNT or NAME
    name: str
    expires: int
    account: Account | None = None


# -- the key ---------------------------------------------------------------------


def key_file(db_url: str | None = None) -> Path:
    """The ``session_key_file`` setting, else beside the accounts file, else beside the SQLite
    database, else in the home folder."""
    chosen = settings.get("session_key_file")
    if chosen:
        return Path(chosen)
    accounts = auth.configured_file()
    if accounts is not None:
        return accounts.with_name(accounts.name + ".key")
    url = settings.database_url(db_url)
    if url.startswith("sqlite:///") and ":memory:" not in url:
        return Path(url[len("sqlite:///"):]).with_suffix(".session-key")
    return Path.home() / ".review_app" / "session.key"


_keys: dict[Path, bytes] = {}
_keys_lock = threading.Lock()


def server_key(path: Path | None = None) -> bytes:
    """The signing key, created on first use (0600); a key file others can read is refused."""
    path = (path or key_file()).resolve()
    with _keys_lock:
        if path not in _keys:
            _keys[path] = _read_or_create_key(path)
        return _keys[path]


def _read_or_create_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BadInputError(f"{path}: other users can read or write the session key: run chmod 600 {path}")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 64:
        raise BadInputError(f"{path}: not a session key (delete it and a new one is made; everyone signs in again)")
    return bytes.fromhex(key)


def forget_keys() -> None:
    """Drop the keys read so far (tests that move the key file)."""
    with _keys_lock:
        _keys.clear()


# -- tokens ----------------------------------------------------------------------


def issue_for_account(account: Account, password_hash: str, *, now: float | None = None) -> str:
    hours = settings.get("session_hours")
    return _sign({"kind": ACCOUNT, "sub": account.name, "pwd": _fingerprint(password_hash)}, hours * 3600, now)


def issue_for_name(name: str, *, now: float | None = None) -> str:
    return _sign({"kind": NAME, "sub": name}, NAME_TOKEN_DAYS * 86400, now)


def _sign(claims: dict, lifetime_s: int, now: float | None) -> str:
    issued = int(now if now is not None else time.time())
    payload = {**claims, "iat": issued, "exp": issued + lifetime_s, "jti": secrets.token_hex(12)}
    body = _b64(json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode())
    return f"{body}.{_b64(_mac(body.encode()))}"


def verify(token: str | None, *, now: float | None = None) -> Identity | None:
    """The identity a token stands for, or None if it is forged, altered, expired, revoked, or
    names an account that is gone, disabled, or has a new password."""
    payload = _payload(token)
    if payload is None:
        return None
    if payload.get("exp", 0) <= (now if now is not None else time.time()) or _revoked(payload.get("jti", "")):
        return None
    name, kind = payload.get("sub"), payload.get("kind")
    if not isinstance(name, str):
        return None
    accounts_path = auth.configured_file()
    if kind == NAME:
        # A typed name counts only while the app runs without accounts.
        return Identity(NAME, name, payload["exp"]) if accounts_path is None else None
    if kind != ACCOUNT or accounts_path is None:
        return None
    found = auth.load_accounts(accounts_path).get(name)
    if found is None or found[0].disabled or not hmac.compare_digest(payload.get("pwd", ""), _fingerprint(found[1])):
        return None
    return Identity(ACCOUNT, name, payload["exp"], found[0])


def _payload(token: str | None) -> dict | None:
    if not token or not isinstance(token, str) or len(token) > 4096 or token.count(".") != 1:
        return None
    body, mac = token.split(".")
    try:
        if not hmac.compare_digest(_unb64(mac), _mac(body.encode())):
            return None
        payload = json.loads(_unb64(body))
    except (ValueError, UnicodeError):
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("jti"), str) else None


def _mac(data: bytes) -> bytes:
    return hmac.new(server_key(), data, hashlib.sha256).digest()


def _fingerprint(password_hash: str) -> str:
    return hmac.new(server_key(), b"password:" + password_hash.encode(), hashlib.sha256).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# -- revocation ------------------------------------------------------------------


def revoke(token: str | None) -> None:
    """End a session now (sign-out). Ids are kept until the token would have expired anyway."""
    payload = _payload(token)
    if payload is None:
        return
    path = _revocations_file()
    with FileLock(str(path) + ".lock", mode=0o600):
        revoked = _read_revocations(path)
        now = time.time()
        revoked = {jti: exp for jti, exp in revoked.items() if exp > now}
        revoked[payload["jti"]] = int(payload.get("exp", now))
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(revoked, fh)
        os.replace(tmp, path)
    _revocation_cache.clear()


def _revocations_file() -> Path:
    key = key_file()
    return key.with_name(key.name + ".revoked")


_revocation_cache: dict[tuple, dict] = {}


def _revoked(jti: str) -> bool:
    path = _revocations_file()
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    if stamp not in _revocation_cache:
        _revocation_cache.clear()
        _revocation_cache[stamp] = _read_revocations(path)
    return jti in _revocation_cache[stamp]


def _read_revocations(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeError):
        raise BadInputError(f"{path}: the session revocation list is damaged; delete it and the key beside it "
                            "(everyone then signs in again)") from None
    return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}


# -- one-time codes the browser trades for its cookie -------------------------------


_grants: dict[str, tuple[str, float]] = {}
_grants_lock = threading.Lock()


def grant(token: str) -> str:
    """A single-use code, good for a minute, that the cookie endpoint exchanges for ``token``:
    the page never has to hold the token itself."""
    code = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _grants_lock:
        for stale in [c for c, (_, at) in _grants.items() if now - at > GRANT_SECONDS]:
            del _grants[stale]
        _grants[code] = (token, now)
    return code


def redeem(code: str) -> str | None:
    with _grants_lock:
        found = _grants.pop(code, None)
    if found is None or time.monotonic() - found[1] > GRANT_SECONDS:
        return None
    return found[0]


# -- the sign-in throttle ----------------------------------------------------------


FREE_FAILURES = 3  # failures allowed before any wait
WINDOW_S = 15 * 60  # failures older than this are forgotten
MAX_WAIT_S = 15 * 60


class SignInThrottle:
    """Failed sign-ins per account name and per client; the wait grows with each failure."""

    def __init__(self) -> None:
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, name: str, client: str, now: float | None = None) -> float:
        """How long this name or this client must still wait before trying again (0: go ahead)."""
        now = now if now is not None else time.monotonic()
        with self._lock:
            return max(self._wait(f"account:{name.strip()}", now), self._wait(f"client:{client}", now))

    def failed(self, name: str, client: str, now: float | None = None) -> None:
        now = now if now is not None else time.monotonic()
        with self._lock:
            counts = []
            for key in (f"account:{name.strip()}", f"client:{client}"):
                recent = [t for t in self._failures.get(key, []) if now - t < WINDOW_S] + [now]
                self._failures[key] = recent[-64:]
                counts.append(len(recent))
        log.warning("sign-in failed for account %r from client %s (%d failures for the account, %d from the "
                    "client in %d min)", name.strip()[:200], client, counts[0], counts[1], WINDOW_S // 60)

    def succeeded(self, name: str, client: str) -> None:
        with self._lock:
            self._failures.pop(f"account:{name.strip()}", None)
            self._failures.pop(f"client:{client}", None)

    def _wait(self, key: str, now: float) -> float:
        recent = [t for t in self._failures.get(key, []) if now - t < WINDOW_S]
        if len(recent) < FREE_FAILURES:
            return 0.0
        wait = min(MAX_WAIT_S, 2.0 ** (len(recent) - FREE_FAILURES))
        return max(0.0, recent[-1] + wait - now)


THROTTLE = SignInThrottle()  # one per server process, shared by every browser session


def sign_in(name: str, password: str, client: str) -> tuple[Account | None, str | None, float]:
    """(account, token, 0) on success; (None, None, wait) when refused, ``wait`` the seconds
    to wait before the next try (0 for a plain wrong password under the free failures)."""
    wait = THROTTLE.wait_seconds(name, client)
    if wait > 0:
        log.warning("sign-in refused for account %r from client %s: throttled for %.0f s more",
                    name.strip()[:200], client, wait)
        return None, None, wait
    path = auth.configured_file()
    account = auth.authenticate(path, name, password) if path is not None else None
    if account is None:
        THROTTLE.failed(name, client)
        return None, None, THROTTLE.wait_seconds(name, client)
    THROTTLE.succeeded(name, client)
    password_hash = auth.load_accounts(path)[account.name][1]
    return account, issue_for_account(account, password_hash), 0.0


__all__ = ["COOKIE", "Identity", "SignInThrottle", "THROTTLE", "grant", "issue_for_account", "issue_for_name",
           "redeem", "revoke", "server_key", "sign_in", "verify"]
