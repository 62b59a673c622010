"""Exports from a real Store (SQLite and PostgreSQL) and through the command line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from review_app.cli import main
from review_app.export import ExportFilters
from review_app.ingest import read_document
from review_app.model import ORIGIN_SYSTEM, Candidate, Finding, Severity
from review_app.workflow import importing, review
from review_app.workflow.export import export_project, preview_export

from ..conftest import SEED
from .data import mlqe_rows
from .validate import tmx_problems

PROJECT = "mlqe"


def mlqe_tsv(n: int) -> bytes:
    lines = ["id\tsource\tmt"] + [f"{r['id']}\t{r['src']}\t{r['mt']}" for r in mlqe_rows()[:n]]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def reviewed(store):
    """20 MLQE-PE ro-en segments: 8 approved post-edits (one picked from a system), 2 sent back,
    1 rejected, 1 with an open major finding, the rest untouched MT."""
    doc, _ = importing.import_bytes(store, "mlqe-ro-en.tsv", mlqe_tsv(20), project=PROJECT,
                                   source_lang="ro", target_lang="en")
    segments = store.segments(doc.id)
    rows = mlqe_rows()
    (cand_id,) = store.add_candidates([Candidate(segments[0].id, ORIGIN_SYSTEM, rows[0]["pe"], system="nllb-600m")])
    review.save_correction(store, segments[0].id, rows[0]["pe"], reviewer="ana", based_on_version=0,
                             candidate_id=cand_id)
    for s in segments[1:8]:
        review.save_correction(store, s.id, rows[s.position]["pe"], reviewer="ana", based_on_version=0)
    for s in segments[8:10]:
        review.save_correction(store, s.id, rows[s.position]["pe"], reviewer="ion", based_on_version=0,
                                 status="needs_work")
    review.save_correction(store, segments[10].id, rows[10]["mt"], reviewer="ion", based_on_version=0,
                             status="rejected")
    finding = Finding("terminology", Severity.MAJOR, 0, 5, "wrong term for IA", segment_id=segments[11].id)
    store.replace_findings(doc.id, {segments[11].id: [finding]}, {})
    return store, doc


def test_approved_only_tmx_has_reviewers_times_and_origins(reviewed, tmp_path):
    store, doc = reviewed
    report = export_project(store, PROJECT, "tmx", tmp_path / "pe.tmx", ExportFilters(approved_only=True))
    assert (report.considered, report.exported, report.removed["not_approved"].count) == (20, 8, 11)
    data = Path(report.outputs[0]).read_bytes()
    assert tmx_problems(data) == []
    units = etree.fromstring(data).findall("body/tu")
    props = [{p.get("type"): p.text for p in tu.findall("prop")} for tu in units]
    assert props[0]["x-origin"] == ORIGIN_SYSTEM and props[0]["x-system"] == "nllb-600m"
    assert {p["x-origin"] for p in props[1:]} == {"reviewer"} and {p["x-reviewer"] for p in props} == {"ana"}
    assert all(p["x-status"] == "approved" and p["x-time"].endswith("Z") for p in props)
    assert [tu.findall("tuv")[1].find("seg").text for tu in units] == [r["pe"] for r in mlqe_rows()[:8]]


def test_findings_filter_and_provenance(reviewed, tmp_path):
    store, doc = reviewed
    kept = export_project(store, PROJECT, "jsonl", tmp_path / "all.jsonl")
    records = [json.loads(line) for line in Path(kept.outputs[0]).read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in records}
    assert by_id[f"{doc.id}-12"]["provenance"]["findings"] == ["terminology:major"]
    assert f"{doc.id}-11" not in by_id  # the rejected one
    assert kept.removed["rejected"].count == 1 and kept.exported == 19
    dropped = export_project(store, PROJECT, "jsonl", tmp_path / "clean.jsonl",
                             ExportFilters(drop_severity=Severity.MAJOR))
    assert dropped.removed["open_findings"].count == 1 and dropped.exported == 18


def test_preview_reports_what_the_export_does(reviewed, tmp_path):
    store, _ = reviewed
    filters = ExportFilters(approved_only=True)
    preview = preview_export(store, PROJECT, "tsv", filters, examples=3)
    done = export_project(store, PROJECT, "tsv", tmp_path / "x.tsv", filters)
    assert preview.dry_run and not preview.outputs and not (tmp_path / "y.tsv").exists()
    assert (preview.exported, {k: v.count for k, v in preview.removed.items()}) == (
        done.exported, {k: v.count for k, v in done.removed.items()})
    assert [e["target"] for e in preview.kept_examples] == [r["pe"] for r in mlqe_rows()[:3]]


def test_seed_exports_as_corrected_text_and_post_edit_pairs(store, tmp_path):
    doc, _ = importing.import_file(store, SEED, project="demo")
    segments = store.segments(doc.id)
    he_said = next(s for s in segments if s.mt.startswith("He said"))
    fixed = "The State Department said" + he_said.mt[len("He said"):]
    review.save_correction(store, he_said.id, fixed, reviewer="mina", based_on_version=0)
    text = export_project(store, "demo", "text", tmp_path / "seed.txt")
    lines = Path(text.outputs[0]).read_text(encoding="utf-8").splitlines()
    furniture = sum(s.excluded for s in segments)
    assert furniture and text.removed["excluded"].count == furniture
    assert fixed in lines and he_said.mt not in lines
    assert not any(line.startswith(("Leave a Comment", "Related Articles")) for line in lines)
    ape = export_project(store, "demo", "ape", tmp_path / "seed.ape.jsonl")
    (pair,) = [json.loads(line) for line in Path(ape.outputs[0]).read_text(encoding="utf-8").splitlines()]
    assert (pair["src"], pair["mt"], pair["pe"], pair["reviewer"]) == (None, he_said.mt, fixed, "mina")
    # Parallel formats carry MT -> correction pairs, the MT side tagged as machine output; an
    # unreviewed segment would pair its MT with itself, so only reviewed ones go.
    tmx = export_project(store, "demo", "tmx", tmp_path / "seed.tmx")
    assert tmx.exported == 1 and tmx.removed["no_source"].count == 0
    assert tmx.removed["not_reviewed"].count == len(segments) - furniture - 1
    written = Path(tmx.outputs[0]).read_text(encoding="utf-8")
    assert 'srclang="en-x-mt"' in written and fixed in written and he_said.mt in written
    pairs = read_document("seed.tmx", Path(tmx.outputs[0]).read_bytes(), "tmx")
    assert (pairs.source_lang, pairs.target_lang) == ("en-x-mt", "en")
    assert any((s.source, s.mt) == (he_said.mt, fixed) for s in pairs.segments)


def test_command_line_export(reviewed, db_url, tmp_path, capsys):
    out = tmp_path / "pe.xlf"
    code = main(["export", "--format", "xliff", "--out", str(out), "--db", db_url, "--project", PROJECT,
                 "--approved-only"])
    printed = capsys.readouterr()
    assert code == 0 and printed.out.startswith("8 of 20 segments exported as xliff")
    assert "removed 11: not approved by a reviewer" in printed.out and "exporting xliff" in printed.err
    report = json.loads(Path(f"{out}.report.json").read_text(encoding="utf-8"))
    assert report["exported"] == 8 and report["filters"]["approved_only"] is True
    code = main(["export", "--format", "moses", "--dry-run", "--report", "json", "--db", db_url,
                 "--project", PROJECT, "--max-ratio", "1.05"])
    dry = json.loads(capsys.readouterr().out)
    assert code == 0 and dry["dry_run"] and dry["removed"]["length_ratio"]["count"] > 0


@pytest.mark.parametrize("args,message", [
    (["--project", "nobody"], "project 'nobody' has no documents"),
    (["--project", PROJECT, "--document", "missing.tsv"], "no document 'missing.tsv' in project 'mlqe'"),
    (["--project", PROJECT, "--min-ratio", "0"], "--min-ratio must be above 0"),
])
def test_command_line_errors_are_one_line(reviewed, db_url, tmp_path, capsys, args, message):
    code = main(["export", "--format", "tmx", "--out", str(tmp_path / "x.tmx"), "--db", db_url, *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len([line for line in err if "error" in line]) == 1 and message in err[-1]
    assert not (tmp_path / "x.tmx").exists()
