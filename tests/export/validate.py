"""Structural validators for the XML exports, written from the TMX 1.4b DTD and the XLIFF 1.2 and
2.0 schemas' content models (the schemas themselves are not redistributable here). Each returns the
list of problems; an empty list means valid. The LISA kit's own files pass the TMX validator."""
from __future__ import annotations

import re

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
MDA = "{urn:oasis:names:tc:xliff:metadata:2.0}"
HEADER_REQUIRED = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
STATES_12 = {"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
             "needs-review-translation", "needs-translation", "new", "signed-off", "translated"}
STATES_20 = {"initial", "translated", "reviewed", "final"}
NMTOKEN = re.compile(r"^[\w.:-]+$")


def _parse(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                  remove_comments=True))


def tmx_problems(data: bytes) -> list[str]:
    root, problems = _parse(data), []
    if root.tag != "tmx" or root.get("version") not in {"1.4", "1.4b"}:
        problems.append(f"root is <{root.tag} version={root.get('version')}>")
    kids = [c.tag for c in root]
    if kids != ["header", "body"]:
        return problems + [f"tmx children {kids}"]
    header, body = root
    problems += [f"header lacks {a}" for a in HEADER_REQUIRED if not header.get(a)]
    if header.get("segtype") not in {"block", "paragraph", "sentence", "phrase"}:
        problems.append(f"segtype {header.get('segtype')!r}")
    tuids = set()
    for tu in body:
        if tu.tag != "tu":
            problems.append(f"<{tu.tag}> in body")
            continue
        tuid = tu.get("tuid")
        if tuid is not None:
            problems += [f"duplicate tuid {tuid}"] if tuid in tuids else []
            tuids.add(tuid)
        problems += _tmx_unit(tu)
    return problems


def _tmx_unit(tu) -> list[str]:
    problems, names = [], [c.tag for c in tu]
    first_tuv = names.index("tuv") if "tuv" in names else len(names)
    if first_tuv == len(names) or any(n != "tuv" for n in names[first_tuv:]) or any(
            n not in {"note", "prop"} for n in names[:first_tuv]):
        problems.append(f"tu {tu.get('tuid')} children {names}")
    for prop in tu.iter("prop"):
        if not prop.get("type") or len(prop):
            problems.append("prop without type or with markup")
    for tuv in tu.iter("tuv"):
        if not tuv.get(XML_LANG):
            problems.append("tuv without xml:lang")
        segs = [c for c in tuv if c.tag == "seg"]
        if len(segs) != 1 or tuv[-1].tag != "seg":
            problems.append("tuv needs exactly one seg, last")
            continue
        problems += _tmx_seg(segs[0])
    return problems


def _tmx_seg(seg) -> list[str]:
    problems = []
    for code in seg.iter():
        if code is seg or code.getparent().tag in {"bpt", "ept", "it", "ph", "ut", "sub"}:
            continue
        if code.tag not in {"bpt", "ept", "it", "ph", "hi", "ut", "sub"}:
            problems.append(f"<{code.tag}> in seg")
    begins = [c.get("i") for c in seg.iter("bpt") if c.getparent().tag in {"seg", "hi"}]
    ends = [c.get("i") for c in seg.iter("ept") if c.getparent().tag in {"seg", "hi"}]
    if None in begins or None in ends or sorted(begins) != sorted(ends):
        problems.append(f"bpt/ept do not pair: {begins} vs {ends}")
    problems += [f"it pos {c.get('pos')!r}" for c in seg.iter("it") if c.get("pos") not in {"begin", "end"}]
    return problems


def xliff12_problems(data: bytes) -> list[str]:
    root, problems = _parse(data), []
    if root.tag != X12 + "xliff" or root.get("version") != "1.2":
        return [f"root is {root.tag} version {root.get('version')}"]
    files = [c for c in root if c.tag == X12 + "file"]
    if not files:
        problems.append("no <file>")
    for f in files:
        problems += [f"file lacks {a}" for a in ("original", "source-language", "datatype") if not f.get(a)]
        ids = set()
        for tu in f.iter(X12 + "trans-unit"):
            uid = tu.get("id")
            if not uid or uid in ids:
                problems.append(f"trans-unit id {uid!r} missing or repeated")
            ids.add(uid)
            names = [c.tag for c in tu if c.tag.startswith(X12)]
            if not names or names[0] != X12 + "source":
                problems.append(f"trans-unit {uid} does not start with <source>")
            for target in tu.findall(X12 + "target"):
                if target.get("state") and target.get("state") not in STATES_12:
                    problems.append(f"state {target.get('state')!r}")
            if tu.get("approved") not in {None, "yes", "no"}:
                problems.append("approved must be yes or no")
            for part in (c for c in tu if c.tag in {X12 + "source", X12 + "target"}):
                problems += _xliff12_inline(part)
    return problems


