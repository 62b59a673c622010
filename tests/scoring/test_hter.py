"""HTER against MLQE-PE's published values, from files and from a project's corrections."""
from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import TER

from review_app import workflow
from review_app.cli import main
from review_app.workflow import importing, review
from review_app.workflow.scoring import project_hter

from .data import mlqe_rows, write_lines


@pytest.mark.parametrize("lp", ["ro-en", "ru-en"])
def test_sentence_level_hter_reproduces_mlqe_pe(lp, tmp_path, capsys):
    rows = mlqe_rows(lp)
    mt = write_lines(tmp_path / "mt.txt", [r["mt"] for r in rows])
    pe = write_lines(tmp_path / "pe.txt", [r["pe"] for r in rows])
    assert main(["hter", "--mt", str(mt), "--pe", str(pe), "--sentence-level"]) == 0
    ours = [float(v) for v in capsys.readouterr().out.split()]
    assert len(ours) == len(rows) == 1000
    close = sum(abs(a - float(r["hter"])) <= 1e-4 for a, r in zip(ours, rows))
    assert close / len(rows) >= 0.995


def test_document_hter_is_corpus_ter_capped(tmp_path, capsys):
    rows = mlqe_rows("ru-en")
    mt, pe = [r["mt"] for r in rows], [r["pe"] for r in rows]
    assert main(["hter", "--mt", str(write_lines(tmp_path / "mt", mt)), "--pe",
                 str(write_lines(tmp_path / "pe", pe)), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = min(1.0, TER(case_sensitive=False).corpus_score(mt, [pe]).score / 100)
    assert data["hter"] == pytest.approx(expected, abs=1e-12)
    assert data["mean"] == pytest.approx(sum(float(r["hter"]) for r in rows) / len(rows), abs=1e-4)
    assert data["segments"] == 1000 and "case:lc" in data["signature"]


def test_project_hter_compares_mt_with_the_latest_corrections(db_url, tmp_path, capsys):
    rows = mlqe_rows("ro-en")[:40]
    store = workflow.open_store(db_url)
    doc, _ = importing.import_aligned(
        store, mt=write_lines(tmp_path / "mt.en", [r["mt"] for r in rows]),
        source=write_lines(tmp_path / "src.ro", [r["src"] for r in rows]), project="pe", source_lang="ro",
    )
    segments = store.segments(doc.id)
    # A first, rough correction is superseded: HTER must use the latest one.
    review.save_correction(store, segments[0].id, rows[1]["pe"], reviewer="ana", based_on_version=0)
    for seg, row in zip(segments[:30], rows):
        current = store.segment(seg.id).version
        review.save_correction(store, seg.id, row["pe"], reviewer="ana", based_on_version=current)
    (result,) = project_hter(store, "pe")
    assert (result.corrected, result.segments) == (30, 40)
    for ours, row in zip(result.result.sentences, rows):
        assert ours == pytest.approx(float(row["hter"]), abs=1e-4)
    assert main(["hter", "--project", "pe", "--db", db_url]) == 0
    assert f"HTER {result.result.hter:.4f}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "mt_lines, pe_lines, expected",
    [
        (3, 2, "line 3: "),  # the first line one file lacks
        (2, 3, "has 2 lines but"),
    ],
)
def test_files_of_different_lengths_are_one_line_errors(mt_lines, pe_lines, expected, tmp_path, capsys):
    rows = mlqe_rows("ro-en")
    mt = write_lines(tmp_path / "mt.txt", [r["mt"] for r in rows[:mt_lines]])
    pe = write_lines(tmp_path / "pe.txt", [r["pe"] for r in rows[:pe_lines]])
    assert main(["hter", "--mt", str(mt), "--pe", str(pe)]) == 2
    err = capsys.readouterr().err
    assert expected in err and f"{mt_lines} lines" in err and f"has {pe_lines}" in err
    assert len(err.strip().splitlines()) == 1


def test_an_empty_post_edit_line_is_refused(tmp_path, capsys):
    rows = mlqe_rows("ro-en")[:3]
    mt = write_lines(tmp_path / "mt.txt", [r["mt"] for r in rows])
    pe = write_lines(tmp_path / "pe.txt", [rows[0]["pe"], "", rows[2]["pe"]])
    assert main(["hter", "--mt", str(mt), "--pe", str(pe)]) == 2
    err = capsys.readouterr().err
    assert "pe.txt: line 2: empty" in err and len(err.strip().splitlines()) == 1
