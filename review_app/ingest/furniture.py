"""Page furniture: the text a scraper picks up around an article.

It is kept (nothing a user imported is ever dropped) but excluded from review,
scoring and export, with the reason stored so the reviewer sees why.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# (reason, pattern over a whole paragraph); the first match wins.
FURNITURE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("breadcrumb and page title", r"^home\s+\S.*\|\s*[^|]{2,60}$"),
        ("breadcrumb", r"^home\s*[›»>/|]\s*\S.{0,200}$"),
        ("byline", r"^(posted\s+)?by\s+[\w .'’-]{1,40}$"),
        ("related-articles block", r"^(related|recommended|more|popular|latest)\s+(articles|posts|stories|news|reads)\s*:?$"),
        ("comment form", r"^(leave\s+a\s+(comment|reply)|post\s+a\s+comment|\d+\s+comments?|comments?)\s*:?$"),
        ("comment-system notice", r"^this site uses akismet\b.*|^learn how your comment data is processed\.?$"),
        ("comment-system notice", r"^your email address will not be published.*"),
        ("share or subscribe line", r"^(share|share this|share on \w+|tweet|subscribe|follow us|click to share|print|email)\b.{0,60}$"),
        ("copyright line", r"^(copyright\s*)?©.*|^.*all rights reserved\.?$"),
        ("tag line", r"^(tags?|categories|filed under|posted in)\s*:.*$"),
    )
)

_SITE_SUFFIX = re.compile(r"\s*\|\s*[^|]{2,60}$")
_HOME_PREFIX = re.compile(r"^home\s+(\w+\s+)?", re.IGNORECASE)


def _title_key(paragraph: str) -> str:
    """What is left of a title line without "Home Section" and "| Site Name"."""
    return _HOME_PREFIX.sub("", _SITE_SUFFIX.sub("", paragraph)).strip().strip("“”\"'‘’").lower()


def furniture_reasons(paragraphs: Sequence[str]) -> list[str | None]:
    """For each paragraph, why it is page furniture, or None if it is article text."""
    reasons: list[str | None] = []
    titles: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.strip()
        reason = _matching_reason(text)
        key = _title_key(text)
        if reason is None and key in titles:
            reason = "repeated title"
        elif reason is None and index < 3 and _SITE_SUFFIX.search(text) and len(text) < 200:
            reason = "page title"
        if reason in {"breadcrumb and page title", "page title"} or index == 0:
            titles.add(key)
        reasons.append(reason)
    return reasons


def _matching_reason(text: str) -> str | None:
    return next((reason for reason, pattern in FURNITURE_PATTERNS if pattern.match(text)), None)


def is_furniture(line: str) -> bool:
    """Whether a single line matches a furniture pattern (no document context)."""
    return _matching_reason(line.strip()) is not None
