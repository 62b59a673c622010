"""The learned second look of the attribution check (language/english/speaker_model.py), its build from the
tuning half (evaluation/attribution_training.py, scripts/build_attribution_model.py), on real text."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from review_app.checks import run_checks
from review_app.checks.attribution import GarbledAttribution
from review_app.checks.base import DocumentView
from review_app.evaluation.attribution_training import Example, cross_validate, fit
from review_app.evaluation.garbled_set import NEWS
from review_app.language.english.speaker_model import FEATURES, MODEL_PATH, AttributionModel, shipped_model
from review_app.model import DocumentDraft, SegmentDraft
from scripts.build_attribution_model import main as build_main

DEV_EN = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")


def attribution(*sentences: str, model: AttributionModel | None = None):
    check = GarbledAttribution(model)
    view = DocumentView.of(DocumentDraft("t", "text", tuple(SegmentDraft(mt=s) for s in sentences)))
    check.start_document(view)
    hits = [[h for h in check.score(s) if check.decide(h)] for s in view.segments]
    return hits, check.recorded


def assert_same_model(built: Path) -> None:
    """``built`` is the shipped model: the same features and thresholds, and weights equal to the solver's
    precision (the build runs an iterative solver to convergence; a CPU's other floating-point path may
    move a weight's sixth decimal)."""
    rebuilt, shipped = (json.loads(path.read_text(encoding="utf-8")) for path in (built, MODEL_PATH))
    for new, old in ((rebuilt, shipped), (rebuilt.get("person_in_reach"), shipped.get("person_in_reach"))):
        assert new is not None and old is not None
        assert new["features"] == old["features"] and new["threshold"] == old["threshold"]
        assert new["bias"] == pytest.approx(old["bias"], abs=1e-5)
        assert new["weights"] == pytest.approx(old["weights"], abs=1e-5)


def test_the_shipped_model_is_what_the_script_builds(tmp_path):
    """The build is deterministic and reads only the repository's corpora: rebuilding gives the shipped model."""
    out = tmp_path / "model.json"
    build_main(["--out", str(out)])
    assert_same_model(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and 0.5 <= data["threshold"] < 1


def test_fit_learns_which_feature_marks_the_garbled():
    data = [Example(f"d{i}", {**dict.fromkeys(FEATURES, 0.0), "institutional": float(i % 2), "quote": 1.0},
                    bool(i % 2)) for i in range(40)]
    model = fit(data, l2=0.1)
    assert model.weights["institutional"] > 2 and abs(model.weights["quote"]) < 1
    on = {**dict.fromkeys(FEATURES, 0.0), "institutional": 1.0}
    assert model.probability(on) > 0.9 > 0.1 > model.probability(dict.fromkeys(FEATURES, 0.0))
    counts = cross_validate(data, 0.1)
    assert (counts.garbled, counts.found, counts.false_alarms) == (20, 20, 0)


def test_a_media_verb_after_a_dateline_story_gets_a_second_look():
    """dev.en 517-519 (a CNN story quoting Russian news agencies), its last line's "Interfax reported" put as
    MT from a pro-drop source writes it: the rules let "he reported" pass (a researcher is in reach four
    lines up), the model flags it and names the agencies the story cites."""
    lines = [DEV_EN[n].strip() for n in range(510, 518)]
    garbled = DEV_EN[518].strip().replace("Interfax reported.", "he reported.")
    assert garbled.endswith("he reported.")
    hits, recorded = attribution(*lines, garbled)
    (hit,) = hits[-1]
    assert garbled[hit.start:hit.end] == "he" and 0.7 <= hit.score <= 1
    assert "news agencies reported." in hit.edits[0].replacement + garbled[hit.end:]
    assert recorded and recorded[-1][2]["institutional"] and not recorded[-1][2]["person_speaker_1"]
    # The rules alone: nothing.
    assert attribution(*lines, garbled, model=_NEVER)[0][-1] == []


_NEVER = AttributionModel(dict.fromkeys(FEATURES, 0.0), -30.0, 0.7)


ENGLISH_FITS = [
    ("The government appointed a new envoy to Washington.", "He said relations would improve."),
    ("Police said the 26-year-old may be charged with attempted assault.", "They said both women were released."),
    ("North Korean leader Kim Jong-un said the country would launch more satellites.",
     "It said the launches were for peaceful purposes."),
]


@pytest.mark.parametrize("sentences", ENGLISH_FITS)
def test_the_trackers_model_never_overrules_what_english_fits(sentences):
    always = AttributionModel(dict.fromkeys(FEATURES, 0.0), 30.0, 0.7)
    hits, recorded = attribution(*sentences, model=always)
    assert [h for h in hits[-1] if (sentences[-1][h.start:h.end]).lower() in ("he", "they")] == []
    assert not any(near for *_, near in recorded)  # no person-in-reach model: nothing judged there


@pytest.mark.parametrize("sentences", ENGLISH_FITS[:2])
def test_the_person_in_reach_model_judges_what_english_fits(sentences):
    """Where a fitting person (or people) was named just before, the second model decides, by the words too."""
    always = AttributionModel(dict.fromkeys(FEATURES, 0.0), 30.0, 0.7)
    never = replace(_NEVER, person_in_reach=_NEVER)
    assert attribution(*sentences, model=never)[0][-1] == []
    hits, recorded = attribution(*sentences, model=replace(_NEVER, person_in_reach=always))
    (hit,) = hits[-1]
    assert "not by the person named before" in hit.message or "not the person named before" in hit.message
    features, near = recorded[-1][2], recorded[-1][3]
    assert near and "w:<pronoun>" in features and ("p:appointed" in features or "p:police" in features)


def test_the_shipped_person_in_reach_model_reads_an_organisations_report():
    """A made-up pair in the way Korean MT garbles ("The ministry said ..." -> "He said ..."), right after a
    sentence that names a man: the tracker reads "he" as him; the words ("it", "its") say an organisation.
    The same report with "he" in it passes."""
    before = "Kim Young-gyo, a ministry official, met the delegation on Monday."
    garbled = "He said it would review its rules on foreign investment by the end of the year."
    hits, recorded = attribution(before, garbled)
    features, near = recorded[-1][2], recorded[-1][3]
    assert near and (features["person_speaker_1"] or features["person_other_1"])
    model = shipped_model().person_in_reach
    assert model is not None and 0.5 <= model.threshold < 1 and len(model.weights) > 1000
    assert model.probability(features) >= model.threshold
    (hit,) = hits[-1]
    assert garbled[hit.start:hit.end] == "He"
    genuine = "He said he would review the rules on foreign investment by the end of the year."
    _, recorded = attribution(before, genuine)
    assert model.probability(recorded[-1][2]) < model.threshold


def test_the_seed_findings_do_not_depend_on_the_model():
    """What the rules flag stays as they flagged it: the seed's five repairs come out the same without it."""
    from review_app.ingest import read_document

    from ..conftest import SEED

    draft = read_document(SEED.name, SEED.read_bytes())
    with_model = run_checks(draft, names=["attribution"])
    assert shipped_model() is not None
    rules_only = GarbledAttribution(_NEVER)
    view = DocumentView.of(draft)
    rules_only.start_document(view)
    for segment, findings in zip(view.segments, with_model):
        if segment.excluded:
            continue
        assert [(h.start, h.end) for h in rules_only.score(segment) if rules_only.decide(h)] == [
            (f.start, f.end) for f in findings]
