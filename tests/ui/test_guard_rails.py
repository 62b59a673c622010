"""Import and export guard-rails under AppTest: an upload's preview (columns mapped, languages
detected, both editable) before anything is stored, no import without a target language, and
exports that default to approved segments, say how much is unreviewed MT, name the page's fields
in their errors and keep their buttons."""
from __future__ import annotations

import pytest

from review_app.storage import Store
from review_app.workflow import importing, review

from .helpers import app, import_seed, news_lines, open_page


@pytest.fixture
def app_db(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    return sqlite_url


def _plain(element) -> str:
    return element.value.replace("\\", "")  # markdown escapes dropped


def test_the_import_preview_maps_columns_and_detects_languages_before_storing(app_db):
    ko, en = news_lines(4)
    tsv = "segment\tkorean\tenglish\n" + "".join(f"{i}\t{ko[i]}\t{en[i]}\n" for i in range(4))
    at = open_page(app("ana"), "documents")
    at.file_uploader[0].upload("news.tsv", tsv.encode(), "text/tab-separated-values").run()
    # No column has a usual name: nothing is guessed, the page says what to do and refuses to import.
    assert "no MT column" in _plain(at.error[0]) and "map one with the column pickers" in _plain(at.error[0])
    assert at.selectbox(key="upload-col-mt-0").value is None and at.button(key="upload-import").disabled
    at.selectbox(key="upload-col-mt-0").set_value("english")
    at.selectbox(key="upload-col-source-0").set_value("korean").run()
    assert not at.error and not at.exception
    # The languages are read off the text; the first rows show what each segment will hold.
    assert at.text_input(key="upload-src-0").value == "ko" and at.text_input(key="upload-tgt-0").value == "en"
    rows = at.dataframe[0].value
    assert list(rows["mt"]) == en[:4] and list(rows["source"]) == ko[:4]
    assert Store(app_db).list_documents() == []  # a preview stores nothing
    at.button(key="upload-import").click().run()
    (doc,) = [d.document for d in Store(app_db).list_documents()]
    assert (doc.source_lang, doc.target_lang) == ("ko", "en")
    assert [s.source for s in Store(app_db).segments(doc.id)] == ko[:4]


def test_the_preview_shows_the_usual_columns_and_a_file_without_a_target_language_waits(app_db):
    at = open_page(app("ana"), "documents")
    usual = "id\tsrc\ttranslation\n1\t세계 에서 가장 강력한 수퍼컴퓨터를\tThe most powerful supercomputer in the world.\n"
    at.file_uploader[0].upload("usual.tsv", usual.encode(), "text/tab-separated-values")
    at.file_uploader[0].upload("figures.txt", b"12.3\n1992\n", "text/plain").run()
    assert [at.selectbox(key=f"upload-col-{r}-0").value for r in ("source", "mt", "reference", "id")] == [
        "src", "translation", None, "id"]
    # Twelve digits tell no language: the target must be typed before anything is imported.
    assert at.text_input(key="upload-tgt-1").value == ""
    assert "no target language" in _plain(at.error[0]) and at.button(key="upload-import").disabled
    at.text_input(key="upload-tgt-1").input("en").run()
    assert not at.error and not at.button(key="upload-import").disabled
    at.button(key="upload-import").click().run()
    assert {d.document.name: d.document.target_lang for d in Store(app_db).list_documents()} == {
        "usual.tsv": "en", "figures.txt": "en"}


def test_export_defaults_to_approved_and_counts_unreviewed_mt_when_it_is_included(app_db):
    store = Store(app_db)
    doc = import_seed(store)
    seg = store.segments(doc.id)[3]
    review.save_correction(store, seg.id, seg.mt, reviewer="ana", based_on_version=0)
    at = open_page(app("ana"), "export")
    assert at.checkbox(key="export-approved").value is True
    at.selectbox(key="export-format").set_value("text")
    at.button(key="export-preview").click().run()
    assert at.metric[0].value == "1 of 37" and not at.warning
    at.checkbox(key="export-approved").uncheck()
    at.button(key="export-preview").click().run()
    exported = int(at.metric[0].value.split(" of ")[0])
    assert _plain(at.warning[0]).startswith(f"{exported - 1} of the {exported} exported segments are unreviewed MT")
    # A TMX of a document without a source pairs MT with the reviewers' corrections: never MT with itself.
    at.selectbox(key="export-format").set_value("tmx")
    at.button(key="export-preview").click().run()
    assert at.metric[0].value == "1 of 37"


def test_export_errors_name_the_pages_fields_and_the_export_button_stays(app_db):
    store = Store(app_db)
    ko, en = news_lines(3)
    tsv = "source\tmt\n" + "".join(f"{k}\t{e}\n" for k, e in zip(ko, en))
    importing.import_bytes(store, "news.tsv", tsv.encode(), project="demo", target_lang="en", checks=False)
    at = open_page(app("ana"), "export")
    at.checkbox(key="export-approved").uncheck()
    at.selectbox(key="export-format").set_value("tmx")
    at.button(key="export-preview").click().run()
    error = _plain(at.error[0])
    assert "has no source language, which tmx needs" in error and "'Source language, where a document has none'" in error
    assert "--source-lang" not in error
    assert at.button(key="export-run") is not None and not at.exception  # still there to press
    at.text_input(key="export-src").input("ko")
    at.button(key="export-run").click().run()
    assert not at.error and at.get("download_button")[0].label == "Download demo.tmx"
