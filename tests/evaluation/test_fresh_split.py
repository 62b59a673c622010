"""The fresh and systems splits of the garbled set (review_app/evaluation/garbled_set.py): GPT4's and the
nine other systems' English MT of the wmt23 zh-en news, built from the repository's copy, apart from the
halves the model is fitted on and never read by its build (scripts/build_attribution_model.py); and the
MLQE-PE post-edits the systems split measures false alarms on."""
from __future__ import annotations

import csv
import html
import os
import re
import sys

import pytest

from review_app.evaluation.garbled_set import (
    AMALGUM,
    AMALGUM_EXTRA,
    AMALGUM_FIFTH,
    AMALGUM_FOURTH,
    AMALGUM_MORE,
    AMALGUM_NEWS,
    AMALGUM_NEWS_2,
    AMALGUM_NEWS_3,
    AMALGUM_NEWS_4,
    AMALGUM_NEWS_5,
    AMALGUM_SECOND,
    AMALGUM_THIRD,
    ANY,
    EWT,
    EWT_NEWSGROUPS,
    FRESH,
    FRESH_SYSTEM,
    MEANTIME,
    MEANTIME_REPEATS,
    MEANTIME_TSV,
    MQM_ZHEN,
    NEWSGROUPS,
    OTHER_SYSTEMS,
    POST_EDITED,
    SYSTEMS,
    TOPIC,
    TUNE,
    WEBLOGS,
    WIKINEWS_2019,
    WIKINEWS_2019_CSV,
    WIKINEWS_2020,
    WIKINEWS_2020_CSV,
    amalgum_documents,
    build_set,
    detokenize,
    documents_of,
    fresh_set,
    post_edit_documents,
    systems_set,
    token_documents,
)
from scripts.build_attribution_model import main as build_main

from ..language.test_speaker_model import assert_same_model


@pytest.fixture(scope="module")
def gpt4_segments() -> dict[tuple[str, int], str]:
    """(doc, docSegId) -> GPT4's target text, read straight from the TSV (once per segment)."""
    with MQM_ZHEN.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["system"] == FRESH_SYSTEM]
    return {(r["doc"], int(r["docSegId"])): r["target"].replace("<v>", "").replace("</v>", "").strip() for r in rows}


@pytest.mark.parametrize("variant", [TOPIC, ANY])
def test_fresh_split_is_gpt4_news_one_document_per_doc_in_segment_order(variant, gpt4_segments):
    docs = fresh_set(variant)
    names = sorted({doc for doc, _ in gpt4_segments})
    assert all(n.startswith("news_") for n in names)  # the copy holds news only
    assert [d.name for d in docs] == [f"wmt23:{n}" for n in names]
    assert {d.half for d in docs} == {FRESH} and {d.source for d in docs} == {"wmt23-gpt4"}
    # Each segment once (the TSV repeats it per rater and error), in docSegId order, as written.
    for doc in docs:
        name = doc.name.removeprefix("wmt23:")
        expected = [text for (d, _), text in sorted(gpt4_segments.items()) if d == name]
        assert [s.original for s in doc.sentences] == expected
    assert sum(len(d.sentences) for d in docs) == len(gpt4_segments)
    assert documents_of(FRESH, variant) == docs


def test_fresh_split_never_overlaps_the_halves(gpt4_segments):
    halves = build_set(ANY)
    assert not {d.half for d in halves} & {FRESH}
    fresh = fresh_set(ANY)
    assert not {d.name for d in fresh} & {d.name for d in halves}
    tuning_text = {s.original for d in halves if d.half == TUNE for s in d.sentences}
    assert not {s.original for d in fresh for s in d.sentences} & tuning_text
    assert any(s.garbled for d in fresh for s in d.sentences)  # the same rules garble this text too


def test_the_model_build_does_not_read_the_fresh_split(tmp_path):
    """Every file the build opens is recorded (Python's audit hook on "open"): the held-out splits not
    scored yet are not among them (the spent news splits are: they train it), and the rebuilt model is
    the shipped one."""
    opened: list[str] = []
    recording = [True]

    def record(event: str, args: tuple) -> None:
        if recording[0] and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(record)  # a hook cannot be removed: it stops recording when the build is done
    out = tmp_path / "model.json"
    try:
        build_main(["--out", str(out)])
    finally:
        recording[0] = False
    assert any("korean-english-news-v1" in path for path in opened)  # the hook saw the build's reads
    assert any("wikinews-2020" in path for path in opened) and any("amalgum-news-extra" in path for path in opened)
    assert any("meantime" in path for path in opened) and any(AMALGUM_THIRD.name in path for path in opened)
    assert any(AMALGUM_FOURTH.name in path for path in opened) and any(AMALGUM_FIFTH.name in path for path in opened)
    assert not [path for path in opened if MQM_ZHEN.name in path or "ud-ewt" in path or "mlqe-pe" in path]
    assert_same_model(out)


