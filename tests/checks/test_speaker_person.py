"""speaker_person: an invented first person where the Chinese or Korean source has none, and a "you"
kept in reported speech; against the MQM raters' pronoun spans of real zh->en news MT."""
from __future__ import annotations

import pytest

from review_app.checks import run_checks
from review_app.checks.speaker_person import quoted_spans
from review_app.evaluation import mqm
from review_app.evaluation.garbled_set import MQM_ZHEN
from review_app.model import DocumentDraft, SegmentDraft
from review_app.scoring.mqm import read_mqm

# wmt23 zh-en dev: a government plan's sentence with no subject, and Xi Jinping's letter in reported speech.
PLAN = "支持基础电信企业加大对重点区域、场所5G网络的优化力度，全年新增5G基站10000个。"
PLAN_MT = "We support basic telecommunications enterprises to increase the optimization of 5G networks in key areas."
LETTER = "习近平在回信中说，你们在中非克服工作生活上的困难，用心服务当地民众。"
LETTER_MT = "In his reply, Xi Jinping said that you have overcome difficulties in work and life in Central Africa."


def flagged(*segments: tuple[str, str | None], source_lang: str | None = None, target_lang: str = "en") -> list[list[str]]:
    """The flagged words of each segment, given as (English, source)."""
    draft = DocumentDraft("t", "text", tuple(SegmentDraft(mt=mt, source=src) for mt, src in segments),
                          source_lang=source_lang, target_lang=target_lang)
    found = run_checks(draft, names=["speaker_person"])
    return [[mt[f.start:f.end] for f in fs] for (mt, _), fs in zip(segments, found)]


def test_a_first_person_the_chinese_source_does_not_have_is_flagged():
    assert flagged((PLAN_MT, PLAN)) == [["We"]]
    assert flagged((PLAN_MT, PLAN), source_lang="zh") == [["We"]]
    (finding,) = run_checks(DocumentDraft("t", "text", (SegmentDraft(mt=PLAN_MT, source=PLAN),)),
                            names=["speaker_person"])[0]
    assert "Chinese source has no first person" in finding.message and finding.severity.value == "major"


@pytest.mark.parametrize("source, mt", [
    ("我们支持基础电信企业。", "We support basic telecommunications enterprises."),  # 我们 is there
    ("本报讯（记者孙杰）昨晚，北京证券交易所宣布。", "News from our newspaper (reporter Sun Jie): last night, the exchange announced."),
    ("问：请问重阳投资，如何看待美国1月非农就业数据？", "Q: May I ask Chongyang Investment, how do you view the data?"),
    ("这是第一次世界大战。", "This was World War I and Phase I of the plan."),
])
def test_a_first_person_the_source_licenses_passes(source, mt):
    assert flagged((mt, source)) == [[]]


def test_without_a_chinese_or_korean_source_a_first_person_passes():
    assert flagged((PLAN_MT, None)) == [[]]
    assert flagged((PLAN_MT, "Wir unterstützen die Unternehmen."), source_lang="de") == [[]]


def test_quoted_first_person_passes_also_when_the_quote_runs_over_two_segments():
    assert flagged(('"We will not halt construction," he said.', "他说，不会停止建设。")) == [[]]
    opened = ("“We will continue to build schools.", "他说，将继续建设学校。")
    goes_on = ("We also hope to finish in two years,” he said.", "希望两年内完成。")
    assert flagged(opened, goes_on) == [[], []]
    # An unclosed quote does not cover the next segment unless that one closes it.
    narrated = ("We support the enterprises.", "支持企业。")
    assert flagged(opened, narrated) == [[], ["We"]]


def test_quoted_spans_read_straight_marks_by_where_they_stand():
    text = 'He said "I will go" and left.'
    assert quoted_spans(text) == ([(8, 19)], False)
    assert quoted_spans('I will go," he said.', open_at_start=True)[0] == [(0, 11)]
    assert quoted_spans('"We will go on.') == ([(0, 15)], True)


def test_a_korean_source_is_read_for_its_pronouns():
    # kiwipiepy reads 우리 ("we") as a pronoun; without it "We" is the MT's own.
    assert flagged(("We will raise interest rates.", "금리를 올릴 것이다."), source_lang="ko") == [["We"]]
    assert flagged(("We will raise interest rates.", "우리는 금리를 올릴 것이다."), source_lang="ko") == [[]]


def test_you_kept_in_reported_speech_is_flagged():
    assert flagged((LETTER_MT, LETTER)) == [["you"]]
    assert flagged((LETTER_MT, None)) == [["you"]]  # English alone shows it
    assert flagged(("Xi said that in China and Africa, you have overcome difficulties.", None)) == [["you"]]
    assert flagged(("Xi Jinping said in his reply that you have overcome difficulties.", None)) == [["you"]]


def test_the_reported_speech_goes_on_to_the_segments_end():
    mt = "Xi said that you have overcome difficulties in your work. You are angels in white, he added."
    assert flagged((mt, None)) == [["you", "your", "You"]]
    # an invented speaker addresses the people the source reports on: "希望你们不忘初心" has no 我
    assert flagged(("I hope that you will not forget your original intention.", "希望你们不忘初心。")) == \
        [["I", "you", "your"]]
    assert flagged(("You will not forget, I hope.", "你们不会忘记，我希望。")) == [[]]  # the source's own voice


@pytest.mark.parametrize("mt", [
    "He says that you can never be too careful.",  # present: the generic "you"
    "The waters are clear, it being said that you can see the bottom at 40 metres.",  # no report
    "You've said that you want to act on climate change.",  # the person addressed is "you"
    'Xi said: "You have overcome difficulties."',  # quoted
    "There is a drug called Ecstasy that you may have heard of.",
])
def test_other_yous_pass(mt):
    assert flagged((mt, None)) == [[]]


def test_a_translation_into_another_language_is_not_read():
    assert flagged(("Xi sagte, dass you overcame.", LETTER), target_lang="de") == [[]]


def test_against_the_raters_pronoun_spans_of_wmt23_zh_en():
    """Measured in bench/README.md ("speaker_person"): 151 findings, 0.83 of them on a pronoun span raters
    marked, 0.58 of the 96 outputs with a marked pronoun error found; attribution alone found 0.01."""
    segments = mqm.annotated_segments(read_mqm(MQM_ZHEN.name, MQM_ZHEN.read_bytes()))
    measured = mqm.run(segments, ["speaker_person"])
    with_error = on_span = flagged_outputs = found = 0
    for segment, findings in zip(measured.segments, measured.findings):
        spans = [e.span for e in segment.errors if mqm._is_pronoun_error(e) and e.span]
        hit = any(f.start < b and a < f.end for f in findings for a, b in spans)
        with_error += bool(spans)
        flagged_outputs += bool(findings)
        on_span += hit
        found += hit
    assert with_error > 90 and flagged_outputs > 60
    assert on_span / flagged_outputs >= 0.75 and found / with_error >= 0.5
