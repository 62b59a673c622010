"""TSV, CSV, JSONL, Moses, Parquet, text and APE exports."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from review_app.errors import BadInputError
from review_app.export import ExportHeader, export_rows
from review_app.export.delimited import COLUMNS
from review_app.ingest import read_document

from .data import HEADER, mlqe_rows, news_rows, post_edit_rows

TRICKY = [  # real sentences with what breaks naive writers
    ("=SUM(A1:A9)", "+82 2 1234 5678"), ("-Kim Young-gyo reports.", "@VOA_Korea said"),
    ('He said, "Russia\tstill provides great income".', "line one\nline two\r\nback\\slash"),
]


def tricky_rows():
    base = news_rows(1)[0]
    return [replace(base, id=f"t{i}", source=s, target=t) for i, (s, t) in enumerate(TRICKY)]


def test_tsv_is_one_record_per_line_with_escapes_and_reads_back():
    out = io.BytesIO()
    export_rows(tricky_rows(), "tsv", out, header=HEADER)
    lines = out.getvalue().decode("utf-8").split("\n")[:-1]
    assert lines[0].split("\t") == list(COLUMNS)
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    assert lines[3].split("\t")[2] == "line one\\nline two\\r\\nback\\\\slash"
    doc = read_document("x.tsv", out.getvalue(), escapes=True, source_lang="ko", target_lang="en")
    assert [(s.source, s.mt) for s in doc.segments] == TRICKY


def test_csv_quotes_and_neutralises_formulas():
    out = io.BytesIO()
    export_rows(tricky_rows(), "csv", out, header=HEADER)
    assert out.getvalue().startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))
    assert [(r["source"], r["target"]) for r in rows] == [
        ("'=SUM(A1:A9)", "'+82 2 1234 5678"), ("'-Kim Young-gyo reports.", "'@VOA_Korea said"), TRICKY[2]]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_jsonl_carries_provenance():
    rows = [replace(news_rows(1)[0], findings=("attribution:major",), mt="He said the supercomputer ...")]
    out = io.BytesIO()
    export_rows(rows, "jsonl", out, header=HEADER)
    record = json.loads(out.getvalue())
    assert record["provenance"] == {"origin": "reviewer", "system": None, "reviewer": "mina",
                                    "time": "2026-11-27T09:30:00Z", "findings": ["attribution:major"],
                                    "mt": "He said the supercomputer ..."}
    assert (record["source_lang"], record["target_lang"], record["status"]) == ("ko", "en", "approved")


def test_moses_files_are_named_by_language_and_line_aligned(tmp_path):
    report = export_rows(post_edit_rows(30), "moses", tmp_path / "train", header=ExportHeader("ro", "en"))
    assert report.outputs == [f"{tmp_path / 'train'}.ro", f"{tmp_path / 'train'}.en"]
    ro, en = ((tmp_path / f"train.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("ro", "en"))
    assert ro == [r["src"] for r in mlqe_rows()[:30]] and en == [r["pe"] for r in mlqe_rows()[:30]]


@pytest.mark.parametrize("fmt", ["moses", "text"])
def test_line_breaks_would_break_alignment_so_they_are_filtered(fmt):
    out = io.BytesIO()
    report = export_rows(tricky_rows(), fmt, out, header=HEADER)
    assert report.exported == 2 and report.removed["unrepresentable"].examples[0]["detail"] == "U+000A in the target"


def test_parquet_reads_in_pandas_and_datasets(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    rows = post_edit_rows(25)
    report = export_rows(rows, "parquet", tmp_path / "pe.parquet", header=ExportHeader("ro", "en"))
    import pandas as pd
    from datasets import load_dataset

    frame = pd.read_parquet(report.outputs[0])
    assert list(frame.columns[:2]) == ["id", "translation"] and len(frame) == 25
    data = load_dataset("parquet", data_files=report.outputs[0], split="train", cache_dir=str(tmp_path / "cache"))
    assert data[0]["translation"] == {"ro": rows[0].source, "en": rows[0].target}
    assert data.features["translation"].keys() == {"ro", "en"}
    assert data[3]["original_mt"] == mlqe_rows()[3]["mt"]


def test_parquet_needs_two_different_languages():
    with pytest.raises(BadInputError, match="source and target are both en-US"):
        export_rows(news_rows(1), "parquet", io.BytesIO(), header=ExportHeader("en-US", "en-us"))


def test_ape_pairs_machine_translation_with_the_post_edit_and_skips_unreviewed():
    rows = post_edit_rows(10)
    rows[4] = replace(rows[4], reviewed=False, status="new")
    out = io.BytesIO()
    report = export_rows(rows, "ape", out, header=ExportHeader("ro", "en"))
    records = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    assert report.removed["not_reviewed"].count == 1 and len(records) == 9
    assert (records[0]["src"], records[0]["mt"], records[0]["pe"]) == (
        mlqe_rows()[0]["src"], mlqe_rows()[0]["mt"], mlqe_rows()[0]["pe"])


def test_text_is_the_target_side_only():
    rows = [replace(r, source=None) for r in news_rows(5)]
    out = io.BytesIO()
    export_rows(rows, "text", out, header=HEADER)
    assert out.getvalue().decode("utf-8").splitlines() == [r.target for r in rows]
