"""``review-app batch`` as a user runs it: the report, the review sample in a real database with the
batch's findings on its segments, and one-line errors."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from review_app.batch.sample import pick_sample
from review_app.cli import main
from review_app.model import risk_rank
from review_app.storage import Store

from ..e2e.conftest import review_app_command
from .conftest import read_parts


def batch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*review_app_command(), "batch", *args], capture_output=True, text=True)


def test_batch_imports_the_riskiest_kept_pairs_with_their_findings_into_a_review_project(corpus, tmp_path, db_url):
    out = tmp_path / "out"
    done = batch(corpus.path("a_news.tsv"), corpus.path("b_news.jsonl"), "--out", str(out), "--source-lang", "ko",
                 "--target-lang", "en", "--workers", "2", "--review-sample", "25", "--project", "news-sample",
                 "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert "kept " in done.stdout and "removed 100: exact duplicate of an earlier pair" in done.stdout
    assert "review sample: imported" in done.stderr

    kept = read_parts(out / "kept")
    riskiest = sorted(kept, key=lambda r: -r["risk"])[:25]
    store = Store(db_url)
    documents = [d.document for d in store.list_documents("news-sample")]
    assert {d.name for d in documents} == {f"{name} (batch sample, riskiest)" for name in ("a_news.tsv", "b_news.jsonl")}
    segments = [s for d in documents for s in store.iter_segments(d.id)]
    assert len(segments) == 25
    assert sorted((s.risk_score for s in segments), reverse=True) == [r["risk"] for r in riskiest]
    assert min(s.risk_score for s in segments) >= max(r["risk"] for r in kept if r not in riskiest)
    by_pair = {(r["source"], r["target"]): r for r in kept}
    flagged = 0
    for segment in segments:
        row = by_pair[(segment.source, segment.mt)]
        assert segment.external_id == str(row["line"])
        stored = [(f.check, f.severity.value, f.start, f.end, f.message, f.confidence, f.side)
                  for f in store.findings(segment.id)]
        assert sorted(stored, key=repr) == sorted(((f["check"], f["severity"], f["start"], f["end"], f["message"],
                                                   f["confidence"], f["side"]) for f in row["findings"]), key=repr)
        assert segment.risk == risk_rank(store.findings(segment.id))
        flagged += bool(stored)
        repairs = {c.text for c in store.candidates(segment.id) if c.origin.startswith("rule:")}
        assert repairs == {f["suggestion"] for f in row["findings"] if f["suggestion"]}
    assert flagged >= 10  # the riskiest pairs of 700 news sentences do have findings
    store.close()

    again = batch(corpus.path("a_news.tsv"), corpus.path("b_news.jsonl"), "--out", str(out), "--source-lang", "ko",
                  "--target-lang", "en", "--review-sample", "25", "--project", "news-sample", "--db", db_url)
    assert again.returncode == 0 and "already complete" in again.stdout
    assert "already imported" in again.stderr
    store = Store(db_url)
    assert len(store.list_documents("news-sample")) == 2
    store.close()


def test_a_stratified_sample_takes_every_check_in_turn(corpus, tmp_path):
    out = tmp_path / "out"
    assert main(["batch", corpus.path("a_news.tsv"), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    report = json.loads((out / "report.json").read_text())
    checks = sorted(report["kept_findings"])
    assert len(checks) >= 2
    sample = pick_sample(str(out), 2 * (len(checks) + 1), "stratified")
    strata = [p.stratum for p in sample]
    assert sorted(set(strata)) == sorted(checks + ["none"])
    for pair in sample:
        names = {f["check"] for f in pair.findings}
        assert pair.stratum in names or (pair.stratum == "none" and not names)
    assert pick_sample(str(out), 10, "stratified") == pick_sample(str(out), 10, "stratified")  # a fixed sample


@pytest.mark.parametrize("args, message", [
    (["--checks", "numbers,nonsense"], "--checks: unknown check 'nonsense'"),
    (["--address", "127.0.0.1:1"], "--address is for --engine ray"),
    (["--review-sample", "0"], "--review-sample must be at least 1"),
    (["--max-ratio", "0"], "--max-ratio must be above 0"),
    (["--source-lang", "ko/../x"], "--source-lang: 'ko/../x' is not a language tag"),
])
def test_bad_options_end_in_one_line(corpus, tmp_path, args, message):
    done = batch(corpus.path("a_news.tsv"), "--out", str(tmp_path / "out"), *args)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1
    assert lines[0].startswith("review-app batch: error: ") and message in lines[0]


def test_a_failed_shard_makes_the_command_fail_after_writing_the_rest(corpus, tmp_path):
    done = batch(str(corpus.folder), "--out", str(tmp_path / "out"), "--source-lang", "ko", "--target-lang", "en",
                 "--no-progress", "--report", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert [Path(f["input"]).name for f in report["failed"]] == [corpus.broken]
    assert "1 shard(s) failed" in done.stderr.splitlines()[-1]
    assert report["failed"][0]["error"] in done.stderr  # said as it happened, too
    assert report["exported"] == len(read_parts(tmp_path / "out" / "kept")) > 0


def test_an_output_folder_that_cannot_be_written_ends_in_one_line(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = batch(corpus.path("a_news.tsv"), "--out", str(blocker / "out"), "--no-progress")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1
    assert lines[0].startswith(f"review-app batch: error: {blocker / 'out'}: ")
