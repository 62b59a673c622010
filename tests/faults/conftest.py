"""The browser fixtures of tests/e2e (a real `review-app serve`, the system's Chromium) for the
attacks whose path is the browser."""
from __future__ import annotations

from ..e2e.conftest import browser, page, serve  # noqa: F401 -- pytest fixtures, used by name
