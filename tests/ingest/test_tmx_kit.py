"""The LISA TMX compliance kit imports with the right languages and text."""
from __future__ import annotations

import codecs

import pytest

from review_app.errors import BadInputError
from review_app.ingest import read_document

from ..conftest import DATA

KIT = DATA / "tmx" / "lisa_tmx_compliance_kit"
ACCENTS = [
    ("à=agrave, é=eacute, æ=aelig", "à=agrave, é=eacute, æ=aelig"),
    ("ÿ=U+00FF, ™=U+2122, ’=U+2019", "ÿ=U+00FF, ™=U+2122, ’=U+2019"),
    ("“=U+201C, –=U+2013, ¤=U+00A4", "“=U+201C, –=U+2013, ¤=U+00A4"),
]
# file -> (source, target, [(source, target) of the first segments]), read off the kit's files.
EXPECTED = {
    "ImportTest1A.tmx": ("en-US", "fr-CA", [("First segment with [\t\t   ]", "Premier segment avec [\t\t   ]"),
                                            ("Second segment with [  \t\t]", "Second segment avec [  \t\t]")]),
    "ImportTest1B.tmx": ("en-US", "fr-CA", [("Text of the segment", "Texte du segment")]),
    "ImportTest1C.tmx": ("en-US", "en-GB", [("First entry in US English", "First entry in UK English"),
                                            ("Second entry in US English", "Second entry in UK English"),
                                            ("Third entry in US English", "Third entry in UK English")]),
    "ImportTest1D.tmx": ("en-US", "en-GB", ACCENTS),
    "ImportTest1E.tmx": ("en-US", "en-GB", ACCENTS),
    "ImportTest1F.tmx": ("en-US", "en-GB", ACCENTS),  # UTF-16 LE with BOM, no encoding declared
    "ImportTest1G.tmx": ("en-US", "en-GB", ACCENTS),  # UTF-16 BE with BOM
    "ImportTest1H.tmx": ("en-US", "en-GB", ACCENTS),  # US-ASCII with numeric character references
    "ImportTest1I.tmx": ("en-US", "ja-JP", [("English segment with [    ]", "Japanese segment with [\u3000\u3000]")]),
    "ImportTest1J.tmx": ("en-US", "en-GB", [("First entry in US English", "First entry in UK English"),
                                            ("Second entry in US English", "Second entry in UK English")]),
    "ImportTest1K.tmx": ("de-DE", "en-GB", [("First Entry - German", "First Entry - UK English")]),
    "ImportTest1L.tmx": ("en-US", "fr", [("Text of the segment.", "Texte du segment.")]),
    "ImportTest2A.tmx": ("en-US", "fr-CA", [("The big {1}black{/1} {2}cat{/2} sleeps.",
                                             "Le gros {2}chat{/2} {1}noir{/1} dors.")]),
    "ImportTest2A-0index.tmx": ("en-US", "fr-CA", [("The big {1}black{/1} {2}cat{/2} sleeps.",
                                                    "Le gros {2}chat{/2} {1}noir{/1} dors.")]),
    "ImportTest2B.tmx": ("en-US", "fr-CA", [("The big {1}black{/1} {2}cat{/2} sleeps.",
                                             "Le gros {2}chat{/2} {1}noir{/1} dors.")]),
    "ImportTest2C.tmx": ("en-US", "fr", [("{1/}{2}Click {3/} to {4}start{/4}.{/2}",
                                          "{1/}{2}Cliquez {3/} pour {4}commencer{/4}.{/2}")]),
    "ExportTest1A.tmx": ("en-US", "fr-CA", [("Text with 3 spaces [   ] and 2 [  ]",
                                             "Texte avec 3 espaces [   ] et 2 [  ]")]),
    "ExportTest2A.tmx": ("en-US", "fr-CA", [("The big {1}black{/1} {2}cat{/2} sleeps.",
                                             "Le gros {2}chat{/2} {1}noir{/1} dors.")]),
}


def read(name: str, data: bytes | None = None, **options):
    return read_document(name, data if data is not None else (KIT / name).read_bytes(), **options)


def test_every_kit_file_is_covered():
    assert {p.name for p in KIT.glob("*.tmx")} - set(EXPECTED) <= {
        "ExportTest1B.tmx", "ExportTest1C.tmx", "ExportTest1D.tmx", "ExportTest1E.tmx", "ImportTest1J_many.tmx"}


