"""Neural metrics where they are used: leaderboards with the BLEU resampler, `score` and `qe`
on the command line, stored QE scores and rescoring after a correction, `models list`."""
from __future__ import annotations

import json

import numpy as np
import pytest
from sacrebleu.significance import _compute_p_value, estimate_ci

from review_app import workflow
from review_app.cli import main
from review_app.scoring.leaderboard import SegmentScores, leaderboard
from review_app.scoring.neural import load_scorer, qe_risk, qe_scores
from review_app.scoring.neural.base import NeuralSignature
from review_app.workflow import jobs, review
from review_app.workflow.neural import rescore_segment_neural, store_qe_scores
from review_app.workflow.scoring import import_mqm

from ..scoring.data import ted_rows, write_lines
from .conftest import ted_talk

SYSTEMS = ["Facebook-AI", "Nemo", "Online-W"]


def _segment_scores(by_system) -> SegmentScores:
    return SegmentScores("COMET", by_system, NeuralSignature("m", "r", "src,mt,ref", 512, True), True, 4)


def test_segment_means_go_through_the_same_bootstrap_draws_as_sacrebleu():
    sources, outputs = ted_talk()
    rng = np.random.default_rng(7)
    by_system = {s: rng.normal(0.8, 0.05, len(sources)).tolist() for s in SYSTEMS}
    board = leaderboard(outputs["ref"], {s: outputs[s] for s in SYSTEMS}, metrics=["bleu"], method="bs",
                        n_samples=500, jobs=1, segment_scores=[_segment_scores(by_system)])
    assert board.metrics == ("BLEU", "COMET")
    # sacrebleu's paired bootstrap, written out: the same seed, the same index draws, means of the drawn scores.
    draws = np.random.default_rng(12345).choice(len(sources), size=(500, len(sources)), replace=True)
    boot = {s: np.asarray(by_system[s])[draws].mean(1) for s in SYSTEMS}
    for system in SYSTEMS:
        cell = board.cell(system, "COMET")
        assert cell.score == pytest.approx(np.mean(by_system[system]), abs=1e-12)
        mean, ci = estimate_ci(boot[system])
        assert (cell.mean, cell.ci) == pytest.approx((mean, ci), abs=1e-12)
    diffs = np.abs(boot["Nemo"] - boot["Facebook-AI"])
    observed = abs(np.mean(by_system["Nemo"]) - np.mean(by_system["Facebook-AI"]))
    assert board.cell("Nemo", "COMET").p_value == pytest.approx(_compute_p_value(diffs - diffs.mean(), observed))
    assert "|bs:500|seed:12345|" in board.signatures["COMET"] and board.signatures["COMET"].startswith("nrefs:1|m")
    # BLEU is unchanged by the neural column beside it.
    alone = leaderboard(outputs["ref"], {s: outputs[s] for s in SYSTEMS}, metrics=["bleu"], method="bs",
                        n_samples=500, jobs=1)
    assert [c for c in board.cells if c.metric == "BLEU"] == list(alone.cells)


def test_approximate_randomization_of_segment_means_finds_a_real_difference():
    sources, outputs = ted_talk()
    rng = np.random.default_rng(3)
    base = rng.normal(0.8, 0.05, len(sources))
    # Nemo is better on every segment; Online-W has the same scores on other segments (the same mean).
    by_system = {"Facebook-AI": base.tolist(), "Nemo": (base + 0.02).tolist(), "Online-W": base[::-1].tolist()}
    board = leaderboard(outputs["ref"], {s: outputs[s] for s in SYSTEMS}, metrics=(), method="ar", n_samples=2000,
                        jobs=1, segment_scores=[_segment_scores(by_system)])
    assert board.metrics == ("COMET",)
    assert board.cell("Nemo", "COMET").significant is True
    assert board.cell("Online-W", "COMET").significant is False