def test_systems_split_is_the_nine_other_systems_english_of_the_same_news(gpt4_segments):
    docs = systems_set(ANY)
    assert {d.half for d in docs} == {SYSTEMS} and FRESH_SYSTEM not in {d.source for d in docs}
    assert {d.source for d in docs} == {f"wmt23-{system}" for system in OTHER_SYSTEMS}
    news = {doc for doc, _ in gpt4_segments}
    for system in OTHER_SYSTEMS:
        mine = [d for d in docs if d.source == f"wmt23-{system}"]
        assert {d.name.split(":", 1)[1] for d in mine} == news  # the same 23 documents, another system's English
    assert not {d.name for d in docs} & {d.name for d in fresh_set(ANY)}
    assert any(s.garbled for d in docs for s in d.sentences)
    assert documents_of(SYSTEMS, ANY) == docs


def test_post_edits_are_read_whole_one_document_per_article_and_nothing_garbled():
    docs = post_edit_documents()
    assert {d.source for d in docs} == {"mlqe-pe-ru-en", "mlqe-pe-ro-en"}
    assert sum(len(d.sentences) for d in docs) == 2000  # 1,000 post-edits per pair, none lost
    assert not any(s.garbled for d in docs for s in d.sentences)
    garbled = documents_of(POST_EDITED, ANY)  # the same documents, garbled by the plain selector
    assert [[s.original for s in d.sentences] for d in garbled] == [[s.original for s in d.sentences] for d in docs]
    assert {d.half for d in garbled} == {POST_EDITED}


@pytest.mark.parametrize("tokens, text", [
    ('He said , " we will go . " Then ( he ) left .', 'He said, "we will go." Then (he) left.'),
    ("It was n't the ministry 's fault , she said .", "It wasn't the ministry's fault, she said."),
    ('" Yes , " she said .', '"Yes," she said.'),
])
def test_post_edits_are_detokenised(tokens, text):
    assert detokenize(tokens) == text


@pytest.mark.parametrize("folder, half, prefix, documents", [
    (EWT, WEBLOGS, "ewt", 22), (EWT_NEWSGROUPS, NEWSGROUPS, "ewt-newsgroup", 35)])