def _xliff12_inline(part) -> list[str]:
    problems, ids = [], set()
    for code in part.iter():
        if code is part:
            continue
        name = code.tag.replace(X12, "")
        if name not in {"g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "mrk", "sub"}:
            problems.append(f"<{name}> in {part.tag}")
        if name in {"x", "bx", "ex", "bpt", "ept", "ph", "it", "g"}:
            if not code.get("id") or code.get("id") in ids:
                problems.append(f"<{name}> id {code.get('id')!r} missing or repeated")
            ids.add(code.get("id"))
        if name == "it" and code.get("pos") not in {"open", "close"}:
            problems.append("it needs pos open|close")
    return problems


def xliff20_problems(data: bytes) -> list[str]:
    root, problems = _parse(data), []
    if root.tag != X20 + "xliff" or root.get("version") != "2.0" or not root.get("srcLang"):
        return [f"root is {root.tag} version {root.get('version')} srcLang {root.get('srcLang')}"]
    file_ids = set()
    for f in root:
        if f.tag != X20 + "file" or not f.get("id") or f.get("id") in file_ids:
            problems.append(f"bad file {f.tag} {f.get('id')}")
        file_ids.add(f.get("id"))
        unit_ids = set()
        for unit in f.iter(X20 + "unit"):
            uid = unit.get("id")
            if not uid or not NMTOKEN.match(uid) or uid in unit_ids:
                problems.append(f"unit id {uid!r} missing, not an NMTOKEN or repeated")
            unit_ids.add(uid)
            problems += _xliff20_unit(unit)
    return problems


def _xliff20_unit(unit) -> list[str]:
    problems = []
    order = {"notes": 1, "originalData": 2, "segment": 3, "ignorable": 3}
    ranks = [0 if not c.tag.startswith(X20) else order.get(c.tag.replace(X20, ""), 9) for c in unit]
    if ranks != sorted(ranks) or 3 not in ranks or 9 in ranks:
        problems.append(f"unit {unit.get('id')} children out of order: {[c.tag for c in unit]}")
    for meta in unit.iter(MDA + "meta"):
        if not meta.get("type"):
            problems.append("mda:meta without type")
    for segment in unit.iter(X20 + "segment"):
        state = segment.get("state")
        if state is not None and state not in STATES_20:
            problems.append(f"state {state!r}")
        if segment.get("subState") and (state is None or ":" not in segment.get("subState")):
            problems.append("subState needs a state and a prefix")
        if segment.find(X20 + "source") is None:
            problems.append("segment without source")
        for part in (c for c in segment if c.tag in {X20 + "source", X20 + "target"}):
            problems += _xliff20_inline(part)
    return problems


def _xliff20_inline(part) -> list[str]:
    problems, ids, opened = [], set(), set()
    for code in part.iter():
        if code is part:
            continue
        name = code.tag.replace(X20, "")
        if name not in {"ph", "pc", "sc", "ec", "mrk", "sm", "em", "cp"}:
            problems.append(f"<{name}> in {part.tag}")
        if code.get("id") is not None:
            if code.get("id") in ids:
                problems.append(f"id {code.get('id')} repeated")
            ids.add(code.get("id"))
        if name == "sc" and code.get("isolated") != "yes":
            opened.add(code.get("id"))
        if name == "ec":
            if code.get("isolated") == "yes":
                if not code.get("id") or code.get("startRef"):
                    problems.append("isolated ec needs id and no startRef")
            elif code.get("startRef") not in opened:
                problems.append(f"ec startRef {code.get('startRef')!r} has no sc before it")
    return problems
