"""A stored project's leaderboard: its systems against its approved corrections and references."""
from __future__ import annotations

import json

import pytest

from review_app import workflow
from review_app.cli import main
from review_app.errors import BadInputError
from review_app.scoring.leaderboard import leaderboard
from review_app.scoring.mqm import strip_marks
from review_app.scoring.ranking import comparison_warnings, is_error
from review_app.workflow import importing, review
from review_app.workflow.scoring import (
    import_mqm,
    project_differences,
    project_leaderboard,
    project_marks,
    project_test_set,
    review_differences,
    scorable_systems,
    segment_systems,
)

from ..conftest import SEED
from ..scoring.data import ted_rows

SYSTEMS = ["Facebook-AI", "Nemo"]


def _import_talk(store, talk: str = "talk.3"):
    rows = [r for r in ted_rows() if r.doc == talk]
    (doc,) = import_mqm(store, "ted", rows, source_lang="en", target_lang="de")
    outputs: dict[str, dict[str, str]] = {}
    for r in rows:
        outputs.setdefault(r.system, {})[r.seg_id] = strip_marks(r.target)[0]
    order = sorted(outputs["ref"], key=int)
    return doc, {system: [texts[s] for s in order] for system, texts in outputs.items()}


def test_the_project_leaderboard_equals_the_same_files_scored_directly(store):
    _, outputs = _import_talk(store)
    board, test_set = project_leaderboard(store, "ted", systems=SYSTEMS, method="bs", n_samples=300, jobs=1)
    assert test_set.references == outputs["ref"] and set(test_set.reference_labels) == {"reference"}
    direct = leaderboard(outputs["ref"], {s: outputs[s] for s in SYSTEMS}, method="bs", n_samples=300,
                         target_lang="de", jobs=1)
    assert board.records() == direct.records()


def test_the_reference_system_is_not_on_its_own_board(store):
    _, outputs = _import_talk(store)
    test_set = project_test_set(store, "ted")
    assert "ref" not in test_set.systems
    assert set(test_set.systems) == set(outputs) - {"ref"}


def test_an_approved_correction_replaces_the_imported_reference(store):
    doc, outputs = _import_talk(store)
    segment = store.segments(doc.id)[2]
    better = outputs["Facebook-AI"][2]  # the reviewer accepts Facebook-AI's wording
    review.save_correction(store, segment.id, better, reviewer="ana", based_on_version=0)
    test_set = project_test_set(store, "ted", SYSTEMS)
    assert test_set.references[2] == better and test_set.reference_labels[2] == "correction"
    rows = project_differences(store, "ted", "Facebook-AI", "Nemo", top=None)
    at_two = next(r for r in rows if r["segment_id"] == segment.id)
    assert at_two["score_a"] == 100.0 and at_two["reference"] == better


def test_segments_without_a_reference_or_a_system_are_left_out_and_counted(store, seed_bytes):
    importing.import_bytes(store, SEED.name, seed_bytes, project="ted")
    with pytest.raises(BadInputError, match="no segment with a reference"):
        project_test_set(store, "ted")  # the seed is MT only: nothing to score against yet
    seed_segments = sum(d.segments for d in store.list_documents("ted"))
    _import_talk(store)
    test_set = project_test_set(store, "ted", SYSTEMS)
    assert len(test_set.references) == 31
    # The seed's page furniture is excluded; its article sentences have no reference.
    assert test_set.skipped_excluded > 0 and test_set.skipped_no_reference > 0
    assert test_set.skipped_excluded + test_set.skipped_no_reference == seed_segments
    test_set = project_test_set(store, "ted", ["mt", *SYSTEMS])
    assert len(test_set.references) == 31 and test_set.skipped_missing_system == {}


def test_score_project_from_the_command_line(db_url, capsys):
    store = workflow.open_store(db_url)
    _import_talk(store)
    args = ["score", "--project", "ted", "--db", db_url, "--systems", ",".join(SYSTEMS), "--paired-bs",
            "--samples", "200", "--format", "json", "--save"]
    assert main(args) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert [row["system"] for row in data["systems"]] == SYSTEMS
    assert data["segments"] == 31 and data["systems"][1]["BLEU"]["p_value"] is not None
    assert "stored" in out.err
    seg = store.segments(store.list_documents("ted")[0].document.id)[0]
    assert {s.reference for s in store.scores(seg.id) if s.metric == "chrF2++"} == {"reference"}