def test_ewt_splits_read_every_sentence_as_the_manifest_counts(folder, half, prefix, documents):
    counts = {}
    for line in (folder / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        name, _, sentences = line.split("\t")
        counts[f"{prefix}:{name.removesuffix('.xml.conllu')}"] = int(sentences)
    docs = documents_of(half, ANY)
    assert {d.name: len(d.sentences) for d in docs} == counts and len(docs) == documents
    assert {d.half for d in docs} == {half}
    assert all(s.original.strip() for d in docs for s in d.sentences)


@pytest.mark.parametrize("path, half, prefix", [
    (WIKINEWS_2019_CSV, WIKINEWS_2019, "wikinews"), (WIKINEWS_2020_CSV, WIKINEWS_2020, "wikinews-2020")])
def test_wikinews_splits_are_every_article_title_first(path, half, prefix):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    docs = documents_of(half, ANY)
    assert [d.name for d in docs] == [f"{prefix}:{n}" for n in range(len(rows))]
    assert {d.half for d in docs} == {half} and {d.source for d in docs} == {prefix}
    assert [d.sentences[0].original for d in docs] == [" ".join(r["title"].split()) for r in rows]
    assert all(s.original.strip() for d in docs for s in d.sentences)
    assert sum(s.garbled for d in docs for s in d.sentences) > 0
    # Every word of an article's text is in its sentences: the splitter loses nothing.
    for doc, row in zip(docs, rows):
        assert "".join(s.original for s in doc.sentences[1:]).replace(" ", "") == "".join(row["text"].split())


RS3 = """<rst><header><relations><rel name="span" type="span"/></relations></header><body>
<segment id="2" parent="1" relname="span">Sunday , May 20 , 2012</segment>
<segment id="1" parent="9" relname="span">Ministry opens &quot; well - known &quot; bridge</segment>
<segment id="3" parent="4" relname="span">The ministry said on Monday ,</segment>
<segment id="4" parent="9" relname="span">that the bridge , which cost $ 5 million , would n't close .</segment>
<segment id="5" parent="9" relname="span">“ It is Kim ’s idea , ” it added .</segment>
</body></rst>"""


def test_amalgum_documents_are_the_headline_then_sentences_as_written(tmp_path):
    (tmp_path / "AMALGUM_news_bridge.rs3").write_text(RS3, encoding="utf-8")
    (doc,) = amalgum_documents(tmp_path, ANY)
    assert doc.name == "amalgum:bridge" and doc.half == AMALGUM_NEWS
    assert [s.original for s in doc.sentences] == [
        'Ministry opens "well-known" bridge', "Sunday, May 20, 2012",
        "The ministry said on Monday, that the bridge, which cost $5 million, wouldn't close.",
        "“It is Kim’s idea,” it added."]


@pytest.mark.parametrize("folder, half, documents", [
    (AMALGUM, AMALGUM_NEWS, 99), (AMALGUM_EXTRA, AMALGUM_MORE, 94), (AMALGUM_SECOND, AMALGUM_NEWS_2, 108),
    (AMALGUM_THIRD, AMALGUM_NEWS_3, 63), (AMALGUM_FOURTH, AMALGUM_NEWS_4, 63),
    (AMALGUM_FIFTH, AMALGUM_NEWS_5, 49)])
def test_amalgum_splits_read_every_document_and_every_word(folder, half, documents):
    docs = documents_of(half, ANY)
    files = sorted(folder.glob("AMALGUM_news_*.rs3"))
    assert [d.name for d in docs] == [f"{half}:{f.stem.removeprefix('AMALGUM_news_')}" for f in files]
    assert len(docs) == documents and sum(s.garbled for d in docs for s in d.sentences) > 0
    for doc, path in zip(docs, files):
        words = re.sub(r"<[^>]+>|\s", "", path.read_text(encoding="utf-8").split("<body>")[1])
        assert "".join(s.original for s in doc.sentences).replace(" ", "") == html.unescape(words)


TOKENS = [("apple-1", 0, "Ministry"), ("apple-1", 0, "opens"), ("apple-1", 0, "bridge"),
          ("apple-1", 1, "The"), ("apple-1", 1, "ministry"), ("apple-1", 1, "said"), ("apple-1", 1, "``"),
          ("apple-1", 1, "it"), ("apple-1", 1, "ca"), ("apple-1", 1, "n't"), ("apple-1", 1, "close"), ("apple-1", 1, ","),
          ("apple-1", 1, "''"), ("apple-1", 1, "it"), ("apple-1", 1, "added"), ("apple-1", 1, "."),
          ("apple-1", 2, "It"), ("apple-1", 2, "cost"), ("apple-1", 2, "$"), ("apple-1", 2, "5"), ("apple-1", 2, "million"),
          ("apple-1", 2, "("), ("apple-1", 2, "10"), ("apple-1", 2, "%"), ("apple-1", 2, ")"), ("apple-1", 2, "."),
          ("gm-2", 0, "Cars"), ("gm-2", 0, "sell")]


def test_token_documents_are_their_sentences_as_written_in_order(tmp_path):
    path = tmp_path / "tokens.tsv"
    path.write_text("document\tsentence\ttoken\n" + "".join(f"{d}\t{s}\t{t}\n" for d, s, t in TOKENS), encoding="utf-8")
    docs = list(token_documents(path, ANY))
    assert [d.name for d in docs] == ["meantime:apple-1", "meantime:gm-2"] and {d.half for d in docs} == {MEANTIME}
    assert [s.original for s in docs[0].sentences] == [
        "Ministry opens bridge", "The ministry said “it can't close,” it added.", "It cost $5 million (10%)."]


def test_the_meantime_split_is_every_document_but_the_repeats():
    with MEANTIME_TSV.open(encoding="utf-8", newline="") as fh:
        names = list(dict.fromkeys(row["document"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)))
    docs = documents_of(MEANTIME, ANY)
    assert len(names) == 121 and MEANTIME_REPEATS <= set(names)
    assert [d.name for d in docs] == [f"meantime:{n}" for n in names if n not in MEANTIME_REPEATS]
    assert sum(len(d.sentences) for d in docs) > 1500 and sum(s.garbled for d in docs for s in d.sentences) > 0
    assert all(s.original.strip() and "``" not in s.original for d in docs for s in d.sentences)
