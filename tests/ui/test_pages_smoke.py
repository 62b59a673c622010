"""Every page renders on an empty and on a seeded database (AppTest, no browser)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from review_app import workflow
from review_app.storage import Store

from ..conftest import SEED

APP = Path(__file__).resolve().parents[2] / "review_app" / "ui" / "app.py"
PAGES = ["documents.py", "review.py"]


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    monkeypatch.setenv("REVIEW_APP_DB", url)
    return url


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "seeded"])
def test_page_renders(app_db, page, seeded):
    if seeded:
        workflow.import_file(Store(app_db), SEED, project="demo")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.switch_page(str(APP.parent / "pages" / page)).run()
    assert not at.exception


def test_review_page_saves_a_correction(app_db):
    store = Store(app_db)
    doc, _ = workflow.import_file(store, SEED, project="demo")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.switch_page(str(APP.parent / "pages" / "review.py")).run()
    at.selectbox[1].set_value(store.segments(doc.id)[23]).run()
    at.text_input[0].input("ana")
    at.text_area[0].input("The State Department also explained that North Korean workers are vulnerable.")
    at.button[0].click().run()
    assert not at.exception
    seg = store.segments(doc.id)[23]
    assert seg.version == 1 and seg.text.startswith("The State Department also explained")
    assert store.history(seg.id)[0].reviewer == "ana"
