"""The team's use cases on both databases: assignments narrow a reviewer's queue, presence
expires, accounts change only through recorded use cases, and model jobs need an admin or a grant."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from review_app import auth
from review_app.errors import BadInputError
from review_app.model import SegmentFilter
from review_app.presentation.merge import merge_versions, unresolved
from review_app.workflow import team

from ..ui.helpers import import_seed


def test_assignments_narrow_the_queue_to_the_reviewers_segments(store):
    doc = import_seed(store)
    team.assign(store, doc.id, "bo", 3, 6, by="ana")
    team.assign(store, doc.id, "cy", by="ana")  # the whole document
    mine = SegmentFilter(assigned_to="bo")
    assert [s.position for s in store.segments(doc.id, where=mine)] == [2, 3, 4, 5]
    assert store.count_segments(doc.id, SegmentFilter(assigned_to="cy")) == store.count_segments(doc.id)
    assert store.count_segments(doc.id, SegmentFilter(assigned_to="dee")) == 0
    first = store.next_in_queue(doc.id, None, mine, "position")
    assert first.position == 2 and store.next_in_queue(doc.id, store.segments(doc.id)[5], mine, "position") is None
    assert team.assigned_documents(store, "bo") == [doc.id]
    with pytest.raises(BadInputError, match="segments 30-40: the document has segments 1-37"):
        team.assign(store, doc.id, "bo", 30, 40, by="ana")
    with pytest.raises(BadInputError, match="give both ends"):
        team.assign(store, doc.id, "bo", 3, None, by="ana")
    (bo,) = team.assignments(store, reviewer="bo")
    team.unassign(store, bo, by="ana")
    assert store.count_segments(doc.id, mine) == 0
    log = [(e.actor, e.action, e.subject) for e in team.team_log(store)]
    assert log[:3] == [("ana", "unassign", "bo"), ("ana", "assign", "cy"), ("ana", "assign", "bo")]


def test_presence_shows_other_sessions_until_they_stop_saying_they_are_here(store):
    doc = import_seed(store)
    seg = store.segments(doc.id)[4]
    team.here(store, "s-ana", "ana", doc.id, seg.id)
    team.here(store, "s-bo", "bo", doc.id, seg.id)
    assert [p.reviewer for p in team.others_here(store, doc.id, "s-ana")] == ["bo"]
    # A session that has not said it is here for longer than PRESENCE_SECONDS has left.
    stale = datetime.now(timezone.utc) - timedelta(seconds=team.PRESENCE_SECONDS + 5)
    store.set_presence("s-bo", "bo", doc.id, seg.id, stale)
    assert team.others_here(store, doc.id, "s-ana") == []
    team.here(store, "s-bo", "bo", doc.id, store.segments(doc.id)[5].id)  # moved on: one row per session
    assert [p.segment_id for p in team.others_here(store, doc.id, "s-ana")] == [store.segments(doc.id)[5].id]
    team.left(store, "s-bo")
    assert team.others_here(store, doc.id, "s-ana") == []


def test_accounts_changed_in_the_browser_are_recorded_and_a_disabled_one_cannot_sign_in(store, tmp_path):
    path = tmp_path / "team.toml"
    auth.save_account(path, "ana", auth.ADMIN, "Office of Foreign Assets Control")
    team.add_account(store, path, "bo", auth.REVIEWER, "Trafficking in Persons Report", by="ana")
    with pytest.raises(BadInputError, match="already an account named 'bo'"):
        team.add_account(store, path, "bo", auth.ADMIN, "another password", by="ana")
    team.set_disabled(store, path, "bo", True, by="ana")
    assert auth.authenticate(path, "bo", "Trafficking in Persons Report") is None
    team.set_disabled(store, path, "bo", False, by="ana")
    team.reset_password(store, path, "bo", "Human Trafficking Facts Report", by="ana")
    assert auth.authenticate(path, "bo", "Trafficking in Persons Report") is None
    assert auth.authenticate(path, "bo", "Human Trafficking Facts Report").name == "bo"
    team.set_role(store, path, "bo", auth.ADMIN, by="ana")
    assert auth.load_accounts(path)["bo"][0].role == auth.ADMIN
    with pytest.raises(BadInputError, match="cannot disable your own account"):
        team.set_disabled(store, path, "ana", True, by="ana")
    actions = [(e.action, e.subject, e.detail) for e in reversed(team.team_log(store))]
    assert actions == [("add account", "bo", "role reviewer"), ("disable", "bo", None), ("enable", "bo", None),
                       ("reset password", "bo", None), ("set role", "bo", "reviewer -> admin")]
    assert all(e.actor == "ana" for e in team.team_log(store))
    assert "Human Trafficking" not in " ".join(str(e) for e in team.team_log(store))  # no password in the log


def test_model_jobs_need_an_admin_or_an_admins_grant_and_project_roles_override(store):
    import_seed(store)
    bo = auth.Account("bo", auth.REVIEWER)
    assert not team.may_start_jobs(store, bo) and team.may_start_jobs(store, auth.Account("ana", auth.ADMIN))
    team.allow_jobs(store, "bo", True, by="ana")
    assert team.may_start_jobs(store, bo)
    team.allow_jobs(store, "bo", False, by="ana")
    assert not team.may_start_jobs(store, bo)
    team.set_project_role(store, "bo", "demo", auth.ADMIN, by="ana")
    assert team.project_role(store, bo, "demo") == auth.ADMIN and team.project_role(store, bo, "other") == "reviewer"
    team.set_project_role(store, "bo", "demo", None, by="ana")
    assert team.project_role(store, bo, "demo") == auth.REVIEWER


def test_a_merge_keeps_each_sides_changes_and_marks_where_both_changed_the_same_words():
    base = "He also explained that the number of North Korean workers fell."
    merged = merge_versions(base, "The State Department also explained that the number of North Korean workers fell.",
                            "He also explained that the number of North Korean workers fell sharply.")
    assert merged.text == "The State Department also explained that the number of North Korean workers fell sharply."
    assert merged.conflicts == 0 and not unresolved(merged.text)
    both = merge_versions(base, "The State Department also explained it.", "The Treasury Department also explained it.")
    assert both.text == "[mine: The State Department | theirs: The Treasury Department] also explained it."
    assert both.conflicts == 1 and unresolved(both.text)
