"""Hostile and broken XML is refused quickly, with one line naming the file and the place."""
from __future__ import annotations

import time
import tracemalloc

import pytest

from review_app.cli import main
from review_app.errors import BadInputError
from review_app.ingest import read_document

from ..conftest import DATA

KIT = DATA / "tmx" / "lisa_tmx_compliance_kit"

def _laugh(level: int) -> bytes:
    inner = "&lol;" if level == 1 else f"&lol{level - 1};"
    return f' <!ENTITY lol{level} "{inner * 10}">\n'.encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
""" + b"".join(_laugh(level) for level in range(1, 10)) + b"""]>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext"
 creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv>
<tuv xml:lang="ko"><seg>&lol9;</seg></tuv></tu></body></tmx>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="en"
 target-language="ko" datatype="plaintext"><body><trans-unit id="1"><source>&secret;</source>
<target>x</target></trans-unit></body></file></xliff>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<tmx version="1.4"><header srclang="en"/><body/></tmx>"""


@pytest.mark.parametrize("name,data", [
    ("laughs.tmx", BILLION_LAUGHS), ("xxe.xlf", EXTERNAL_ENTITY), ("param.tmx", PARAMETER_ENTITY),
])
def test_entity_declarations_are_refused_fast_and_small(name, data):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(BadInputError, match=rf"^{name}: line 1: the DOCTYPE declares entities") as err:
        read_document(name, data)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1.0 and peak < 5_000_000
    assert "root:" not in str(err.value) and "\n" not in str(err.value)


def test_a_plain_doctype_without_entities_is_fine():
    doc = read_document("ExportTest1A.tmx", (KIT / "ExportTest1A.tmx").read_bytes())  # <!DOCTYPE tmx SYSTEM "tmx14.dtd">
    assert len(doc.segments) == 4


PROLOGUE = b'<tmx version="1.4">\n<header srclang="en"/>\n<body>\n'


@pytest.mark.parametrize("line4,fault,what", [
    (b'<tu><tuv xml:lang="en"><seg>a</tuv></tu>', b"</tuv>", "Opening and ending tag mismatch: seg line 4 and tuv"),
    (b'<tu><tuv xml:lang="en"><seg>Kim & Lee</seg></tuv></tu>', b"&", "xmlParseEntityRef: no name"),
])
def test_malformed_xml_names_line_and_column(line4, fault, what):
    # libxml2 reports the column just past the faulty markup.
    column = line4.index(fault) + len(fault) + 1
    with pytest.raises(BadInputError) as err:
        read_document("broken.tmx", PROLOGUE + line4 + b"\n</body></tmx>")
    assert str(err.value) == f"broken.tmx: line 4, column {column}: malformed XML: {what}"


TU = '<tu tuid="{id}"><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="ko"><seg>{ko}</seg></tuv></tu>'


def tmx(*units: str) -> bytes:
    return ('<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" '
            'datatype="plaintext" creationtool="x" creationtoolversion="1"/>\n<body>\n'
            + "\n".join(units) + "\n</body></tmx>").encode()


@pytest.mark.parametrize("data,message", [
    (tmx(TU.format(id="7", en="Kim Jong-un", ko="김정은"), TU.format(id="7", en="Seoul", ko="서울")),
     "dup.tmx: line 4: duplicate tuid '7' (first used on line 3)"),
    (tmx('<tu><tuv><seg>Seoul</seg></tuv></tu>'), "dup.tmx: line 3: <tuv> without a language (xml:lang)"),
    (tmx('<tu><tuv xml:lang="en"><seg>Seoul</seg></tuv></tu>'),
     "dup.tmx: a source-only file in English that names no target language; give one (--target-lang)"),
    (tmx(), "dup.tmx: no translation units (<tu>) in the body"),
    (b"<xliff/>", "dup.tmx: line 1: not a TMX file (the root element is <xliff>)"),
    (b"", "dup.tmx: the file is empty"),
])
def test_invalid_documents_are_refused_with_the_reason(data, message):
    with pytest.raises(BadInputError) as err:
        read_document("dup.tmx", data)
    assert str(err.value) == message


def test_the_import_command_prints_one_line_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "laughs.tmx"
    bad.write_bytes(BILLION_LAUGHS)
    code = main(["import", str(bad), "--db", f"sqlite:///{tmp_path / 'r.db'}"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "declares entities" in err and "Traceback" not in err
