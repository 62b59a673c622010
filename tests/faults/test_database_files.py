"""A corrupt SQLite file, a database stamped by a newer review_app, and an old database at
migration 0001 (issue 17 #5, issue 18's DatabaseError and alembic CommandError).

Before: a corrupt file gave a DatabaseError traceback from projects, segments, export and serve
(only OperationalError was caught); a newer revision an alembic CommandError traceback.
After: one line naming the database and saying what to do; the old database is upgraded with
every row intact.
"""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from review_app.storage import Store
from review_app.storage.migrate import alembic_config
from review_app.workflow import importing

from ..conftest import SEED
from .helpers import cli, one_line_error


@pytest.mark.parametrize("args", [["projects"], ["segments", "1"], ["documents"],
                                  ["export", "--format", "tsv", "--out", "OUT"], ["serve", "--port", "1"]])
def test_a_corrupt_sqlite_file_is_one_line_naming_it(tmp_path, args):
    db = tmp_path / "review.db"
    db.write_bytes(b"This is not a database; a disk ate it. " * 200)
    args = [str(tmp_path / "out.tsv") if a == "OUT" else a for a in args]
    line = one_line_error(cli(*args, "--db", f"sqlite:///{db}"))
    assert str(db) in line and "not a SQLite database, or a damaged one" in line and "backup" in line


def test_a_sqlite_file_damaged_after_its_header_is_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    store = Store(url)
    importing.import_file(store, SEED, project="demo")
    store.close()  # checkpointed: every row is in the main file
    raw = bytearray((tmp_path / "review.db").read_bytes())
    raw[4096:len(raw)] = b"\xff" * (len(raw) - 4096)  # every page after the first
    (tmp_path / "review.db").write_bytes(bytes(raw))
    line = one_line_error(cli("segments", "1", "--db", url, "--project", "demo"))
    assert str(tmp_path / "review.db") in line


def test_a_database_from_a_newer_review_app_is_one_line(db_url):
    Store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    line = one_line_error(cli("projects", "--db", db_url))
    assert "0099_from_the_future" in line and "newer review_app" in line


def test_an_old_database_at_migration_0001_is_upgraded_with_its_data(db_url):
    engine = create_engine(db_url)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO projects (id, name) VALUES (1, 'demo')"))
        conn.execute(text("INSERT INTO documents (id, project_id, name, format, source_lang, target_lang, sha256, meta) "
                          "VALUES (1, 1, 'seed.txt', 'text', 'ko', 'en', 'abc', '{}')"))
        conn.execute(text("INSERT INTO segments (id, document_id, position, paragraph, mt, excluded, status, version, "
                          "corrected, risk) VALUES (1, 1, 0, 0, 'He also explained.', false, 'approved', 1, "
                          "'The State Department also explained.', 99)"))
        conn.execute(text("INSERT INTO candidates (id, segment_id, origin, text, provenance) "
                          "VALUES (1, 1, 'mt', 'He also explained.', '{}')"))
        conn.execute(text("INSERT INTO corrections (id, segment_id, version, based_on_version, text, status, reviewer) "
                          "VALUES (1, 1, 1, 0, 'The State Department also explained.', 'approved', 'ana')"))
        conn.execute(text("INSERT INTO annotations (id, segment_id, correction_id, span_start, span_end, category, "
                          "severity, reviewer) VALUES (1, 1, 1, 0, 2, 'Accuracy/Mistranslation', 'major', 'ana')"))
    engine.dispose()

    store = Store(db_url)  # upgrades to the newest revision
    (summary,) = store.list_documents("demo")
    assert (summary.document.name, summary.reviewed, summary.approved) == ("seed.txt", 1, 1)
    segment = store.segment(1)
    assert segment.text == "The State Department also explained." and segment.version == 1
    assert [(c.reviewer, c.text) for c in store.history(1)] == [("ana", "The State Department also explained.")]
    (annotation,) = store.annotations(1)
    assert (annotation.category, annotation.side) == ("Accuracy/Mistranslation", "target")
    assert [c.text for c in store.candidates(1)] == ["He also explained."]
