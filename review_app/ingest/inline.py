"""Inline codes (bold, links, images, variables inside a segment) as visible placeholders.

A reviewer edits plain text, so the XML readers turn each code into a token:
``{1}`` opens a pair, ``{/1}`` closes it, ``{1/}`` stands alone. The same code
gets the same number in the source and the target, so a reviewer can see which
code moved where. The original XML of every token is kept in the document's
meta (the ``documents.meta`` JSON column; no extra table)::

    meta["inline"][str(position)] = {"format": "tmx", "source": {token: xml}, "target": {token: xml}}

Export to the same format puts the original XML back; export to another XML
format writes that format's generic codes. A token-like string that is not in
a segment's map is plain text, so literal braces survive both ways.
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lxml import etree

from .xmlsafe import local_name

TOKEN = re.compile(r"\{(/?)(\d+)(/?)\}")


@dataclass(frozen=True)
class InlineRules:
    """How one format's inline elements map to tokens. Elements not named here stand alone."""

    family: str
    wrap: frozenset[str]  # content is translatable text: {n} content {/n}
    open: Mapping[str, tuple[str, ...]]  # begins a pair; attributes that name the pair, first present wins
    close: Mapping[str, tuple[str, ...]]
    identity: tuple[str, ...]  # attributes that identify a code across source and target
    # XLIFF ids are the code's name in the file: a numeric id becomes the token's number, so a
    # reviewer sees {3} for id="3" and a unit split into one unit per segment keeps its numbers.
    # TMX's i and x count in separate series, so TMX numbers codes in reading order instead.
    numbers_from_ids: bool = True


TMX_RULES = InlineRules("tmx", frozenset({"hi"}), {"bpt": ("i",)}, {"ept": ("i",)}, ("x",), numbers_from_ids=False)
XLIFF12_RULES = InlineRules(
    "xliff12", frozenset({"g", "mrk"}),
    {"bpt": ("rid", "id"), "bx": ("rid", "id")}, {"ept": ("rid", "id"), "ex": ("rid", "id")}, ("id",),
)
XLIFF20_RULES = InlineRules(
    "xliff20", frozenset({"pc", "mrk"}),
    {"sc": ("id",), "sm": ("id",)}, {"ec": ("startRef", "id"), "em": ("startRef",)}, ("id",),
)


def inline_xml(element: etree._Element) -> str:
    """The element alone, declaring only the namespaces it uses (not all the file's)."""
    alone = copy.deepcopy(element)
    alone.tail = None
    etree.cleanup_namespaces(alone)
    return etree.tostring(alone, encoding="unicode")


def _wrap_tags(element: etree._Element) -> tuple[str, str]:
    shallow = etree.Element(element.tag, dict(element.attrib), nsmap=element.nsmap)
    xml = inline_xml(shallow)
    name = f"{element.prefix}:{local_name(element)}" if element.prefix else local_name(element)
    return xml[:-2] + ">", f"</{name}>"


def _first(element: etree._Element, names: tuple[str, ...]) -> str | None:
    return next((element.get(n) for n in names if element.get(n) is not None), None)


