"""TMX 1.1 to 1.4b translation memories -> one document of source/target pairs.

A translation unit may hold many languages; the document takes one pair: the
``source_lang``/``target_lang`` options, else the header's ``srclang`` (or the
first unit's language where no unit has it) and the first other language of
the first unit that has the source. Units without both languages of the pair
are kept as excluded segments, with the reason, so nothing is lost silently.

Inline codes become placeholders (see :mod:`.inline`); unit notes and props,
and the header, are kept in the document's meta.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import BadInputError
from ..model import DocumentDraft, SegmentDraft
from .inline import TMX_RULES, UnitCodes
from .xmlsafe import XML_LANG, canonical_lang, default_target, forget, iter_events, local_name

_HEADER_KEYS = (
    "creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype",
    "creationdate", "creationid", "changedate", "changeid",
)


@dataclass
class _Variant:
    lang: str
    text: str
    codes: dict[str, str]


@dataclass
class _Unit:
    tuid: str | None
    line: int
    variants: list[_Variant]
    srclang: str | None = None
    notes: list[str] = field(default_factory=list)
    props: list[list[str]] = field(default_factory=list)  # [type, text]: JSON keeps lists

    def variant(self, lang: str) -> _Variant | None:
        # The first variant of a language is the unit's text in it (TMX lets a unit repeat one).
        return next((v for v in self.variants if v.lang.lower() == lang.lower()), None)


def read_tmx(name: str, data: bytes, *, source_lang: str | None = None, target_lang: str | None = None) -> DocumentDraft:
    found: dict = {}
    units: list[_Unit] = []
    seen_ids: dict[str, int] = {}
    for unit in iter_units(name, data, found):
        if unit.tuid is not None:
            if unit.tuid in seen_ids:
                raise BadInputError(
                    f"{name}: line {unit.line}: duplicate tuid {unit.tuid!r} (first used on line {seen_ids[unit.tuid]})"
                )
            seen_ids[unit.tuid] = unit.line
        units.append(unit)
    if not units:
        raise BadInputError(f"{name}: no translation units (<tu>) in the body")
    header = found.get("header", {})
    source, target = _choose_pair(name, units, header.get("srclang"), source_lang, target_lang)
    return _document(name, units, source, target, found.get("version"), header)


def iter_units(name: str, data: bytes | BinaryIO, found: dict) -> Iterator[_Unit]:
    """The translation units of a TMX one at a time, from its bytes or a stream (flat memory).

    ``found`` gets the file's ``version`` and ``header`` attributes as they are read (both come
    before the first unit).
    """
    for event, element in iter_events(name, data):
        tag = local_name(element)
        if event == "start" and "version" not in found:
            if tag != "tmx":
                raise BadInputError(f"{name}: line {element.sourceline}: not a TMX file (the root element is <{tag}>)")
            found["version"] = element.get("version") or "?"
        elif event == "end" and tag == "header":
            found["header"] = {k: element.get(k) for k in _HEADER_KEYS if element.get(k) is not None}
        elif event == "end" and tag == "tu":
            yield _read_unit(name, element)
            forget(element)


def _read_unit(name: str, tu) -> _Unit:
    codes = UnitCodes(TMX_RULES)
    unit = _Unit(tuid=tu.get("tuid"), line=tu.sourceline, variants=[], srclang=canonical_lang(tu.get("srclang")))
    for child in tu:
        tag = local_name(child)
        if tag == "note":
            unit.notes.append(child.text or "")
        elif tag == "prop":
            unit.props.append([child.get("type") or "", child.text or ""])
        elif tag == "tuv":
            unit.variants.append(_read_variant(name, child, codes))
    if not unit.variants:
        raise BadInputError(f"{name}: line {tu.sourceline}: <tu> without any <tuv>")
    return unit


def _read_variant(name: str, tuv, codes: UnitCodes) -> _Variant:
    # TMX 1.1 and 1.2 spell the language "lang"; 1.3 and later "xml:lang".
    lang = canonical_lang(tuv.get(XML_LANG) or tuv.get("lang"))
    if lang is None:
        raise BadInputError(f"{name}: line {tuv.sourceline}: <tuv> without a language (xml:lang)")
    seg = next((c for c in tuv if local_name(c) == "seg"), None)
    if seg is None:
        raise BadInputError(f"{name}: line {tuv.sourceline}: <tuv xml:lang=\"{lang}\"> without a <seg>")
    text, found = codes.extract(seg)
    return _Variant(lang, text, found)


def _languages(units: list[_Unit]) -> list[str]:
    seen: dict[str, str] = {}
    for unit in units:
        for v in unit.variants:
            seen.setdefault(v.lang.lower(), v.lang)
    return list(seen.values())


def _choose_pair(name, units, header_src, source_opt, target_opt) -> tuple[str, str]:
    langs = _languages(units)
    known = {lang.lower(): lang for lang in langs}

    def present(code: str | None, what: str) -> str:
        lang = known.get(canonical_lang(code).lower())
        if lang is None:
            raise BadInputError(f"{name}: no unit has the {what} language {code!r} (languages: {', '.join(langs)})")
        return lang

    if source_opt:
        source = present(source_opt, "source")
    elif header_src and header_src.lower() in known:
        source = known[header_src.lower()]
    else:  # header srclang "*all*", missing, or used by no unit: the first unit says
        first = units[0]
        source = first.srclang if first.srclang and first.srclang.lower() in known else first.variants[0].lang
    if target_opt:
        target = present(target_opt, "target")
    else:
        target = next(
            (v.lang for u in units if u.variant(source) for v in u.variants if v.lang.lower() != source.lower()), None
        )
        if target is None:  # a source-only memory: a document to translate, into English by default
            target = default_target(name, source)
    if source.lower() == target.lower():
        raise BadInputError(f"{name}: the source and target language are both {source}")
    return source, target


def _document(name, units, source, target, version, header) -> DocumentDraft:
    segments: list[SegmentDraft] = []
    inline: dict[str, dict] = {}
    notes: dict[str, dict] = {}
    source_only = all(unit.variant(target) is None for unit in units)  # its segments wait for candidates
    for position, unit in enumerate(units):
        src, tgt = unit.variant(source), unit.variant(target)
        missing = [lang for lang, v in ((source, src), (target, tgt)) if v is None and not (source_only and v is tgt)]
        reason = f"no {' or '.join(missing)} text (the unit has {', '.join(v.lang for v in unit.variants)})"
        segments.append(SegmentDraft(
            mt=tgt.text if tgt else "",
            source=src.text if src else None,
            paragraph=position,
            external_id=unit.tuid,
            excluded=bool(missing),
            exclusion_reason=reason if missing else None,
        ))
        if (src and src.codes) or (tgt and tgt.codes):
            inline[str(position)] = {
                "format": "tmx", "source": src.codes if src else {}, "target": tgt.codes if tgt else {},
            }
        if unit.notes or unit.props:
            notes[str(position)] = {"notes": unit.notes, "props": unit.props}
    meta = {"tmx": {"version": version, "header": header, "languages": _languages(units)}}
    if inline:
        meta["inline"] = inline
    if notes:
        meta["units"] = notes
    return DocumentDraft(
        name=name, format="tmx", segments=tuple(segments), source_lang=source, target_lang=target, meta=meta
    )


__all__ = ["read_tmx", "iter_units"]
