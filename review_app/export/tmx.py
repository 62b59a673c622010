"""TMX 1.4b: one ``tu`` per segment pair, provenance as ``prop`` elements.

Prop types carry the TMX ``x-`` prefix for tool-defined properties:
``x-origin`` (mt, reviewer, rule:<check>, model, system), ``x-system``,
``x-reviewer``, ``x-status``, ``x-time`` (ISO 8601 UTC), ``x-findings``
(``check:severity``, comma-separated) and ``x-document``. The reviewer and
time are also the unit's standard ``changeid``/``changedate``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from ..ingest.inline import TMX_GENERIC
from .base import XML_FORBIDDEN, Utf8Out, Writer, require_languages, xml_attr, xml_text
from .codes import seg_content
from .rows import ExportHeader, ExportRow


def tmx_date(row_time) -> str | None:
    return row_time.strftime("%Y%m%dT%H%M%SZ") if row_time is not None else None


class TmxWriter(Writer):
    """TMX 1.4b translation memory"""

    name = "tmx"
    extension = ".tmx"
    needs_languages = True
    forbidden = XML_FORBIDDEN

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        w.write(self._header(header))
        langs: dict[str, str] = {}  # a file has few languages: escape each once
        for row in rows:
            if row.source_lang is None or row.target_lang is None:
                require_languages(row, self.name)
            w.write(self._unit(row, langs))
        w.write("  </body>\n</tmx>\n")
        w.flush()

    def _header(self, header: ExportHeader) -> str:
        created = f' creationdate="{tmx_date(header.created)}"' if header.created else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f'  <header creationtool="review_app" creationtoolversion="{xml_attr(header.tool_version)}"'
            f' segtype="sentence" o-tmf="review_app" adminlang="en"'
            f' srclang="{xml_attr(header.source_lang or "*all*")}" datatype="plaintext"{created}>\n'
            f'    <prop type="x-project">{xml_text(header.project)}</prop>\n'
            "  </header>\n  <body>\n"
        )

    def _unit(self, row: ExportRow, langs: dict[str, str]) -> str:
        # The hot loop of a million-segment export: optional parts first, then one f-string.
        time, reviewer = row.iso_time, row.reviewer
        src = langs.get(row.source_lang) or langs.setdefault(row.source_lang, xml_attr(row.source_lang))
        tgt = langs.get(row.target_lang) or langs.setdefault(row.target_lang, xml_attr(row.target_lang))
        if row.codes:
            source = seg_content(row.source or "", row.codes, "source", "tmx", TMX_GENERIC)
            target = seg_content(row.target, row.codes, "target", "tmx", TMX_GENERIC)
        else:
            source, target = xml_text(row.source or ""), xml_text(row.target)
        changed = reviewed = ""
        if reviewer:
            changed = f' changeid="{xml_attr(reviewer)}"'
            reviewed = f'      <prop type="x-reviewer">{xml_text(reviewer)}</prop>\n'
        if time:
            changed += f' changedate="{time.replace("-", "").replace(":", "")}"'  # 20261127T093000Z
            reviewed += f'      <prop type="x-time">{time}</prop>\n'
        extra = ""
        if row.system:
            extra = f'      <prop type="x-system">{xml_text(row.system)}</prop>\n'
        if row.findings:
            extra += f'      <prop type="x-findings">{xml_text(",".join(row.findings))}</prop>\n'
        if row.document:
            extra += f'      <prop type="x-document">{xml_text(row.document)}</prop>\n'
        return (
            f'    <tu tuid="{xml_attr(row.id)}" srclang="{src}"{changed}>\n'
            f'      <prop type="x-origin">{xml_text(row.origin)}</prop>\n{reviewed}'
            f'      <prop type="x-status">{xml_text(row.status)}</prop>\n{extra}'
            f'      <tuv xml:lang="{src}"><seg>{source}</seg></tuv>\n'
            f'      <tuv xml:lang="{tgt}"><seg>{target}</seg></tuv>\n'
            "    </tu>\n"
        )


__all__ = ["TmxWriter"]
