"""XLIFF 1.2 and 2.0: one ``file`` per document, one unit per segment, review state on each target.

States: an approved segment is ``final`` (1.2 also sets ``approved="yes"``);
one a reviewer sent back is ``needs-review-translation`` (1.2) or
``translated`` with ``subState="review_app:needs_work"`` (2.0); untouched MT
is ``translated`` (1.2 adds ``state-qualifier="mt-suggestion"``). Provenance
travels as attributes in the ``urn:review-app:provenance`` namespace (1.2)
and as the Metadata module's ``mda:meta`` elements (2.0). Content is written
with ``xml:space="preserve"`` so spacing survives a round trip.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from ..ingest.inline import XLIFF12_GENERIC, XLIFF20_GENERIC
from .base import XML_FORBIDDEN, Utf8Out, Writer, require_languages, xml_attr, xml_text
from .codes import seg_content
from .rows import ExportHeader, ExportRow

PROVENANCE_NS = "urn:review-app:provenance"
_STATE_12 = {"approved": "final", "needs_work": "needs-review-translation", "rejected": "needs-translation"}
_STATE_20 = {"approved": "final", "needs_work": "translated", "rejected": "initial"}


def _provenance(row: ExportRow) -> list[tuple[str, str]]:
    return [
        (kind, value) for kind, value in (
            ("origin", row.origin), ("system", row.system), ("reviewer", row.reviewer), ("status", row.status),
            ("time", row.iso_time), ("findings", ",".join(row.findings)),
        ) if value
    ]


class _PerDocument(Writer):
    """Opens a new ``file`` element whenever the document changes."""

    needs_languages = True
    forbidden = XML_FORBIDDEN

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        w = Utf8Out(out)
        w.write(self._start(header))
        current, files = None, 0
        for row in rows:
            require_languages(row, self.name)
            key = (row.document, row.source_lang, row.target_lang)
            if key != current:
                if current is not None:
                    w.write(self._end_file())
                files += 1
                w.write(self._start_file(row, files, header))
                current = key
            w.write(self._unit(row))
        if current is None:  # an empty export is still a valid document
            w.write(self._start_file(None, 1, header))
        w.write(self._end_file())
        w.write("</xliff>\n")
        w.flush()


class Xliff12Writer(_PerDocument):
    """XLIFF 1.2 bilingual file"""

    name = "xliff"
    extension = ".xlf"

    def _start(self, header: ExportHeader) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:ra="{PROVENANCE_NS}">\n'
        )

    def _start_file(self, row: ExportRow | None, number: int, header: ExportHeader) -> str:
        original = row.document if row else header.project or "export"
        src = row.source_lang if row else header.source_lang or "und"
        tgt = row.target_lang if row else header.target_lang or "und"
        return (
            f'  <file original="{xml_attr(original)}" source-language="{xml_attr(src)}"'
            f' target-language="{xml_attr(tgt)}" datatype="plaintext" tool-id="review_app" xml:space="preserve">\n'
            f'    <header><tool tool-id="review_app" tool-name="review_app"'
            f' tool-version="{xml_attr(header.tool_version)}"/></header>\n'
            "    <body>\n"
        )

    def _end_file(self) -> str:
        return "    </body>\n  </file>\n"

    def _unit(self, row: ExportRow) -> str:
        attrs = f' id="{xml_attr(row.id)}"'
        if row.external_id:
            attrs += f' resname="{xml_attr(row.external_id)}"'
        if row.status == "approved":
            attrs += ' approved="yes"'
        attrs += "".join(f' ra:{kind}="{xml_attr(value)}"' for kind, value in _provenance(row))
        state = f'state="{_STATE_12.get(row.status, "translated")}"'
        if row.status == "new" and not row.reviewed:
            state += ' state-qualifier="mt-suggestion"'
        source = seg_content(row.source or "", row.codes, "source", "xliff12", XLIFF12_GENERIC)
        target = seg_content(row.target, row.codes, "target", "xliff12", XLIFF12_GENERIC)
        return (
            f"      <trans-unit{attrs}>\n"
            f"        <source>{source}</source>\n"
            f"        <target {state}>{target}</target>\n"
            "      </trans-unit>\n"
        )


class Xliff20Writer(_PerDocument):
    """XLIFF 2.0 bilingual file"""

    name = "xliff2"
    extension = ".xlf"
    single_pair = True  # srcLang and trgLang are set once, on the root

    def _start(self, header: ExportHeader) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"'
            ' xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0"'
            f' srcLang="{xml_attr(header.source_lang or "und")}" trgLang="{xml_attr(header.target_lang or "und")}"'
            ' xml:space="preserve">\n'
        )

    def _start_file(self, row: ExportRow | None, number: int, header: ExportHeader) -> str:
        original = row.document if row else header.project or "export"
        return f'  <file id="f{number}" original="{xml_attr(original)}">\n'

    def _end_file(self) -> str:
        return "  </file>\n"

    def _unit(self, row: ExportRow) -> str:
        name = f' name="{xml_attr(row.external_id)}"' if row.external_id else ""
        meta = "".join(f'<mda:meta type="{kind}">{xml_text(value)}</mda:meta>' for kind, value in _provenance(row))
        state = f'state="{_STATE_20.get(row.status, "translated")}"'
        if row.status == "needs_work":
            state += ' subState="review_app:needs_work"'
        codes = row.codes
        data = codes.get("data") if codes and codes.get("format") == "xliff20" else None
        source = seg_content(row.source or "", codes, "source", "xliff20", XLIFF20_GENERIC, _WRAP_20)
        target = seg_content(row.target, codes, "target", "xliff20", XLIFF20_GENERIC, _WRAP_20)
        return (
            f'    <unit id="{xml_attr(_nmtoken(row.id))}"{name}>\n'
            f'      <mda:metadata><mda:metaGroup category="review_app">{meta}</mda:metaGroup></mda:metadata>\n'
            + (f"      {data}\n" if data else "")
            + f"      <segment {state}>\n"
            f"        <source>{source}</source>\n"
            f"        <target>{target}</target>\n"
            "      </segment>\n    </unit>\n"
        )


# Original data references (dataRef) resolve inside the unit; the check only needs well-formedness.
_WRAP_20 = '<source xmlns="urn:oasis:names:tc:xliff:document:2.0">{}</source>'


def _nmtoken(value: str) -> str:
    """XLIFF 2.0 ids are NMTOKENs: letters, digits and . - _ : only."""
    return "".join(c if c.isalnum() or c in ".-_:" else "_" for c in value) or "_"


__all__ = ["Xliff12Writer", "Xliff20Writer", "PROVENANCE_NS"]
