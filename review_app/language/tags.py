"""Language tags (BCP 47), checked before they are stored or become part of a file name.

A tag read from a file (a TMX ``xml:lang``, an XLIFF ``srcLang``) or typed as an option ends up
in export file names (``corpus.fr``, ``corpus.en``): ``fr/../../dir/x`` once wrote outside the
export folder. langcodes checks the tag's grammar and subtags (``en``, ``EN-US``, ``zh-Hant-TW``,
``x-private`` pass; ``english``, ``en-``, anything with a slash does not).
"""
from __future__ import annotations

import langcodes

from ..errors import BadInputError

MAX_TAG_CHARS = 35  # RFC 5646 §4.4.1: 35 characters hold any tag a registry can produce


def is_language_tag(tag: str) -> bool:
    return 0 < len(tag) <= MAX_TAG_CHARS and tag.isascii() and langcodes.tag_is_valid(tag)


def checked_tag(tag: str | None, where: str) -> str | None:
    """``tag`` unchanged if it is a BCP 47 language tag (None stays None); else one BadInputError
    that says ``where`` it came from."""
    if tag is None:
        return None
    if not is_language_tag(tag):
        shown = tag if len(tag) <= 60 else tag[:60] + "…"
        raise BadInputError(f"{where}: {shown!r} is not a language tag (BCP 47, like en, ko, pt-BR)")
    return tag
