"""The dashboard's tables, from real saves on the seed."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from review_app.model import Annotation, Correction, Score, SegmentStatus
from review_app.presentation import tables
from review_app.workflow import review

from ..ui.helpers import import_seed


def test_progress_per_document_and_reviewer_follow_the_saves(store):
    doc = import_seed(store)
    segs = store.segments(doc.id)
    review.save_correction(store, segs[23].id, "The State Department also explained it.", reviewer="ana",
                             based_on_version=0)
    review.save_correction(store, segs[23].id, "The State Department also explained this.", reviewer="bo",
                             based_on_version=1, status="needs_work")
    review.save_correction(store, segs[26].id, "The State Department advised it.", reviewer="ana",
                             based_on_version=0)
    docs = tables.document_progress(store.list_documents("demo"))
    assert docs.to_dict("records") == [{"document": doc.name, "to review": 30, "reviewed": 2, "approved": 1,
                                        "progress": 2 / 30}]
    reviewers = tables.reviewer_progress(store.corrections("demo"))
    assert reviewers.to_dict("records") == [
        {"reviewer": "ana", "status": "approved", "segments": 2, "saves": 2},
        {"reviewer": "bo", "status": "needs_work", "segments": 1, "saves": 1},
    ]
    edits = tables.edits_over_time(store.corrections("demo"))
    assert edits.groupby("reviewer")["saves"].sum().to_dict() == {"ana": 2, "bo": 1}


def test_edits_are_bucketed_by_day():
    def corr(n, day):
        return Correction(n, n, 1, "t", SegmentStatus.APPROVED, "ana",
                          datetime(2021, 6, day, 23, 59, tzinfo=timezone.utc), 0)
    edits = tables.edits_over_time([corr(1, 18), corr(2, 18), corr(3, 19)])
    assert edits["saves"].tolist() == [2, 1]
    assert [d.day for d in edits["day"]] == [18, 19]


def test_empty_project_gives_empty_tables():
    assert tables.reviewer_progress([]).empty and tables.edits_over_time([]).empty
    assert tables.findings_by_check({}).empty and tables.mqm_by_category([]).empty


def test_findings_and_mqm_tables_count_and_weigh():
    findings = tables.findings_by_check({("attribution", "major"): 5, ("punctuation", "minor"): 2,
                                        ("name", "minor"): 2})
    assert findings["check"].tolist() == ["attribution", "name", "punctuation"]
    marks = [(None, Annotation(1, 0, 2, category, severity, "ana")) for category, severity in [
        ("Accuracy/Mistranslation", "Major"), ("Accuracy/Mistranslation", "major"),
        ("Accuracy/Mistranslation", "Minor"), ("Fluency/Punctuation", "Minor"), ("Non-translation", "Major")]]
    mqm = tables.mqm_by_category(marks)
    # Freitag et al. (2021): major 5, minor 1, minor punctuation 0.1, non-translation 25.
    assert mqm.to_dict("records") == [
        {"category": "Accuracy/Mistranslation", "severity": "Major", "marks": 2, "penalty": 10.0},
        {"category": "Accuracy/Mistranslation", "severity": "Minor", "marks": 1, "penalty": 1.0},
        {"category": "Fluency/Punctuation", "severity": "Minor", "marks": 1, "penalty": 0.1},
        {"category": "Non-translation", "severity": "Major", "marks": 1, "penalty": 25.0},
    ]


def test_score_values_keep_the_reference_kind():
    scores = [Score("chrF2++", 61.3, "correction:42", "sig"), Score("BLEU", 30.0, "reference", "sig")]
    assert tables.score_values(scores).to_dict("records") == [
        {"metric": "chrF2++", "value": 61.3, "reference": "correction"},
        {"metric": "BLEU", "value": 30.0, "reference": "reference"},
    ]


def test_hter_tables_follow_the_corrections(store):
    from review_app.workflow.scoring import project_hter

    doc = import_seed(store)
    segs = store.segments(doc.id)
    review.save_correction(store, segs[23].id, segs[23].mt, reviewer="ana", based_on_version=0)  # unchanged
    review.save_correction(store, segs[26].id, "The State Department advised that we need to better understand "
                             "the field, students and tourists.", reviewer="ana", based_on_version=0)
    documents = project_hter(store, "demo")
    table = tables.hter_by_document(documents)
    assert table[["document", "corrected", "segments"]].to_dict("records") == [
        {"document": doc.name, "corrected": 2, "segments": 37}]
    sentences = tables.hter_sentences(documents)["HTER"].tolist()
    assert sentences[0] == 0.0 and 0 < sentences[1] < 0.5  # "He" -> "The State Department"


def test_leaderboard_tables_say_better_or_worse_than_the_baseline_with_the_effect_size():
    from review_app.scoring import leaderboard

    from ..ui.helpers import mlqe_rows

    rows = mlqe_rows("ro-en", 60)
    refs = [r["pe"] for r in rows]
    # The MT against its own post-edits, and the post-edits themselves as a "system".
    board = leaderboard(refs, {"mt": [r["mt"] for r in rows], "post-edit": refs}, baseline="mt",
                        metrics="chrf,ter", method="bs", n_samples=200, ci_samples=200, seed=12345)
    long = tables.leaderboard_table(board).set_index(["system", "metric"])
    assert long.loc[("mt", "TER"), "vs baseline"] == "baseline" and long.loc[("mt", "TER"), "direction"] == "baseline"
    assert long.loc[("post-edit", "chrF2++"), "score"] == 100.0
    # Better by both metrics: chrF++ went up, TER (edits) went down.
    assert set(long.loc["post-edit", "direction"]) == {"better"}
    ranked = tables.ranking_table(board, "TER")
    assert list(ranked["system"]) == ["post-edit", "mt"] and list(ranked["rank"]) == [1, 2]
    cell = board.cell("post-edit", "TER")
    text = ranked.set_index("system").loc["post-edit", "vs baseline"]
    assert text.startswith("better than the baseline (p = ") and f"Δ {cell.score - board.cell('mt', 'TER').score:+.1f} [" in text
    assert ranked.set_index("system").loc["mt", "95% interval"] == f"[{board.cell('mt', 'TER').ci_low:.1f}, " \
                                                                   f"{board.cell('mt', 'TER').ci_high:.1f}]"
    no_test = leaderboard(refs, {"mt": [r["mt"] for r in rows]}, metrics="chrf", method=None, ci_samples=50)
    assert tables.leaderboard_table(no_test)["direction"].tolist() == ["baseline"]


def test_the_leaderboard_chart_fits_its_axes_and_greys_out_no_difference():
    from review_app.presentation import charts
    from review_app.scoring import leaderboard

    from ..scoring.data import ted_outputs

    outputs = {s: texts[:150] for s, texts in ted_outputs().items()}
    systems = ["Facebook-AI", "Online-W", "Nemo"]
    board = leaderboard(outputs["ref"], {s: outputs[s] for s in systems}, metrics="bleu", method="bs",
                        n_samples=200, jobs=1)
    frame = tables.leaderboard_table(board)
    order = list(tables.ranking_table(board, "BLEU")["system"])
    spec = charts.leaderboard_chart(frame, order).to_dict()
    (panel,) = spec["hconcat"]
    bars, points = panel["layer"]
    scale = points["encoding"]["x"]["scale"]
    low, high = scale["domain"]
    assert scale["zero"] is False and low > 0  # not stretched to zero
    assert low <= frame["ci_low"].min() and high >= frame["ci_high"].max()  # every interval fits
    assert high - low < 2 * (frame["ci_high"].max() - frame["ci_low"].min())  # and fills the panel
    assert points["encoding"]["y"]["sort"] == order
    colours = dict(zip(points["encoding"]["color"]["scale"]["domain"], points["encoding"]["color"]["scale"]["range"]))
    # Online-W and Facebook-AI do not differ significantly here; Nemo is worse.
    assert set(colours) == set(frame["direction"]) == {"baseline", "no significant difference", "worse"}
    assert colours["no significant difference"] == "#9ca3af" and colours["worse"] == "#b91c1c"
    legend = points["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom" and legend["labelLimit"] == 0


@pytest.mark.parametrize("direction, low, high, says", [
    ("worse", -3.0, 0.2, "; borderline: the interval of Δ includes 0"),
    ("worse", -3.0, -0.4, ""),
    ("no significant difference", 0.1, 2.0, "; borderline: the interval of Δ excludes 0"),
    ("no significant difference", -0.5, 2.0, ""),
])
def test_a_verdict_the_interval_contradicts_is_called_borderline(direction, low, high, says):
    from review_app.scoring.ranking import RankedSystem

    row = RankedSystem(rank=2, system="b", metric="BLEU", score=29.7, ci_low=26.5, ci_high=32.8, direction=direction,
                       p_value=0.048, delta=-1.4, delta_low=low, delta_high=high)
    text = tables.versus_baseline(row)
    assert text.startswith(direction) and text.endswith(f"[{low:+.1f}, {high:+.1f}]){says}")
