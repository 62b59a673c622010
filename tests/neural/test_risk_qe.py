"""The risk score's seam for a learned QE score, filled with a real (tiny) CometKiwi checkpoint:
the QE model's view moves the stored risk scores, and a segment the model rates worst rises."""
from __future__ import annotations

from review_app.scoring.neural import qe_risk
from review_app.workflow import importing, risk

from ..conftest import ROOT

NEWS = ROOT / "corpora" / "korean-english-news-v1"


def test_a_qe_model_joins_the_risk_score(store, tmp_path, cometkiwi):
    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").split("\n")[:12]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")[:12]
    (tmp_path / "a.ko").write_text("\n".join(ko) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    doc, _ = importing.import_aligned(store, mt=tmp_path / "a.en", source=tmp_path / "a.ko", project="news",
                                      source_lang="ko", target_lang="en")
    before = {s.id: s.risk_score for s in store.segments(doc.id)}
    assert risk.refresh_risk(store, doc.id, qe=risk.model_qe(str(cometkiwi))) == 12
    after = {s.id: s.risk_score for s in store.segments(doc.id)}
    assert after != before
    segments = store.segments(doc.id)
    worst = max(range(12), key=qe_risk([s.source for s in segments], [s.mt for s in segments], str(cometkiwi)).__getitem__)
    best = min(range(12), key=qe_risk([s.source for s in segments], [s.mt for s in segments], str(cometkiwi)).__getitem__)
    moved = {i: after[s.id] - before[s.id] for i, s in enumerate(segments)}
    assert moved[worst] > moved[best]


def test_check_a_project_with_a_qe_model(sqlite_url, tmp_path, cometkiwi, capsys):
    from review_app.cli import main
    from review_app.workflow import open_store

    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").split("\n")[:12]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")[:12]
    (tmp_path / "b.ko").write_text("\n".join(ko) + "\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    assert main(["import", "--source", str(tmp_path / "b.ko"), "--mt", str(tmp_path / "b.en"), "--db", sqlite_url,
                 "--project", "news", "--source-lang", "ko"]) == 0
    store = open_store(sqlite_url)
    doc = store.list_documents("news")[0].document
    before = [s.risk_score for s in store.segments(doc.id)]
    assert main(["check", "news", "--db", sqlite_url, "--qe", str(cometkiwi)]) == 0
    assert [s.risk_score for s in store.segments(doc.id)] != before
    assert main(["check", str(tmp_path / "b.en"), "--qe", str(cometkiwi)]) == 2
    assert "--qe applies to a stored project" in capsys.readouterr().err
