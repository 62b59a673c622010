"""Risk scores stored and kept current: computed on import from findings and length, refreshed when
candidates arrive (other systems' outputs to disagree with), a QE model's scores folded in; and the
findings' side surviving the database (migration 0004). Real SQLite and PostgreSQL."""
from __future__ import annotations

from review_app.model import Finding, Severity
from review_app.scoring.mqm import read_mqm
from review_app.workflow import candidates, importing, risk, scoring

from ..conftest import ROOT, SEED

WMT23 = ROOT / "corpora" / "wmt23-mqm-zhen-dev" / "mqm_generalMT2023_zhen.dev.tsv"


def test_import_stores_a_risk_score_per_segment(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    segments = store.segments(doc.id)
    scores = {s.position: s.risk_score for s in segments}
    assert len(set(scores.values())) > 20  # a real number per segment, not a handful of ranks
    queue = store.segments(doc.id, order="risk")
    assert queue[0].risk_score == max(scores.values())


def test_imported_system_outputs_refresh_the_risk(store, tmp_path):
    doc, _ = importing.import_file(store, SEED, project="demo")
    before = {s.id: s.risk_score for s in store.segments(doc.id)}
    # another system agrees with the MT everywhere but on segment 3, where it says something else entirely
    lines = [s.mt for s in store.segments(doc.id)]
    lines[3] = "Completely different words that share nothing with the machine translation at all."
    path = tmp_path / "other.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    candidates.import_system_outputs(store, path.name, path.read_bytes(), system="other", project="demo",
                                     align="line")
    after = {s.position: s.risk_score for s in store.segments(doc.id)}
    changed = {s.position for s in store.segments(doc.id) if before[s.id] != after[s.position]}
    assert 3 in changed and after[3] > before[store.segments(doc.id)[3].id]


def test_a_qe_model_reorders_the_queue(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    last = store.segments(doc.id, order="risk")[-1]

    def pessimist_about_the_last(sources, mts):  # a QE model: higher is better
        return [0.0 if mt == last.mt else 1.0 for mt in mts]

    risk.refresh_risk(store, doc.id, qe=pessimist_about_the_last)
    assert store.segment(last.id).risk_score > last.risk_score


def test_mqm_import_scores_disagreement_between_systems(store):
    rows = [r for r in read_mqm(WMT23.name, WMT23.read_bytes()) if r.doc == "news_chinanews.com.280870:zh-en"]
    (doc,) = scoring.import_mqm(store, "wmt23", rows, name=WMT23.name, source_lang="zh", target_lang="en",
                                   mt_system="NLLB_Greedy")
    queue = store.segments(doc.id, order="risk")
    assert queue[0].risk_score > queue[-1].risk_score
    # the professional raters marked a Major error in each of the three segments the queue puts first
    major = {r.seg_id for r in rows if r.system == "NLLB_Greedy" and r.severity == "Major"}
    assert all(s.external_id in major for s in queue[:3])


def test_a_findings_side_survives_the_database(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    seg = store.segments(doc.id)[3]
    omitted = Finding("numbers", Severity.MAJOR, 2, 4, "the source has the number 51.7万", side="source")
    store.replace_findings(doc.id, {seg.id: [omitted]}, {seg.id: []})
    (found,) = store.findings(seg.id)
    assert (found.side, found.start, found.end) == ("source", 2, 4)
