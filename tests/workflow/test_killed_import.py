"""An import is one transaction: killed with SIGKILL half-way, it leaves nothing behind,
and running it again works."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from review_app.storage import Store
from review_app.workflow import importing

from ..conftest import ROOT, SEED

# The child imports the seed but stalls right after the segment rows are written,
# inside the open transaction, and tells the parent so; the parent then kills it.
CHILD = textwrap.dedent(
    """
    import sys, time
    from review_app import workflow
    from review_app.storage import store as store_module
    from review_app.workflow import importing

    real_insert = store_module.insert_many

    def insert_then_stall(conn, table, rows):
        real_insert(conn, table, rows)
        if table.name == "segments":
            open(sys.argv[3], "w").close()
            time.sleep(120)

    store_module.insert_many = insert_then_stall
    importing.import_file(workflow.open_store(sys.argv[1]), sys.argv[2], project="killed")
    """
)


def test_kill_9_mid_import_leaves_no_partial_document(db_url, tmp_path):
    Store(db_url).close()  # schema in place before the child starts
    signal_file = tmp_path / "mid-transaction"
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(SEED), str(signal_file)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists():
            assert child.poll() is None, "the import finished or failed before it could be killed"
            assert time.monotonic() < deadline, "the child never reached the middle of the import"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = Store(db_url)
    assert store.list_projects() == []  # not even the project row survived
    assert store.find_document("killed", SEED.name) is None

    doc, created = importing.import_file(store, SEED, project="killed")
    assert created and len(store.segments(doc.id)) == 37
    store.close()
