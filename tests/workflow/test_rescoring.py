"""Per-candidate scores of stored segments: against the reference in force, recomputed on save."""
from __future__ import annotations

import logging

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from review_app.model import ORIGIN_SYSTEM, Candidate
from review_app.scoring import metrics as scoring_metrics
from review_app.scoring.parallel import sentence_scores
from review_app.scoring.segments import LENGTH_RATIO
from review_app.workflow import importing, review
from review_app.workflow.scoring import rescore_segment, score_document

from ..conftest import ROOT, SEED
from ..scoring.data import mlqe_rows, write_lines

KO_EN = ROOT / "corpora" / "korean-english-news-v1"


def sacrebleu_sentence(hyp: str, ref: str, tokenize: str = "13a", asian: bool = False) -> dict[str, float]:
    return {
        "BLEU": BLEU(effective_order=True, tokenize=tokenize).sentence_score(hyp, [ref]).score,
        "chrF2++": CHRF(word_order=2).sentence_score(hyp, [ref]).score,
        "TER": TER(asian_support=asian).sentence_score(hyp, [ref]).score,
    }


@pytest.fixture
def ro_en(store, tmp_path):
    """20 MLQE-PE rows: Romanian source, English MT, the post-edit as imported reference,
    and the MT's untokenized form as a second system's candidate."""
    rows = mlqe_rows("ro-en")[:20]
    doc, _ = importing.import_aligned(
        store, mt=write_lines(tmp_path / "mt.en", [r["mt"] for r in rows]),
        source=write_lines(tmp_path / "src.ro", [r["src"] for r in rows]),
        reference=write_lines(tmp_path / "pe.en", [r["pe"] for r in rows]), project="ro-en", source_lang="ro",
    )
    segments = store.segments(doc.id)
    store.add_candidates([Candidate(segment_id=s.id, origin=ORIGIN_SYSTEM, text=r["mt_detok"], system="detok")
                          for s, r in zip(segments, rows)])
    return doc, segments, rows


def _by_candidate(scores):
    out = {}
    for s in scores:
        out.setdefault(s.candidate_id, {})[s.metric] = s
    return out


def test_score_document_scores_every_candidate_against_the_imported_reference(store, ro_en):
    doc, segments, rows = ro_en
    stored = score_document(store, doc.id)
    candidates = store.candidates_for_document(doc.id)  # MT, "detok", and any rule repairs
    assert len(candidates) >= 40
    assert stored == len(candidates) * 4  # BLEU, chrF2++, TER, length ratio
    for seg, row in zip(segments, rows):
        candidates = {c.id: c for c in store.candidates(seg.id)}
        scores = _by_candidate(store.scores(seg.id))
        assert set(scores) == set(candidates)
        for cid, by_metric in scores.items():
            expected = sacrebleu_sentence(candidates[cid].text, row["pe"])
            for metric, value in expected.items():
                assert by_metric[metric].value == value
                assert by_metric[metric].reference == "reference"
            assert "eff:yes" in by_metric["BLEU"].signature and "tok:13a" in by_metric["BLEU"].signature
            assert by_metric["chrF2++"].signature.startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:2")
            ratio = by_metric[LENGTH_RATIO]
            assert ratio.value == len(candidates[cid].text) / len(row["src"]) and ratio.reference == "source"


def test_a_correction_becomes_the_reference_and_replaces_older_scores(store, ro_en):
    doc, segments, rows = ro_en
    score_document(store, doc.id)
    seg = segments[3]
    fixed = rows[3]["pe"].replace(" .", ".")
    correction = review.save_correction(store, seg.id, fixed, reviewer="ana", based_on_version=0)
    scores = store.scores(seg.id)
    by_cand = _by_candidate(scores)
    assert len(scores) == sum(len(m) for m in by_cand.values())  # one score per candidate and metric
    for cand in store.candidates(seg.id):
        bleu = by_cand[cand.id]["BLEU"]
        assert bleu.reference == f"correction:{correction.id}"
        assert bleu.value == sacrebleu_sentence(cand.text, fixed)["BLEU"]
    # Documents rescored later keep using the latest correction.
    score_document(store, doc.id)
    assert {s.reference for s in store.scores(seg.id) if s.metric == "TER"} == {f"correction:{correction.id}"}


def test_without_any_reference_only_the_length_ratio_is_stored(store, seed_bytes):
    doc, _ = importing.import_bytes(store, SEED.name, seed_bytes, project="seed")
    seg = store.segments(doc.id)[5]
    scores = rescore_segment(store, seg.id)
    assert scores and {s.metric for s in scores} == {LENGTH_RATIO}
    assert all(s.reference == "mt" for s in scores)  # the seed has no source either


def test_a_failing_rescore_does_not_lose_the_save(store, ro_en, monkeypatch, caplog):
    _, segments, rows = ro_en

    def broken(*_args, **_kw):
        raise RuntimeError("scorer unavailable")

    monkeypatch.setattr("review_app.workflow.review.rescore_segment", broken)
    with caplog.at_level(logging.ERROR):
        correction = review.save_correction(store, segments[0].id, rows[0]["pe"], reviewer="ana",
                                              based_on_version=0)
    assert store.history(segments[0].id)[-1].id == correction.id
    assert "rescoring segment" in caplog.text


def test_korean_targets_are_scored_by_characters(store, tmp_path):
    # English -> Korean: the Korean reference against the same sentence with its last phrase dropped.
    ko = (KO_EN / "dev.ko").read_text(encoding="utf-8").splitlines()[:5]
    en = (KO_EN / "dev.en").read_text(encoding="utf-8").splitlines()[:5]
    mt = [line.rsplit(" ", 1)[0] for line in ko]
    doc, _ = importing.import_aligned(store, mt=write_lines(tmp_path / "mt.ko", mt),
                                     source=write_lines(tmp_path / "src.en", en),
                                     reference=write_lines(tmp_path / "ref.ko", ko),
                                     project="en-ko", source_lang="en", target_lang="ko")
    score_document(store, doc.id)
    seg = store.segments(doc.id)[0]
    mt_candidate = next(c for c in store.candidates(seg.id) if c.origin == "mt")
    by_metric = {s.metric: s for s in store.scores(seg.id) if s.candidate_id == mt_candidate.id}
    tokenizer = scoring_metrics.tokenizer_for("ko")
    assert f"tok:{tokenizer}" in by_metric["BLEU"].signature and "asian:yes" in by_metric["TER"].signature
    expected = sacrebleu_sentence(mt[0], ko[0], tokenize=tokenizer, asian=True)
    assert {m: by_metric[m].value for m in expected} == expected


def test_parallel_sentence_scores_equal_a_single_process_loop():
    rows = [r for lp in ("ro-en", "ru-en") for r in mlqe_rows(lp)][:600]
    hyps, refs = [r["mt"] for r in rows], [r["pe"] for r in rows]
    parallel = sentence_scores(["chrf", "ter"], hyps, refs, jobs=2)
    chrf, ter = CHRF(word_order=2), TER()
    assert parallel["chrf"] == [chrf.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    assert parallel["ter"] == [ter.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
