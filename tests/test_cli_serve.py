"""`review-app demo` imports the seed and serves it; a saved correction survives a restart."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from review_app.cli import main
from review_app.storage import Store
from review_app.workflow import review

from .conftest import ROOT, SEED


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db_url: str, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "review_app.cli", "demo", "--db", db_url, "--port", str(port),
         "--address", "127.0.0.1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the app did not come up")


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def test_demo_serves_the_seed_and_corrections_survive_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    port = _free_port()
    proc = _serve(url, port)
    try:
        _wait_healthy(port, proc)
    finally:
        out = _stop(proc)
    assert f"http://127.0.0.1:{port}" in out
    assert "000_2200bcb4e5cf4e2f.txt: imported" in out

    store = Store(url)
    doc = store.find_document("demo", SEED.name)
    segments = store.segments(doc.id)
    assert sum(s.excluded for s in segments) == 7
    he_also = next(s for s in segments if s.mt.startswith("He also explained"))
    review.save_correction(store, he_also.id, he_also.mt.replace("He also", "The State Department also"),
                             reviewer="ana", based_on_version=0)
    store.close()

    proc = _serve(url, port)  # restart: the seed is recognised, not re-imported
    try:
        _wait_healthy(port, proc)
    finally:
        out = _stop(proc)
    assert "already imported" in out
    reopened = Store(url)
    assert reopened.segment(he_also.id).text.startswith("The State Department also explained")
    assert len(reopened.list_documents("demo")) == 1


def test_demo_import_only_is_idempotent(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["demo", "--no-serve", "--db", url]) == 0
    assert main(["demo", "--no-serve", "--db", url]) == 0
    assert "already imported" in capsys.readouterr().out
