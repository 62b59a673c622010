"""Bring a database to the newest schema with Alembic (run on every Store open)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from ..errors import StorageError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return  # the common case: no lock taken, nothing to do
    if current is not None and not _known(script, current):
        raise StorageError(
            f"{engine.url.render_as_string(hide_password=True)}: its schema is at revision {current}, which this "
            f"review_app does not know (its newest is {head}): a newer review_app made it; upgrade review_app, "
            "or open a copy made before",
            "The database was made by a newer review_app than the server runs: the server needs an upgrade.")
    with engine.connect().execution_options(write=True) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
