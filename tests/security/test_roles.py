"""Roles on every page (issue 17 #3, issue 18 #3): a reviewer reviews, nothing more.

Before: the "Generate candidates" panel showed for reviewers, with a free-text field that took
any server path as a model (its errors told which directories existed, and a model found there
was loaded and wrote candidates). After: the panel is for admins, models come from the approved
list only, and paths are cut from every job message."""
from __future__ import annotations

import pytest

from review_app.storage import Store
from review_app.workflow import jobs

from ..ui.helpers import PASSWORDS, VIEWS, app, open_page, seed_with_finding, use_team

ADMIN_KEYS = ("gen-model-demo", "del-doc-demo", "glossary-demo", "upload-project")


@pytest.fixture
def team(tmp_path, sqlite_url, monkeypatch):
    use_team(tmp_path, sqlite_url, monkeypatch)
    monkeypatch.setenv("REVIEW_APP_APPROVED_MODELS", f"{tmp_path / 'models' / 'tiny-marian'},Helsinki-NLP/opus-mt-ko-en")
    seed_with_finding(Store(sqlite_url))


def signed_in(name: str):
    at = app(reviewer=None)
    at.text_input(key="login-name").input(name)
    at.text_input(key="login-password").input(PASSWORDS[name])
    return at.button(key="FormSubmitter:login-Sign in").click().run()


def _keys(at) -> set[str]:
    return {getattr(w, "key", None) for kind in ("selectbox", "text_input", "button", "file_uploader")
            for w in at.get(kind)} | {getattr(w, "key", None) for w in at.get("arrow_data_editor")}


def test_a_reviewer_sees_no_admin_control_on_any_page(team):
    at = signed_in("bo")
    for page in ("documents", "review", "dashboard", "models"):
        open_page(at, page)
        assert not at.exception, page
        assert not (set(ADMIN_KEYS) & _keys(at)), page
        assert not at.get("file_uploader"), page
    assert not any("Generate candidates" in e.proto.label for e in at.get("expandable"))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(VIEWS / "export.py"))
    assert jobs.list_jobs("demo") == []


def test_an_admin_picks_models_from_the_approved_list_by_name_only(team):
    at = open_page(signed_in("ana"), "documents")
    assert at.selectbox(key="gen-model-demo").options == ["tiny-marian", "Helsinki-NLP/opus-mt-ko-en"]
    assert not any(w.key and w.key.startswith("gen-other") for w in at.text_input)  # nothing to type a path into
