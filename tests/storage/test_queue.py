"""The review-queue queries, directly on both databases: riskiest-first and reading order,
next/previous walking the whole queue both ways, filters, paging and counts agreeing."""
from __future__ import annotations

import pytest

from review_app.model import NO_RISK, SegmentFilter, Severity
from review_app.workflow import importing

from ..conftest import SEED


@pytest.fixture
def seeded(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return store, doc


def _walk(store, doc_id, where, order):
    """Every segment of the queue, by following next_in_queue from the start."""
    out, current = [], store.next_in_queue(doc_id, None, where, order)
    while current is not None:
        out.append(current)
        current = store.next_in_queue(doc_id, current, where, order)
    return out


@pytest.mark.parametrize("order", ["risk", "position"])
def test_next_walks_the_same_queue_as_the_pages(seeded, order):
    store, doc = seeded
    where = SegmentFilter(include_excluded=False)
    walked = _walk(store, doc.id, where, order)
    paged = [s for offset in range(0, 40, 7)
             for s in store.segments(doc.id, offset=offset, limit=7, where=where, order=order)]
    assert [s.id for s in walked] == [s.id for s in paged]
    assert len(walked) == store.count_segments(doc.id, where) == 30  # 37 segments, 7 of them page furniture


def test_risk_order_is_the_highest_risk_score_first_then_reading_order(seeded):
    store, doc = seeded
    queue = _walk(store, doc.id, SegmentFilter(include_excluded=False), "risk")
    keys = [(-s.risk_score, s.position) for s in queue]
    assert keys == sorted(keys)
    # the seed's nine segments with a major finding (attribution, glossary) lead, the rest follow
    assert {s.risk for s in queue[:9]} == {Severity.MAJOR.rank} and NO_RISK in {s.risk for s in queue[9:]}
    assert queue[-1].text == "Reporter Kim Young-gyo reports."  # short, nothing found: least likely wrong


@pytest.mark.parametrize("order", ["risk", "position"])
def test_previous_retraces_next_exactly(seeded, order):
    store, doc = seeded
    where = SegmentFilter()
    queue = _walk(store, doc.id, where, order)
    back, current = [], queue[-1]
    while current is not None:
        back.append(current)
        current = store.previous_in_queue(doc.id, current, where, order)
    assert [s.id for s in reversed(back)] == [s.id for s in queue]


def test_filters_narrow_the_walk_and_a_segment_knows_if_it_passes(seeded):
    store, doc = seeded
    where = SegmentFilter(check="attribution")
    queue = _walk(store, doc.id, where, "risk")
    assert queue and all(any(f.check == "attribution" for f in store.findings(s.id)) for s in queue)
    outside = next(s for s in store.segments(doc.id) if s.id not in {q.id for q in queue})
    assert store.segment_matches(queue[0].id, where) and not store.segment_matches(outside.id, where)
    searched = _walk(store, doc.id, SegmentFilter(text="Treasury"), "position")
    assert searched and all("Treasury" in s.mt for s in searched)


def test_neighbours_stop_at_the_document_edges(seeded):
    store, doc = seeded
    segments = store.segments(doc.id)
    before, after = store.neighbours(segments[0], before=2, after=2)
    assert before == [] and [s.position for s in after] == [1, 2]
    before, after = store.neighbours(segments[-1], before=2, after=2)
    assert [s.position for s in before] == [34, 35] and after == []
