"""Odd but valid input is imported, not refused (issue 17 #6): source-only XLIFF 1.2 and 2.0 and
a one-language TMX are documents to translate (their segments wait for candidates), and
`score --no-ci` gives a quick score.

Before: a source-only XLIFF ("the file names no target language") and a one-language TMX ("no
unit has a language besides ...; nothing to pair it with") were refused; `score` always drew
1,000 bootstrap resamples for its intervals.
"""
from __future__ import annotations

import json

import pytest

from review_app.cli import main
from review_app.model import SegmentFilter
from review_app.workflow import importing

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko">
 <file id="f1">
  <unit id="u1"><segment><source>국무부가 5일 제재를 발표했다.</source></segment></unit>
  <unit id="u2"><segment id="s1"><source>그는 또 설명했다.</source></segment>
                <segment id="s2"><source>재무부가 덧붙였다.</source></segment></unit>
 </file>
</xliff>
"""
XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="news.txt" source-language="ko" datatype="plaintext"><body>
  <trans-unit id="1"><source>국무부가 5일 제재를 발표했다.</source></trans-unit>
  <trans-unit id="2"><source>그는 또 설명했다.</source></trans-unit>
 </body></file>
</xliff>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body><tu tuid="a"><tuv xml:lang="ko"><seg>국무부가 말했다.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="ko"><seg>재무부가 덧붙였다.</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("name, body, count", [("news.xlf", XLIFF20, 3), ("news12.xlf", XLIFF12, 2),
                                               ("memory.tmx", TMX, 2)])
def test_a_source_only_file_is_a_document_whose_segments_wait_for_candidates(store, name, body, count):
    doc, created = importing.import_bytes(store, name, body.encode(), project="todo")
    assert created and (doc.source_lang, doc.target_lang) == ("ko", "en")
    segments = store.segments(doc.id)
    assert len(segments) == count
    assert all(s.source and s.mt == "" and not s.excluded for s in segments)
    assert all(store.candidates(s.id) == [] and store.findings(s.id) == [] for s in segments)
    queue = SegmentFilter(include_excluded=False)
    assert store.next_in_queue(doc.id, None, queue, "position").id == segments[0].id


def test_a_source_only_english_file_without_a_target_language_asks_for_one(store):
    body = XLIFF12.replace('source-language="ko"', 'source-language="en"')
    with pytest.raises(Exception, match="give one \\(--target-lang\\)"):
        importing.import_bytes(store, "english.xlf", body.encode())


def test_score_no_ci_skips_the_intervals_in_text_and_json(tmp_path, capsys):
    ref, a, b = tmp_path / "ref.txt", tmp_path / "a.txt", tmp_path / "b.txt"
    ref.write_text("The State Department said.\nThe Treasury Department added.\n", encoding="utf-8")
    a.write_text("He said.\nHe added.\n", encoding="utf-8")
    b.write_text("The State Department said.\nThe Ministry of Finance added.\n", encoding="utf-8")
    assert main(["score", "--ref", str(ref), "--sys", f"a={a}", "--sys", f"b={b}", "--no-ci"]) == 0
    assert "±" not in capsys.readouterr().out
    assert main(["score", "--ref", str(ref), "--sys", f"a={a}", "--sys", f"b={b}", "--no-ci", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cells = [cell for cell in json.dumps(data).split("{") if '"ci"' in cell]
    assert cells and all('"ci": null' in cell for cell in cells)
    assert main(["score", "--ref", str(ref), "--sys", f"a={a}", "--sys", f"b={b}"]) == 0
    assert "±" in capsys.readouterr().out  # without --no-ci the intervals are there


