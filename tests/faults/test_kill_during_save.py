"""kill -9 of the process that saves, in the middle of saving (issue 17 #5): every save is
either stored whole (the correction, its MQM marks, the segment's new version and text) or not
at all. The saver is the same code the server runs on Save; it is killed at a random moment
while it saves as fast as it can."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

from review_app.model import Annotation
from review_app.storage import Store
from review_app.workflow import importing

from ..conftest import SEED

SAVER = """
import sys
from review_app import workflow
from review_app.model import Annotation
from review_app.workflow import review
store = workflow.open_store(sys.argv[1])
ids = [int(x) for x in sys.argv[2].split(",")]
n = 0
while True:
    segment = store.segment(ids[n % len(ids)])
    marks = [Annotation(segment_id=segment.id, start=0, end=2, category="Accuracy/Mistranslation",
                        severity="major", reviewer="ana"),
             Annotation(segment_id=segment.id, start=3, end=5, category="Fluency/Grammar", severity="minor",
                        reviewer="ana")]
    review.save_correction(store, segment.id, f"{segment.mt} (save {n})", reviewer="ana",
                           based_on_version=segment.version, annotations=marks)
    n += 1
    print(n, flush=True)
"""


def test_kill_9_during_saves_leaves_every_save_whole_or_absent(db_url):
    store = Store(db_url)
    doc, _ = importing.import_file(store, SEED, project="demo", checks=False)
    ids = [s.id for s in store.segments(doc.id)[:6]]
    rng = random.Random(17)
    for _round in range(3):
        child = subprocess.Popen([sys.executable, "-c", SAVER, db_url, ",".join(map(str, ids))],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(rng.randint(5, 40)):
                assert child.stdout.readline(), child.stderr.read()
            os.kill(child.pid, signal.SIGKILL)  # somewhere inside the next save
        finally:
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    store.close()

    reopened = Store(db_url)
    saved = 0
    for segment_id in ids:
        segment = reopened.segment(segment_id)
        history = reopened.history(segment_id)
        saved += len(history)
        assert [c.version for c in history] == list(range(1, segment.version + 1))
        assert segment.text == (history[-1].text if history else segment.mt)
        marks = reopened.annotations(segment_id)
        assert sorted(a.correction_id for a in marks) == sorted([c.id for c in history] * 2)
        assert all(isinstance(a, Annotation) for a in marks)
    assert saved >= 15
