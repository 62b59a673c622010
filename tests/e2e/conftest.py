"""The browser fixtures live in tests/browser_fixtures.py (a plugin every browser test shares: one
Playwright per test session); the names the e2e tests import are kept here."""
from __future__ import annotations

from ..browser_fixtures import ARTIFACTS, Server, review_app_command, screenshot

__all__ = ["ARTIFACTS", "Server", "review_app_command", "screenshot"]
