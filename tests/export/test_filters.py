"""Each filter removes what it should, and the report says how many and which."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest

from review_app.export import ExportFilters, ExportHeader, export_rows
from review_app.export.filters import normalise
from review_app.model import Severity

from .data import HEADER, news_rows, post_edit_rows


def run(rows, filters=ExportFilters(), fmt="jsonl", header=HEADER):
    return export_rows(rows, fmt, io.BytesIO(), header=header, filters=filters)


def counts(report):
    return {name: r.count for name, r in report.removed.items() if r.count}


def test_exact_and_near_duplicates_are_told_apart():
    rows = news_rows(10)
    copy = replace(rows[2], id="dup")
    near = replace(rows[3], id="near", target=rows[3].target.upper().replace(",", " ,"))
    report = run(rows + [copy, near])
    assert counts(report) == {"duplicate": 1, "near_duplicate": 1}
    assert [e["id"] for e in report.removed["duplicate"].examples] == ["dup"]
    assert report.removed["near_duplicate"].examples[0]["target"] == near.target[:200] + "…"  # examples are cut


def test_duplicates_can_be_kept():
    rows = news_rows(5)
    report = run(rows + rows, ExportFilters(drop_duplicates=False, drop_near_duplicates=False))
    assert report.exported == 10 and "duplicate" not in report.removed


def test_normalisation_ignores_case_width_spacing_and_punctuation():
    assert normalise("ＶＯＡ  Korea, reports!") == normalise("voa korea reports") == b"voakoreareports"
    assert normalise("미국 국무부는 「말했다」、 “말했다”.") == "미국국무부는말했다말했다".encode()
    assert normalise("¿Qué? ¡Sí! «oui» – naïve") == "quésíouinaïve".encode()


def test_length_ratio_bounds():
    rows = news_rows(20)
    ratios = sorted(len(r.target) / len(r.source) for r in rows)
    low, high = ratios[2], ratios[-3]  # bounds from the data: two below, two above
    report = run(rows, ExportFilters(min_ratio=low, max_ratio=high))
    assert counts(report) == {"length_ratio": 4}
    assert all(e["detail"].startswith("ratio ") for e in report.removed["length_ratio"].examples)


def test_minimum_length_on_either_side():
    rows = post_edit_rows(6)
    rows[1] = replace(rows[1], target="Da.")
    rows[2] = replace(rows[2], source="  ")
    report = run(rows, ExportFilters(min_length=4))
    assert report.removed["too_short"].count == 1 and report.removed["no_source"].count == 1
    assert report.removed["too_short"].examples[0]["detail"] == "target has 3 characters"


def test_open_findings_at_or_above_a_severity_unless_approved():
    rows = news_rows(4)
    rows[0] = replace(rows[0], status="new", risk=Severity.MAJOR.rank, findings=("attribution:major",))
    rows[1] = replace(rows[1], status="new", risk=Severity.MINOR.rank, findings=("spelling:minor",))
    rows[2] = replace(rows[2], status="approved", risk=Severity.CRITICAL.rank, findings=("name:critical",))
    report = run(rows, ExportFilters(drop_severity=Severity.MAJOR))
    assert counts(report) == {"open_findings": 1}
    assert report.removed["open_findings"].examples[0]["detail"] == "attribution:major"
    assert counts(run(rows, ExportFilters(drop_severity=Severity.MINOR))) == {"open_findings": 2}


def test_status_filters():
    rows = news_rows(6)
    rows[0] = replace(rows[0], status="rejected")
    rows[1] = replace(rows[1], status="needs_work")
    rows[2] = replace(rows[2], status="new", reviewed=False)
    rows[3] = replace(rows[3], excluded="byline")
    assert counts(run(rows)) == {"rejected": 1, "excluded": 1}
    assert counts(run(rows, ExportFilters(approved_only=True))) == {"rejected": 1, "excluded": 1, "not_approved": 2}
    kept = run(rows, ExportFilters(drop_rejected=False, drop_excluded=False))
    assert kept.exported == 6


def test_a_segment_is_counted_once_under_the_first_filter():
    row = replace(news_rows(1)[0], status="rejected", excluded="page title", target="")
    report = run([row], ExportFilters(approved_only=True, min_length=5))
    assert counts(report) == {"excluded": 1}


@pytest.mark.parametrize("fmt", ["tmx", "parquet", "text"])
def test_examples_are_capped_and_shortened(fmt):
    long = "미국 국무부는 " * 60
    rows = [replace(r, source=long, target=r.target * 3, id=f"x{i}", excluded="repeated title")
            for i, r in enumerate(news_rows(12))]
    report = run(rows, fmt=fmt, header=ExportHeader("ko", "en"))
    examples = report.removed["excluded"].examples
    assert report.removed["excluded"].count == 12 and len(examples) == 5
    assert all(len(e["source"] or "") <= 201 for e in examples)
