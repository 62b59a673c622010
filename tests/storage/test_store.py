"""Storage on both databases: documents, append-only corrections, optimistic conflicts."""
from __future__ import annotations

import pytest

from review_app.errors import ConflictError
from review_app.model import Annotation, Candidate, Score, SegmentFilter, SegmentStatus
from review_app.storage import Store
from review_app.workflow import importing, review

from ..conftest import SEED


@pytest.fixture
def seeded(store):
    doc, created = importing.import_file(store, SEED, project="demo")
    assert created
    return store, doc


def test_seed_import_stores_every_line_and_excludes_furniture(seeded):
    store, doc = seeded
    segments = store.segments(doc.id)
    assert len(segments) == 37
    excluded = {s.position: s.exclusion_reason for s in segments if s.excluded}
    assert excluded == {
        0: "breadcrumb and page title",
        1: "repeated title",
        2: "byline",
        33: "related-articles block",
        34: "comment form",
        35: "comment-system notice",
        36: "comment-system notice",
    }
    # Nothing is dropped: the MT of every stored segment is the original text.
    assert segments[2].mt == "by news dir"
    assert all(s.version == 0 and s.status is SegmentStatus.NEW for s in segments)


def test_mt_is_stored_as_a_candidate(seeded):
    store, doc = seeded
    seg = store.segments(doc.id, limit=1, offset=3)[0]
    cands = store.candidates(seg.id)
    assert [c.origin for c in cands][:1] == ["mt"]
    assert cands[0].text == seg.mt


def test_reimport_of_same_content_is_recognised(seeded):
    store, doc = seeded
    again, created = importing.import_file(store, SEED, project="demo")
    assert not created and again.id == doc.id
    assert len(store.list_documents("demo")) == 1


def test_correction_history_is_append_only(seeded):
    store, doc = seeded
    seg = store.segments(doc.id)[23]
    first = review.save_correction(store, seg.id, "The State Department also explained it.", reviewer="ana",
                                     based_on_version=0)
    second = review.save_correction(store, seg.id, "The State Department also explained that.", reviewer="bo",
                                      based_on_version=1, status="needs_work", comment="check tense")
    history = store.history(seg.id)
    assert [(c.version, c.based_on_version, c.reviewer) for c in history] == [(1, 0, "ana"), (2, 1, "bo")]
    assert history[0].text == first.text and history[1].comment == "check tense"
    now = store.segment(seg.id)
    assert now.version == 2 and now.text == second.text and now.status is SegmentStatus.NEEDS_WORK
    assert now.mt.startswith("He also explained")  # the MT itself is never overwritten


def test_stale_save_is_a_conflict_not_an_overwrite(seeded):
    store, doc = seeded
    seg = store.segments(doc.id)[18]
    review.save_correction(store, seg.id, "The newspaper added that ...", reviewer="ana", based_on_version=0)
    with pytest.raises(ConflictError) as info:
        review.save_correction(store, seg.id, "Bo's version", reviewer="bo", based_on_version=0)
    assert info.value.segment.version == 1
    assert info.value.segment.text == "The newspaper added that ..."
    assert [c.reviewer for c in store.history(seg.id)] == ["ana"]


def test_empty_correction_is_refused(seeded):
    store, doc = seeded
    seg = store.segments(doc.id)[5]
    with pytest.raises(ValueError, match="cannot be empty"):
        review.save_correction(store, seg.id, "   ", reviewer="ana", based_on_version=0)
    assert store.segment(seg.id).version == 0


def test_corrections_survive_reopening_the_database(db_url):
    store = Store(db_url)
    doc, _ = importing.import_file(store, SEED, project="demo")
    seg = store.segments(doc.id)[26]
    review.save_correction(store, seg.id, "The State Department advised ...", reviewer="ana", based_on_version=0)
    store.close()
    reopened = Store(db_url)
    assert reopened.segment(seg.id).text == "The State Department advised ..."
    assert reopened.list_projects()[0].reviewed == 1
    reopened.close()


def test_filters_and_paging(seeded):
    store, doc = seeded
    assert store.count_segments(doc.id, SegmentFilter(include_excluded=False)) == 30
    page = store.segments(doc.id, offset=10, limit=5)
    assert [s.position for s in page] == [10, 11, 12, 13, 14]
    hits = store.segments(doc.id, where=SegmentFilter(text="akismet"))
    assert [s.position for s in hits] == [35]


def test_candidates_scores_and_annotations_round_trip(seeded):
    store, doc = seeded
    seg = store.segments(doc.id)[23]
    (cid,) = store.add_candidates([Candidate(seg.id, "system", "The ministry explained ...", system="papago",
                                             provenance={"file": "papago.txt"})])
    store.add_scores([Score("chrF2++", 61.3, "correction:1", "nrefs:1|case:mixed", candidate_id=cid,
                            segment_id=seg.id)])
    store.add_scores([Score("chrF2++", 70.0, "correction:2", "nrefs:1|case:mixed", candidate_id=cid,
                            segment_id=seg.id)])
    assert [(s.value, s.reference) for s in store.scores(seg.id)] == [(70.0, "correction:2")]
    store.add_annotations([Annotation(seg.id, 0, 2, "Accuracy/Mistranslation", "Major", "ana", candidate_id=cid)])
    (ann,) = store.annotations(seg.id)
    assert (ann.start, ann.end, ann.category) == (0, 2, "Accuracy/Mistranslation")
    assert store.systems("demo") == ["papago"]


def test_rerun_checks_reads_the_mt_so_spans_stay_on_it(seeded):
    store, doc = seeded
    seg = next(s for s in store.segments(doc.id) if s.mt.startswith("He also explained"))
    (before,) = [f for f in store.findings(seg.id) if f.check == "attribution"]
    review.save_correction(store, seg.id, "Also, the State Department explained it.", reviewer="ana",
                             based_on_version=0)
    importing.rerun_checks(store, doc.id, project="demo")
    (after,) = [f for f in store.findings(seg.id) if f.check == "attribution"]
    assert (after.start, after.end) == (before.start, before.end) == (0, 2)
    assert seg.mt[after.start:after.end] == "He"
