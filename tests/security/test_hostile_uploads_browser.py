"""Hostile files through the browser's upload (issue 17 #1): each is one error line in the upload's
preview (read as the import reads it), the good file beside them is imported, and nothing fails
with a traceback.
The same files through the CLI are tests/ingest/test_bad_input.py, test_xml_safety.py and
tests/security/test_hostile_input.py."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from review_app.storage import Store

from ..ingest.test_xml_safety import BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY
from .browser import heading

pytestmark = pytest.mark.browser

HOSTILE = {
    "empty.txt": b"\n \n",
    "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "laughs.tmx": BILLION_LAUGHS,
    "xxe.xlf": EXTERNAL_ENTITY,
    "param.tmx": PARAMETER_ENTITY,
    "deep.jsonl": b'{"mt": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    "nul.jsonl": (json.dumps({"mt": "He said\u0000."}) + "\n").encode(),
    "truncated.txt": "The State Department said".encode() + "국".encode()[:2],
}


def test_hostile_uploads_are_one_line_each_and_the_good_file_still_imports(tmp_path, serve, page):
    db = f"sqlite:///{tmp_path / 'uploads.db'}"
    server = serve(db)
    files = []
    for name, data in {**HOSTILE, "good.tsv": "src\tmt\n국무부가 말했다.\tThe State Department said.\n".encode()}.items():
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))
    page.goto(server.url)
    expect(heading(page, "^Documents$")).to_be_visible()
    page.locator('input[type="file"]').set_input_files(files)
    errors = page.get_by_test_id("stAlertContentError")
    expect(errors).to_have_count(len(HOSTILE), timeout=60_000)
    for text in errors.all_inner_texts():
        assert "\n" not in text.strip() and any(name in text for name in HOSTILE), text
    expect(page.get_by_text("Traceback")).to_have_count(0)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("good.tsv: 1 segments")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    assert [d.document.name for d in Store(db).list_documents()] == ["good.tsv"]