@pytest.mark.parametrize("name", sorted(p.name for p in KIT.glob("*.tmx")))
def test_every_kit_file_imports(name):
    doc = read(name)
    assert doc.format == "tmx" and doc.segments
    assert doc.source_lang and doc.target_lang and doc.source_lang != doc.target_lang


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kit_languages_and_text(name):
    source, target, pairs = EXPECTED[name]
    doc = read(name)
    assert (doc.source_lang, doc.target_lang) == (source, target)
    assert [(s.source, s.mt) for s in doc.segments[: len(pairs)]] == pairs


@pytest.mark.parametrize("name,bom", [("ImportTest1A.tmx", codecs.BOM_UTF16_LE), ("ImportTest1G.tmx", codecs.BOM_UTF16_BE)])
def test_utf16_without_bom_reads_like_with_bom(name, bom):
    data = (KIT / name).read_bytes()
    assert data.startswith(bom)
    with_bom, without = read(name, data), read(name, data[len(bom):])
    assert [(s.source, s.mt) for s in without.segments] == [(s.source, s.mt) for s in with_bom.segments]


def test_odd_case_language_codes_are_spelled_one_way():
    doc = read("ImportTest2A.tmx")  # "En-uS" and "FR-CA" next to "en-us" and "fr-ca"
    assert doc.meta["tmx"]["languages"] == ["en-US", "fr-CA"]
    assert [s.mt for s in doc.segments[-2:]] == ["Image: {1/}", "Du texte avec {1}une portion délimitée{/1}."]


@pytest.mark.parametrize("source,target,expected", [
    ("ja-jp", "es-ES", ("First entry in Japanese", "First entry in Spanish")),
    ("FR-CA", "en-us", ("First entry in French Canadian", "First entry in US English")),
])
def test_the_pair_is_chosen_among_five_languages(source, target, expected):
    doc = read("ImportTest1C.tmx", source_lang=source, target_lang=target)
    assert (doc.segments[0].source, doc.segments[0].mt) == expected
    assert len(doc.segments) == 3 and not any(s.excluded for s in doc.segments)


def test_units_without_the_pair_are_kept_excluded_with_the_reason():
    doc = read("ImportTest1J_many.tmx", source_lang="en-us", target_lang="en-gb")
    assert [s.excluded for s in doc.segments] == [False, False, True]
    assert doc.segments[1].source == "Second entry in US English"
    assert doc.segments[2].exclusion_reason == "no en-GB text (the unit has es-ES, en-US)"


def test_unit_level_srclang_decides_when_the_header_language_is_unused():
    doc = read("ImportTest1K.tmx", source_lang="fr-CA")
    assert (doc.source_lang, doc.target_lang) == ("fr-CA", "en-GB")
    assert doc.segments[1].source == "Second Entry - French Canadian" and doc.segments[0].excluded


def test_numeric_character_references_equal_literal_characters():
    assert [(s.source, s.mt) for s in read("ImportTest1H.tmx").segments] == \
           [(s.source, s.mt) for s in read("ImportTest1D.tmx").segments]


def test_comments_notes_and_props_are_kept_in_meta():
    doc = read("ImportTest1L.tmx")
    assert doc.segments[0].external_id == "tu001"
    assert doc.meta["units"]["0"] == {"notes": ["Text of tu note 1", "Text of tu note 2"],
                                      "props": [["myPropeType", "Data"]]}
    assert doc.meta["tmx"]["header"]["creationtool"] == "myTool"


def test_inline_codes_keep_their_original_xml():
    doc = read("ImportTest2C.tmx")
    codes = doc.meta["inline"]["0"]
    assert codes["format"] == "tmx"
    assert codes["target"]["{3/}"] == ('<ph x="3" type="image" assoc="b">&lt;IMG SRC="here.png" '
                                       'ALT="<sub>Commencez ici !</sub>"&gt;</ph>')
    assert (codes["source"]["{4}"], codes["source"]["{/4}"]) == ('<hi type="verb" x="4">', "</hi>")


def test_a_source_language_that_no_unit_has_is_refused():
    with pytest.raises(BadInputError, match=r"ImportTest1C.tmx: no unit has the source language 'ko'"):
        read("ImportTest1C.tmx", source_lang="ko")
