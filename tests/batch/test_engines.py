"""The batch engine end to end on a planted corpus of every format: against the export's own
one-process filter, Ray (a real cluster, its own process) against local workers, bad input,
a crash half-way and the rerun that resumes it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from review_app.batch import dedup, finish, run_batch
from review_app.batch.engines import run_job
from review_app.batch.report import filter_names
from review_app.errors import BadInputError
from review_app.export import WRITERS
from review_app.export.filters import ExportFilters, ExportReport, FilterPipeline
from review_app.export.rows import ExportRow
from review_app.model import Severity

from ..e2e.conftest import review_app_command
from .conftest import corpus_options, read_parts, run
from .corpus import news_pairs

FILTERS = ExportFilters(max_ratio=4.0, drop_severity=Severity.MAJOR, drop_rejected=False)


def one_process_export(pairs, filters: ExportFilters) -> tuple[list[tuple[str, str]], ExportReport]:
    """The export's own filter over the pairs in corpus order, in this process: the reference."""
    report = ExportReport(format="parquet", filters=filters.to_dict())
    rows = [ExportRow(id=str(i), source=s, target=t, source_lang="xx", target_lang="yy")
            for i, (s, t) in enumerate(pairs)]
    kept = [(r.source, r.target) for r in FilterPipeline(filters, WRITERS["parquet"], report)(rows)]
    return kept, report


def test_local_engine_keeps_what_the_export_filter_keeps_in_one_process(corpus, tmp_path):
    filters = ExportFilters(max_ratio=4.0, drop_rejected=False)
    result = run(corpus_options(corpus, tmp_path / "out", filters=filters))
    expected, reference = one_process_export(corpus.pairs, filters)
    kept = [(r["source"], r["target"]) for r in read_parts(tmp_path / "out" / "kept")]
    assert kept == expected  # the same pairs in the same order: duplicates found across every shard and file
    removed = result.report["removed"]
    for name in ("duplicate", "near_duplicate", "length_ratio"):
        assert removed[name]["count"] == reference.removed[name].count, name
    assert reference.removed["duplicate"].count > 200 and reference.removed["near_duplicate"].count >= 10
    assert removed["unreadable"]["count"] == len(corpus.unreadable)
    assert removed["excluded"]["count"] == len(corpus.excluded)
    assert result.report["considered"] == len(corpus.pairs) + len(corpus.unreadable) + len(corpus.excluded)
    assert result.report["exported"] == len(expected)


def test_ray_cluster_and_local_workers_write_the_same_kept_removed_and_report(corpus, tmp_path, ray_cluster):
    local = run(corpus_options(corpus, tmp_path / "local", filters=FILTERS), "local", workers=2)
    ray = run(corpus_options(corpus, tmp_path / "ray", filters=FILTERS), "ray", workers=2,
              address=ray_cluster.address)
    assert ray.run["engine"] == "ray" and ray.run["address"] == ray_cluster.address
    assert (tmp_path / "ray" / "report.json").read_bytes() == (tmp_path / "local" / "report.json").read_bytes()
    for kind in ("kept", "removed"):
        names = sorted(p.name for p in (tmp_path / "local" / kind).iterdir())
        assert names == sorted(p.name for p in (tmp_path / "ray" / kind).iterdir())
        assert read_parts(tmp_path / "ray" / kind) == read_parts(tmp_path / "local" / kind)
    report = local.report
    assert report["removed"]["open_findings"]["count"] > 0  # findings and risk take part, and agree
    assert report["kept_findings"] and len(report["kept_risk"]) >= 3  # a spread of estimated chances
    assert sum(report["kept_risk"].values()) == report["exported"]
    assert len(read_parts(tmp_path / "local" / "kept")) == report["exported"]


def test_bad_input_is_reported_with_shard_and_line_and_the_other_shards_go_on(corpus, tmp_path):
    result = run(corpus_options(corpus, tmp_path / "out"))
    (failed,) = result.failed
    broken_line = next(n for n, line in enumerate(Path(corpus.path(corpus.broken)).read_text().splitlines(), 1)
                       if "cut off" in line)
    assert failed["input"].endswith(corpus.broken)
    assert failed["error"].startswith(f"shard {failed['shard']}: {corpus.path(corpus.broken)}: line {broken_line}")
    assert "malformed XML" in failed["error"] and "\n" not in failed["error"]
    removed = read_parts(tmp_path / "out" / "removed")
    unreadable = {(Path(r["input"]).name, r["line"]) for r in removed if r["filter"] == "unreadable"}
    assert unreadable == set(corpus.unreadable)
    assert all(r["detail"] for r in removed if r["filter"] == "unreadable")
    excluded = {(Path(r["input"]).name, r["line"]) for r in removed if r["filter"] == "excluded"}
    assert excluded == set(corpus.excluded)
    every_input = {Path(r["input"]).name for r in read_parts(tmp_path / "out" / "kept")}
    assert every_input == {"a_news.tsv", "b_news.jsonl", "c_news.ko", "d_ted.parquet", "e_ted.tmx", "g_short.tsv"}
    assert (tmp_path / "out" / ".work").is_dir()  # kept, so a rerun retries the failed shard only
    assert result.report["ignored"] == [corpus.path("README.md")]