class UnitCodes:
    """Numbers the codes of one translation unit; call :meth:`extract` once per language variant."""

    def __init__(self, rules: InlineRules):
        self.rules = rules
        self._numbers: dict[tuple, int] = {}

    def _number(self, key: tuple) -> int:
        if key not in self._numbers:
            ident, taken = key[1], set(self._numbers.values())
            if self.rules.numbers_from_ids and isinstance(ident, str) and ident.isdigit() and int(ident) > 0 \
                    and int(ident) not in taken and key[2] == 1:
                self._numbers[key] = int(ident)
            else:
                self._numbers[key] = max(taken, default=0) + 1
        return self._numbers[key]

    def extract(self, element: etree._Element) -> tuple[str, dict[str, str]]:
        """The text of ``element`` with tokens for its codes, and token -> original XML."""
        parts: list[str] = []
        codes: dict[str, str] = {}
        seen: Counter = Counter()

        def key(kind, ident, role: str = "") -> tuple:
            # The nth close of a pair id gets the number of the nth open of it.
            seen[(kind, ident, role)] += 1
            return kind, ident, seen[(kind, ident, role)]

        def walk(node: etree._Element) -> None:
            if node.text:
                parts.append(node.text)
            for child in node:
                self._code(child, key, parts, codes, walk)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return "".join(parts), codes

    def _code(self, child, key, parts, codes, walk) -> None:
        rules, name = self.rules, local_name(child)
        if name in rules.wrap:
            n = self._number(key(("wrap", name), _first(child, rules.identity)))
            codes[f"{{{n}}}"], codes[f"{{/{n}}}"] = _wrap_tags(child)
            parts.append(f"{{{n}}}")
            walk(child)
            parts.append(f"{{/{n}}}")
        elif name in rules.open:
            n = self._number(key("pair", _first(child, rules.open[name]), "open"))
            codes[f"{{{n}}}"] = inline_xml(child)
            parts.append(f"{{{n}}}")
        elif name in rules.close:
            n = self._number(key("pair", _first(child, rules.close[name]), "close"))
            codes[f"{{/{n}}}"] = inline_xml(child)
            parts.append(f"{{/{n}}}")
        else:
            xml = inline_xml(child)
            n = self._number(key(("solo", name), _first(child, rules.identity) or xml))
            codes[f"{{{n}/}}"] = xml
            parts.append(f"{{{n}/}}")


# -- export side ------------------------------------------------------------


@dataclass(frozen=True)
class GenericCodes:
    """A format's own empty code elements, for tokens whose original XML is of another format."""

    open: str
    close: str
    isolated_open: str
    isolated_close: str
    standalone: str


TMX_GENERIC = GenericCodes(
    '<bpt i="{n}" x="{n}"/>', '<ept i="{n}"/>', '<it pos="begin" x="{n}"/>', '<it pos="end" x="{n}"/>', '<ph x="{n}"/>'
)
# XLIFF 1.2 ids are unique in a unit; rid pairs a begin with its end.
XLIFF12_GENERIC = GenericCodes(
    '<bpt id="b{n}" rid="{n}"/>', '<ept id="e{n}" rid="{n}"/>', '<it id="b{n}" pos="open"/>',
    '<it id="e{n}" pos="close"/>', '<x id="x{n}"/>',
)
XLIFF20_GENERIC = GenericCodes(
    '<sc id="{n}"/>', '<ec startRef="{n}"/>', '<sc id="{n}" isolated="yes"/>', '<ec id="{n}" isolated="yes"/>',
    '<ph id="{n}"/>',
)


def _generic(token: re.Match, present: set[str], generic: GenericCodes) -> str:
    closing, n, alone = token.group(1), token.group(2), token.group(3)
    if alone:
        return generic.standalone.format(n=n)
    if closing:
        pattern = generic.close if f"{{{n}}}" in present else generic.isolated_close
    else:
        pattern = generic.open if f"{{/{n}}}" in present else generic.isolated_open
    return pattern.format(n=n)


def render(
    text: str,
    codes: Mapping[str, str],
    escape: Callable[[str], str],
    *,
    native: bool,
    generic: GenericCodes,
    check: Callable[[str], bool] | None = None,
) -> str:
    """XML content for ``text``: escaped text, and the codes its known tokens stand for.

    ``native`` puts the original XML back (same format as the import); if the
    result is not well-formed (a reviewer deleted half of a wrapping pair),
    ``check`` says so and every code is written generically instead.
    """
    matches = [m for m in TOKEN.finditer(text) if m.group(0) in codes]
    if not matches:
        return escape(text)
    present = {m.group(0) for m in matches}

    def build(use_native: bool) -> str:
        out, pos = [], 0
        for m in matches:
            out.append(escape(text[pos : m.start()]))
            out.append(codes[m.group(0)] if use_native else _generic(m, present, generic))
            pos = m.end()
        out.append(escape(text[pos:]))
        return "".join(out)

    if native:
        content = build(True)
        if check is None or check(content):
            return content
    return build(False)


__all__ = [
    "TOKEN", "InlineRules", "inline_xml", "UnitCodes", "TMX_RULES", "XLIFF12_RULES", "XLIFF20_RULES",
    "GenericCodes", "TMX_GENERIC", "XLIFF12_GENERIC", "XLIFF20_GENERIC", "render",
]
