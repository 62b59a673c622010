"""XLIFF as CAT tools write it, built around real Korean-English news sentences
(corpora/korean-english-news-v1): a Trados-style segmented file with CDATA, a memoQ-style file with
paired codes, and an XLIFF 2.0 file with original data."""
from __future__ import annotations

from ..conftest import ROOT

_KO = (ROOT / "corpora" / "korean-english-news-v1" / "dev.ko").read_text(encoding="utf-8").splitlines()
_EN = (ROOT / "corpora" / "korean-english-news-v1" / "dev.en").read_text(encoding="utf-8").splitlines()
KO, EN = _KO[:4], _EN[:4]

TRADOS = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       version="1.2" sdl:version="1.0">
 <file original="news.docx" datatype="x-sdlfilterframework2" source-language="ko-KR" target-language="en-US">
  <header><reference><internal-file form="base64">UEsDBBQABgAIAAAAIQA=</internal-file></reference></header>
  <body>
   <group>
    <trans-unit id="4f1c2a">
     <source>{KO[0]} {KO[1]}</source>
     <seg-source><mrk mtype="seg" mid="1">{KO[0]}</mrk> <mrk mtype="seg" mid="2"><g id="7">{KO[1]}</g></mrk></seg-source>
     <target><mrk mtype="seg" mid="1"><![CDATA[{EN[0]} <b> & more]]></mrk> <mrk mtype="seg" mid="2"><g id="7">{EN[1]}</g></mrk></target>
     <sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="mt"/><sdl:seg id="2" conf="ApprovedTranslation"/></sdl:seg-defs>
    </trans-unit>
   </group>
  </body>
 </file>
</xliff>""".encode("utf-8")

MEMOQ = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
 <file original="news.html" source-language="ko" target-language="en" datatype="html">
  <body>
   <trans-unit id="1" mq:status="ManuallyConfirmed" mq:segmentguid="9b1e">
    <source xml:space="preserve"><bpt id="1" ctype="bold">&lt;b&gt;</bpt>{KO[2]}<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph></source>
    <target xml:space="preserve"><bpt id="1" ctype="bold">&lt;b&gt;</bpt>{EN[2]}<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph></target>
    <alt-trans origin="mt" tool-id="mt-engine" match-quality="75%"><target>{EN[3]}</target></alt-trans>
   </trans-unit>
   <trans-unit id="2" translate="no"><source>VOA</source><target>VOA</target></trans-unit>
  </body>
 </file>
</xliff>""".encode("utf-8")

XLIFF2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">
 <file id="f1" original="news.html">
  <unit id="u1">
   <notes><note>VOA Korean, 2019</note></notes>
   <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br/&gt;</data></originalData>
   <segment id="s1" state="translated"><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">{KO[0]}</pc></source>
     <target><pc id="1" dataRefStart="d1" dataRefEnd="d2">{EN[0]}</pc></target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2"><source>{KO[1]}<ph id="2" dataRef="d3"/></source>
     <target><sc id="3" dataRef="d1"/>{EN[1]}<ec startRef="3" dataRef="d2"/><ph id="2" dataRef="d3"/></target></segment>
  </unit>
  <unit id="u2"><segment><source>{KO[2]}</source></segment></unit>
 </file>
</xliff>""".encode("utf-8")
