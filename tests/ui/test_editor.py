"""The translator's editor under AppTest: safe approval (asked once, beside the button, a
dismissal recorded), no version for an unchanged re-save, the status the reviewer chose,
MQM marks from the span picker, candidate agreement and scores, propagation, find and
replace with undo, the concordance, and the checks' precision on the Dashboard."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from review_app.model import Candidate, Score
from review_app.storage import Store
from review_app.workflow import importing, review

from .helpers import (
    HE_ALSO_EXPLAINED,
    app,
    component_args,
    import_seed,
    in_order,
    open_page,
    open_tab,
    seed_with_finding,
    send_component_value,
)


@pytest.fixture
def app_db(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    monkeypatch.delenv("REVIEW_APP_REVIEWER", raising=False)
    return sqlite_url


def on_segment(at, store, position: int, search: str):
    at.text_input(key="review_search").input(search).run()
    assert at.subheader[0].value.startswith(f"Segment {position + 1} ")
    return at


def plain(markdown: str) -> str:
    """A message as the reviewer reads it (the page escapes markdown characters in messages)."""
    return markdown.replace("\\", "")


def texts(at) -> str:
    return "\n".join([h.value for h in at.html] + [m.value for m in at.markdown] + [c.value for c in at.caption])


def test_approving_text_with_a_major_finding_asks_once_beside_the_button(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = on_segment(open_page(app("ana"), "review"), store, HE_ALSO_EXPLAINED, "He also explained")
    key = f"{seg.id}-0"
    at.text_area(key=f"text-{key}").input(seg.mt)  # the MT as it is: "He also explained ..."
    at.button(key="save-stay").click().run()
    assert store.history(seg.id) == []
    (question,) = at.warning
    assert "still has 1 finding of major or worse severity: attribution (major)" in plain(question.value)
    order = in_order(at)
    assert order.index(question) > order.index(at.button(key="save-stay"))  # asked beside the editor's buttons
    at.button(key="ask-cancel-editor").click().run()
    assert not at.warning and store.history(seg.id) == []

    at.text_area(key=f"text-{key}").input(seg.mt)
    at.button(key="save-stay").click().run()
    at.button(key="ask-dismiss-editor").click().run()
    (saved,) = store.history(seg.id)
    assert (saved.text, saved.status.value) == (seg.mt, "approved")
    (dismissed,) = store.overrides(seg.id)
    assert (dismissed.check, dismissed.start, dismissed.end, dismissed.correction_id) == ("attribution", 0, 2, saved.id)
    # Asked once: approving the same text again does not ask about the dismissed finding.
    at.radio(key=f"status-{seg.id}-1").set_value("needs_work")
    at.button(key="save-stay").click().run()
    at.radio(key=f"status-{seg.id}-2").set_value("approved")
    at.button(key="save-stay").click().run()
    assert not at.warning
    assert [c.status.value for c in store.history(seg.id)] == ["approved", "needs_work", "approved"]


def test_the_answer_can_be_needs_work_and_a_fixed_text_is_not_asked_about(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = on_segment(open_page(app("ana"), "review"), store, HE_ALSO_EXPLAINED, "He also explained")
    mt = next(c for c in store.candidates(seg.id) if c.origin == "mt")
    at.button(key=f"accept-{seg.id}-{mt.id}").click().run()  # Alt+1: accept the MT
    assert "still has 1 finding" in at.warning[0].value
    assert store.history(seg.id) == []
    at.button(key="ask-needs-work-cand-1").click().run()
    (saved,) = store.history(seg.id)
    assert (saved.text, saved.status.value, saved.candidate_id) == (seg.mt, "needs_work", mt.id)
    assert store.overrides(seg.id) == []
    # The rule repair rewrites "He": it has dealt with the finding, so approving it asks nothing.
    repair = next(c for c in store.candidates(seg.id) if c.origin == "rule:attribution")
    at = on_segment(at, store, HE_ALSO_EXPLAINED, "He also explained")
    at.button(key=f"accept-{seg.id}-{repair.id}").click().run()
    assert not at.warning
    assert [c.text for c in store.history(seg.id)] == [seg.mt, repair.text]


def test_an_unchanged_resave_adds_no_version_and_the_status_stays_as_chosen(app_db):
    store = Store(app_db)
    doc = import_seed(store)
    reporter = store.segments(doc.id)[5]  # "Reporter Kim Young-gyo reports."
    at = on_segment(open_page(app("ana"), "review"), store, 5, "Reporter Kim")
    at.radio(key=f"status-{reporter.id}-0").set_value("needs_work")
    at.button(key="save-stay").click().run()
    assert [c.status.value for c in store.history(reporter.id)] == ["needs_work"]
    # Opened again, the editor starts at the status the reviewer chose, not at "approved".
    assert at.radio(key=f"status-{reporter.id}-1").value == "needs_work"
    at.button(key="save-stay").click().run()
    assert len(store.history(reporter.id)) == 1
    assert "Nothing changed: segment 6 stays at version 1 (needs work)." in plain(at.info[0].value)
    assert store.segment(reporter.id).status.value == "needs_work"


def test_an_error_shows_beside_the_button_that_caused_it(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = on_segment(open_page(app(reviewer=None), "review"), store, HE_ALSO_EXPLAINED, "He also explained")
    at.button(key="save-next").click().run()
    (error,) = at.error
    order = in_order(at)
    assert "Type your name" in error.value and 0 < order.index(error) - order.index(at.button(key="save-stay")) <= 2
    repair = next(c for c in store.candidates(seg.id) if c.origin == "rule:attribution")
    at.button(key=f"accept-{seg.id}-{repair.id}").click().run()
    (error,) = at.error
    order = in_order(at)
    assert 0 < order.index(error) - order.index(at.button(key=f"accept-{seg.id}-{repair.id}")) <= 4
    assert store.corrections() == []


def test_accept_and_next_saves_the_candidate_and_opens_the_next_segment(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    at.radio(key="review_order").set_value("position").run()
    at = on_segment(at, store, HE_ALSO_EXPLAINED, "explained that North Korean")
    at.text_input(key="review_search").input("").run()
    repair = next(c for c in store.candidates(seg.id) if c.origin == "rule:attribution")
    at.button(key=f"accept-{seg.id}-{repair.id}").click().run()
    assert store.segment(seg.id).corrected == repair.text
    assert at.subheader[0].value.startswith(f"Segment {HE_ALSO_EXPLAINED + 2} ")
    assert f"Saved segment {HE_ALSO_EXPLAINED + 1} as version 1 (approved)." in plain(at.success[0].value)


def test_a_span_marked_in_the_picker_is_stored_and_drawn(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = on_segment(open_page(app("ana"), "review"), store, HE_ALSO_EXPLAINED, "He also explained")
    picker = component_args(at, "picker-target")
    start = seg.mt.index("vulnerable")
    mark = {"start": start, "end": start + 10, "category": "Fluency/Register", "severity": "Minor",
            "side": "target", "token": picker["token"], "nonce": 1}
    send_component_value(at, "picker-target", {**mark, "token": "another segment"})
    assert store.annotations(seg.id) == []  # a value meant for another text is ignored
    send_component_value(at, "picker-target", mark)
    (ann,) = store.annotations(seg.id)
    assert (seg.mt[ann.start:ann.end], ann.category, ann.severity, ann.reviewer) == (
        "vulnerable", "Fluency/Register", "Minor", "ana")
    drawn = [s for s in component_args(at, "picker-target")["spans"] if s["kind"] == "mqm"]
    assert [(s["start"], s["end"], s["title"]) for s in drawn] == [(start, start + 10, "Fluency/Register · Minor · ana")]
    assert "MQM 1.00 (1 rating)" in texts(at)
    send_component_value(at, "picker-target", {**mark, "start": 0, "end": 999, "nonce": 2})
    assert "outside the text" in at.error[0].value and len(store.annotations(seg.id)) == 1
    at.button(key=f"unmark-{ann.id}").click().run()
    assert store.annotations(seg.id) == []


def test_an_omission_is_marked_in_the_source(app_db):
    store = Store(app_db)
    doc, _ = importing.import_bytes(
        store, "pair.tsv", "source\tmt\n미국 재무부는 어제 북한 기관 3곳을 제재했다.\tThe Treasury sanctioned North Korean entities.\n"
        .encode(), project="demo", source_lang="ko")
    seg = store.segments(doc.id)[0]
    at = open_page(app("ana"), "review")
    source = component_args(at, "picker-source")
    assert source["text"] == seg.source and source["categories"] == ["Accuracy/Omission"]
    yesterday = seg.source.index("어제")
    value = {"start": yesterday, "end": yesterday + 2, "category": "Accuracy/Omission", "severity": "Major",
             "side": "source", "token": source["token"]}
    send_component_value(at, "picker-source", {**value, "category": "Fluency/Grammar"})
    assert "not an MQM category here" in at.error[0].value
    send_component_value(at, "picker-source", {**value, "nonce": 2})
    (ann,) = store.annotations(seg.id)
    assert (ann.side, seg.source[ann.start:ann.end], ann.category) == ("source", "어제", "Accuracy/Omission")


def test_candidates_show_agreement_and_scores_before_any_correction(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    same = "The State Department also explained that North Korean workers are more vulnerable."
    b, c, _ = store.add_candidates([Candidate(seg.id, "system", same, system="sysB"),
                                    Candidate(seg.id, "system", same, system="sysC"),
                                    Candidate(seg.id, "system", seg.mt, system="sysD")])
    store.add_scores([Score("metricx-24-qe", 3.25, "source", "metricx|qe", b, seg.id)])
    at = on_segment(open_page(app("ana"), "review"), store, HE_ALSO_EXPLAINED, "He also explained")
    shown = texts(at)
    assert '<span data-testid="agreement">MT = sysD</span>' in shown
    assert '<span data-testid="agreement">sysB = sysC</span>' in shown
    assert "risk: major · MBR" in shown and "deals with every finding · MBR" in shown
    assert "QE metricx-24-qe 3.25" in shown and "QE: none configured" not in shown
    review.save_correction(store, seg.id, same, reviewer="bo", based_on_version=0)
    at.run()
    assert "against the correction (v1): BLEU 100.0" in texts(at)


def test_a_correction_is_offered_to_matching_segments_and_applied_one_by_one(app_db):
    store = Store(app_db)
    for name, lines in (("a.txt", ["Reporter Kim Young-gyo reports.", "It rained in Seoul."]),
                        ("b.txt", ["Reporter Kim Young-gyo reports.", "Reporter Kim Young-gyo reports from Seoul."])):
        importing.import_bytes(store, name, "\n\n".join(lines).encode(), project="kim")
    first, other = (d.document for d in store.list_documents("kim"))
    target = store.segments(first.id)[0]
    at = open_page(app("ana"), "review")
    at.radio(key="review_order").set_value("position").run()
    at.text_area(key=f"text-{target.id}-0").input("Reporter Kim Young-kyo reports.")
    at.button(key="save-stay").click().run()
    assert "2 other segments read like segment 1 did" in at.info[0].value
    identical, near = store.segments(other.id)
    open_tab(at, "Same change")
    at.button(key=f"offer-apply-{near.id}").click().run()
    assert store.segment(near.id).corrected == "Reporter Kim Young-kyo reports from Seoul."
    assert store.segment(identical.id).version == 0
    at.button(key="offers-all").click().run()
    assert store.segment(identical.id).corrected == "Reporter Kim Young-kyo reports."
    assert "Corrected 1 segment the same way." in at.success[-1].value


def test_find_and_replace_previews_applies_and_undoes(app_db):
    store = Store(app_db)
    doc = import_seed(store)
    workers = next(s for s in store.segments(doc.id) if "North Korean workers" in s.text)
    review.save_correction(store, workers.id, workers.mt, reviewer="bo", based_on_version=0)
    at = open_tab(open_page(app("ana"), "review"), "Replace")
    at.text_input(key="fr-find").input("north korean workers")
    at.text_input(key="fr-replace").input("North Korean labourers")
    at.button(key="fr-preview").click().run()
    changing = [s for s in store.segments(doc.id) if "north korean workers" in s.text.lower()]
    assert f"{len(changing)} segments would change" in texts(at) and len(changing) >= 2
    at.button(key="fr-run").click().run()
    assert "corrected" in at.success[0].value
    for s in changing:
        now = store.segment(s.id)
        assert now.text == re.sub("north korean workers", "North Korean labourers", s.text, flags=re.IGNORECASE)
        assert now.status.value == ("approved" if s.status.value == "approved" else "needs_work")
    (edit,) = store.bulk_edits("demo")
    at.button(key=f"fr-undo-{edit.id}").click().run()
    for s in changing:
        assert store.segment(s.id).text == s.text
        assert len(store.history(s.id)) >= 2  # replace and undo are corrections with history
    assert store.bulk_edits("demo")[0].undone_at is not None


def test_the_concordance_shows_earlier_corrections_for_the_words_under_the_cursor(app_db):
    store = Store(app_db)
    doc = import_seed(store)
    reporter = store.segments(doc.id)[5]
    review.save_correction(store, reporter.id, "Reporter Kim Young-kyo reports.", reviewer="bo", based_on_version=0)
    at = open_tab(open_page(app("ana"), "review"), "Concordance")
    helper = component_args(at, "editor-helper")
    send_component_value(at, "editor-helper", {"words": "Young-gyo", "token": helper["token"]})
    assert at.text_input(key="concordance_words").value == "Young-gyo"
    shown = texts(at)
    assert 'class="ra-concordance"' in shown
    assert "MT: Reporter Kim <mark>Young-gyo</mark> reports." in shown
    assert "→ Reporter Kim Young-kyo reports." in shown


def test_the_dashboard_shows_each_checks_precision_from_reviewer_verdicts(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    finding = store.findings(seg.id)[0]
    review.save_correction(store, seg.id, seg.mt, reviewer="ana", based_on_version=0, overrides=[finding])
    at = open_page(app("ana"), "dashboard")
    precision = at.dataframe[-1].value.set_index("check")
    assert precision.loc["attribution", "dismissed as false positive"] == 1
    assert precision.loc["attribution", "precision"] == 0.0


def test_an_imported_mqm_release_shows_its_raters_spans_on_every_systems_candidate(app_db):
    from review_app.scoring.mqm import read_mqm
    from review_app.workflow.scoring import import_mqm

    from ..conftest import ROOT

    store = Store(app_db)
    tsv = ROOT / "corpora" / "wmt21-ted-mqm-ende" / "mqm_ted_ende.tsv"
    rows = [r for r in read_mqm(tsv.name, tsv.read_bytes()) if r.doc == "talk.1"]
    (doc,) = import_mqm(store, "ted", rows, source_lang="en", target_lang="de")
    seg = store.segments(doc.id)[22]  # "What Einstein did not realize ...": marks on most systems
    at = open_page(app("ana"), "review")
    at = on_segment(at, store, 22, "Einstein did not realize")
    marked = {a.candidate_id for a in store.annotations(seg.id) if a.category != "No-error" and a.end > a.start}
    systems = {c.id: c.system for c in store.candidates(seg.id)}
    shown = texts(at)
    # Each system with a marked span has its row drawn with those spans, rater and category on hover.
    for cand_id in marked:
        for ann in [a for a in store.annotations(seg.id) if a.candidate_id == cand_id and a.end > a.start]:
            assert f'title="{ann.category} · {ann.severity} · {ann.reviewer}' in shown, systems[cand_id]
    assert shown.count('class="ra-mqm"') >= len(marked) > 5
    # The MT is one system's output: its raters' spans are on the MT in the span picker too.
    mt_spans = [s for s in component_args(at, "picker-target")["spans"] if s["kind"] == "mqm"]
    assert mt_spans and "Document MQM: Facebook-AI" in shown


def _domain_imports(path: Path, root: Path) -> set[str]:
    """The review_app modules outside review_app.ui that a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        base = package.rsplit(".", node.level - 1)[0] if node.level else ""
        module = ".".join(p for p in (base, node.module or "") if p)
        if not module.startswith("review_app") or module.startswith("review_app.ui"):
            continue
        folder = root.joinpath(*module.split("."))
        found |= {module} | {f"{module}.{alias.name}" for alias in node.names
                             if (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir()}
    return found


def test_the_server_imports_what_the_pages_share_before_any_session_runs():
    """Two first runs importing one package in two threads can see it half-initialised (a browser
    test met "cannot import name 'Cell' from partially initialized module"): the server module
    imports, in its one thread, every domain module the Review page and its ui modules import."""
    root = Path(__file__).parents[2]
    ui = root / "review_app" / "ui"
    files = [ui / "views" / "review.py"] + [ui / f"{name}.py" for name in
                                            ("actions", "data", "review_segment", "review_panels", "state")]
    wanted = set().union(*(_domain_imports(f, root) for f in files))
    probe = ("import sys, review_app.ui.server; "
             "print('\\n'.join(m for m in sys.modules if m.startswith('review_app')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert {"review_app.scoring.agreement", "review_app.presentation.mqm_marks"} <= wanted
    assert wanted <= loaded, wanted - loaded
