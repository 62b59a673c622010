"""Wikinews wiki markup read as the page shows it (evaluation/wikitext.py), and the early-Wikinews split
read from it."""
from __future__ import annotations

import json
import re

import pytest

from review_app.evaluation.garbled_set import ANY, WIKINEWS_EARLY, WIKINEWS_EARLY_JSONL, documents_of, wiki_documents
from review_app.evaluation.wikitext import plain_paragraphs, plain_text


@pytest.mark.parametrize("wikitext, text", [
    ("{{date|November 5, 2004}}", "November 5, 2004"),
    ("'''Boston''' {{w|Boston Red Sox|The Sox}} won [[w:Boston|Boston]]'s title &amp; more.",
     "Boston The Sox won Boston's title & more."),
    ("The {{w|United Nations}} said so. [[Category:Politics]]{{PD-Article}}", "The United Nations said so."),
    ("[[File:x.jpg|thumb|a [[caption]] here]]<ref>a source</ref>Next,<br/>line.", "Next, line."),
    ("Text with {{w|A|{{w|B}}}} nested and [[Plain link]].", "Text with B nested and Plain link."),
])
def test_markup_renders_as_the_page_shows_it(wikitext, text):
    assert plain_text(wikitext) == text


def test_cut_bylines_tables_and_lone_braces_are_mended_without_losing_the_lead():
    paragraphs = [
        "{{Brazil}}{{byline|date[w:São Paulo|São Paulo]], Brazil — Police said [[w:Scotland Yard|the Yard]] acted.}}",
        "{{byline|The lead {{w|A B|C}} text.",  # opened, never closed: must not swallow what follows
        "The army denied it.",
        "{Archive}}\n{{haveyoursay}}",
        "{| class=wikitable\n| cell\n|}",
    ]
    assert plain_paragraphs(paragraphs) == [
        "São Paulo, Brazil — Police said the Yard acted.", "The lead C text.", "The army denied it."]


def test_the_early_wikinews_split_is_every_article_title_first_with_its_markup_gone():
    with WIKINEWS_EARLY_JSONL.open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    docs = documents_of(WIKINEWS_EARLY, ANY)
    assert len(articles) == 101 and [d.name for d in docs] == [f"wikinews-early:{n}" for n in range(101)]
    assert {d.half for d in docs} == {WIKINEWS_EARLY}
    assert [d.sentences[0].original for d in docs] == [" ".join(a["title"].split()) for a in articles]
    sentences = [s.original for d in docs for s in d.sentences]
    assert len(sentences) > 1000
    assert sum(bool(re.search(r"[{}|]|\[\[|\]\]", s)) for s in sentences) <= 3  # wiki markup read away
    assert sum(s.garbled for d in docs for s in d.sentences) > 0
    assert list(wiki_documents(variant=ANY)) == docs


def test_an_intact_byline_goes_and_a_cut_one_loses_only_its_glued_word():
    assert plain_paragraphs(["{{byline|date=May 1, 2005|location=London}}The minister spoke."]) == [
        "The minister spoke."]
    assert plain_paragraphs(["{{byline|datehe report was published."]) == ["report was published."]
