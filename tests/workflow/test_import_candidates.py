"""Imported system outputs: aligned by line or by id, with clear errors on mismatch."""
from __future__ import annotations

import json

import pytest

from review_app.errors import BadInputError
from review_app.model import ORIGIN_SYSTEM
from review_app.workflow import importing
from review_app.workflow.candidates import import_system_outputs

from ..conftest import SEED

# What a better system makes of the seed's garbled attributions (the issue's own examples).
REPAIRS = {
    "He said": "The State Department said",
    "Office of Overseas Assets Control": "Office of Foreign Assets Control",
    "Human Trafficking Facts Report": "Trafficking in Persons Report",
}


def repaired(text: str) -> str:
    for wrong, right in REPAIRS.items():
        text = text.replace(wrong, right)
    return text


@pytest.fixture
def seed_doc(store):
    doc, _ = importing.import_file(store, SEED, project="demo")
    return doc


def system_lines(store, doc, *, furniture: bool = True) -> list[str]:
    return [repaired(s.mt) for s in store.iter_segments(doc.id) if furniture or not s.excluded]


def as_bytes(lines: list[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode()


def imported(store, doc, system):
    return [(pos, c) for pos, c in store.candidates_for_document(doc.id, origin=ORIGIN_SYSTEM, system=system)]


@pytest.mark.parametrize("furniture", [True, False], ids=["every-segment", "reviewable-only"])
def test_line_alignment_with_or_without_the_furniture_lines(store, seed_doc, furniture):
    segments = list(store.iter_segments(seed_doc.id))
    reviewable = [s for s in segments if not s.excluded]
    lines = system_lines(store, seed_doc, furniture=furniture)
    report = import_system_outputs(store, "papago.txt", as_bytes(lines), system="Papago", project="demo")

    stored = imported(store, seed_doc, "Papago")
    assert report.stored == len(stored) == len(reviewable)
    assert [pos for pos, _ in stored] == [s.position for s in reviewable]
    assert [c.text for _, c in stored] == [repaired(s.mt) for s in reviewable]
    assert report.furniture == (len(segments) - len(reviewable) if furniture else 0)
    line_of = {s.id: n for n, s in enumerate(segments if furniture else reviewable, 1)}
    assert all(c.provenance["line"] == line_of[c.segment_id] for _, c in stored)
    assert all(c.provenance["file"] == "papago.txt" and c.provenance["align"] == "line" for _, c in stored)
    assert any(c.text.startswith("The State Department said") for _, c in stored)


@pytest.mark.parametrize("drop,extra", [(1, 0), (8, 0), (0, 3)], ids=["one-short", "furniture-short", "too-long"])
def test_a_count_mismatch_names_both_counts_and_the_line(store, seed_doc, drop, extra):
    segments = list(store.iter_segments(seed_doc.id))
    reviewable = sum(not s.excluded for s in segments)
    lines = system_lines(store, seed_doc)
    lines = lines[: len(lines) - drop] + ["An extra line."] * extra
    with pytest.raises(BadInputError) as info:
        import_system_outputs(store, "deepl.txt", as_bytes(lines), system="DeepL", project="demo")
    message = str(info.value)
    assert message.startswith("deepl.txt: line ") and "\n" not in message
    assert f"{len(segments)} segments ({reviewable} without page furniture)" in message
    assert f"line {min(len(lines), len(segments)) + 1}:" in message
    assert imported(store, seed_doc, "DeepL") == []


def test_id_alignment_from_tsv_uses_positions_when_segments_have_no_ids(store, seed_doc):
    segments = [s for s in store.iter_segments(seed_doc.id) if not s.excluded]
    chosen = [segments[3], segments[10]]
    tsv = "id\ttext\n" + "".join(f"{s.position}\t{repaired(s.mt)}\n" for s in chosen)
    report = import_system_outputs(store, "llm.tsv", tsv.encode(), system="LLM", project="demo")
    stored = imported(store, seed_doc, "LLM")
    assert [pos for pos, _ in stored] == [s.position for s in chosen]
    assert report.align == "id" and report.uncovered == seed_doc.segment_count - 2


def test_id_alignment_from_jsonl_with_external_ids(store, tmp_path):
    from ..model_fixtures import NEWS, write_lines

    ko = (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:6]
    en = (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:6]
    rows = [json.dumps({"id": f"news-{i}", "source": k, "mt": e}, ensure_ascii=False) for i, (k, e) in enumerate(zip(ko, en))]
    doc, _ = importing.import_file(store, write_lines(tmp_path / "news.jsonl", rows), project="news", source_lang="ko")
    outputs = [json.dumps({"id": f"news-{i}", "translation": e.upper()}) for i, e in [(4, en[4]), (1, en[1])]]
    report = import_system_outputs(store, "google.jsonl", as_bytes(outputs), system="Google", project="news")
    stored = {pos: c.text for pos, c in imported(store, doc, "Google")}
    assert stored == {1: en[1].upper(), 4: en[4].upper()} and report.stored == 2


@pytest.mark.parametrize(
    "content,message",
    [
        ("0\tFine.\n9999\tNowhere.\n", "line 2: id '9999' matches no segment"),
        ("5\tOnce.\n5\tTwice.\n", "line 2: id '5' again (first on line 1)"),
        ("5 Fine without a tab\n", "line 1: expected ID<TAB>TEXT"),
    ],
)
def test_bad_id_files_are_refused_with_the_line(store, seed_doc, content, message):
    with pytest.raises(BadInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_system_outputs(store, "bad.tsv", content.encode(), system="Bad", project="demo")
    assert imported(store, seed_doc, "Bad") == []


def test_a_system_is_imported_once_per_document(store, seed_doc):
    data = as_bytes(system_lines(store, seed_doc))
    import_system_outputs(store, "deepl.txt", data, system="DeepL", project="demo")
    with pytest.raises(BadInputError, match="already has candidates"):
        import_system_outputs(store, "deepl-again.txt", data, system="DeepL", project="demo")
    import_system_outputs(store, "deepl-again.txt", data, system="DeepL v2", project="demo")
    assert len(imported(store, seed_doc, "DeepL")) == len(imported(store, seed_doc, "DeepL v2"))


def test_empty_lines_keep_their_place(store, seed_doc):
    lines = system_lines(store, seed_doc)
    reviewable = [s for s in store.iter_segments(seed_doc.id) if not s.excluded]
    blank = reviewable[0].position
    lines[blank] = ""
    report = import_system_outputs(store, "gaps.txt", as_bytes(lines), system="Gaps", project="demo")
    positions = [pos for pos, _ in imported(store, seed_doc, "Gaps")]
    assert blank not in positions and positions == [s.position for s in reviewable[1:]]
    assert report.empty == 1


def test_line_alignment_runs_across_a_projects_documents(store, tmp_path):
    from ..model_fixtures import NEWS

    first, _ = importing.import_aligned(store, mt=NEWS / "dev.en", project="two", source=NEWS / "dev.ko", source_lang="ko")
    second, _ = importing.import_file(store, SEED, project="two")
    lines = [s.mt for d in (first, second) for s in store.iter_segments(d.id)]
    report = import_system_outputs(store, "all.txt", as_bytes(lines), system="All", project="two")
    assert report.documents == (first.name, second.name)
    assert len(imported(store, first, "All")) == first.segment_count
    with pytest.raises(BadInputError, match="choose one with --document"):
        import_system_outputs(store, "ids.tsv", b"0\tx\n", system="Ids", project="two")
