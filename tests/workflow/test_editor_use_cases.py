"""The editor's use cases on a real database: unchanged re-saves, the approval question,
marks, propagation (checked against what segments read now), replace and undo."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.model import Candidate
from review_app.presentation.consistency import FindReplace
from review_app.presentation.mqm_marks import Selection
from review_app.workflow import consistency, importing, review

from ..conftest import SEED


@pytest.fixture
def seeded(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return doc, store.segments(doc.id)


def test_saving_the_same_text_and_status_again_adds_no_version(store, seeded):
    doc, segs = seeded
    seg = segs[5]
    first = review.save_correction(store, seg.id, "Reporter Kim Young-kyo reports.", reviewer="ana",
                                   based_on_version=0, status="needs_work")
    again = review.save_correction(store, seg.id, " Reporter Kim Young-kyo reports. ", reviewer="ana",
                                   based_on_version=1, status="needs_work")
    assert (again.id, again.version) == (first.id, first.version) and review.is_unchanged(again, 1)
    assert len(store.history(seg.id)) == 1
    status_change = review.save_correction(store, seg.id, "Reporter Kim Young-kyo reports.", reviewer="ana",
                                           based_on_version=1, status="approved")
    with_comment = review.save_correction(store, seg.id, "Reporter Kim Young-kyo reports.", reviewer="ana",
                                          based_on_version=2, status="approved", comment="checked the sign-off")
    assert (status_change.version, with_comment.version) == (2, 3)
    # Approving the MT as it is is a decision too: the first save of it is a version.
    assert review.save_correction(store, segs[6].id, segs[6].mt, reviewer="ana", based_on_version=0).version == 1


def test_the_question_is_about_the_text_being_approved(store, seeded):
    doc, segs = seeded
    seg = next(s for s in segs if s.mt.startswith("He also explained"))
    (finding,) = [f for f in store.findings(seg.id) if f.check == "attribution"]
    assert review.findings_to_confirm(store, seg.id, seg.mt) == [finding]
    assert review.findings_to_confirm(store, seg.id, "The State Department" + seg.mt[2:]) == []
    review.save_correction(store, seg.id, seg.mt, reviewer="ana", based_on_version=0, overrides=[finding])
    assert review.findings_to_confirm(store, seg.id, seg.mt) == []


def test_marks_need_a_reviewer_and_land_on_the_candidate(store, seeded):
    doc, segs = seeded
    seg = segs[23]
    (cand,) = store.add_candidates([Candidate(seg.id, "system", "The ministry explained it.", system="sysB")])
    with pytest.raises(BadInputError, match="reviewer"):
        review.add_mark(store, seg.id, cand, Selection(4, 12, "Terminology/Inappropriate for context", "Minor"), "")
    review.add_mark(store, seg.id, cand, Selection(4, 12, "Terminology/Inappropriate for context", "Minor"), "ana")
    (mark,) = store.annotations(seg.id)
    assert (mark.candidate_id, mark.start, mark.end, mark.correction_id) == (cand, 4, 12, None)
    scores = review.document_mqm(store, doc.id)
    assert scores["sysB"].score == 1.0
    assert review.remove_mark(store, mark.id, "ana")


def test_offers_are_checked_against_what_segments_read_now(store):
    for name, lines in (("a.txt", ["Reporter Kim Young-gyo reports.", "He said so."]),
                        ("b.txt", ["Reporter Kim Young-gyo reports.", "Reporter Kim Young-gyo reports from Seoul."])):
        importing.import_bytes(store, name, "\n\n".join(lines).encode(), project="kim")
    first, other = (d.document for d in store.list_documents("kim"))
    target = store.segments(first.id)[0]
    identical, near = store.segments(other.id)
    old, new = target.text, "Reporter Kim Young-kyo reports."
    review.save_correction(store, target.id, new, reviewer="ana", based_on_version=0)
    offers = consistency.offers_after(store, "kim", store.segment(target.id), old, new)
    assert [o.segment_id for o in offers] == [identical.id, near.id]
    # Someone corrects the near-identical segment meanwhile (the cached texts do not know yet).
    review.save_correction(store, near.id, "Kim Young-gyo reports from Seoul.", reviewer="bo", based_on_version=0)
    assert [o.segment_id for o in consistency.current_offers(store, offers)] == [identical.id]
    applied, skipped = consistency.propagate(store, "kim", offers, reviewer="ana", status="approved",
                                             origin=store.segment(target.id))
    assert [c.segment_id for c in applied] == [identical.id] and skipped == [near.id]
    assert store.segment(near.id).corrected == "Kim Young-gyo reports from Seoul."
    # The cache learnt the propagated text: the same change is not offered to it again.
    again = consistency.offers_after(store, "kim", store.segment(target.id), old, new)
    assert identical.id not in [o.segment_id for o in again]


def test_replace_and_undo_are_corrections_with_history(store, seeded):
    doc, segs = seeded
    search = FindReplace("North Korean workers", "North Korean labourers")
    preview, total = consistency.find_in_project(store, "demo", search, limit=2)
    assert len(preview) == 2 and total > 2
    with pytest.raises(BadInputError, match="nothing to replace"):
        consistency.replace_in_project(store, "demo", FindReplace("no such words"), reviewer="ana")
    edit_id, applied, skipped = consistency.replace_in_project(store, "demo", search, reviewer="ana")
    assert len(applied) == total and skipped == []
    for c in applied:
        assert "North Korean labourers" in c.text and c.comment == search.describe()
        assert store.scores(c.segment_id)  # rescored against the new correction
    restored, skipped = consistency.undo_replace(store, "demo", edit_id, reviewer="ana")
    assert len(restored) == total and skipped == []
    assert all("North Korean workers" in store.segment(c.segment_id).text for c in applied)
    assert [e.id for e in consistency.recent_replaces(store, "demo")] == [edit_id]


def test_a_replace_whose_text_no_database_stores_is_one_error_and_stores_nothing(store, seeded):
    search = FindReplace("North Korean workers", "North Korean\x00labourers")
    with pytest.raises(BadInputError, match="has a NUL character, which no database stores"):
        consistency.replace_in_project(store, "demo", search, reviewer="ana")
    assert store.corrections("demo") == [] and consistency.recent_replaces(store, "demo") == []


def test_the_concordance_needs_two_characters(store, seeded):
    assert consistency.concordance(store, "demo", " a ") == []


def test_offers_say_where_the_segment_is(store):
    for name, lines in (("a.txt", ["Reporter Kim Young-gyo reports."]), ("b.txt", ["He said so.", "Reporter Kim Young-gyo reports."])):
        importing.import_bytes(store, name, "\n\n".join(lines).encode(), project="kim")
    first, _ = (d.document for d in store.list_documents("kim"))
    target = store.segments(first.id)[0]
    (offer,) = consistency.offers_after(store, "kim", target, target.text, "Reporter Kim Young-kyo reports.")
    assert offer.where == "segment 2 of b.txt"
