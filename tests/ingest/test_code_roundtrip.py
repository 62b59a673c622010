"""Inline codes survive import -> store -> review -> export -> import, on SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from review_app.export import ExportFilters
from review_app.ingest import read_document
from review_app.workflow import importing, review
from review_app.workflow.export import export_project

from ..conftest import DATA
from .xml_samples import MEMOQ, TRADOS, XLIFF2

KIT = DATA / "tmx" / "lisa_tmx_compliance_kit"
KEEP_ALL = ExportFilters(drop_duplicates=False, drop_near_duplicates=False)
CASES = [
    ("tmx", "ImportTest2A.tmx", (KIT / "ImportTest2A.tmx").read_bytes()),
    ("tmx", "ImportTest2C.tmx", (KIT / "ImportTest2C.tmx").read_bytes()),
    ("xliff", "news.mqxliff", MEMOQ),
    ("xliff", "news.sdlxliff", TRADOS),
    ("xliff2", "news.xlf", XLIFF2),
]


def reimport(fmt: str, path: str):
    return read_document(Path(path).name, Path(path).read_bytes(), "xliff" if fmt.startswith("xliff") else "tmx")


@pytest.mark.parametrize("fmt,name,data", CASES, ids=[c[1] for c in CASES])
def test_codes_come_back_as_they_went_in(store, tmp_path, fmt, name, data):
    importing.import_bytes(store, name, data, project="codes")
    report = export_project(store, "codes", fmt, tmp_path / "out", KEEP_ALL)
    first, again = read_document(name, data), reimport(fmt, report.outputs[0])
    kept = [i for i, s in enumerate(first.segments) if not s.excluded]
    assert [(s.source, s.mt) for s in again.segments] == [(first.segments[i].source, first.segments[i].mt) for i in kept]
    codes_before = [first.meta.get("inline", {}).get(str(i), {}) for i in kept]
    codes_after = [again.meta.get("inline", {}).get(str(j), {}) for j in range(len(kept))]
    assert [{k: v for k, v in c.items() if k != "data"} for c in codes_after] == \
           [{k: v for k, v in c.items() if k != "data"} for c in codes_before]
    assert any(codes_after)


def _segs(data: bytes) -> list[bytes]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    return [etree.tostring(seg, method="c14n") for seg in root.iter("seg")]


def test_tmx_segments_are_byte_for_byte_the_kits_after_a_round_trip(store, tmp_path):
    data = (KIT / "ImportTest2C.tmx").read_bytes()
    importing.import_bytes(store, "ImportTest2C.tmx", data, project="kit")
    report = export_project(store, "kit", "tmx", tmp_path / "kit.tmx", KEEP_ALL)
    # The kit's unit has en-us, fr and en-gb; the export carries the chosen pair (en-US -> fr).
    assert _segs(Path(report.outputs[0]).read_bytes()) == _segs(data)[:2]


def test_a_reviewer_edit_that_moves_codes_keeps_them(store, tmp_path):
    data = (KIT / "ImportTest2A.tmx").read_bytes()
    doc, _ = importing.import_bytes(store, "ImportTest2A.tmx", data, project="kit")
    segment = store.segments(doc.id, limit=1)[0]
    assert segment.mt == "Le gros {2}chat{/2} {1}noir{/1} dors."
    review.save_correction(store, segment.id, "Le gros {1}{2}chat noir{/2}{/1} dort.", reviewer="lea",
                             based_on_version=0)
    report = export_project(store, "kit", "tmx", tmp_path / "kit.tmx", KEEP_ALL, documents=["ImportTest2A.tmx"])
    exported = Path(report.outputs[0]).read_text(encoding="utf-8")
    assert ('<seg>Le gros <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt><bpt i="2" x="2" type="ulined">&lt;u&gt;</bpt>'
            'chat noir<ept i="2">&lt;/u&gt;</ept><ept i="1">&lt;/b&gt;</ept> dort.</seg>') in exported


def test_a_half_deleted_wrapping_code_falls_back_to_generic_codes(store, tmp_path):
    data = (KIT / "ImportTest2C.tmx").read_bytes()
    doc, _ = importing.import_bytes(store, "ImportTest2C.tmx", data, project="kit")
    segment = store.segments(doc.id, limit=1)[0]
    # The reviewer deleted the {/4} that closes <hi>: the original XML would not be well-formed.
    review.save_correction(store, segment.id, "{1/}{2}Cliquez {3/} pour {4}commencer.{/2}", reviewer="lea",
                             based_on_version=0)
    report = export_project(store, "kit", "tmx", tmp_path / "kit.tmx", KEEP_ALL)
    from ..export.validate import tmx_problems

    exported = Path(report.outputs[0]).read_bytes()
    assert tmx_problems(exported) == []
    assert b'<it pos="begin" x="4"/>commencer.' in exported
