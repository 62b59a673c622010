"""Wikinews wikitext as a reader sees it, for the held-out splits read from wiki markup.

mwparserfromhell parses the markup; what a page renders as text is decided here: ``{{w|Target|label}}``
(Wikinews's link to Wikipedia) and ``[[w:Target|label]]`` show their label, ``{{date|...}}`` its date,
files, categories, references and every other template (archive notices, infoboxes, licence tags) show
nothing, and HTML entities are decoded.
"""
from __future__ import annotations

import html
import re

import mwparserfromhell

_HIDDEN_LINKS = ("file:", "image:", "category:", "media:")
_HIDDEN_TAGS = {"ref", "references", "gallery", "math"}


def plain_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs of a page as rendered text, empty ones dropped. Each is parsed alone: a template
    left open in one (a cut byline, below) must not swallow the rest of the article."""
    return [p for p in (plain_text(_mended(paragraph)) for paragraph in paragraphs) if p]


# Some extractions cut the byline template's parameters and kept its opening before the lead paragraph
# ("{{byline|date[w:Place|Place]], ..." with the "}}" further on, or none; "{{byline|datehe report ...",
# the lead's first letter lost too): the opening, a "date" left of its parameters (with the cut word glued
# to it) and a link that lost its first bracket are mended; braces left alone go later.
_CUT_BYLINE = re.compile(r"\{\{\s*[Bb]yline\s*\|\s*(?:date(?:[a-z]+\b)?\s*=?\s*['\"]*)?(?P<link>\[(?!\[))?")
_WHOLE_BYLINE = re.compile(r"\{\{\s*[Bb]yline\s*(?:\|\s*\w+\s*=[^{}|]*)+\}\}")  # named parameters: intact
_TABLE_LINE = re.compile(r"\s*(?:\{\||\|\}|\||!)")  # a wiki table's rows: an infobox, not prose
_BARE_TEMPLATE = re.compile(r"\{\{?[^{}|]*\}\}")  # "{Archive}}": one brace may be lost too
_LONE_BRACES = re.compile(r"\s*[{}]+\s*")


def _mended(paragraph: str) -> str:
    paragraph = "\n".join(line for line in paragraph.splitlines() if not _TABLE_LINE.match(line))
    paragraph = _WHOLE_BYLINE.sub("", paragraph)
    paragraph, cut = _CUT_BYLINE.subn(lambda m: "[[" if m.group("link") else "", paragraph)
    paragraph = paragraph.lstrip(" ,") if cut else paragraph  # "{{byline|date, this result ...": a cut lead
    paragraph = _BARE_TEMPLATE.sub("", paragraph)  # "{{Brazil}}", "{{haveyoursay}}": notices, no text
    if paragraph.count("{{") != paragraph.count("}}"):
        paragraph = _LONE_BRACES.sub(" ", paragraph)
    return paragraph


def plain_text(wikitext: str) -> str:
    """The text ``wikitext`` renders as, on one line with single spaces."""
    code = mwparserfromhell.parse(wikitext)
    for template in code.filter_templates(recursive=False):
        _replace(code, template, _template_text(template))
    for link in code.filter_wikilinks(recursive=False):
        _replace(code, link, _link_text(link))
    for tag in code.filter_tags(recursive=False):
        name = str(tag.tag).strip().lower()
        if name in _HIDDEN_TAGS:
            _replace(code, tag, "")
        elif name == "br":
            _replace(code, tag, " ")
    text = html.unescape(code.strip_code(normalize=True, collapse=False))
    return " ".join(text.replace("'''", "").replace("''", "").split())


def _replace(code, node, text: str) -> None:
    if code.contains(node):
        code.replace(node, text)


def _template_text(template) -> str:
    name = str(template.name).strip().lower()
    if name not in ("w", "date"):
        return ""  # notices, infoboxes, licence tags: their parameters are never shown
    positional = [plain_text(str(p.value)) for p in template.params if not p.showkey]
    if name == "w" and positional:
        return positional[-1]  # {{w|Target|label}}: the label; {{w|Target}}: the target
    if name == "date" and positional:
        return positional[0]
    return ""


def _link_text(link) -> str:
    title = str(link.title).strip()
    if title.lower().startswith(_HIDDEN_LINKS):
        return ""
    if link.text is not None:
        return plain_text(str(link.text))
    return re.sub(r"^(?:w|wikipedia|W):", "", title)