def test_lines_in_the_output_are_the_lines_of_the_input_files(corpus, tmp_path):
    run(corpus_options(corpus, tmp_path / "out"))
    tsv = Path(corpus.path("a_news.tsv")).read_text(encoding="utf-8").splitlines()
    jsonl = Path(corpus.path("b_news.jsonl")).read_text(encoding="utf-8").splitlines()
    rows = read_parts(tmp_path / "out" / "kept") + read_parts(tmp_path / "out" / "removed")
    checked = 0
    for row in rows:
        name = Path(row["input"]).name
        if name == "a_news.tsv":
            assert tsv[row["line"] - 1] == f"{row['source']}\t{row['target']}"
            checked += 1
        elif name == "b_news.jsonl" and row.get("filter") != "unreadable":
            assert json.loads(jsonl[row["line"] - 1]) == {"src": row["source"], "mt": row["target"]}
            checked += 1
    assert checked == 400 + 300


def test_a_rerun_after_a_crash_skips_the_finished_shards_and_gives_the_same_result(tmp_path):
    pairs = news_pairs()
    corpus_file = tmp_path / "news.tsv"
    corpus_file.write_text("".join(f"{s}\t{t} ({round_})\n" for round_ in range(6) for s, t in pairs),
                           encoding="utf-8")
    command = [*review_app_command(), "batch", str(corpus_file), "--workers", "1", "--shard-mb", "0.02",
               "--no-progress"]
    crashed = tmp_path / "crashed"
    proc = subprocess.Popen([*command, "--out", str(crashed)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list((crashed / ".work" / "checked").glob("*.json"))) < 4 and time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, as a crash would
    proc.wait()
    assert not (crashed / "report.json").exists()
    for part in crashed.rglob("*.parquet"):  # whatever carries a final name is whole
        pq.read_table(part)
    for record in crashed.rglob("*.json"):
        json.loads(record.read_text())
    done_before = len(list((crashed / ".work" / "checked").glob("*.json")))

    subprocess.run([*command, "--out", str(crashed)], check=True, capture_output=True)
    subprocess.run([*command, "--out", str(tmp_path / "clean")], check=True, capture_output=True)
    resumed = json.loads((crashed / "run.json").read_text())
    assert resumed["stages"]["check"]["skipped"] >= done_before >= 4
    assert resumed["stages"]["check"]["skipped"] < resumed["stages"]["check"]["jobs"]
    assert (crashed / "report.json").read_bytes() == (tmp_path / "clean" / "report.json").read_bytes()
    for kind in ("kept", "removed"):
        assert read_parts(crashed / kind) == read_parts(tmp_path / "clean" / kind)
    assert not list(crashed.rglob("*.partial")) and not (crashed / ".work").exists()


def test_a_finished_run_is_not_redone_and_a_folder_holding_another_run_is_refused(corpus, tmp_path):
    options = corpus_options(corpus, tmp_path / "out", inputs=(corpus.path("a_news.tsv"),))
    first = run(options)
    again = run(options)
    assert again.run["already_complete"] and again.report == first.report
    other = corpus_options(corpus, tmp_path / "out", inputs=(corpus.path("a_news.tsv"),),
                           filters=ExportFilters(min_length=20))
    with pytest.raises(BadInputError, match="holds a batch run of other inputs or settings"):
        run(other)


def test_only_the_chosen_checks_run_and_the_report_names_every_filter(corpus, tmp_path):
    options = corpus_options(corpus, tmp_path / "out", inputs=(corpus.path("a_news.tsv"),), checks=("numbers",),
                             filters=ExportFilters(min_length=30))
    result = run(options, workers=1)
    assert set(result.report["findings"]) == {"numbers"}
    assert list(result.report["removed"]) == filter_names(options)
    assert result.report["removed"]["too_short"]["count"] > 0
    assert all(e["detail"].startswith(("target has", "source has")) for e in
               result.report["removed"]["too_short"]["examples"])


class InProcess:
    """The stages run one job after another in this process (so a test can shrink their chunk sizes)."""

    name, workers, address, dashboard = "in-process", 1, None, None

    def map(self, stage, jobs):
        return (run_job(stage, job) for job in jobs)

    def pairs_done(self) -> int:
        return 0


def test_shards_stream_through_in_chunks_with_the_same_result(corpus, tmp_path, monkeypatch):
    whole = run(corpus_options(corpus, tmp_path / "whole", filters=FILTERS))
    # Tiny chunks: every shard's keys are written in several chunks and its rows finished in many batches.
    monkeypatch.setattr(dedup, "KEY_CHUNK", 7)
    monkeypatch.setattr(finish, "BATCH_ROWS", 5)
    chunked = run_batch(corpus_options(corpus, tmp_path / "chunked", filters=FILTERS), InProcess(), progress=False)
    assert chunked.report == whole.report
    for kind in ("kept", "removed"):
        assert read_parts(tmp_path / "chunked" / kind) == read_parts(tmp_path / "whole" / kind)
