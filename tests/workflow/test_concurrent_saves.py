"""Eight reviewers saving 500 corrections each to overlapping segments, on both databases:
every save is either stored or reported as a conflict, and the stored history accounts for
every stored save: nothing lost, nothing duplicated."""
from __future__ import annotations

import random
import threading
from collections import Counter

from review_app.errors import ConflictError
from review_app.storage import Store
from review_app.workflow import importing, review

from ..conftest import SEED

REVIEWERS = 8
SAVES_EACH = 500


def _reviewer(url: str, name: str, segment_ids: list[int], outcome: dict, barrier: threading.Barrier) -> None:
    store = Store(url, migrate=False)  # each reviewer is its own client with its own connections
    rng = random.Random(name)
    stored, conflicts = [], 0
    barrier.wait()
    for i in range(SAVES_EACH):
        segment_id = rng.choice(segment_ids)
        seen = store.segment(segment_id).version
        text = f"{name} save {i}"
        try:
            review.save_correction(store, segment_id, text, reviewer=name, based_on_version=seen)
            stored.append((segment_id, text))
        except ConflictError:
            conflicts += 1
    outcome[name] = (stored, conflicts)
    store.close()


def test_eight_reviewers_lose_nothing(db_url):
    store = Store(db_url)
    doc, _ = importing.import_file(store, SEED, project="demo")
    # Few segments, so that reviewers collide often.
    segment_ids = [s.id for s in store.segments(doc.id, limit=12, offset=3)]
    outcome: dict = {}
    barrier = threading.Barrier(REVIEWERS)
    threads = [
        threading.Thread(target=_reviewer, args=(db_url, f"r{n}", segment_ids, outcome, barrier))
        for n in range(REVIEWERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(outcome) == REVIEWERS, "a reviewer thread died"
    stored = [save for saves, _ in outcome.values() for save in saves]
    conflicts = sum(c for _, c in outcome.values())
    assert len(stored) + conflicts == REVIEWERS * SAVES_EACH
    assert len(stored) > 0 and conflicts > 0, "the race was not exercised"

    history = {sid: store.history(sid) for sid in segment_ids}
    recorded = Counter((c.segment_id, c.text) for h in history.values() for c in h)
    assert recorded == Counter(stored), "history differs from the saves reported as stored"
    for sid, corrections in history.items():
        # Versions form one unbroken chain: each save was based on the one before it.
        assert [c.version for c in corrections] == list(range(1, len(corrections) + 1))
        assert all(c.based_on_version == c.version - 1 for c in corrections)
        segment = store.segment(sid)
        assert segment.version == len(corrections)
        if corrections:
            assert segment.text == corrections[-1].text
    store.close()
