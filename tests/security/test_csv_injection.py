"""Formula cells in CSV exports (issue 17 #1, issue 18 minor): every character a spreadsheet
starts a formula with, ASCII, full-width or small, after spaces too, comes out as text.

Before: "=", "+", "-", "@", tab and CR were neutralised, but ";" (a formula separator in some
locales), the full-width "＝ ＋ － ＠ ；" and " =..." (spaces first) were not, and the scoring
CSV wrote system names as given."""
from __future__ import annotations

import csv
import io
import json

import pytest

from review_app.cli import main
from review_app.workflow import importing

PAYLOADS = ["=HYPERLINK(\"http://x.invalid\",\"click\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", ";=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(A1)",
            "；=1+1", "   =1+1", "﹢1+1", "﹣1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_formula_start_is_neutralised_in_the_csv_export(store, tmp_path, payload):
    record = {"source": payload + " (source)", "mt": payload + " (MT)", "id": payload}
    importing.import_bytes(store, "cells.jsonl", (json.dumps(record) + "\n").encode(), project="csv", checks=False)
    out = tmp_path / "cells.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--db", store.url, "--project", "csv"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    for column in ("source", "target", "original_mt"):
        assert row[column].startswith("'" + payload), (column, row[column])


def test_system_names_in_the_scoring_csv_are_neutralised(tmp_path, capsys):
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("The State Department said.\n", encoding="utf-8")
    hyp.write_text("He said.\n", encoding="utf-8")
    assert main(["score", "--ref", str(ref), "--sys", f"@cmd|'/C calc'!A0={hyp}", "--format", "csv", "--no-ci"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["system"].startswith("'@") for r in rows)
    assert all(not r["score"].startswith("'") for r in rows)  # numbers stay numbers
