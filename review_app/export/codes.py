"""Inline-code placeholders back to XML for the TMX and XLIFF writers (see review_app.ingest.inline)."""
from __future__ import annotations

from lxml import etree

from ..ingest.inline import GenericCodes, render
from .base import xml_text

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _well_formed(xml: str) -> bool:
    try:
        etree.fromstring(xml, _PARSER)
        return True
    except etree.XMLSyntaxError:
        return False


def seg_content(text: str, codes: dict | None, side: str, family: str, generic: GenericCodes,
                wrapper: str = "<seg>{}</seg>") -> str:
    """Escaped ``text`` with its placeholders turned into codes.

    ``family`` is the writer's format: codes imported from that format go back
    as they were; others become its generic codes. A target may use codes that
    only the source had (a reviewer copied them), so the target sees both maps.
    """
    if not codes:
        return xml_text(text)
    found = codes.get(side) or {}
    if side == "target":
        found = {**(codes.get("source") or {}), **found}
    return render(
        text, found, xml_text, native=codes.get("format") == family, generic=generic,
        check=lambda content: _well_formed(wrapper.format(content)),
    )