def test_score_files_with_comet_and_metricx_from_the_command_line(comet22, metricx, tmp_path, capsys):
    sources, outputs = ted_talk()
    files = {name: write_lines(tmp_path / name, outputs[name]) for name in ["ref", *SYSTEMS[:2]]}
    src = write_lines(tmp_path / "src", sources)
    args = ["score", "--ref", str(files["ref"]), "--src", str(src), "--metrics", "chrf,comet,metricx",
            "--model", str(comet22), "--model", str(metricx), "--paired-bs", "--samples", "200",
            "--format", "json", "--device", "cpu"]
    args += [a for s in SYSTEMS[:2] for a in ("--sys", f"{s}={files[s]}")]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["signatures"]) == {"chrF2++", "COMET", "MetricX-24"}
    assert "model:tiny-metricx24" in data["signatures"]["MetricX-24"]
    comet = load_scorer("comet", str(comet22), device="cpu").score(sources, outputs["Nemo"], outputs["ref"])
    nemo = next(row for row in data["systems"] if row["system"] == "Nemo")
    assert nemo["COMET"]["score"] == pytest.approx(sum(comet) / len(comet), abs=1e-6)  # batches differ
    assert nemo["COMET"]["p_value"] is not None and 0 <= nemo["MetricX-24"]["score"] <= 25


def test_score_with_a_neural_metric_says_what_is_missing_in_one_line(comet22, cometkiwi, tmp_path, capsys):
    sources, outputs = ted_talk()
    ref = write_lines(tmp_path / "ref", outputs["ref"])
    nemo = write_lines(tmp_path / "nemo", outputs["Nemo"])
    base = ["score", "--ref", str(ref), "--sys", f"Nemo={nemo}"]
    assert main([*base, "--metrics", "comet", "--model", str(comet22)]) == 2
    assert capsys.readouterr().err.strip() == ("review-app score: error: --metrics comet reads the sources: "
                                               "give --src FILE (aligned with --ref)")
    short = write_lines(tmp_path / "src", sources[:-1])
    assert main([*base, "--metrics", "comet", "--model", str(comet22), "--src", str(short)]) == 2
    assert f"{short}: line {len(sources)}:" in capsys.readouterr().err
    src = write_lines(tmp_path / "src2", sources)
    assert main([*base, "--metrics", "comet", "--model", str(cometkiwi), "--src", str(src)]) == 2
    err = capsys.readouterr().err
    assert "a cometkiwi model, but --metrics asks for comet" in err and err.count("\n") == 1


