"""The batch's parts on their own: cutting files into shards, duplicate buckets against the export
filter, planning problems, inputs by glob and URL, and the review sample's picking."""
from __future__ import annotations

import io
import json
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.batch import BatchOptions
from review_app.batch.dedup import KeyCollector, later_copies
from review_app.batch.files import locate
from review_app.batch.options import ModelSpec
from review_app.batch.plan import line_starts, make_plan
from review_app.batch.readers import iter_lines, read_pairs
from review_app.batch.translate import wants_gpu
from review_app.errors import BadInputError
from review_app.export import WRITERS
from review_app.export.filters import ExportFilters, ExportReport, FilterPipeline
from review_app.export.rows import ExportRow
from review_app.model import Finding, Severity
from review_app.scoring.risk import document_risks

from .conftest import corpus_options, read_parts, run
from .corpus import news_pairs

NEWS = news_pairs()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([b"", b"a", b"\xed\x95\x9c\xea\xb8\x80", b"two words", b"x\r"]), max_size=40),
       st.booleans(), st.lists(st.integers(min_value=1, max_value=400), max_size=8))
def test_every_line_lands_in_exactly_one_byte_range_shard(lines, final_newline, cuts):
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    bounds = sorted({0, *(c for c in cuts if c < len(data)), len(data)})
    read = [line for start, end in zip(bounds, bounds[1:]) for line in iter_lines(io.BytesIO(data), start, end)]
    expected = data.split(b"\n") if data else []
    if data.endswith(b"\n"):
        expected = expected[:-1]
    assert read == [x[:-1] if x.endswith(b"\r") else x for x in expected]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Hello, world.", "hello world", "HELLO WORLD!", "Bye."]),
                          st.sampled_from(["안녕, 세계.", "안녕 세계", "잘 가."])), max_size=60),
       st.integers(min_value=1, max_value=5), st.booleans(), st.booleans(), st.randoms())
def test_dedup_buckets_decide_as_the_export_filter_does(pairs, buckets, exact, near, rng):
    filters = ExportFilters(drop_duplicates=exact, drop_near_duplicates=near, drop_rejected=False)
    report = ExportReport("parquet", filters.to_dict())
    rows = [ExportRow(id=str(i), source=s, target=t, source_lang="en", target_lang="ko")
            for i, (s, t) in enumerate(pairs)]
    kept = {int(r.id) for r in FilterPipeline(filters, WRITERS["parquet"], report)(rows)}

    keys = KeyCollector(near=near)
    for i, (source, target) in enumerate(pairs):
        keys.add(i, source, target)
    table = keys.table(buckets)
    removed: dict[int, str] = {}
    for bucket in range(buckets):  # each bucket on its own, as the workers do it
        part = table.filter(np.asarray(table.column("bucket")) == bucket)
        shuffled = list(range(part.num_rows))
        rng.shuffle(shuffled)  # shards reach a bucket in any order: the corpus order must decide, not arrival
        part = part.take(pa.array(shuffled, pa.int64()))
        columns = [part.column(n).to_numpy() for n in ("order", "near_hi", "near_lo", "exact_hi", "exact_lo")]
        orders, names = later_copies(*columns, exact=exact, near=near)
        removed.update(zip(orders.tolist(), names))
    assert set(range(len(pairs))) - set(removed) == kept
    for name in ("duplicate", "near_duplicate"):
        expected = report.removed[name].count if name in report.removed else 0
        assert sum(1 for n in removed.values() if n == name) == expected


def test_moses_shards_hold_the_same_lines_on_both_sides(tmp_path):
    (tmp_path / "c.ko").write_text("".join(f"{s}\n" for s, _ in NEWS[:250]), encoding="utf-8")
    (tmp_path / "c.en").write_text("".join(f"{t}\n" for _, t in NEWS[:250]), encoding="utf-8")
    options = BatchOptions(inputs=(str(tmp_path / "c"),), out=str(tmp_path / "out"), source_lang="ko",
                           target_lang="en", shard_rows=60)
    plan = make_plan(options)
    assert [s.format for s in plan.shards] == ["moses"] * 5
    pairs = [(p.source, p.target) for shard in plan.shards for p in read_pairs(shard, {})]
    assert pairs == NEWS[:250]
    starts, lines = line_starts(locate(str(tmp_path / "c.ko")), 60)
    assert lines == 250 and len(starts) == 5


@pytest.mark.parametrize("files, message", [
    ({"c.ko": "하나\n둘\n", "c.en": "One\n"}, "c.ko has 2 lines but"),
    ({"u.tsv": "\ufeffsource\ttarget\n가\tA\n".encode("utf-16")}, "line 1: UTF-16 text"),
    ({"three.tsv": "가\tA\tx\n"}, "line 1: 3 fields and no header naming the target column"),
    ({"p.parquet": b"PAR1 not really"}, "not a readable Parquet file"),
])
def test_a_file_that_cannot_be_planned_is_a_failed_shard_with_a_one_line_reason(tmp_path, files, message):
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "good.tsv").write_text("source\ttarget\n가\tA good pair.\n", encoding="utf-8")
    options = BatchOptions(inputs=(str(tmp_path),), out=str(tmp_path / "out"), source_lang="ko", target_lang="en")
    result = run(options, workers=1)
    (failed,) = result.failed
    assert message in failed["error"] and "\n" not in failed["error"]
    assert [r["target"] for r in read_parts(tmp_path / "out" / "kept")] == ["A good pair."]


