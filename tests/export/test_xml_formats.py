"""TMX 1.4b and XLIFF 1.2/2.0 exports are valid and carry states and provenance."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from lxml import etree

from review_app.errors import BadInputError
from review_app.export import ExportHeader, export_rows

from ..conftest import DATA
from .data import HEADER, news_rows, post_edit_rows
from .validate import MDA, X12, X20, XML_LANG, tmx_problems, xliff12_problems, xliff20_problems

KIT = DATA / "tmx" / "lisa_tmx_compliance_kit"
PROV = "{urn:review-app:provenance}"


def export(rows, fmt, header=HEADER) -> bytes:
    out = io.BytesIO()
    export_rows(rows, fmt, out, header=header)
    return out.getvalue()


def mixed_rows():
    """Approved, sent-back and untouched segments, with findings."""
    rows = news_rows(6)
    rows[1] = replace(rows[1], status="needs_work", findings=("attribution:major",), risk=1, origin="rule:attribution")
    rows[2] = replace(rows[2], status="new", reviewed=False, reviewer=None, time=None, origin="mt", system="nllb-600m")
    return rows


@pytest.mark.parametrize("name", sorted(p.name for p in KIT.glob("*.tmx")))
def test_the_validator_accepts_the_kits_own_files(name):
    assert tmx_problems((KIT / name).read_bytes()) == []


def test_tmx_header_units_and_provenance():
    data = export(mixed_rows(), "tmx")
    assert tmx_problems(data) == []
    root = etree.fromstring(data)
    header = root.find("header")
    assert (header.get("srclang"), header.get("creationtool"), header.get("segtype")) == ("ko", "review_app", "sentence")
    units = root.findall("body/tu")
    assert [u.get("tuid") for u in units] == [f"1-{i}" for i in range(1, 7)]
    assert [t.get(XML_LANG) for t in units[0].findall("tuv")] == ["ko", "en"]
    props = {u.get("tuid"): {p.get("type"): p.text for p in u.findall("prop")} for u in units}
    assert props["1-1"] == {"x-origin": "reviewer", "x-reviewer": "mina", "x-status": "approved",
                            "x-time": "2026-11-27T09:30:00Z", "x-document": "dev"}
    assert props["1-2"]["x-findings"] == "attribution:major" and props["1-2"]["x-origin"] == "rule:attribution"
    assert props["1-3"]["x-system"] == "nllb-600m" and "x-reviewer" not in props["1-3"]
    assert (units[0].get("changeid"), units[0].get("changedate")) == ("mina", "20261127T093000Z")


def test_tmx_header_says_all_when_source_languages_differ():
    rows = news_rows(2) + post_edit_rows(2)
    data = export(rows, "tmx", ExportHeader(source_lang=None, target_lang="en"))
    assert tmx_problems(data) == []
    assert etree.fromstring(data).find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in etree.fromstring(data).iter("tu")] == ["ko", "ko", "ro", "ro"]


def test_xliff_12_states_and_provenance():
    data = export(mixed_rows(), "xliff")
    assert xliff12_problems(data) == []
    units = etree.fromstring(data).findall(f"{X12}file/{X12}body/{X12}trans-unit")
    targets = [u.find(f"{X12}target") for u in units]
    assert [(u.get("approved"), t.get("state"), t.get("state-qualifier")) for u, t in zip(units[:3], targets)] == [
        ("yes", "final", None), (None, "needs-review-translation", None), (None, "translated", "mt-suggestion")]
    assert (units[0].get(PROV + "reviewer"), units[0].get(PROV + "time")) == ("mina", "2026-11-27T09:30:00Z")
    assert units[1].get(PROV + "findings") == "attribution:major"
    file = etree.fromstring(data).find(f"{X12}file")
    assert (file.get("source-language"), file.get("target-language"), file.get("original")) == ("ko", "en", "dev")


def test_xliff_12_opens_one_file_per_document():
    data = export(news_rows(2) + post_edit_rows(3), "xliff", ExportHeader(None, "en"))
    assert xliff12_problems(data) == []
    files = etree.fromstring(data).findall(f"{X12}file")
    assert [(f.get("original"), f.get("source-language"), len(f.findall(f".//{X12}trans-unit"))) for f in files] == [
        ("dev", "ko", 2), ("mlqe-pe", "ro", 3)]


def test_xliff_20_states_metadata_and_languages():
    data = export(mixed_rows(), "xliff2")
    assert xliff20_problems(data) == []
    root = etree.fromstring(data)
    assert (root.get("srcLang"), root.get("trgLang")) == ("ko", "en")
    segments = root.findall(f".//{X20}segment")
    assert [(s.get("state"), s.get("subState")) for s in segments[:3]] == [
        ("final", None), ("translated", "review_app:needs_work"), ("translated", None)]
    meta = {m.get("type"): m.text for m in root.find(f".//{X20}unit").iter(MDA + "meta")}
    assert meta == {"origin": "reviewer", "reviewer": "mina", "status": "approved", "time": "2026-11-27T09:30:00Z"}


def test_xliff_20_refuses_several_language_pairs():
    with pytest.raises(BadInputError, match=r"^xliff2 holds one language pair.*--document NAME"):
        export(news_rows(2) + post_edit_rows(2), "xliff2", ExportHeader(None, "en"))


@pytest.mark.parametrize("fmt,validate", [("tmx", tmx_problems), ("xliff", xliff12_problems),
                                          ("xliff2", xliff20_problems)])
def test_codes_from_another_format_become_valid_generic_codes(fmt, validate):
    # XLIFF 2.0 codes (from the import of a CAT tool's file) exported as TMX or XLIFF 1.2, and TMX codes
    # exported as XLIFF 2.0: each format gets its own code elements, paired where both ends remain.
    foreign = "tmx" if fmt == "xliff2" else "xliff20"
    row = replace(news_rows(1)[0], source="{1}미국 국무부{/1}는 {2/}말했다.",
                  target="{1}The State Department{/1} said{2/} {3}.",
                  codes={"format": foreign, "source": {"{1}": "<x/>", "{/1}": "<y/>", "{2/}": "<z/>"},
                         "target": {"{3}": "<w/>"}})
    data = export([row], fmt)
    assert validate(data) == []
    reread = etree.fromstring(data)
    assert len([e for e in reread.iter() if e.tag.split("}")[-1] in {"bpt", "sc", "it", "ph", "x", "ept", "ec"}]) == 7


def test_characters_xml_cannot_carry_are_filtered_and_counted():
    row = news_rows(2)
    bad = replace(row[0], target="Seoul\x0bBusan")
    out = io.BytesIO()
    report = export_rows([bad, row[1]], "tmx", out, header=HEADER)
    assert report.exported == 1 and report.removed["unrepresentable"].count == 1
    assert report.removed["unrepresentable"].examples[0]["detail"] == "U+000B in the target"
    assert tmx_problems(out.getvalue()) == []


def test_the_header_records_when_and_by_what_it_was_made():
    header = ExportHeader("ko", "en", project="news", tool_version="9.9",
                          created=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    root = etree.fromstring(export(news_rows(1), "tmx", header))
    assert (root.find("header").get("creationdate"), root.find("header").get("creationtoolversion")) == (
        "20260102T030405Z", "9.9")