def test_references_made_by_accepting_a_systems_output_are_that_systems(store):
    from ..ui.helpers import accept_system, news_project

    doc = news_project(store)
    assert scorable_systems(store, "news") == ["mt", "google", "papago"]  # the original MT is offered too
    accept_system(store, doc.id, "papago", 4)
    test_set = project_test_set(store, "news")
    assert list(test_set.systems) == ["mt", "google", "papago"]
    assert test_set.reference_labels == ["correction"] * 4 and test_set.reference_systems == ["papago"] * 4
    board, _ = project_leaderboard(store, "news", baseline="papago", metrics="bleu", n_samples=200, jobs=1)
    google = board.cell("google", "BLEU")
    assert google.significant and google.score < board.cell("papago", "BLEU").score
    kinds = [w.kind for w in comparison_warnings(board.segments, test_set.reference_systems, board.systems)]
    assert kinds == ["small sample", "reference bias"]
    # Accepting the MT makes the reference the MT's; a typed correction is nobody's output.
    seg = store.segments(doc.id)[5]
    (mt,) = [c for c in store.candidates(seg.id) if c.origin == "mt"]
    review.save_correction(store, seg.id, mt.text, reviewer="bo", based_on_version=0, candidate_id=mt.id)
    typed = store.segments(doc.id)[6]
    review.save_correction(store, typed.id, "Typed by a reviewer.", reviewer="bo", based_on_version=0)
    assert project_test_set(store, "news").reference_systems == ["papago"] * 4 + ["mt", None]


def test_an_mqm_releases_mt_is_not_offered_twice_and_accepting_it_is_its_systems(store):
    doc, outputs = _import_talk(store)
    offered = scorable_systems(store, "ted")
    assert "mt" not in offered and "ref" not in offered and "Facebook-AI" in offered
    seg = store.segments(doc.id)[0]
    (mt,) = [c for c in store.candidates(seg.id) if c.origin == "mt"]
    review.save_correction(store, seg.id, mt.text, reviewer="ana", based_on_version=0, candidate_id=mt.id)
    test_set = project_test_set(store, "ted", SYSTEMS)
    assert test_set.reference_systems[0] == doc.meta["mqm"]["mt_system"] == "Facebook-AI"


def test_the_drill_down_shows_what_differs_with_mqm_marks_and_skips_acceptable_pairs(store):
    _import_talk(store)
    rows, skipped = review_differences(store, "ted", "Facebook-AI", "Nemo", top=None)
    everything = project_differences(store, "ted", "Facebook-AI", "Nemo", top=None)
    assert len(rows) + skipped.total == len(everything) and skipped.no_mqm_error > 0
    marks = project_marks(store, "ted")
    for row in rows:
        assert row["source"] and row["reference"]
        rated = [marks.get((row["segment_id"], s)) for s in ("Facebook-AI", "Nemo")]
        if all(rated):  # both rated: at least one has an error, or the pair would have been skipped
            assert any(is_error(m) for m in rated[0] + rated[1])
        assert min(row["chrf_a"], row["chrf_b"]) < 70.0  # else both are within 30 points of the reference
    assert [abs(r["delta"]) for r in rows] == sorted((abs(r["delta"]) for r in rows), reverse=True)


def test_every_system_of_one_segment_with_its_mqm(store):
    doc, outputs = _import_talk(store)
    seg = store.segments(doc.id)[3]
    segment, reference, grid = segment_systems(store, seg.id)
    assert reference == (outputs["ref"][3], "reference")
    by = {o.system: o for o in grid}
    assert set(by) == set(outputs)  # every system, the reference's own included, the MT not twice
    assert by["ref"].chrf == 100.0 and by["Nemo"].text == outputs["Nemo"][3]
    assert all(o.mqm is not None for o in grid)  # the release rates every output
