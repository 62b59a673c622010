"""The Models page under AppTest: an honest leaderboard (ranked, intervals, directions, warnings),
metrics against MQM, the drill-down worth reading, every system of a segment, and uploads."""
from __future__ import annotations

import pytest

from review_app.scoring.mqm import read_mqm
from review_app.storage import Store
from review_app.workflow.scoring import import_mqm, review_differences

from ..conftest import ROOT
from .helpers import accept_system, app, news_lines, news_project, open_page

TED = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"


@pytest.fixture
def app_db(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    return sqlite_url


def _texts(at) -> str:
    """What the page says, markdown escapes dropped."""
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return "\n".join(texts).replace("\\", "")


def _table(at, column: str):
    """The first table with this column (read-only tables carry no key AppTest can find)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _compute(at, method: str = "bs"):
    at.selectbox(key="models-method").set_value(method).run()
    at.button(key="models-run").click().run(timeout=240)
    assert not at.exception, at.exception
    return at


def test_few_segments_and_references_taken_from_one_system_are_warned_about(app_db):
    """The issue's case: one system 'significantly worse' on 4 segments whose references are the other's outputs."""
    store = Store(app_db)
    doc = news_project(store)
    accept_system(store, doc.id, "papago", 4)
    at = open_page(app("ana"), "models")
    # Every system is chosen by default, the original MT among them.
    assert at.multiselect(key="models-systems-news").value == ["mt", "google", "papago"]
    at.selectbox(key="models-baseline-news").set_value("papago")
    _compute(at)
    warnings = [w.value.replace("\\", "") for w in at.warning]  # markdown escapes dropped
    assert len(warnings) == 2
    assert "Only 4 segments" in warnings[0] and "fewer than 100" in warnings[0]
    assert "4 of 4 references (100%) are papago's own output" in warnings[1]
    ranking = _table(at, "vs baseline")
    assert list(ranking.columns) == ["rank", "system", "BLEU", "95% interval", "vs baseline"]
    assert ranking["system"].iloc[0] == "papago" and ranking["BLEU"].iloc[0] == pytest.approx(100.0)
    assert list(ranking["BLEU"]) == sorted(ranking["BLEU"], reverse=True)
    google = ranking.set_index("system").loc["google"]
    assert google["vs baseline"].startswith("worse than the baseline (p = ") and "Δ -" in google["vs baseline"]
    # Ranked by TER (fewer edits first) the order follows TER.
    at.selectbox(key="models-rank-by").set_value("TER").run()
    by_ter = _table(at, "vs baseline")
    assert list(by_ter["TER"]) == sorted(by_ter["TER"])


def test_ted_systems_ranked_against_mqm_with_a_drill_down_and_every_system_of_a_segment(app_db):
    store = Store(app_db)
    rows = [r for r in read_mqm(TED.name, TED.read_bytes()) if r.doc == "talk.1"]
    import_mqm(store, "ted", rows, source_lang="en", target_lang="de")
    at = open_page(app("ana"), "models")
    systems = at.multiselect(key="models-systems-ted")
    assert "mt" not in systems.options and "ref" not in systems.options and len(systems.value) == 13
    systems.set_value(["Nemo", "Facebook-AI", "Online-W"])
    _compute(at, "none")
    assert "140 segments; references: 0 approved corrections, 140 imported references" in _texts(at)
    ranking = _table(at, "vs baseline")
    assert list(ranking["BLEU"]) == sorted(ranking["BLEU"], reverse=True)
    assert set(ranking["vs baseline"]) <= {"baseline", ""}  # intervals only: nothing tested
    assert all(cell.startswith("[") for cell in ranking["95% interval"])
    # Metrics against MQM: each metric's ranks beside MQM's, and the share of pairs ordered alike.
    versus = _table(at, "MQM rank")
    assert list(versus["MQM rank"]) == [1, 2, 3] and {"BLEU rank", "chrF2++ rank", "TER rank"} <= set(versus)
    accuracy = _table(at, "pairs agreeing").set_index("metric")
    assert (accuracy["pairs"] == 3).all() and accuracy["accuracy"].between(0, 1).all()
    # The drill-down: what differs, with the source and the MQM marks, acceptable pairs left out.
    at.selectbox(key="models-a").set_value("Facebook-AI")
    at.selectbox(key="models-b").set_value("Online-W").run()
    table = _table(at, "reference")
    expected, skipped = review_differences(store, "ted", "Facebook-AI", "Online-W", top=20)
    assert list(table["segment_id"]) == [r["segment_id"] for r in expected]
    assert {"source", "Facebook-AI", "Online-W", "reference", "MQM Facebook-AI", "MQM Online-W"} <= set(table)
    assert f"{skipped.no_mqm_error:,} pairs rated by MQM with no error on either" in _texts(at)
    # Every system on the first of them.
    at.button(key="models-compare").click().run()
    grid = _table(at, "agreement")
    assert len(grid) == 14 and list(grid["chrF++"]) == sorted(grid["chrF++"], reverse=True)  # ref included
    assert grid["MQM"].notna().all()
    assert at.selectbox(key="models-open-Facebook-AI-Online-W-chrf").value == expected[0]["segment_id"]
    at.button(key="models-review").click().run()
    assert at.title[0].value == "Review"
    first = store.segment(expected[0]["segment_id"])
    assert at.subheader[0].value.startswith(f"Segment {first.position + 1} of talk.1")


def test_an_admin_uploads_a_systems_outputs_and_errors_name_the_fields(app_db):
    store = Store(app_db)
    news_project(store, count=6)
    _, en = news_lines(6)
    at = open_page(app("ana"), "models")
    deepl = "".join(f"{line}\n" for line in en[:6]).encode()
    at.file_uploader(key="models-upload-file-news").upload("deepl.txt", deepl, "text/plain")
    at.button(key="FormSubmitter:models-upload-news-Import outputs").click().run()
    error = at.error[0].value.replace("\\", "")
    assert "an imported system needs a name ('System name')" in error and "--system" not in error
    at.file_uploader(key="models-upload-file-news").upload("deepl.txt", deepl, "text/plain")
    at.text_input(key="models-upload-system-news").input("deepl")
    at.button(key="FormSubmitter:models-upload-news-Import outputs").click().run()
    assert not at.exception and "6 candidates from deepl (line alignment)" in at.success[0].value.replace("\\", "")
    assert "deepl" in at.multiselect(key="models-systems-news").options
