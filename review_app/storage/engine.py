"""Connecting to the database: one engine per URL, with SQLite set up for many
readers and one writer at a time (WAL, foreign keys, busy timeout, writers that
take the lock up front) and PostgreSQL with a checked connection pool."""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, make_url


def make_engine(url: str, busy_timeout_ms: int) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred and late).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # Writers take the lock up front: a deferred transaction that later
            # upgrades to a write can deadlock with another writer and fail at once.
            mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def display_url(url: str) -> str:
    """The URL without its password: what a message may show."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 -- a URL too broken to parse is shown as given
        return url


def describe_failure(url: str, exc: BaseException) -> tuple[str, str]:
    """One line for a driver error (which database, what happened, what to do), and the same
    without the database's name, address or the driver's words (for the browser)."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = reason.lower()
    where = display_url(url)
    for words, advice in _ADVICE:
        if any(w in lowered for w in words):
            return f"{where}: {advice} ({reason})", f"The database failed: {advice}."
    return f"{where}: database error: {reason}", "The database failed; the server's log has the details."


_ADVICE = (
    (("disk is full", "database or disk is full", "file too large", "no space left"),
     "the disk is full (or a file size limit was reached): nothing was written; free space and try again"),
    (("readonly database", "read-only"), "the database is read-only: nothing was written; make the file and its "
     "folder writable by this user"),
    (("file is not a database", "malformed", "not a database"), "not a SQLite database, or a damaged one: restore "
     "it from a backup, or move it aside to start a new one"),
    (("unable to open database file",), "cannot open the database file: check that its folder exists and that "
     "this user may write there"),
    (("connection refused", "could not connect", "server closed the connection", "connection is closed",
      "terminating connection", "the database system is", "consuming input failed", "no connection to the server",
      "connection timeout", "timeout expired"),
     "the database server does not answer: start it (the app reconnects by itself once it is back)"),
    (("database is locked",), "another writer held the database too long: try again"),
    (("disk i/o error",), "the disk failed to read or write (full, or gone): nothing was written"),
)
