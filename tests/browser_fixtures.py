"""Browser fixtures (a pytest plugin, loaded by tests/conftest.py for tests/e2e, tests/security and
tests/faults): `review-app serve` on a free loopback port, and the system's Chromium driven by
Playwright (sync API, one browser per test session). The server is always terminated, whatever
the test did."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def review_app_command() -> list[str]:
    script = Path(sys.executable).with_name("review-app")
    return [str(script)] if script.exists() else [shutil.which("review-app") or "review-app"]


class Server:
    """One `review-app serve` process group; its Streamlit child goes down with it."""

    def __init__(self, db_url: str, log: Path, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = db_url
        self.log_path = log
        cmd = [*review_app_command(), "serve", "--db", db_url, "--port", str(self.port), "--address", "127.0.0.1"]
        self._log = log.open("wb")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
                                     env={**os.environ, **(env or {})})

    def wait_ready(self) -> "Server":
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"review-app serve exited with {self.proc.returncode}: {self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"review-app serve not ready after {START_TIMEOUT_S}s: {self.log_path.read_text()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


@pytest.fixture
def serve(tmp_path):
    """Start servers with ``serve(db_url, env=...)``; every one is stopped after the test."""
    servers: list[Server] = []

    def start(db_url: str, env: dict | None = None) -> Server:
        server = Server(db_url, tmp_path / f"serve-{len(servers)}.log", env)
        servers.append(server)
        return server.wait_ready()

    yield start
    for server in servers:
        server.stop()


# How long an expect() waits for the page to show something. Playwright's 5 s default is too short on a
# two-core CI machine running the suite on both cores: a save's rerun once took longer than that.
EXPECT_TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
