"""The learned second look of the attribution check (language/english/speaker_model.py), its build from the
tuning half (evaluation/attribution_training.py, scripts/build_attribution_model.py), on real text."""
from __future__ import annotations

import json

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


def test_the_shipped_model_is_what_the_script_builds(tmp_path):
    """The build is deterministic and reads only the repository's corpora: rebuilding gives the shipped file."""
    out = tmp_path / "model.json"
    build_main(["--out", str(out)])
    assert out.read_text(encoding="utf-8") == MODEL_PATH.read_text(encoding="utf-8")
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


@pytest.mark.parametrize("sentences", [
    ("The government appointed a new envoy to Washington.", "He said relations would improve."),
    ("Police said the 26-year-old may be charged with attempted assault.", "They said both women were released."),
    ("North Korean leader Kim Jong-un said the country would launch more satellites.",
     "It said the launches were for peaceful purposes."),
])
def test_the_model_never_overrules_what_english_fits(sentences):
    always = AttributionModel(dict.fromkeys(FEATURES, 0.0), 30.0, 0.7)
    hits, _ = attribution(*sentences, model=always)
    assert [h for h in hits[-1] if (sentences[-1][h.start:h.end]).lower() in ("he", "they")] == []


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
