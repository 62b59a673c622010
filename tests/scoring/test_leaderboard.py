"""Leaderboards: the same numbers as sacrebleu's command line and API, in bounded memory."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from review_app.cli import main
from review_app.scoring.leaderboard import leaderboard, where_systems_differ

from .data import ted_outputs, write_lines

SACREBLEU = str(Path(sys.executable).with_name("sacrebleu"))
SYSTEMS = ("Facebook-AI", "Nemo", "UEdin")
SEGMENTS = 150  # of 529 (talk.1 and the start of talk.3): TER on long TED sentences is what takes the time
METRIC_ARGS = ["-m", "bleu", "chrf", "ter", "--chrf-word-order", "2"]


@pytest.fixture(scope="module")
def ted_files(tmp_path_factory):
    """The WMT21 TED reference and three systems' outputs, one segment per line."""
    folder = tmp_path_factory.mktemp("ted")
    outputs = ted_outputs()
    ref = write_lines(folder / "ref.de", outputs["ref"][:SEGMENTS])
    systems = {name: write_lines(folder / f"{name}.de", outputs[name][:SEGMENTS]) for name in SYSTEMS}
    return ref, systems


def _sacrebleu(*args) -> str:
    done = subprocess.run([SACREBLEU, *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


def _score(capsys, *args) -> str:
    assert main(["score", *map(str, args)]) == 0
    return capsys.readouterr().out


def _sys_args(systems) -> list[str]:
    return [a for name, path in systems.items() for a in ("--sys", f"{name}={path}")]


def test_one_system_equals_sacrebleu_with_confidence_intervals(ted_files, capsys):
    ref, systems = ted_files
    path = systems["Nemo"]
    theirs = json.loads(_sacrebleu(ref, "-i", path, *METRIC_ARGS, "-ci", "-w", "4", "-f", "json"))
    ours = json.loads(_score(capsys, "--ref", ref, "--sys", f"Nemo={path}", "--format", "json"))
    (row,) = ours["systems"]
    for entry in theirs:
        cell = row[entry["name"]]
        assert round(cell["score"], 4) == entry["score"]
        assert round(cell["mean"], 4) == entry["confidence_mean"]
        assert round(cell["ci"], 4) == entry["confidence_var"]
        assert ours["signatures"][entry["name"]] == entry["signature"]


def test_paired_randomization_equals_sacrebleu(ted_files, capsys):
    ref, systems = ted_files
    theirs = json.loads(_sacrebleu(ref, "-i", *systems.values(), *METRIC_ARGS, "--paired-ar",
                                   "--paired-ar-n", 1000, "-f", "json"))
    ours = json.loads(_score(capsys, "--ref", ref, *_sys_args(systems), "--paired-ar", "--samples", 1000,
                             "--format", "json"))
    assert len(ours["systems"]) == len(theirs) == 3
    for mine, entry in zip(ours["systems"], theirs):
        assert Path(entry["system"].removeprefix("Baseline: ")).stem == mine["system"]
        for metric in ("BLEU", "chrF2++", "TER"):
            assert mine[metric]["score"] == entry[metric]["score"]
            assert mine[metric]["p_value"] == entry[metric]["p_value"]


def test_paired_bootstrap_equals_sacrebleu_table(ted_files, capsys):
    ref, systems = ted_files
    # sacrebleu's JSON output fails on paired bootstrap results (numpy float32), so read its table.
    table = _sacrebleu(ref, "-i", *systems.values(), *METRIC_ARGS, "--paired-bs", "-w", "4", "--no-color", "-f", "text")
    ours = json.loads(_score(capsys, "--ref", ref, *_sys_args(systems), "--paired-bs", "--format", "json"))
    numbers = [float(x) for x in re.findall(r"-?\d+\.\d{4}", table.split("Paired bootstrap")[0])]
    expected = []
    for i, row in enumerate(ours["systems"]):
        for metric in ("BLEU", "chrF2++", "TER"):
            cell = row[metric]
            expected += [round(cell["score"], 4), round(cell["mean"], 4), round(cell["ci"], 4)]
        if i:
            expected += [round(row[m]["p_value"], 4) for m in ("BLEU", "chrF2++", "TER")]
    assert numbers == expected


@pytest.mark.parametrize("method", ["bs", "ar"])
def test_chunked_resampling_equals_sacrebleus_single_array(method):
    outputs = ted_outputs()
    refs = outputs["ref"][:SEGMENTS]
    systems = {name: outputs[name][:SEGMENTS] for name in SYSTEMS}
    metrics = {"BLEU": BLEU(references=[refs]), "CHRF": CHRF(word_order=2, references=[refs]),
               "TER": TER(references=[refs])}
    n = 500
    _, results = PairedTest(list(systems.items()), metrics, None, test_type=method, n_samples=n,
                            n_ar_confidence=0 if method == "ar" else -1)()
    # 7 rows per chunk: the draws cross many chunk boundaries (rounded up to whole 32-bit words for AR).
    board = leaderboard(refs, systems, method=method, n_samples=n, chunk_rows=7, jobs=1)
    for i, name in enumerate(results["System"]):
        for metric in board.metrics:
            theirs, ours = results[metric][i], board.cell(name, metric)
            assert (ours.score, ours.p_value, ours.mean, ours.ci) == (theirs.score, theirs.p_value,
                                                                      theirs.mean, theirs.ci)


def test_csv_and_latex_carry_every_system_and_metric(ted_files, capsys):
    ref, systems = ted_files
    args = ["--ref", ref, *_sys_args(systems), "--metrics", "chrf,bleu", "--paired-bs", "--samples", 200]
    rows = list(csv.DictReader(io.StringIO(_score(capsys, *args, "--format", "csv"))))
    assert [(r["system"], r["metric"]) for r in rows] == [(s, m) for s in SYSTEMS for m in ("chrF2++", "BLEU")]
    base = [r for r in rows if r["is_baseline"] == "True"]
    assert {r["system"] for r in base} == {"Facebook-AI"} and all(r["p_value"] == "" for r in base)
    for r in rows:
        assert float(r["ci_low"]) <= float(r["mean"]) <= float(r["ci_high"])
    latex = _score(capsys, *args, "--format", "latex")
    assert latex.startswith(r"\begin{tabular}{lrr}") and r"\bottomrule" in latex
    assert "Facebook-AI &" in latex and "UEdin &" in latex and "chrF2++ & BLEU" in latex


def test_where_systems_differ_puts_the_largest_gap_first():
    outputs = ted_outputs()
    refs, a, b = outputs["ref"][:120], outputs["Facebook-AI"][:120], outputs["Nemo"][:120]
    rows = where_systems_differ(refs, a, b, top=5, jobs=1)
    chrf = CHRF(word_order=2)
    top = rows[0]
    assert top["delta"] == pytest.approx(chrf.sentence_score(b[top["index"]], [refs[top["index"]]]).score
                                         - chrf.sentence_score(a[top["index"]], [refs[top["index"]]]).score)
    gaps = [abs(r["delta"]) for r in where_systems_differ(refs, a, b, top=None, jobs=1)]
    assert [abs(r["delta"]) for r in rows] == sorted(gaps, reverse=True)[:5]


@pytest.mark.parametrize(
    "make_args, expected",
    [
        (lambda ref, sys_file, short: ["--ref", ref, "--sys", f"x={short}"],
         rf"short\.de: line 11: .*short\.de has 10 lines but .*ref\.de has {SEGMENTS}"),
        (lambda ref, sys_file, short: ["--ref", ref, "--sys", f"x={sys_file}", "--metrics", "bleu,meteor"],
         r"unknown metric 'meteor' \(known: bleu, chrf, ter\)"),
        (lambda ref, sys_file, short: ["--ref", ref, "--sys", f"x={sys_file}", "--baseline", "y", "--paired-bs"],
         r"baseline 'y' is not one of the systems"),
    ],
    ids=["different-lengths", "unknown-metric", "unknown-baseline"],
)
def test_bad_input_is_one_line(make_args, expected, ted_files, tmp_path, capsys):
    ref, systems = ted_files
    short = write_lines(tmp_path / "short.de", ted_outputs()["Nemo"][:10])
    assert main(["score", *map(str, make_args(ref, systems["Nemo"], short))]) == 2
    err = capsys.readouterr().err
    assert re.search(expected, err), err
    assert len(err.strip().splitlines()) == 1


def test_an_empty_reference_line_is_refused(ted_files, tmp_path, capsys):
    _, systems = ted_files
    lines = ted_outputs()["ref"][:5]
    ref = write_lines(tmp_path / "ref.de", [*lines[:3], "", lines[4]])
    hyp = write_lines(tmp_path / "hyp.de", ted_outputs()["Nemo"][:5])
    assert main(["score", "--ref", str(ref), "--sys", f"Nemo={hyp}"]) == 2
    err = capsys.readouterr().err
    assert "ref.de: line 4: empty reference line" in err and len(err.strip().splitlines()) == 1
