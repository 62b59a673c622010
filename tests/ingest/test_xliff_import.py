"""XLIFF 1.2 (OASIS samples, Trados and memoQ styles) and 2.0 import."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.ingest import read_document

from ..conftest import DATA
from .xml_samples import EN, KO, MEMOQ, TRADOS, XLIFF2

OASIS = DATA / "xliff12" / "oasis_sample"


def read(name: str, data: bytes, **options):
    return read_document(name, data, **options)


@pytest.mark.parametrize("name,units", [("Sample_AlmostEverything_1.2_strict.xlf", 18),
                                        ("Sample_AlmostEverything_1.2_transitional.xlf", 19)])
def test_oasis_samples_import(name, units):
    doc = read(name, (OASIS / name).read_bytes())
    assert (doc.source_lang, doc.target_lang, len(doc.segments)) == ("en-US", "en-US", units)
    by_id = {s.external_id: s for s in doc.segments}
    assert by_id["_1_ski_374"].mt == "Niemiecki skrót v. OT oznacza górną pozycję silnika."
    # seg-source: one segment per <mrk mtype="seg">, targets matched by mid
    assert (by_id["_1_ski_410#2"].source, by_id["_1_ski_410#2"].mt) == ("Second  sentence.",
                                                                       "Translated second  sentence.")
    assert by_id["_1_ski_383"].excluded and by_id["_1_ski_383"].exclusion_reason == "no translation yet"
    # pretty-printing inside <mrk mtype="protected"> is layout, not text
    assert by_id["_1_ski_2203"].source == "{1}XLIFF {/1}stands for {2}XML Localisation Interchange File Format {/2}."
    first = by_id["_1_ski_041"]
    assert first.source.startswith("Text {1}text{/1}TEXT{2}TEXT{/3}TEXT{4/}")
    codes = doc.meta["inline"]["0"]["source"]
    assert codes["{4/}"] == '<ph xmlns="urn:oasis:names:tc:xliff:document:1.2" id="_1_ski_337"/>'
    assert [a["match_quality"] for a in doc.meta["alt_trans"]["0"]] == ["String", "String"]


def test_xliff_1_0_without_namespace_imports_with_alt_trans():
    doc = read("ExportTest1E.xlf", (DATA / "tmx" / "lisa_tmx_compliance_kit" / "ExportTest1E.xlf").read_bytes())
    assert (doc.source_lang, doc.target_lang, len(doc.segments)) == ("en-US", "fr-CA", 4)
    assert doc.meta["alt_trans"]["1"][0]["text"] == "Texte avec 1 tab [\t] et 2 [\t\t]"


def test_trados_segmented_unit_with_cdata():
    doc = read("news.sdlxliff", TRADOS)
    assert (doc.source_lang, doc.target_lang) == ("ko-KR", "en-US")
    assert [s.external_id for s in doc.segments] == ["4f1c2a#1", "4f1c2a#2"]
    assert (doc.segments[0].source, doc.segments[0].mt) == (KO[0], f"{EN[0]} <b> & more")
    assert (doc.segments[1].source, doc.segments[1].mt) == (f"{{7}}{KO[1]}{{/7}}", f"{{7}}{EN[1]}{{/7}}")  # g id="7"


def test_memoq_codes_and_alt_trans():
    doc = read("news.mqxliff", MEMOQ)
    first, second = doc.segments
    assert first.source == f"{{1}}{KO[2]}{{/1}}{{2/}}" and first.mt == f"{{1}}{EN[2]}{{/1}}{{2/}}"
    assert doc.meta["inline"]["0"]["target"]["{/1}"].endswith('id="1">&lt;/b&gt;</ept>')
    assert doc.meta["alt_trans"]["0"] == [{"text": EN[3], "origin": "mt", "tool": "mt-engine",
                                           "match_quality": "75%"}]
    assert second.excluded and second.exclusion_reason == 'marked translate="no"'


def test_xliff_2_segments_and_codes():
    doc = read("news.xlf", XLIFF2)
    assert (doc.source_lang, doc.target_lang) == ("ko", "en")
    assert [s.external_id for s in doc.segments] == ["u1#s1", "u1#s2", "u2"]
    assert doc.segments[0].mt == f"{{1}}{EN[0]}{{/1}}"
    assert doc.segments[1].source == f"{KO[1]}{{2/}}" and doc.segments[1].mt == f"{{3}}{EN[1]}{{/3}}{{2/}}"
    assert doc.segments[2].excluded and [s.paragraph for s in doc.segments] == [0, 0, 1]
    assert "&lt;br/&gt;" in doc.meta["inline"]["1"]["data"]


def test_target_language_can_be_given_when_the_file_has_none():
    data = MEMOQ.replace(b' target-language="en"', b"")
    with pytest.raises(BadInputError, match=r"^news.xlf: the file names no target language; give one"):
        read("news.xlf", data)
    assert read("news.xlf", data, target_lang="en-gb").target_lang == "en-GB"


@pytest.mark.parametrize("data,message", [
    (MEMOQ.replace(b'trans-unit id="2"', b'trans-unit id="1"'),
     "news.xlf: line 10: duplicate trans-unit id '1' (first used on line 5)"),
    (MEMOQ.replace(b' source-language="ko"', b""), "news.xlf: line 3: <file> without source-language"),
    (XLIFF2.replace(b'<unit id="u2">', b'<unit id="u1">'), "news.xlf: line 13: duplicate unit id 'u1' (first used on line 4)"),
    (XLIFF2.replace(b' srcLang="ko"', b""), "news.xlf: line 2: <xliff> without srcLang"),
    (MEMOQ.replace(b"</file>", b'</file><file original="b" source-language="ja" target-language="en" '
                                b'datatype="html"><body/></file>'),
     "news.xlf: line 12: this <file> is in ja but an earlier one is in ko; import each language pair separately"),
    (b'<xliff version="1.2"><file original="a" source-language="en" datatype="plaintext"><body><trans-unit>'
     b"<source>a</source></trans-unit></body></file></xliff>", "news.xlf: line 1: <trans-unit> without an id"),
])
def test_invalid_xliff_is_refused_with_the_reason(data, message):
    with pytest.raises(BadInputError) as err:
        read("news.xlf", data)
    assert str(err.value) == message


def test_language_options_win_over_the_file():
    doc = read("news.mqxliff", MEMOQ, source_lang="ko-KR", target_lang="en-US")
    assert (doc.source_lang, doc.target_lang) == ("ko-KR", "en-US")
    doc = read("news.xlf", XLIFF2.replace(b' srcLang="ko"', b""), source_lang="ko")
    assert doc.source_lang == "ko" and len(doc.segments) == 3
