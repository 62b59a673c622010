"""Every kind of bad input ends with one line naming the file and the place, and imports nothing."""
from __future__ import annotations

import codecs
import json

import pytest

from review_app.cli import main
from review_app.storage import Store

from ..conftest import SEED


def run_cli(*args) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(map(str, args)))
    return code, out.getvalue(), err.getvalue()


def assert_refused(db_url, args, *fragments):
    code, _, err = run_cli("import", *args, "--db", db_url)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert sum(p.documents for p in Store(db_url).list_projects()) == 0


@pytest.fixture
def url(sqlite_url):
    return sqlite_url


def test_empty_file(tmp_path, url):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"\n  \n")
    assert_refused(url, [path], "empty.txt", "empty")


def test_binary_file(tmp_path, url):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_refused(url, [path], "photo.txt", "byte 8", "binary")


def test_undecodable_bytes_name_line_and_byte(tmp_path, url):
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line is fine.\nThe café is closed.\n".encode("latin-1"))
    assert_refused(url, [path], "latin1.txt", "line 2", "byte 27", "UTF-8")


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf8_and_utf16_with_bom_import(tmp_path, url, bom, codec):
    path = tmp_path / "seed.txt"
    path.write_bytes(bom + SEED.read_text(encoding="utf-8").encode(codec))
    code, out, err = run_cli("import", path, "--db", url)
    assert code == 0, err
    assert "37 segments" in out
    store = Store(url)
    (doc,) = [d.document for d in store.list_documents()]
    assert store.segments(doc.id)[3].mt.startswith("North Korean workers are still working")


def test_aligned_files_with_different_line_counts(tmp_path, url):
    src = tmp_path / "a.ko"
    mt = tmp_path / "a.en"
    src.write_text("하나\n둘\n셋\n넷\n", encoding="utf-8")
    mt.write_text("one\ntwo\n\nfour\nfive\n", encoding="utf-8")
    assert_refused(url, ["--source", src, "--mt", mt], "a.ko has 4 lines", "a.en has 5", "line 3")


def test_tsv_row_with_wrong_number_of_fields(tmp_path, url):
    path = tmp_path / "pairs.tsv"
    path.write_text("id\tsource\tmt\n1\t하나\tone\n2\t둘\ttwo\textra\n", encoding="utf-8")
    assert_refused(url, [path], "pairs.tsv", "line 3", "4 fields", "header has 3")


def test_csv_without_mt_column(tmp_path, url):
    path = tmp_path / "pairs.csv"
    path.write_text("src,tgt\n하나,one\n", encoding="utf-8")
    assert_refused(url, [path], "pairs.csv", "line 1", "no MT column")


def test_jsonl_bad_line(tmp_path, url):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"source": "하나", "mt": "one"}) + "\n{broken\n", encoding="utf-8")
    assert_refused(url, [path], "pairs.jsonl", "line 2", "column 2")


def test_file_over_the_size_limit(tmp_path, url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_MAX_IMPORT_BYTES", "1000")
    assert_refused(url, [SEED], SEED.name, "over the import limit of 1,000 bytes")


def test_missing_file(tmp_path, url):
    assert_refused(url, [tmp_path / "nope.txt"], "nope.txt", "no such file")


def test_bad_database_url_is_one_line():
    code, _, err = run_cli("projects", "--db", "sqlite:////nonexistent/dir/x.db")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "database error" in err


def test_parallel_formats_import_with_column_mapping(tmp_path, url):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("key\tsrc_text\tsystem_out\tref\n7\t국무부가 말했다.\tHe said.\tThe State Department said.\n",
                   encoding="utf-8")
    code, out, err = run_cli("import", tsv, "--db", url, "--columns", "id=key,mt=system_out,reference=ref",
                             "--source-lang", "ko")
    assert code == 0, err
    store = Store(url)
    (summary,) = store.list_documents()
    (seg,) = store.segments(summary.document.id)
    assert (seg.external_id, seg.source, seg.mt, seg.reference, seg.source_lang) == (
        "7", "국무부가 말했다.", "He said.", "The State Department said.", "ko")


def test_a_pipe_is_read_like_a_file(tmp_path, url):
    import os
    import threading

    fifo = tmp_path / "piped.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SEED.read_bytes()))
    writer.start()
    code, out, err = run_cli("import", fifo, "--db", url)
    writer.join()
    assert code == 0, err
    assert "37 segments" in out
