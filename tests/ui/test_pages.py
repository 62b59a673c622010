"""Every page under AppTest (no browser): empty and seeded databases, review, save,
save-and-next, conflicts, MQM marks, uploads and escaping."""
from __future__ import annotations

import pytest

from review_app.model import Annotation, Candidate, Score
from review_app.storage import Store
from review_app.workflow import importing, review

from ..conftest import SEED
from .helpers import HE_ALSO_EXPLAINED, app, import_seed, open_page, seed_with_finding

PAGES = ["documents", "review", "dashboard", "models", "export"]


@pytest.fixture
def app_db(db_url, monkeypatch):
    """The app's database (SQLite and PostgreSQL), no accounts file: one local user."""
    monkeypatch.setenv("REVIEW_APP_DB", db_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    return db_url


@pytest.fixture
def sqlite_app_db(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    return sqlite_url


def _reviewed_project(store: Store) -> None:
    """The seed with a finding, candidates, scores, a correction and an MQM mark: every chart has data."""
    doc, seg = seed_with_finding(store)
    cand = store.add_candidates([Candidate(seg.id, "system", "The ministry explained it.", system="sysB")])[0]
    store.add_scores([Score("chrF2++", 35.5, "reference", "nrefs:1|case:mixed|nc:6|nw:2|version:2.6.0", cand, seg.id)])
    review.save_correction(
        store, seg.id, "The State Department also explained it.", reviewer="bo", based_on_version=0,
        annotations=[Annotation(seg.id, 0, 2, "Accuracy/Mistranslation", "Major", "bo")],
    )


def _texts(at) -> str:
    return "\n".join([h.value for h in at.html] + [m.value for m in at.markdown] + [c.value for c in at.caption])


def _subheader(at) -> str:
    return at.subheader[0].value


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "seeded"])
def test_every_page_renders(sqlite_app_db, page, seeded):
    if seeded:
        _reviewed_project(Store(sqlite_app_db))
    at = open_page(app(), page)
    assert not at.exception, at.exception
    assert at.title[0].value == page.capitalize()
    if page in ("documents", "dashboard") and seeded:
        assert "demo" in [s.value for s in at.subheader] + [b.value for b in at.selectbox]


def test_review_shows_the_finding_and_accepts_the_repair_in_one_click(app_db):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    at.text_input(key="review_search").input("He also explained").run()
    assert _subheader(at).startswith(f"Segment {HE_ALSO_EXPLAINED + 1} ")
    html = _texts(at)
    assert '<mark data-check="attribution"' in html and "A pronoun reports what an organisation said." in html
    repair = next(c for c in store.candidates(seg.id) if c.origin == "rule:attribution")
    at.button(key=f"accept-{seg.id}-{repair.id}").click().run()
    assert not at.exception
    (saved,) = store.history(seg.id)
    assert (saved.text, saved.reviewer, saved.candidate_id, saved.status.value) == (
        repair.text, "ana", repair.id, "approved")
    assert "Saved segment 24 as version 1" in at.success[0].value


def test_save_and_next_records_status_comment_and_moves_on(app_db):
    store = Store(app_db)
    doc = import_seed(store)
    reporter = store.segments(doc.id)[5]  # "Reporter Kim Young-gyo reports."
    at = open_page(app("ana"), "review")
    at.radio(key="review_order").set_value("position").run()
    at.text_input(key="review_search").input("Reporter Kim").run()
    assert _subheader(at).startswith("Segment 6 ")
    # Clearing the search keeps the open segment; 'next' goes on from it in the whole queue.
    at.text_input(key="review_search").input("").run()
    assert _subheader(at).startswith("Segment 6 ")
    key = f"{reporter.id}-0"
    at.text_area(key=f"text-{key}").input("Reporter Kim Young-kyo reports.")
    at.radio(key=f"status-{key}").set_value("needs_work")
    at.text_input(key=f"comment-{key}").input("sign-off spells it Young-kyo")
    at.button(key="save-next").click().run()
    assert not at.exception
    (saved,) = store.history(reporter.id)
    assert (saved.text, saved.status.value, saved.comment, saved.reviewer) == (
        "Reporter Kim Young-kyo reports.", "needs_work", "sign-off spells it Young-kyo", "ana")
    assert _subheader(at).startswith("Segment 7 ")
    at.button(key="nav-previous").click().run()
    assert _subheader(at).startswith("Segment 6 ")
    assert "needs work · version 1" in _texts(at)
    at.button(key="nav-next").click().run()
    at.button(key="nav-next").click().run()
    assert _subheader(at).startswith("Segment 8 ")


def test_a_save_needs_a_reviewer_name(sqlite_app_db, monkeypatch):
    monkeypatch.delenv("REVIEW_APP_REVIEWER", raising=False)
    store = Store(sqlite_app_db)
    import_seed(store)
    at = open_page(app(reviewer=None), "review")
    at.button(key="save-stay").click().run()
    assert "Type your name" in at.error[0].value
    assert store.corrections() == []


