"""Shared fixtures: a Store on a real SQLite file and on a real PostgreSQL server."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from review_app.storage import Store

from .pg_server import PostgresServer

# Tiny real models (session fixtures) for the candidate and workflow tests.
pytest_plugins = ["tests.model_fixtures", "tests.browser_fixtures"]

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_2200bcb4e5cf4e2f.txt"
_db_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _sessions_isolated(tmp_path, monkeypatch):
    """Each test signs sessions with a key of its own and starts with an empty sign-in throttle."""
    from review_app import sessions

    monkeypatch.setenv("REVIEW_APP_SESSION_KEY_FILE", str(tmp_path / "session.key"))
    monkeypatch.setattr(sessions, "THROTTLE", sessions.SignInThrottle())


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}"


@pytest.fixture
def postgres_url(postgres) -> str:
    return postgres.create_database(f"t{next(_db_numbers)}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """A fresh, empty database URL, once per backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()
