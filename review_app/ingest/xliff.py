"""XLIFF 1.0-1.2 (Trados, memoQ and other CAT tools) and XLIFF 2.x -> one document.

One segment per translation unit, or per ``<mrk mtype="seg">`` where a 1.2
unit is segmented (``seg-source``, as Trados and memoQ write it), or per
``<segment>`` of a 2.x unit. Units are refused without an id or with an id
used twice in one file; a unit without a translation, or marked
``translate="no"``, is kept as an excluded segment with the reason.

Inline codes become placeholders (see :mod:`.inline`); ``alt-trans`` matches
are kept in the document's meta under ``alt_trans`` (position -> list), where
the candidates area can pick them up. Content outside ``xml:space="preserve"``
loses the line breaks and indentation a pretty-printer added.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import etree

from ..errors import BadInputError
from ..model import DocumentDraft, SegmentDraft
from .inline import XLIFF12_RULES, XLIFF20_RULES, UnitCodes, inline_xml
from .xmlsafe import (
    XML_LANG,
    XML_SPACE,
    canonical_lang,
    collapse_layout_whitespace,
    default_target,
    forget,
    iter_events,
    local_name,
)

XLIFF2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"


@dataclass
class _Collected:
    """What the reader gathers while it streams through the file."""

    name: str
    source_option: str | None  # --source-lang/--target-lang win over what the file says
    target_option: str | None
    source_lang: str | None = None  # what the file says
    target_lang: str | None = None
    segments: list[SegmentDraft] = field(default_factory=list)
    inline: dict[str, dict] = field(default_factory=dict)
    alt_trans: dict[str, list] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    unit_count: int = 0

    def add(self, segment: SegmentDraft, codes: dict | None) -> int:
        position = len(self.segments)
        self.segments.append(segment)
        if codes:
            self.inline[str(position)] = codes
        return position

    def set_languages(self, src: str | None, tgt: str | None, line: int) -> None:
        """The first file sets the pair (unless given as options); a later file must agree."""
        if self.source_lang is None:
            self.source_lang = src
        elif src and src.lower() != self.source_lang.lower():
            raise BadInputError(
                f"{self.name}: line {line}: this <file> is in {src} but an earlier one is in {self.source_lang}; "
                "import each language pair separately"
            )
        if self.target_lang is None:
            self.target_lang = tgt
        elif tgt and tgt.lower() != self.target_lang.lower():
            raise BadInputError(
                f"{self.name}: line {line}: this <file> is translated into {tgt} but an earlier one into "
                f"{self.target_lang}; import each language pair separately"
            )


def read_xliff(name: str, data: bytes, *, source_lang: str | None = None,
               target_lang: str | None = None) -> DocumentDraft:
    events = iter_events(name, data)
    _, root = next(events)
    if local_name(root) != "xliff":
        raise BadInputError(f"{name}: line {root.sourceline}: not an XLIFF file (the root element is <{local_name(root)}>)")
    version = root.get("version") or ""
    got = _Collected(name, canonical_lang(source_lang), canonical_lang(target_lang))
    if version.startswith("2") or root.tag.startswith("{" + XLIFF2_NAMESPACE):
        _read_v2(got, root, events)
    else:
        _read_v1(got, events)
    return _document(got, version or "1.2")


# -- XLIFF 1.x ----------------------------------------------------------------


def _read_v1(got: _Collected, events) -> None:
    ids: dict[str, int] = {}
    for event, element in events:
        tag = local_name(element)
        if event == "start" and tag == "file":
            ids = {}
            src = canonical_lang(element.get("source-language"))
            if src is None and got.source_option is None:
                raise BadInputError(f"{got.name}: line {element.sourceline}: <file> without source-language")
            got.set_languages(src, canonical_lang(element.get("target-language")), element.sourceline)
            got.files.append({k: element.get(k) for k in ("original", "source-language", "target-language",
                                                           "datatype", "tool", "tool-id") if element.get(k)})
        elif event == "end" and tag == "trans-unit":
            _unit_v1(got, element, ids)
            forget(element)


def _check_id(got: _Collected, unit, ids: dict[str, int], what: str) -> str:
    uid = unit.get("id")
    if not uid:
        raise BadInputError(f"{got.name}: line {unit.sourceline}: <{what}> without an id")
    if uid in ids:
        raise BadInputError(
            f"{got.name}: line {unit.sourceline}: duplicate {what} id {uid!r} (first used on line {ids[uid]})"
        )
    ids[uid] = unit.sourceline
    return uid


def _child(element, name: str):
    return next((c for c in element if local_name(c) == name), None)


def _preserves_space(element) -> bool:
    for node in (element, *element.iterancestors()):
        value = node.get(XML_SPACE)
        if value is not None:
            return value == "preserve"
    return False


def _text(codes: UnitCodes, element) -> tuple[str, dict[str, str]]:
    text, found = codes.extract(element)
    return (text if _preserves_space(element) else collapse_layout_whitespace(text)), found


def _seg_marks(element) -> dict[str, etree._Element]:
    if element is None:
        return {}
    return {m.get("mid"): m for m in element.iter() if local_name(m) == "mrk" and m.get("mtype") == "seg"}


def _unit_v1(got: _Collected, unit, ids: dict[str, int]) -> None:
    uid = _check_id(got, unit, ids, "trans-unit")
    source, target = _child(unit, "source"), _child(unit, "target")
    if source is None:
        raise BadInputError(f"{got.name}: line {unit.sourceline}: <trans-unit id=\"{uid}\"> without a <source>")
    if got.target_lang is None and target is not None:
        got.target_lang = canonical_lang(target.get(XML_LANG))
    codes = UnitCodes(XLIFF12_RULES)
    marks = _seg_marks(_child(unit, "seg-source"))
    # A segmented unit (Trados, memoQ) is one segment per <mrk mtype="seg">, matched by mid.
    pieces = [(mid, mark, _seg_marks(target).get(mid)) for mid, mark in marks.items()] or [(None, source, target)]
    skip = "marked translate=\"no\"" if unit.get("translate") == "no" else None
    positions: dict[str | None, int] = {}
    for mid, src_el, tgt_el in pieces:
        positions[mid] = _add_piece(got, codes, "xliff12", uid if mid is None else f"{uid}#{mid}", src_el, tgt_el, skip)
    for alt in (c for c in unit if local_name(c) == "alt-trans"):
        _alt_trans(got, codes, alt, positions)
    got.unit_count += 1


_UNTRANSLATED = "no translation yet"


def _add_piece(got, codes, family, external_id, src_el, tgt_el, skip, data: str | None = None) -> int:
    src_text, src_codes = _text(codes, src_el)
    tgt_text, tgt_codes = _text(codes, tgt_el) if tgt_el is not None else ("", {})
    reason = skip or (None if tgt_text.strip() or tgt_codes else _UNTRANSLATED)
    segment = SegmentDraft(
        mt=tgt_text, source=src_text, paragraph=got.unit_count, external_id=external_id,
        excluded=reason is not None, exclusion_reason=reason,
    )
    inline = None
    if src_codes or tgt_codes:
        inline = {"format": family, "source": src_codes, "target": tgt_codes}
        if data:
            inline["data"] = data
    return got.add(segment, inline)


def _alt_trans(got: _Collected, codes: UnitCodes, alt, positions: dict) -> None:
    target = _child(alt, "target")
    if target is None:
        return
    marks = _seg_marks(target)
    texts = {mid: _text(codes, m)[0] for mid, m in marks.items()} if marks else {alt.get("mid"): _text(codes, target)[0]}
    for mid, text in texts.items():
        position = positions.get(mid, next(iter(positions.values())))
        got.alt_trans.setdefault(str(position), []).append({
            "text": text,
            "origin": alt.get("origin"),
            "tool": alt.get("tool-id") or alt.get("tool"),
            "match_quality": alt.get("match-quality"),
        })


# -- XLIFF 2.x ------------------------------------------------------------------


def _read_v2(got: _Collected, root, events) -> None:
    src = canonical_lang(root.get("srcLang"))
    if src is None and got.source_option is None:
        raise BadInputError(f"{got.name}: line {root.sourceline}: <xliff> without srcLang")
    got.set_languages(src, canonical_lang(root.get("trgLang")), root.sourceline)
    ids: dict[str, int] = {}
    for event, element in events:
        tag = local_name(element)
        if event == "start" and tag == "file":
            ids = {}
            got.files.append({k: element.get(k) for k in ("id", "original") if element.get(k)})
        elif event == "end" and tag == "unit":
            _unit_v2(got, element, ids)
            forget(element)


def _unit_v2(got: _Collected, unit, ids: dict[str, int]) -> None:
    uid = _check_id(got, unit, ids, "unit")
    codes = UnitCodes(XLIFF20_RULES)
    original = _child(unit, "originalData")
    data = inline_xml(original) if original is not None else None
    segments = [c for c in unit if local_name(c) == "segment"]
    skip = "marked translate=\"no\"" if unit.get("translate") == "no" else None
    for index, segment in enumerate(segments, start=1):
        source = _child(segment, "source")
        if source is None:
            raise BadInputError(f"{got.name}: line {segment.sourceline}: <segment> without a <source>")
        external_id = uid if len(segments) == 1 else f"{uid}#{segment.get('id') or index}"
        _add_piece(got, codes, "xliff20", external_id, source, _child(segment, "target"), skip, data)
    got.unit_count += 1


def _document(got: _Collected, version: str) -> DocumentDraft:
    if not got.segments:
        raise BadInputError(f"{got.name}: no translation units in the file")
    source_lang, target_lang = got.source_option or got.source_lang, got.target_option or got.target_lang
    segments = got.segments
    if not any(s.mt for s in segments):
        # A source-only file is a document to translate: its segments wait for candidates
        # instead of being set aside as "no translation yet".
        segments = [replace(s, excluded=False, exclusion_reason=None) if s.exclusion_reason == _UNTRANSLATED
                    else s for s in segments]
        target_lang = target_lang or default_target(got.name, source_lang)
    if target_lang is None:
        raise BadInputError(f"{got.name}: the file names no target language; give one (--target-lang)")
    meta: dict = {"xliff": {"version": version, "files": got.files}}
    if got.inline:
        meta["inline"] = got.inline
    if got.alt_trans:
        meta["alt_trans"] = got.alt_trans
    return DocumentDraft(
        name=got.name, format="xliff", segments=tuple(segments), source_lang=source_lang,
        target_lang=target_lang, meta=meta,
    )


__all__ = ["read_xliff"]