@pytest.mark.parametrize("choice", ["keep-mine", "keep-theirs"])
def test_a_conflicting_save_shows_both_versions_and_never_overwrites(app_db, choice):
    store = Store(app_db)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    assert _subheader(at).startswith(f"Segment {seg.position + 1} ")
    # Bo saves the same segment while Ana has it open at version 0.
    review.save_correction(store, seg.id, "The Treasury Department also explained it.", reviewer="bo",
                             based_on_version=0)
    at.text_area(key=f"text-{seg.id}-0").input("The State Department also explained that, Ana says.")
    at.button(key="save-stay").click().run()
    assert not at.exception
    assert "Someone else saved this segment" in at.warning[0].value
    shown = _texts(at)
    assert "The State Department also explained that, Ana says." in shown and "Treasury" in shown
    assert [c.reviewer for c in store.history(seg.id)] == ["bo"]  # nothing overwritten yet
    at.button(key=choice).click().run()
    history = store.history(seg.id)
    if choice == "keep-mine":
        assert [(c.reviewer, c.version) for c in history] == [("bo", 1), ("ana", 2)]
        assert store.segment(seg.id).text == "The State Department also explained that, Ana says."
    else:
        assert [c.reviewer for c in history] == ["bo"]
        assert at.text_area(key=f"text-{seg.id}-1").value == "The Treasury Department also explained it."
    assert not at.warning


def test_mqm_marks_are_saved_with_the_correction(sqlite_app_db):
    store = Store(sqlite_app_db)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    at.text_input(key=f"mark-span-{seg.id}").input("He")
    at.selectbox(key=f"mark-category-{seg.id}").set_value("Accuracy/Mistranslation")
    at.radio(key=f"mark-severity-{seg.id}").set_value("Major")
    at.button(key=f"FormSubmitter:mark-{seg.id}-Add mark").click().run()
    assert "MQM error marks (1 to save" in at.expander[0].label
    at.button(key="save-stay").click().run()
    (ann,) = store.annotations(seg.id)
    assert (seg.mt[ann.start:ann.end], ann.category, ann.severity, ann.reviewer) == (
        "He", "Accuracy/Mistranslation", "Major", "ana")
    assert ann.correction_id == store.history(seg.id)[0].id


def test_filters_narrow_the_queue_server_side(sqlite_app_db):
    store = Store(sqlite_app_db)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    assert "30 segments match" in _texts(at)
    at.selectbox(key="review_check").set_value("attribution").run()
    assert "1 segment matches" in _texts(at)
    at.selectbox(key="review_check").set_value(None).run()
    at.selectbox(key="review_status").set_value("approved").run()
    assert "No segment matches these filters." in at.info[0].value
    at.toggle(key="review_excluded").set_value(True).run()
    at.selectbox(key="review_status").set_value(None).run()
    assert "37 segments match" in _texts(at)


def test_document_text_is_escaped(sqlite_app_db):
    store = Store(sqlite_app_db)
    payload = 'He said <script>alert("x")</script> and <img src=x onerror=alert(1)> today.'
    importing.import_bytes(store, "inject.txt", (payload + "\n").encode(), project="demo")
    at = open_page(app("ana"), "review")
    shown = "\n".join(h.value for h in at.html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown
    assert "<script" not in shown and "<img" not in shown


def test_upload_imports_and_reports_bad_files(sqlite_app_db):
    at = open_page(app("ana"), "documents")
    uploader = at.file_uploader[0]
    uploader.upload(SEED.name, SEED.read_bytes(), "text/plain")
    uploader.upload("broken.jsonl", b'{"mt": "fine"}\n{"mt": \n', "application/json").run()
    assert not at.exception
    (error,) = at.error  # the broken file is reported at once and left out of the import
    assert error.value.startswith("broken.jsonl") and "line 2" in error.value
    at.text_input(key="upload-project").input("seedproj")
    at.button(key="upload-import").click().run()
    assert not at.exception
    assert any("37 segments" in s.value for s in at.success)
    docs = Store(sqlite_app_db).list_documents("seedproj")
    assert [d.document.name for d in docs] == [SEED.name]


def test_an_admin_deletes_a_document_only_after_confirming(sqlite_app_db):
    store = Store(sqlite_app_db)
    import_seed(store)
    at = open_page(app("ana"), "documents")
    assert at.button(key="del-demo").disabled
    at.checkbox(key="del-sure-demo").check().run()
    at.button(key="del-demo").click().run()
    assert not at.exception
    assert store.list_documents("demo") == []


def test_export_previews_what_each_filter_removes_then_offers_the_file(sqlite_app_db):
    store = Store(sqlite_app_db)
    doc, seg = seed_with_finding(store)
    review.save_correction(store, seg.id, "The State Department also explained it.", reviewer="ana",
                             based_on_version=0)
    at = open_page(app("ana"), "export")
    at.selectbox(key="export-format").set_value("tmx")
    at.button(key="export-preview").click().run()
    removed = at.dataframe[0].value.set_index("filter")["removes"].to_dict()
    # The seed has no source text: TMX carries its MT -> correction pairs, so only furniture goes.
    assert removed["excluded"] == 7 and removed.get("no_source", 0) == 0
    at.selectbox(key="export-format").set_value("text")
    at.checkbox(key="export-approved").check()
    at.button(key="export-run").click().run()
    assert not at.exception
    assert at.get("download_button")[0].label == "Download demo.txt"
    assert at.metric[0].value == "1 of 37"


def test_saving_the_glossary_reruns_the_checks_with_it(sqlite_app_db):
    store = Store(sqlite_app_db)
    doc = import_seed(store)
    ads = store.segments(doc.id)[6]  # "... a popular advertising site in Vladivostok, ..."
    assert not [f for f in store.findings(ads.id) if f.check == "glossary"]
    store.set_glossary("demo", [{"wrong": "advertising site", "right": "classified-ads site",
                                 "note": "the Post's word"}])
    at = open_page(app("ana"), "documents")
    at.button(key="glossary-save-demo").click().run()
    assert not at.exception
    assert "re-ran the checks" in at.success[0].value
    (finding,) = [f for f in store.findings(ads.id) if f.check == "glossary"]
    assert ads.mt[finding.start:finding.end] == "advertising site"