def test_qe_prints_one_score_per_line_with_its_signature(metricx, cometkiwi, news, tmp_path, capsys):
    src = write_lines(tmp_path / "src", news["src"])
    mt = write_lines(tmp_path / "mt", news["mt"])
    assert main(["qe", "--src", str(src), "--mt", str(mt), "--model", str(metricx), "--device", "cpu"]) == 0
    out = capsys.readouterr()
    values = [float(v) for v in out.out.split()]
    assert values == pytest.approx(qe_scores(news["src"], news["mt"], str(metricx), device="cpu"), abs=1e-6)
    assert "MetricX-24-QE = " in out.err and "lower is better" in out.err and "nrefs:0|model:tiny-metricx24" in out.err
    assert main(["qe", "--src", str(src), "--mt", str(mt), "--model", str(cometkiwi), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metric"] == "CometKiwi" and data["higher_is_better"] and len(data["scores"]) == len(news["mt"])
    risks = qe_risk(news["src"], news["mt"], str(cometkiwi))
    assert risks == pytest.approx([min(1, max(0, 1 - v)) for v in data["scores"]], abs=1e-6)


def test_qe_refuses_a_reference_based_model(comet22, news, tmp_path, capsys):
    src = write_lines(tmp_path / "src", news["src"])
    assert main(["qe", "--src", str(src), "--mt", str(src), "--model", str(comet22)]) == 2
    assert "COMET-22 needs references" in capsys.readouterr().err


def _ted_project(store):
    rows = [r for r in ted_rows() if r.doc == "talk.3"]
    (doc,) = import_mqm(store, "ted", rows, source_lang="en", target_lang="de")
    return doc


def test_project_qe_scores_are_stored_with_their_signature_and_replaced_on_rerun(sqlite_url, metricx, capsys):
    store = workflow.open_store(sqlite_url)
    doc = _ted_project(store)
    assert main(["qe", "--project", "ted", "--db", sqlite_url, "--model", str(metricx)]) == 0
    assert "stored" in capsys.readouterr().out
    segment = store.segments(doc.id)[0]
    first = [s for s in store.scores(segment.id) if s.metric == "MetricX-24-QE"]
    candidates = store.candidates_for_document(doc.id)
    assert len(first) == sum(1 for pos, _ in candidates if pos == segment.position)
    assert {s.reference for s in first} == {"source"} and first[0].signature.startswith("nrefs:0|model:tiny-metricx24")
    assert store_qe_scores(store, "ted", str(metricx)) == len(candidates)
    again = [s for s in store.scores(segment.id) if s.metric == "MetricX-24-QE"]
    assert len(again) == len(first) and [s.value for s in again] == pytest.approx([s.value for s in first])


def test_a_correction_is_the_reference_when_rescoring_with_comet(sqlite_url, comet22):
    store = workflow.open_store(sqlite_url)
    doc = _ted_project(store)
    segment = store.segments(doc.id)[1]
    before = rescore_segment_neural(store, segment.id, "comet", str(comet22))
    assert {s.reference for s in before} == {"reference"}
    mt = next(c for _, c in store.candidates_for_document(doc.id) if c.segment_id == segment.id)
    review.save_correction(store, segment.id, mt.text, reviewer="ana", based_on_version=0)
    after = rescore_segment_neural(store, segment.id, "comet", str(comet22))
    assert {s.reference for s in after} == {f"correction:{store.latest_corrections(doc.id)[segment.id].id}"}
    stored = [s for s in store.scores(segment.id) if s.metric == "COMET"]
    assert len(stored) == len(after)  # replaced, not added
    scorer = load_scorer("comet", str(comet22))
    own = scorer.score([segment.source], [mt.text], [mt.text])[0]
    assert next(s.value for s in after if s.candidate_id == mt.id) == pytest.approx(own, abs=1e-6)


def test_a_save_rescores_with_comet_in_the_background_when_the_setting_asks(sqlite_url, comet22, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_RESCORE_NEURAL", "comet")
    monkeypatch.setenv("REVIEW_APP_COMET_MODEL", str(comet22))
    store = workflow.open_store(sqlite_url)
    doc = _ted_project(store)
    segment = store.segments(doc.id)[2]
    correction = review.save_correction(store, segment.id, "Ein ganz neuer Satz.", reviewer="ana", based_on_version=0)
    job = jobs.RUNNER.jobs()[0]
    assert jobs.RUNNER.wait(job.id, timeout=120).state == jobs.DONE, job.message
    comet = [s for s in store.scores(segment.id) if s.metric == "COMET"]
    assert comet and {s.reference for s in comet} == {f"correction:{correction.id}"}
    assert len(comet) == len(store.candidates(segment.id))


def test_a_save_queues_no_neural_job_when_the_setting_is_empty(sqlite_url, monkeypatch):
    monkeypatch.delenv("REVIEW_APP_RESCORE_NEURAL", raising=False)
    store = workflow.open_store(sqlite_url)
    doc = _ted_project(store)
    segment = store.segments(doc.id)[0]
    assert review.rescore_neural_later(store, segment.id) is None


def test_score_project_with_comet(sqlite_url, comet22, capsys):
    store = workflow.open_store(sqlite_url)
    _ted_project(store)
    args = ["score", "--project", "ted", "--db", sqlite_url, "--systems", ",".join(SYSTEMS), "--metrics", "bleu,comet",
            "--model", str(comet22), "--samples", "100", "--paired-ar"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "COMET (μ ± 95% CI)" in out and "COMET: nrefs:1|model:tiny-comet22" in out and "BLEU:" in out


def test_models_list_shows_the_metric_licenses(metric_root, comet22, cometkiwi, metricx, monkeypatch, capsys):
    monkeypatch.setenv("REVIEW_APP_MODEL_DIR", str(metric_root))
    assert main(["models", "list"]) == 0
    lines = {line.split("\t")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["tiny-cometkiwi"].endswith("cc-by-nc-sa-4.0 (non-commercial use only)")
    assert "\tmetric (COMET)\t" in lines["tiny-comet22"] and lines["tiny-comet22"].endswith("apache-2.0")
    assert "\tmetric (MetricX)\t" in lines["tiny-metricx24"]
    assert lines["Unbabel/wmt22-cometkiwi-da"].endswith("(non-commercial use only)")