def test_inputs_by_glob_and_by_file_url(corpus, tmp_path):
    by_glob = make_plan(corpus_options(corpus, tmp_path / "a", inputs=(corpus.path("*_news.*"),)))
    by_url = make_plan(corpus_options(corpus, tmp_path / "b", inputs=(f"file://{corpus.folder}/*_news.*",)))
    names = [s.name for s in by_glob.shards]
    assert sorted(set(names)) == [corpus.path(n) for n in ("a_news.tsv", "b_news.jsonl", "c_news.ko")]
    assert [s.uri for s in by_url.shards] == [f"file://{s.uri}" for s in by_glob.shards]
    assert [(s.start, s.end) for s in by_url.shards] == [(s.start, s.end) for s in by_glob.shards]
    pairs = [(p.source, p.target) for s in by_url.shards for p in read_pairs(s, {}) if p.problem is None]
    assert pairs[:400] == NEWS[:400]


@pytest.mark.parametrize("spec, message", [
    ("missing.tsv", "missing.tsv: no such file or folder"),
    ("notes.txt", "notes.txt: not a corpus format"),
    ("*.nothing", "no file matches"),
])
def test_inputs_that_name_nothing_readable_are_refused_in_one_line(tmp_path, spec, message):
    (tmp_path / "notes.txt").write_text("not a corpus", encoding="utf-8")
    with pytest.raises(BadInputError, match=message):
        make_plan(BatchOptions(inputs=(str(tmp_path / spec),), out=str(tmp_path / "out")))


def test_translation_workers_hold_a_gpu_when_the_model_runs_on_one():
    spec = ModelSpec("some-model")
    assert wants_gpu(spec, gpus_in_cluster=2) and not wants_gpu(spec, gpus_in_cluster=0)
    assert wants_gpu(replace(spec, options={"device": "cuda"}), 0)
    assert not wants_gpu(replace(spec, options={"device": "cpu"}), 4)


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path):
    (tmp_path / "news.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in NEWS[:50]), encoding="utf-8")
    options = BatchOptions(inputs=(str(tmp_path),), out=str(tmp_path / "cleaned"))
    first = run(options, workers=1)
    assert first.report["exported"] == 50 and not first.report["ignored"]
    assert [s.name for s in make_plan(options).shards] == [str(tmp_path / "news.tsv")]
    assert run(options, workers=1).run["already_complete"]


def test_a_run_reads_and_writes_through_urls(tmp_path):
    (tmp_path / "news.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in NEWS[:80] + NEWS[:5]), encoding="utf-8")
    options = BatchOptions(inputs=(f"file://{tmp_path}/news.tsv",), out=f"file://{tmp_path}/out")
    result = run(options, workers=1)
    assert result.report["exported"] == 80 and result.report["removed"]["duplicate"]["count"] == 5
    assert len(read_parts(tmp_path / "out" / "kept")) == 80
    assert result.report["inputs"][0]["input"] == f"file://{tmp_path}/news.tsv"


def test_the_risk_is_the_review_queues_score_of_each_block_of_pairs(tmp_path):
    (tmp_path / "news.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in NEWS[:250]), encoding="utf-8")
    run(BatchOptions(inputs=(str(tmp_path / "news.tsv"),), out=str(tmp_path / "out"), source_lang="ko",
                     target_lang="en"), workers=1)
    rows = sorted(read_parts(tmp_path / "out" / "kept") + read_parts(tmp_path / "out" / "removed"),
                  key=lambda r: r["line"])
    assert [r["line"] for r in rows] == list(range(1, 251))
    assert len({r["risk"] for r in rows}) > 100  # a score per pair, not a few severity ranks
    for start in range(0, 250, BatchOptions.block_pairs):  # the checks' documents: 100 pairs from the shard's start
        block = rows[start:start + BatchOptions.block_pairs]
        findings = [[Finding(f["check"], Severity(f["severity"]), f["start"], f["end"], f["message"], f["suggestion"],
                             confidence=f["confidence"], side=f["side"]) for f in r["findings"]] for r in block]
        assert [r["risk"] for r in block] == document_risks([(r["source"], r["target"]) for r in block], findings)


def test_a_json_line_nested_too_deep_is_one_unreadable_line_and_the_rest_is_read(tmp_path):
    lines = [json.dumps({"src": s, "mt": t}, ensure_ascii=False) for s, t in NEWS[:20]]
    lines.insert(5, '{"src": ' + "[" * 100_000 + "]" * 100_000 + ', "mt": "x"}')  # Python's parser: RecursionError
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(BatchOptions(inputs=(str(tmp_path / "news.jsonl"),), out=str(tmp_path / "out")), workers=1)
    assert not result.failed and result.report["considered"] == 21
    (bad,) = [r for r in read_parts(tmp_path / "out" / "removed") if r["filter"] == "unreadable"]
    assert bad["line"] == 6 and bad["detail"] == "JSON nested 100,001 deep; a record is a flat object"
