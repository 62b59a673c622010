"""Issue 18's "eleven ways to get a traceback" that come in through a file, and issue 17 #1's
hostile files, on SQLite and on a real PostgreSQL server.

Before (each reproduced on main): a JSONL "\\u0000" ended in psycopg's DataError on PostgreSQL; a
lone surrogate "\\ud800" in UnicodeEncodeError; a JSON array 100,000 deep in RecursionError and a
5,000-digit integer in ValueError; a tuid or id over 200 characters, an xml:lang over 35, a project
name of 250 in StringDataRightTruncation on PostgreSQL (and were kept on SQLite); a TMX whose
xml:lang is "fr/../../dir/x" was imported and its Moses export wrote outside the export folder.
After: one line naming the file and the place, nothing stored, on both databases.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from review_app.cli import main
from review_app.storage import Store

from ..ingest.test_bad_input import run_cli

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="{src}" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu tuid="{tuid}"><tuv xml:lang="{src}"><seg>국무부가 말했다.</seg></tuv>
<tuv xml:lang="{tgt}"><seg>He said.</seg></tuv></tu></body></tmx>
"""


def assert_one_line(db_url, args, *fragments):
    code, _, err = run_cli(*args, "--db", db_url)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert sum(p.documents for p in Store(db_url).list_projects()) == 0
    return lines[0]


def _jsonl(tmp_path, *records, raw: str | None = None):
    path = tmp_path / "hostile.jsonl"
    path.write_text(raw if raw is not None else "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("text, problem", [("He said\u0000.", "NUL"), ("He said \ud800.", "lone surrogate")])
def test_jsonl_text_no_database_stores_is_one_line(tmp_path, db_url, text, problem):
    path = _jsonl(tmp_path, {"mt": "The State Department said."}, {"mt": text})
    assert_one_line(db_url, ["import", path], "hostile.jsonl", "line 2", problem)


def test_a_json_array_100000_deep_is_one_line(tmp_path, db_url):
    path = _jsonl(tmp_path, raw='{"mt": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    assert_one_line(db_url, ["import", path], "hostile.jsonl", "line 1", "nested 100,001 deep")


def test_a_5000_digit_integer_is_kept_as_its_digits(tmp_path, db_url):
    digits = "7" * 5_000
    path = _jsonl(tmp_path, raw=f'{{"id": {digits[:150]}, "mt": {digits}}}\n')
    code, _, err = run_cli("import", path, "--db", db_url, "--no-checks")
    assert code == 0, err
    store = Store(db_url)
    (segment,) = store.segments(store.list_documents("default")[0].document.id)
    assert segment.mt == digits and segment.external_id == digits[:150]


@pytest.mark.parametrize("field, value, label", [("id", "x" * 201, "the id is 201 characters"),
                                                 ("mt", "w" * 20_001, "the MT is 20,001 characters")])
def test_over_long_fields_are_one_line_on_both_databases(tmp_path, db_url, field, value, label):
    path = _jsonl(tmp_path, {"mt": "He said.", field: value} if field != "mt" else {"mt": value})
    assert_one_line(db_url, ["import", path], "hostile.jsonl", "line 1", label)


def test_a_tmx_tuid_over_200_characters_is_one_line(tmp_path, db_url):
    path = tmp_path / "long-tuid.tmx"
    path.write_text(TMX.format(src="ko", tgt="en", tuid="t" * 250), encoding="utf-8")
    assert_one_line(db_url, ["import", path], "long-tuid.tmx", "segment 1", "the id is 250 characters")


@pytest.mark.parametrize("lang", ["fr/../../dir/x", "k" * 36, "english"])
def test_a_language_that_is_no_bcp47_tag_is_refused_before_it_reaches_a_path(tmp_path, db_url, lang):
    path = tmp_path / "paths.tmx"
    path.write_text(TMX.format(src="ko", tgt=lang, tuid="1"), encoding="utf-8")
    assert_one_line(db_url, ["import", path], "paths.tmx", "not a language tag")


def test_an_export_language_option_cannot_point_outside_the_folder(tmp_path, db_url):
    text = tmp_path / "seed.txt"
    text.write_text("The State Department said on the 5th that it had imposed sanctions.\n", encoding="utf-8")
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("src\tmt\n국무부가 말했다.\tThe State Department said.\n", encoding="utf-8")
    assert run_cli("import", tsv, "--db", db_url, "--no-checks")[0] == 0
    out = tmp_path / "export" / "corpus"
    out.parent.mkdir()
    code, _, err = run_cli("export", "--format", "moses", "--out", out, "--db", db_url,
                           "--source-lang", "fr/../../escaped", "--target-lang", "en")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a language tag" in err, err
    assert not list(tmp_path.rglob("escaped*")) and list(out.parent.iterdir()) == []


def test_a_project_name_over_200_characters_is_one_line_on_both_databases(tmp_path, db_url):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("mt\nHe said.\n", encoding="utf-8")
    assert_one_line(db_url, ["import", tsv, "--project", "p" * 250], "project name", "at most 200")


def test_rtl_overrides_and_zero_width_characters_are_imported_faithfully(tmp_path, db_url):
    text = "He said \u202etxet desrever\u202c and\u200b the\u200d State\ufeff Department."
    path = _jsonl(tmp_path, {"mt": text, "id": "\u202eevil"})
    assert run_cli("import", path, "--db", db_url, "--no-checks")[0] == 0
    store = Store(db_url)
    (segment,) = store.segments(store.list_documents("default")[0].document.id)
    assert segment.mt == text and segment.external_id == "\u202eevil"


def test_concurrent_imports_of_one_file_store_it_once_and_all_succeed(tmp_path, db_url):
    tsv = tmp_path / "same.tsv"
    tsv.write_text("src\tmt\n" + "".join(f"국무부 {i}\tHe said {i}.\n" for i in range(3000)), encoding="utf-8")
    Store(db_url).close()  # migrated once, before the race
    procs = [subprocess.Popen([sys.executable, "-m", "review_app.cli", "import", str(tsv), "--db", db_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    assert sum("imported: document" in out for _, out, _ in results) == 1
    assert sum("already imported" in out for _, out, _ in results) == 3
    (summary,) = Store(db_url).list_documents("default")
    assert summary.segments == 3000


@pytest.mark.parametrize("samples, message", [("0", "at least 2"), ("-5", "at least 2"), ("1", "at least 2"),
                                              ("1000000000", "at most 100,000")])
def test_score_samples_out_of_range_is_one_line(tmp_path, capsys, samples, message):
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("The State Department said.\nThe Treasury Department added.\n", encoding="utf-8")
    hyp.write_text("He said.\nHe added.\n", encoding="utf-8")
    code = main(["score", "--ref", str(ref), "--sys", f"a={hyp}", "--sys", f"b={ref}", "--paired-bs",
                 "--samples", samples])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and message in err and "Traceback" not in err, err
