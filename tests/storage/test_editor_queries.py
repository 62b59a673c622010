"""The editor's storage, on SQLite and PostgreSQL: the migration matches the schema, a
dismissal is stored with its save, replaces are one transaction and undoable without
overwriting anyone, marks are removed only by their maker, and project searches."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from review_app.model import Annotation, BulkChange, Finding, SegmentStatus, Severity
from review_app.storage import schema
from review_app.workflow import importing

from ..conftest import SEED


def seed(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return doc, store.segments(doc.id)


def test_the_migrations_build_exactly_the_schema(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_a_dismissed_finding_is_stored_with_the_save(store):
    doc, segs = seed(store)
    seg = segs[23]
    finding = Finding("attribution", Severity.MAJOR, 0, 2, "A pronoun reports what an organisation said.")
    correction = store.record_correction(seg.id, seg.mt, reviewer="ana", based_on_version=0, overrides=[finding])
    (dismissed,) = store.overrides(seg.id)
    assert (dismissed.check, dismissed.severity, dismissed.start, dismissed.end, dismissed.reviewer,
            dismissed.correction_id) == ("attribution", Severity.MAJOR, 0, 2, "ana", correction.id)
    assert store.project_overrides("demo") == [dismissed]
    store.replace_findings(doc.id, {seg.id: [finding]}, {})
    ((found, segment),) = store.reviewed_findings("demo")
    assert (found.check, found.side, segment.id, segment.mt, segment.corrected) == (
        "attribution", "target", seg.id, seg.mt, seg.mt)


def test_a_replace_skips_what_someone_saved_since_and_undo_keeps_later_saves(store):
    doc, segs = seed(store)
    a, b, c = segs[5], segs[6], segs[7]
    store.record_correction(b.id, "Bo's version.", reviewer="bo", based_on_version=0)  # b moved on meanwhile
    changes = [BulkChange(s.id, 0, s.text + " (replaced)", SegmentStatus.NEEDS_WORK, s.text, s.status, "r")
               for s in (a, b, c)]
    edit_id, applied, skipped = store.record_bulk_edit("demo", "replace x with y", "ana", changes)
    assert [x.segment_id for x in applied] == [a.id, c.id] and skipped == [b.id]
    store.record_correction(c.id, "Cy's later version.", reviewer="cy", based_on_version=1)
    (edit,) = store.bulk_edits("demo")
    assert (edit.id, edit.segments, edit.reviewer, edit.undone_at) == (edit_id, 2, "ana", None)
    restored, skipped = store.undo_bulk_edit(edit_id, "ana", "undo")
    assert [x.segment_id for x in restored] == [a.id] and skipped == [c.id]
    assert store.segment(a.id).text == a.mt and store.segment(a.id).status == SegmentStatus.NEW
    assert store.segment(c.id).text == "Cy's later version."
    assert [h.text for h in store.history(a.id)] == [a.mt + " (replaced)", a.mt]
    assert store.bulk_edits("demo")[0].undone_at is not None
    assert store.undo_bulk_edit(edit_id, "ana", "undo") == ([], [])  # undone once only


def test_marks_are_removed_only_by_whoever_made_them(store):
    doc, segs = seed(store)
    seg = segs[23]
    store.add_annotations([Annotation(seg.id, 0, 2, "Accuracy/Mistranslation", "Major", "ana")])
    (mark,) = store.annotations(seg.id)
    assert not store.delete_annotation(mark.id, "bo")
    assert store.delete_annotation(mark.id, "ana") and store.annotations(seg.id) == []


def test_document_marks_name_the_system_and_saves_count_as_ratings(store):
    doc, segs = seed(store)
    seg = segs[23]
    mt = next(c for c in store.candidates(seg.id) if c.origin == "mt")
    (sys_b,) = store.add_candidates([type(mt)(seg.id, "system", "The ministry explained.", system="sysB")])
    store.add_annotations([Annotation(seg.id, 0, 2, "Accuracy/Mistranslation", "Major", "ana", candidate_id=mt.id),
                           Annotation(seg.id, 0, 3, "Style/Awkward", "Minor", "r1", candidate_id=sys_b)])
    store.record_correction(segs[5].id, "Reporter Kim Young-kyo reports.", reviewer="bo", based_on_version=0)
    marks, saved = store.document_marks(doc.id)
    assert [(a.reviewer, system) for a, system in marks] == [("ana", "MT"), ("r1", "sysB")]
    assert saved == {(segs[5].id, "bo")}


def test_project_searches_take_wildcards_literally(store):
    doc, segs = seed(store)
    percent = store.segments_containing("demo", "%")
    assert all("%" in s.text for s in percent)
    assert [s.position for s in store.segments_containing("demo", "young-GYO")] == [5]
    store.record_correction(segs[5].id, "Reporter Kim Young-kyo reports.", reviewer="bo", based_on_version=0)
    assert store.segments_containing("demo", "young-GYO") == []
    ((seg, correction),) = store.concordance("demo", "Young-gyo")  # found by its MT
    assert (seg.id, correction.text) == (segs[5].id, "Reporter Kim Young-kyo reports.")
    assert store.concordance("demo", "Young_gyo") == []
    rows = {sid: text for sid, _, text in store.project_texts("demo")}
    assert rows[segs[5].id] == "Reporter Kim Young-kyo reports." and len(rows) == len(segs)
    assert [s.id for s in store.segments_by_ids([segs[7].id, segs[2].id])] == [segs[7].id, segs[2].id]
