"""review-app check and review-app glossary, as a user types them."""
from __future__ import annotations

import json

from review_app.cli import main

from ..conftest import DATA, SEED


def test_check_a_file_as_jsonl(capsys):
    assert main(["check", str(SEED), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 13
    he = [r for r in rows if r["check"] == "attribution" and r["text"][r["start"]:r["end"]] == "He"]
    assert [r["segment"] for r in he] == [18, 21, 23, 26, 29]
    assert set(rows[0]) >= {"document", "segment", "text", "check", "severity", "start", "end", "message",
                            "suggestion", "side"}
    assert {r["side"] for r in rows} == {"target"}  # the seed has no source to point into


def test_check_a_file_as_text_with_some_checks(capsys):
    assert main(["check", str(SEED), "--checks", "name_variant"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("000_2200bcb4e5cf4e2f.txt:32: minor name_variant:")
    assert "-> This is Kim Young-gyo from VOA News." in out


def test_check_a_project_stores_the_results(db_url, capsys):
    assert main(["import", str(SEED), "--db", db_url, "--project", "news"]) == 0
    assert main(["glossary", "import", str(DATA / "attribution" / "kim.tsv"), "--db", db_url, "--project", "news"]) == 0
    capsys.readouterr()
    assert main(["check", "news", "--db", db_url, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    glossary = [r for r in rows if r["check"] == "glossary"]
    assert [(r["segment"], r["suggestion"]) for r in glossary] == [(32, "This is Kim Young-gyo from VOA News.")]
    assert main(["segments", "000_2200bcb4e5cf4e2f.txt", "--db", db_url, "--project", "news", "--queue",
                 "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("21\t")  # the riskiest: the longest sentence with major findings


def test_eval_prints_precision_and_recall(capsys):
    assert main(["check", "--eval", str(DATA / "attribution" / "labels.tsv")]) == 0
    out = capsys.readouterr().out
    assert "attribution: precision" in out and "recall" in out


def test_glossary_show_falls_back_to_the_starter(tmp_path, capsys):
    assert main(["glossary", "show", "--db", f"sqlite:///{tmp_path / 'g.db'}", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {"wrong": "Ministry of Finance", "right": "Treasury Department"}.items() <= entries[2].items()


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "terms.tsv"
    bad.write_text("wrong\tright\nOffice of Overseas Assets Control\n", encoding="utf-8")
    assert main(["glossary", "import", str(bad), "--db", f"sqlite:///{tmp_path / 'g.db'}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"review-app glossary: error: {bad}: line 2: column 2 (right form) is empty"
    assert main(["check", "--checks", "nonsense", str(tmp_path / "terms.tsv")]) == 2
    assert main(["check", "no-such-project", "--db", f"sqlite:///{tmp_path / 'g.db'}"]) == 2
