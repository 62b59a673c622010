"""The team under AppTest: admins manage accounts and assignments on the Team page (every change
recorded), assignments filter a reviewer's queue, a disabled account cannot sign in, reviewers
start model jobs only when allowed, and a conflict can be resolved by merging both versions."""
from __future__ import annotations

import pytest

from review_app.storage import Store
from review_app.workflow import review, team

from .helpers import PASSWORDS, app, import_seed, open_page, seed_with_finding, use_team
from .test_login import sign_in

GENERATE = "Generate candidates with a model"


@pytest.fixture
def accounts(tmp_path, sqlite_url, monkeypatch):
    path = use_team(tmp_path, sqlite_url, monkeypatch)
    store = Store(sqlite_url)
    import_seed(store)
    return path, store


def test_an_admin_assigns_a_range_and_the_reviewers_queue_shows_only_it(accounts):
    path, store = accounts
    ana = open_page(sign_in("ana", PASSWORDS["ana"]), "team")
    assert not ana.exception and ana.selectbox(key="team-assign-who").options == ["ana", "bo"]
    ana.selectbox(key="team-assign-who").set_value("bo")
    ana.number_input(key="team-assign-from").set_value(4)
    ana.number_input(key="team-assign-to").set_value(8)
    ana.button(key="FormSubmitter:team-assign-Assign").click().run()
    assert not ana.exception and "Assigned to bo." in ana.success[0].value
    bo = open_page(sign_in("bo", PASSWORDS["bo"]), "review")
    doc = store.list_documents("demo")[0].document
    mine = bo.toggle(key=f"review_mine_{doc.id}")
    assert mine.value is True  # on by default where something is assigned
    shown = "\n".join(c.value for c in bo.caption)
    expected = sum(1 for s in store.segments(doc.id)[3:8] if not s.excluded)
    assert f"{expected} segments match" in shown
    assert 4 <= int(bo.subheader[0].value.split()[1]) <= 8  # the open segment is one of bo's
    mine.set_value(False).run()
    assert f"{sum(1 for s in store.segments(doc.id) if not s.excluded)} segments match" in "\n".join(
        c.value for c in bo.caption)
    assert [(e.actor, e.action, e.subject) for e in team.team_log(store)] == [("ana", "assign", "bo")]


def test_a_disabled_account_cannot_sign_in_and_the_change_is_recorded(accounts):
    path, store = accounts
    ana = open_page(sign_in("ana", PASSWORDS["ana"]), "team")
    ana.selectbox(key="team-account").set_value("bo").run()
    ana.button(key="team-disable").click().run()
    assert not ana.exception and "bo disabled." in ana.success[0].value
    table = next(df.value for df in ana.dataframe if "disabled" in df.value.columns).set_index("account")
    assert bool(table.loc["bo", "disabled"]) is True
    refused = sign_in("bo", PASSWORDS["bo"])
    assert refused.error[0].value == "Wrong name or password." and refused.title[0].value == "Sign in"
    (event,) = team.team_log(store)
    assert (event.actor, event.action, event.subject) == ("ana", "disable", "bo")


def test_an_admin_adds_an_account_that_can_then_sign_in(accounts):
    path, store = accounts
    ana = open_page(sign_in("ana", PASSWORDS["ana"]), "team")
    ana.text_input(key="team-add-name").input("cy")
    ana.selectbox(key="team-add-role").set_value("reviewer")
    ana.text_input(key="team-add-pw").input("Office of Overseas Assets Control")
    ana.button(key="FormSubmitter:team-add-Add account").click().run()
    assert not ana.exception and "Added cy (reviewer)." in ana.success[0].value.replace("\\", "")
    assert sign_in("cy", "Office of Overseas Assets Control").title[0].value == "Documents"


def test_reviewers_start_model_jobs_only_when_an_admin_allows_it(accounts):
    path, store = accounts
    bo = sign_in("bo", PASSWORDS["bo"])
    assert GENERATE not in [e.label for e in bo.expander]
    ana = open_page(sign_in("ana", PASSWORDS["ana"]), "team")
    ana.selectbox(key="team-account").set_value("bo").run()
    ana.toggle(key="team-jobs-bo").set_value(True)
    ana.button(key="team-save-jobs").click().run()
    assert "bo may start model jobs." in ana.success[0].value
    bo = sign_in("bo", PASSWORDS["bo"])
    assert GENERATE in [e.label for e in bo.expander]


def test_a_conflict_can_be_resolved_by_merging_both_versions(sqlite_url, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_DB", sqlite_url)
    monkeypatch.delenv("REVIEW_APP_AUTH_FILE", raising=False)
    store = Store(sqlite_url)
    doc, seg = seed_with_finding(store)
    at = open_page(app("ana"), "review")
    review.save_correction(store, seg.id, seg.mt.replace("He also explained", "The Treasury also explained"),
                           reviewer="bo", based_on_version=0)
    at.text_area(key=f"text-{seg.id}-0").input(seg.mt.replace("He also", "The State Department also") + " (ana)")
    at.button(key="save-stay").click().run()
    merged = at.text_area(key=f"merge-{seg.id}-1")
    assert merged.value.startswith("[mine: The State Department | theirs: The Treasury]") and merged.value.endswith("(ana)")
    at.button(key="keep-merged").click().run()
    assert "still has a [mine: … | theirs: …] choice" in at.error[0].value.replace("\\", "")
    assert [c.reviewer for c in store.history(seg.id)] == ["bo"]  # nothing saved yet
    at.text_area(key=f"merge-{seg.id}-1").input(merged.value.replace(
        "[mine: The State Department | theirs: The Treasury]", "The State Department"))
    at.button(key="keep-merged").click().run()
    history = store.history(seg.id)
    assert [(c.reviewer, c.version) for c in history] == [("bo", 1), ("ana", 2)]
    assert history[1].text.startswith("The State Department also explained") and history[1].text.endswith("(ana)")
    assert history[1].comment == "merged with version 1"
