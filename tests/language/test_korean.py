"""Reading the speaker of Korean sentences (kiwipiepy) and naming Korean bodies in English, on real
sentences of korean-english-news-v1 (dev.ko) and the seed's kind of Korean news."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.language.korean.bodies import english_names, starter_table
from review_app.language.korean.subjects import (
    DROPPED,
    NOT_REPORTING,
    ORG,
    PERSON,
    PRONOUN,
    reporting_subjects,
    sentence_subject,
)

from ..conftest import ROOT

DEV_KO = (ROOT / "corpora" / "korean-english-news-v1" / "dev.ko").read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("line, kind, noun", [
    (110, ORG, "신화통신"),  # 신화통신은 ... 대피시켰다고 27일 보도했다.
    (244, ORG, "중앙 기상청"),  # 중앙 기상청은 ... 강타할 것이라고 설명했다.
    (286, ORG, "경찰"),  # 경찰은 성명에서 “...”고 말했다.
    (200, ORG, "법원"),  # 법원은 성명에서 ... 받았다고 밝혔다.
    (4, PERSON, "존 고든 장군"),  # 에너지省의 핵 안보 차관인 존 고든 장군은 ... 했다.
    (606, PERSON, "홍보 담당자"),
    (346, DROPPED, ""),  # 감초도 ... 측정해 주어야 한다고 말했다: who said it is left out
    (107 + 1, NOT_REPORTING, ""),  # 어선 50만여척이 항구로 대피했다.
])
def test_subject_of_a_dev_ko_sentence(line, kind, noun):
    subject = sentence_subject(DEV_KO[line - 1].strip())
    assert subject.kind == kind
    assert subject.noun == noun


@pytest.mark.parametrize("sentence, kind", [
    ("국무부는 이날 성명에서 북한 노동자들이 러시아에서 일하고 있다고 밝혔습니다.", ORG),
    ("이어 북한 노동자들이 강제 노동에 처해 있다고 설명했습니다.", DROPPED),  # the seed's "He also explained"
    ("그는 성명에서 사형수들이 최고법원에서 유죄 판결을 받았다고 밝혔다.", PRONOUN),
    ("김 장관은 북한이 미사일을 발사했다고 말했다.", PERSON),
    ("북한이 미사일을 발사했다고 합참이 밝혔다.", ORG),  # the speaker after the quoted clause
    ("경찰이 어제 현장을 조사했다고 밝혔다.", ORG),  # 이/가 on a lone speaker opening the sentence
    # Two subjects before the quote: the speaker was left out ("[Xinhua] reported that the authorities ...").
    ("푸젠성 당국이 태풍이 접근하자 주민 27만5000명을 대피시켰다고 27일 보도했다.", DROPPED),
    ("미 식품의약국(Food and Drug Administration, FDA)은 고추가 원인이라고 발표했다.", ORG),
    # No reporting verb, but "according to" a statement: MT writes "He also said ...".
    ("이 성명에따르면, 죄수 20여명은 마약 거래로 유죄 판결을 받았다.", ORG),
    # An acronym, and a foreign medium written in hangul.
    ("NHC는 돌리의 중심부가 멕시코 만에 도달했다고 전했다.", ORG),
    ("애플 데일리(Apple Daily)는 지역 승려 1명이 결혼식을 주도했다고 전했다.", ORG),
])
def test_subject_of_news_sentences(sentence, kind):
    assert sentence_subject(sentence).kind == kind


def test_a_report_in_the_progressive_is_read():
    """ "말하고 있다": the cheap filter before kiwipiepy lets a reporting verb with an auxiliary through."""
    (subject,) = reporting_subjects("2004년까지 수퍼컴퓨터가 필요하다고 정부는 말하고 있다.")
    assert (subject.kind, subject.noun) == (ORG, "정부")


def test_a_segment_gives_one_subject_per_sentence():
    segment = "신화통신은 주민 27만5000명이 대피했다고 보도했다. 어선 50만여척이 항구로 대피했다."
    assert [s.kind for s in reporting_subjects(segment)] == [ORG, NOT_REPORTING]


@pytest.mark.parametrize("korean, english", [
    ("국무부", "State Department"), ("미 국무부", "State Department"), ("재무부", "Treasury Department"),
    ("외교부", "Ministry of Foreign Affairs"), ("연합뉴스", "Yonhap"), ("신화통신", "Xinhua"),
    ("한국 외교부", "Ministry of Foreign Affairs"),  # the longest entry the noun ends with
    ("이라크 정부", "government"), ("개발 위원회", "committee"),
])
def test_korean_bodies_have_english_names(korean, english):
    assert english_names().english(korean) == english


def test_unknown_body_has_no_name():
    assert english_names().english("에브리원") is None


def test_the_project_glossary_comes_before_the_starter_table():
    names = english_names([{"wrong": "Ministry of Finance", "right": "Treasury Department", "source_term": "재무부"},
                           {"wrong": "Young-kyo", "right": "Young-gyo", "source_term": None}])
    assert names.english("재무부") == "Treasury Department"
    names = english_names([{"wrong": "Foreign Ministry", "right": "MOFA", "source_term": "외교부"}])
    assert names.english("외교부") == "MOFA"


def test_a_malformed_table_row_names_its_line(tmp_path):
    table = tmp_path / "bodies.tsv"
    table.write_text("korean\tenglish\n국무부\tState Department\n재무부\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"bodies.tsv: line 3: a row is Korean<TAB>English"):
        starter_table(table)
