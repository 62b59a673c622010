"""check --eval-mqm and --eval-clean on the shared half of WMT23 zh-en MQM and on korean-english-news-v1,
and the measuring pieces on rows made from that file."""
from __future__ import annotations

import json

import pytest

from review_app.cli import main
from review_app.evaluation import mqm as mqm_eval
from review_app.model import Finding, Severity
from review_app.scoring.mqm import attention_checks, read_mqm

from ..conftest import ROOT

WMT23 = ROOT / "corpora" / "wmt23-mqm-zhen-dev" / "mqm_generalMT2023_zhen.dev.tsv"
NEWS = ROOT / "corpora" / "korean-english-news-v1"
CHECK_KEYS = {"findings", "per_100", "span_precision", "random_span_precision", "lift", "segment_precision"}


@pytest.fixture(scope="module")
def wmt23_json():
    """The whole report on the shared half, once for the module (about 15 s)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", "--eval-mqm", str(WMT23), "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_wmt23_layout_is_read_and_attention_checks_left_out():
    data = WMT23.read_bytes()
    rows = read_mqm(WMT23.name, data)
    assert attention_checks(data) == 275
    assert len(rows) == 15_549 - 275 and rows[0].doc_id == "1" and rows[0].seg_id == "21"
    assert not any(r.severity == "HOTW-test" for r in rows)


def test_segments_carry_every_raters_spans():
    rows = [r for r in read_mqm(WMT23.name, WMT23.read_bytes()) if r.seg_id == "21" and r.system == "GPT4-5shot"]
    (segment,) = mqm_eval.annotated_segments(rows)
    assert segment.mt.endswith("China News Network.") and segment.source.startswith("首批个人养老金")
    assert {segment.mt[a:b] for a, b in (e.span for e in segment.errors)} >= {"China News Network", "."}
    assert segment.mqm == pytest.approx(sum(e.severity == "Minor" for e in segment.errors) / segment.raters, abs=1)


def test_span_overlap_and_its_chance():
    covered = mqm_eval.np.array([False] * 10 + [True] * 5 + [False] * 5)  # an error marked at 10-15 of 20 chars
    finding = Finding("numbers", Severity.MAJOR, 11, 13, "x")
    hit, chance = mqm_eval.span_overlap(finding, covered)
    assert hit and chance == pytest.approx(6 / 19)  # windows of 2 starting at 9..14 of 0..18
    whole = Finding("numbers", Severity.MAJOR, 0, 20, "x")
    assert mqm_eval.span_overlap(whole, covered) == (True, 1.0)  # a whole-segment finding gains nothing


def test_roc_auc():
    assert mqm_eval.roc_auc([3, 2, 1, 0], [True, True, False, False]) == 1.0
    assert mqm_eval.roc_auc([1, 1, 1, 1], [True, False, True, False]) == 0.5


def test_eval_mqm_json_on_the_shared_half(wmt23_json):
    result = wmt23_json
    assert {"checks", "risk_auc", "risk_kendall_tau", "length_auc", "findings_auc"} <= set(result)
    assert all(CHECK_KEYS <= set(row) for row in result["checks"].values())
    assert "recall" in result["checks"]["numbers"] and "recall" not in result["checks"]["markup"]
    # The targets of issue 11: the checks that fire often mark real errors, the risk score orders well.
    for name, row in result["checks"].items():
        if row["findings"] >= 10 and name not in ("length_ratio", "quotation"):  # those two are info
            assert row["lift"] >= 1.5, name
    assert result["risk_auc"] >= 0.70 and result["risk_auc"] > result["length_auc"] > result["findings_auc"]
    assert result["risk_kendall_tau"] > 0.3


def test_eval_mqm_text_and_one_system(capsys):
    assert main(["check", "--eval-mqm", str(WMT23), "--systems", "GPT4-5shot", "--checks", "numbers,untranslated"]) == 0
    out = capsys.readouterr().out
    assert "227 annotated segments; 275 attention-check rows (HOTW-test) left out" in out
    assert out.splitlines()[1].split()[:3] == ["check", "findings", "per"] and "ordering by risk" in out


def test_eval_mqm_bad_input_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text("system\tdoc\n", encoding="utf-8")
    assert main(["check", "--eval-mqm", str(bad)]) == 2
    assert "missing column(s)" in capsys.readouterr().err
    assert main(["check", "--eval-mqm", str(WMT23), "--systems", "nobody"]) == 2
    assert "no system named nobody" in capsys.readouterr().err


def test_eval_clean_on_human_korean_english(capsys):
    assert main(["check", "--eval-clean", str(NEWS / "dev.ko"), str(NEWS / "dev.en"), "--source-lang", "ko",
                 "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["segments"] == 1000
    assert result["checks"]["numbers"]["flagged_share"] < 0.08  # was 0.09 of pairs before issue 11
    assert result["checks"]["untranslated"]["findings"] == 0


def test_eval_clean_line_count_mismatch(tmp_path, capsys):
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    assert main(["check", "--eval-clean", str(NEWS / "dev.ko"), str(short)]) == 2
    assert "1 lines but" in capsys.readouterr().err
