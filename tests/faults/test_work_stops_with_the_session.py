"""Work stops when the browser session ends (issue 18 #1: an upload kept the server busy after its
tab was closed). The import asks between chunks of segments whether its tab is still there, and
stops with nothing stored when it is not; an upload's name is a name, never a path."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from review_app.errors import BadInputError
from review_app.storage import Store
from review_app.workflow import importing

from ..e2e.test_review_browser import type_name
from ..security.browser import import_cli


def _tsv(rows: int) -> bytes:
    return ("src\tmt\n" + "".join(f"국무부 {i}\tHe said {i} things about the sanctions.\n"
                                  for i in range(rows))).encode()


def test_an_import_asked_to_stop_stores_nothing(store):
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 1  # the tab goes away after the first chunk

    with pytest.raises(BadInputError, match="import stopped before anything was stored"):
        importing.import_bytes(store, "big.tsv", _tsv(3 * importing.CHUNK), project="gone", cancel=cancel)
    assert store.list_documents("gone") == []
    assert len(asked) == 2


def test_an_upload_named_like_a_path_is_stored_under_its_last_part(store, tmp_path):
    doc, _ = importing.import_bytes(store, "../../<img src=x onerror=alert(1)>.tsv", _tsv(3), project="names")
    assert doc.name == "<img src=x onerror=alert(1)>.tsv"
    assert not any(p.name.endswith(".tsv") for p in tmp_path.parent.parent.iterdir())


@pytest.mark.browser
def test_closing_the_tab_during_an_upload_import_stops_it(tmp_path, serve, browser):
    db = f"sqlite:///{tmp_path / 'closed.db'}"
    import_cli(db)
    server = serve(db)
    big = tmp_path / "big.tsv"
    big.write_bytes(_tsv(6 * importing.CHUNK))
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    type_name(page, "ana")  # and wait for the run that takes it: an upload during that run can be lost
    page.locator('input[type="file"]').set_input_files(str(big))
    # The upload (a PUT) and its preview take a while on a loaded machine.
    try:
        page.get_by_text(re.compile(r"30,000 segments")).first.wait_for(timeout=120_000)
    except PlaywrightTimeout:  # say what the page and the server showed instead
        raise AssertionError(f"no preview; the page reads: {page.inner_text('body')[-1500:]!r}; the server "
                             f"logged: {server.log_path.read_text()[-1500:]!r}") from None
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Importing big.tsv").first.wait_for(timeout=60_000)
    context.close()  # the tab goes away while the checks run on the first chunks
    time.sleep(60)  # long enough for the whole import had it gone on (about 30 s here)
    assert [d.document.name for d in Store(db).list_documents()] == ["000_2200bcb4e5cf4e2f.txt"]
