"""Safe, streaming XML parsing for the TMX and XLIFF readers.

Owns the parser settings (no DTD loaded, no entity expanded, no network, no
huge trees), the refusal of documents whose DOCTYPE declares entities (billion
laughs, external entities), one-line errors with line and column, and the
language-code spelling every XML reader shares.

lxml detects the encoding from the bytes (BOM, UTF-16 without BOM, the XML
declaration), so the readers pass bytes, never decoded text.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from ..errors import BadInputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_WHERE_SUFFIX = re.compile(r",? line \d+, column \d+$")


def iter_events(name: str, data: bytes | BinaryIO, events=("start", "end")) -> Iterator[tuple[str, etree._Element]]:
    """(event, element) pairs of a document (its bytes, or a binary stream read as it goes),
    refusing entity declarations before the root's content.

    Callers clear finished elements themselves to keep memory flat.
    """
    if isinstance(data, bytes):
        if not data.strip().strip(b"\x00"):
            raise BadInputError(f"{name}: the file is empty")
        data = io.BytesIO(data)
    parser = etree.iterparse(data, events=events, **_PARSER_OPTIONS)
    checked = False
    try:
        for event, element in parser:
            if not checked:
                refuse_entity_declarations(name, element)
                checked = True
            yield event, element
    except etree.XMLSyntaxError as exc:
        raise BadInputError(syntax_error_message(name, exc)) from None


def refuse_entity_declarations(name: str, root: etree._Element) -> None:
    """Entities are how XML bombs and file-reading attacks work; no TMX or XLIFF needs them."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [entity.name for entity in dtd.iterentities()]
    if names:
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise BadInputError(
            f"{name}: line 1: the DOCTYPE declares entities ({shown}); documents with entity "
            "declarations are refused (they can expand without bound or read local files)"
        )


def syntax_error_message(name: str, exc: etree.XMLSyntaxError) -> str:
    line, column = exc.position if exc.position else (exc.lineno or 1, 0)
    reason = _WHERE_SUFFIX.sub("", (exc.msg or str(exc)).splitlines()[0].strip())
    return f"{name}: line {line}, column {column}: malformed XML: {reason}"


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments and PIs are removed, but entity references are not
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def forget(element: etree._Element) -> None:
    """Drop a processed element and its finished earlier siblings (flat memory on big files)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def canonical_lang(code: str | None) -> str | None:
    """BCP 47 spelling: ``eN-uS`` -> ``en-US``, ``zh_hant_tw`` -> ``zh-Hant-TW``.

    Language codes are case-insensitive, and TMX files in the wild spell them
    every way; one spelling lets languages from different files match.
    """
    if code is None:
        return None
    code = code.strip()
    if not code:
        return None
    parts = re.split(r"[-_]", code)
    out = [parts[0].lower()]
    after_singleton = False  # after "x-" or "u-" subtags are not regions or scripts: "en-x-mt"
    for part in parts[1:]:
        after_singleton = after_singleton or len(part) == 1
        if after_singleton:
            out.append(part.lower())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def collapse_layout_whitespace(text: str) -> str:
    """Undo pretty-printing in ``xml:space="default"`` content.

    Runs of white space that contain a line break are indentation added by the
    tool that wrote the file: they become one space, and are dropped at the
    ends. Other spacing (double spaces, tabs) is kept: it may be deliberate.
    """
    text = re.sub(r"^\s*[\r\n]\s*|\s*[\r\n]\s*$", "", text)
    return re.sub(r"[ \t]*[\r\n]\s*", " ", text)


__all__ = [
    "XML_LANG", "XML_SPACE", "iter_events", "local_name", "namespace", "forget", "canonical_lang",
    "collapse_layout_whitespace", "syntax_error_message",
]


def default_target(name: str, source_lang: str | None) -> str:
    """The language a source-only file is translated into when it names none: English (the
    app's target), unless the source is English already."""
    if source_lang and source_lang.lower().split("-")[0] == "en":
        raise BadInputError(f"{name}: a source-only file in English that names no target language; "
                            "give one (--target-lang)")
    return "en"
