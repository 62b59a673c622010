"""A full disk (a file size limit, as `ulimit -f` sets) and a read-only database file during
import, save and export (issue 17 #5, issue 18's OperationalError on a full disk).

Before: a full disk during a save was an OperationalError traceback; export wrote its report
straight under its final name. After: one line naming the database (or the file), nothing half
written, and the database opens and works afterwards.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from review_app.storage import Store
from review_app.workflow import importing, review

from ..conftest import SEED
from .helpers import cli, one_line_error, python

SAVE = """
import sys
from review_app import workflow
from review_app.workflow import review
store = workflow.open_store(sys.argv[1])
segment = store.segment(int(sys.argv[2]))
review.save_correction(store, segment.id, sys.argv[3], reviewer="ana", based_on_version=segment.version)
"""


def _big_tsv(path: Path, rows: int = 20_000) -> Path:
    path.write_text("src\tmt\n" + "".join(f"국무부 {i}\tHe said {i} things about the sanctions.\n"
                                          for i in range(rows)), encoding="utf-8")
    return path


@pytest.fixture
def seeded(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    store = Store(url)
    doc, _ = importing.import_file(store, SEED, project="demo")
    store.close()  # checkpoints the WAL: the database is one file again
    return url, tmp_path / "review.db", doc


def _largest_file(folder: Path) -> int:
    return max(p.stat().st_size for p in folder.iterdir() if p.is_file())


def _still_works(url: str, doc) -> None:
    store = Store(url)
    assert doc.name in [d.document.name for d in store.list_documents("demo")]
    segment = store.segments(doc.id)[0]
    review.save_correction(store, segment.id, segment.mt + " (checked)", reviewer="ana",
                           based_on_version=segment.version)
    store.close()


@pytest.mark.parametrize("rows, where", [(4_000, "database"), (20_000, "temporary file")])
def test_a_full_disk_during_import_is_one_line_and_stores_nothing(seeded, tmp_path, rows, where):
    url, db, doc = seeded
    result = cli("import", _big_tsv(tmp_path / "big.tsv", rows), "--db", url, "--project", "demo",
                 fsize=_largest_file(db.parent) + 64_000)
    line = one_line_error(result)
    if where == "database":  # the write-ahead log cannot grow
        assert str(db) in line and "nothing was written" in line
    else:  # more than one chunk: the spool of checked chunks cannot grow
        assert "temporary file could not be written" in line
    _still_works(url, doc)


def test_a_full_disk_during_a_save_is_one_line_and_the_version_is_unchanged(seeded):
    url, db, doc = seeded
    segment = Store(url).segments(doc.id)[5]
    # Room for the 32 KB shared-memory index, not for the log pages of a long correction.
    text = "The State Department said " + "that the sanctions work and " * 2_000
    result = python(SAVE, url, segment.id, text, fsize=40_000)
    assert result.returncode != 0 and "StorageError" in result.stderr and "disk" in result.stderr.splitlines()[-1]
    after = Store(url).segment(segment.id)
    assert after.version == segment.version and after.corrected is None
    _still_works(url, doc)


def test_a_full_disk_during_export_leaves_no_file_under_the_final_name(seeded, tmp_path):
    url, _, doc = seeded
    store = Store(url)
    importing.import_file(store, _big_tsv(tmp_path / "big.tsv", 2_000), project="demo", checks=False)
    store.close()
    out = tmp_path / "out" / "corpus.tsv"
    out.parent.mkdir()
    line = one_line_error(cli("export", "--format", "text", "--out", out, "--db", url, "--project", "demo",
                              fsize=40_000))
    assert "File too large" in line and "corpus" in line
    assert list(out.parent.iterdir()) == []  # neither corpus.tsv, nor its report, nor a .partial
    _still_works(url, doc)


@pytest.fixture
def read_only(seeded):
    url, db, doc = seeded
    os.chmod(db, 0o444)
    yield url, db, doc
    os.chmod(db, 0o644)


def test_a_read_only_database_refuses_import_and_save_in_one_line_and_still_exports(read_only, tmp_path):
    url, db, doc = read_only
    line = one_line_error(cli("import", _big_tsv(tmp_path / "big.tsv", 10), "--db", url, unprivileged=True))
    assert str(db) in line and "read-only" in line
    segment = Store(url).segments(doc.id)[3]
    result = python(SAVE, url, segment.id, "The State Department said so.", unprivileged=True)
    assert result.returncode != 0 and "read-only" in result.stderr.splitlines()[-1]
    out = tmp_path / "corpus.txt"
    exported = cli("export", "--format", "text", "--out", out, "--db", url, "--project", "demo", unprivileged=True)
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").count("\n") > 20
