"""A PostgreSQL server that stops and comes back (issue 17 #5): the app says so in one line while
it is down and works again once it is back, without a restart of the app."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review_app.errors import StorageError
from review_app.storage import Store

from ..pg_server import PostgresServer
from ..security.browser import heading, import_cli


@pytest.fixture
def own_postgres():
    server = PostgresServer().start()
    yield server
    server.stop()


def test_a_store_reports_the_server_down_and_recovers_by_itself(own_postgres):
    url = own_postgres.create_database("restart")
    store = Store(url)
    assert store.list_projects() == []
    own_postgres.pause()
    with pytest.raises(StorageError) as down:
        store.list_projects()
    message = str(down.value)
    assert "\n" not in message and "does not answer" in message and "127.0.0.1" in message
    own_postgres.resume()
    assert store.list_projects() == []  # the pool reconnects: no new Store, no restart


@pytest.mark.browser
def test_the_browser_says_the_database_is_down_and_works_again_when_it_is_back(own_postgres, serve, page):
    url = own_postgres.create_database("restart_ui")
    import_cli(url)
    server = serve(url)
    page.goto(server.url)
    expect(heading(page, "^Documents$")).to_be_visible()
    expect(page.get_by_text(re.compile(r"1 documents · 37 segments"))).to_be_visible()
    own_postgres.pause()
    page.reload()
    expect(page.get_by_text("the database server does not answer")).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_text("psycopg")).to_have_count(0)
    own_postgres.resume()
    page.reload()
    expect(page.get_by_text(re.compile(r"1 documents · 37 segments"))).to_be_visible()
