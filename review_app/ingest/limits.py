"""What a document read from a file may hold before it is stored, checked while it is read so
that the error names the file and the place.

Before these checks, text the database cannot hold failed deep in the driver with a traceback:
a JSON ``\\u0000`` (PostgreSQL refuses NUL in text), a lone surrogate ``\\ud800`` (not encodable
as UTF-8), a tuid or id over 200 characters or an ``xml:lang`` over 35 (PostgreSQL's column
sizes; SQLite kept them), a language tag that is a path (``fr/../../dir/x``).
"""
from __future__ import annotations

import re

from ..errors import BadInputError
from ..language.tags import checked_tag
from ..model import (
    MAX_DOCUMENT_NAME,
    MAX_EXCLUSION_REASON,
    MAX_EXTERNAL_ID,
    MAX_SEGMENT_CHARS,
    DocumentDraft,
    SegmentDraft,
)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = (("mt", "MT", MAX_SEGMENT_CHARS), ("source", "source", MAX_SEGMENT_CHARS),
                ("reference", "reference", MAX_SEGMENT_CHARS), ("external_id", "id", MAX_EXTERNAL_ID),
                ("exclusion_reason", "exclusion reason", MAX_EXCLUSION_REASON))


def unstorable(text: str) -> str | None:
    """Why ``text`` cannot be stored as text in either database, or None."""
    if "\x00" in text:
        return f"a NUL character at {text.index(chr(0)) + 1}"
    found = _LONE_SURROGATE.search(text)
    if found is not None:
        return f"a lone surrogate (U+{ord(found.group(0)):04X}) at {found.start() + 1}"
    return None


def checked_segment(name: str, place: str, segment: SegmentDraft) -> SegmentDraft:
    for field, label, limit in _TEXT_FIELDS:
        value = getattr(segment, field)
        if value is None:
            continue
        if len(value) > limit:
            raise BadInputError(f"{name}: {place}: the {label} is {len(value):,} characters; at most {limit:,} "
                                "fit (split long text into sentences or paragraphs)")
        problem = unstorable(value)
        if problem is not None:
            raise BadInputError(f"{name}: {place}: the {label} has {problem}, which no database stores as text")
    return segment


def checked_header(draft: DocumentDraft) -> DocumentDraft:
    """The document's name and languages (before any segment is stored)."""
    if len(draft.name) > MAX_DOCUMENT_NAME:
        raise BadInputError(f"{draft.name[:60]}…: a file name of {len(draft.name):,} characters; "
                            f"at most {MAX_DOCUMENT_NAME} fit")
    problem = unstorable(draft.name)
    if problem is not None:
        raise BadInputError(f"{draft.name!r}: the file name has {problem}")
    checked_tag(draft.source_lang, f"{draft.name}: source language")
    checked_tag(draft.target_lang, f"{draft.name}: target language")
    return draft
