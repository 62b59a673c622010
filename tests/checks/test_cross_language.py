"""Checks on Chinese, Japanese and Korean sources: every case is a real sentence, most from the
shared half of WMT23 zh-en MQM (corpora/wmt23-mqm-zhen-dev), where the old checks raised false alarms."""
from __future__ import annotations

import pytest

from review_app.checks import run_checks
from review_app.language.length import LengthNorm
from review_app.language.numbers import cjk_numbers, cjk_value, english_numbers
from review_app.language.scripts import foreign_runs
from review_app.model import DocumentDraft, SegmentDraft

from ..conftest import ROOT
from .test_source_and_text import EN, KO

WMT23 = ROOT / "corpora" / "wmt23-mqm-zhen-dev" / "mqm_generalMT2023_zhen.dev.tsv"

GOOGLE = ("Google新推出的人工智能聊天机器人Bard出师不利，在宣传短片中“答错问题”，导致Google母公司Alphabet股价周三一度急挫8.9%，"
          "跌破100美元大关，市值蒸发1100亿美元（约4765亿令吉），截至周五闭市报94.57美元。")
SINGAPORE = ("（综合11日电）新加坡旅游局近日公布，预计2023年到访新加坡的国际旅客人次可达1200万至1400万，将带来约180亿至210亿新元的"
             "旅游收益；旅客人次和旅游收入将恢复到2019年新冠疫情前约67%至75%的水平；2024年旅游业实现全面复苏的可能性很大。")
FORUM = "新华社北京2月11日电2月11日，第十六届中日节能环保综合论坛以线上线下相结合方式在北京举办。"


def findings(check, mt, source=None, *context, source_lang="zh"):
    segments = tuple(SegmentDraft(mt=m, source=s) for m, s in context) + (SegmentDraft(mt=mt, source=source),)
    return run_checks(DocumentDraft("t", "text", segments, source_lang=source_lang), names=[check])[-1]


def test_the_wmt23_sentences_are_real():
    text = WMT23.read_text(encoding="utf-8")
    assert GOOGLE in text and SINGAPORE in text and FORUM in text


@pytest.mark.parametrize("expression, value", [
    ("1100亿", 1.1e11), ("4765亿", 4.765e11), ("1.5万亿", 1.5e12), ("500余万", 5e6), ("33.06万", 330_600),
    ("两千", 2000), ("二〇二三", 2023), ("一百零五", 105), ("十六", 16), ("１２３４５", 12345),
    ("114兆3812億", 114.3812e12),  # Japan's FY2023 budget, 114兆3812億円
    ("1억1천만", 1.1e8), ("12조3천억", 12.3e12),
])
def test_cjk_units_by_value(expression, value):
    assert cjk_value(expression) == pytest.approx(value)


def test_chinese_amounts_match_english_scales():
    # ONLINE-B and GPT4: 1100亿美元 = $110 billion, 约4765亿令吉 = RM476.5 billion (the old check looked for 1100 and 4765)
    mt = ("Shares in Alphabet, Google's parent company, plunged 8.9 per cent below the $100 mark on Wednesday, wiping "
          "$110 billion (RM476.5 billion) off its market value as of Friday's close at $94.57, after the company's new "
          "artificial intelligence chatbot, Bard, failed to answer the \"wrong question\" in a promotional video.")
    assert findings("numbers", mt, GOOGLE) == []
    # 1200万至1400万 = "12 to 14 million"; 180亿至210亿新元 = "18 to 21 billion"
    mt = ("The Singapore Tourism Board recently announced that 12 to 14 million international visitors are expected to "
          "visit Singapore in 2023, bringing about 18 to 21 billion yuan in tourism revenue; visitor numbers and tourism "
          "revenue will return to about 67 to 75 percent of pre-coronavirus levels in 2019; and there is a strong "
          "possibility of a full recovery in the tourism industry in 2024.")
    assert findings("numbers", mt, SINGAPORE) == []


def test_a_weekday_is_not_a_number():
    # 周三一度 is "on Wednesday at one point", not 31
    assert [n.value for n in cjk_numbers(GOOGLE)] == [8.9, 100, 1.1e11, 4.765e11, 94.57]


def test_a_wrong_amount_is_marked_at_the_translation_number():
    mt = ("Google's new artificial intelligence chat robot Bard got off to a bad start and \"answered the wrong question\" "
          "in the promotional video, causing Google's parent company Alphabet's stock price to plummet 8.9% on Wednesday, "
          "falling below the $100 mark, and its market value evaporated by $110 billion (approximately 4765 billion "
          "ringgit), at US$94.57 as of Friday's close.")
    (found,) = findings("numbers", mt, GOOGLE)
    assert mt[found.start:found.end] == "4765 billion" and found.side == "target"
    assert "476,500,000,000" in found.message


def test_an_omitted_number_is_marked_in_the_source():
    # ONLINE-W drops the sentence about 67% to 75% (raters marked it as a Major omission in the source)
    mt = ("The Singapore Tourism Board (STB) recently announced that the number of international tourists visiting "
          "Singapore in 2023 is expected to reach 12 million to 14 million, which will bring about S$18 billion to "
          "S$21 billion in tourism revenue.")
    found = findings("numbers", mt, SINGAPORE)
    assert [(SINGAPORE[f.start:f.end], f.side) for f in found] == [("2019", "source"), ("67", "source"),
                                                                   ("75", "source"), ("2024", "source")]


@pytest.mark.parametrize("mt", [
    "BEIJING, Feb. 11 (Xinhua) -- The 16th China-Japan Comprehensive Forum on Energy Conservation and Environmental "
    "Protection was held in Beijing on February 11.",
    "Beijing, 11 Feb (Xinhua) -- On 11 February, the 16th China-Japan Comprehensive Forum on Energy Conservation and "
    "Environmental Protection was held in Beijing in a combination of online and offline mode.",
    "The 16th China-Japan Energy Saving and Environmental Protection Forum was held in Beijing on February 11th, with "
    "a combination of online and offline activities.",
])
def test_dates_against_month_names_and_abbreviations(mt):
    assert findings("numbers", mt, FORUM) == []


def test_a_wrong_month_is_marked():
    source = "A：2月3日美国劳工部公布2023年1月非农就业数据，新增非农就业51.7万人，大幅高于市场预期的18.9万人。"
    mt = ("A: January 3, 2021 U.S. Department of Labor nonfarm employment data for January 2023; 517,000 new nonfarm "
          "jobs, significantly above the 189,000 market expectation.")
    (found,) = findings("numbers", mt, source)
    assert mt[found.start:found.end] == "January" and found.start == 3


@pytest.mark.parametrize("source, mt", [
    ("研究制定深圳5G网络服务质量规范标准，开展5G网络测试评估，提升5G网络服务质量。",
     "Research and formulate Shenzhen 5G network service quality standards, carry out 5G network test and "
     "evaluation, and improve the quality of 5G network service."),
    ("2023年底前，10G PON端口占比达到100%。", "By the end of 2023, 10G PON ports will account for 100%."),
    ("1996年杉杉股份（600884.SH）上市，成为中国服装业第一家上市公司。",
     "In 1996, Shanshan Co., Ltd. (600884.SH) was listed, becoming the first listed company in China's clothing "
     "industry."),
    ("上世纪80年代，郑永刚担任国营棉纺厂的厂长。", "In the 1980s, Zheng Yonggang was the director of a state-owned cotton mill."),
    ("根据日本媒体的说法，岸田文雄希望藉这次会晤帮助日菲两国建立针对台海危机的政策。",
     "According to Japanese media, Fumio Kishida hopes that this meeting will help Japan and the Philippines "
     "establish policies for the Taiwan Strait crisis."),
])
def test_products_stock_codes_decades_and_pairs_are_not_false_alarms(source, mt):
    assert findings("numbers", mt, source) == []


def test_english_names_with_digits_are_not_amounts():
    assert [n.value for n in english_numbers("5G, COVID-19, H5N1, G20 and F-35 in mid-2023; 500Mbps, RM476.5")] == \
        [2023, 500, 476.5]


@pytest.mark.parametrize("line", [19, 622, 650, 806, 894])
def test_korean_references_with_conversions_and_roman_numerals(line):
    # "50년" = "five decades", 120km/h = 75 mph, "2차 세계대전" = "World War II", "36명" = "three dozen",
    # "헌법 9조" = "article nine"
    assert findings("numbers", EN[line - 1], KO[line - 1], source_lang="ko") == []


def test_untranslated_text_in_any_script():
    # ONLINE-M left the site's name untranslated
    mt = ("Sugo founder Zheng Yonggang passed away due to a sudden heart attack, once led the transformation of "
          "China's first apparel stock - 经济观察网 - 专业财经新闻网站")
    found = findings("untranslated", mt)
    assert [mt[f.start:f.end] for f in found] == ["经济观察网", "专业财经新闻网站"]
    assert "Chinese characters" in found[0].message
    assert findings("untranslated", "2023-02-11 13:09:10 [Source: Xinhua News Agency] Font:【Large Medium Small】") == []
    assert foreign_runs("Президент Владимир Путин said on α-synuclein", "en") == [(0, 24, "Cyrillic")]
    assert foreign_runs("국무부 대변인은 Samsung과 中國을", "ko") == []


def test_capitalised_common_words_are_not_name_variants():
    # Two segments of one WMT23 document: "Exports" and "Experts" open sentences; they are not names.
    context = [("电子零组件出口年减20.1%，创11年来最大减幅。",
                "Exports of electronic components fell by 20.1% in the year, the biggest decline in 11 years."),
               ("专家分析认为，台湾经济开年表现欠佳，增长压力不小。",
                "Experts believe that Taiwan's economy got off to a poor start this year.")]
    assert findings("name_variant", "Exports of textiles fell too.", "纺织品出口也下降。", *context) == []
    assert findings("name_variant", "This is Kim Young-kyo from VOA News.", None, ("Reporter Kim Young-gyo", None),
                    ("Kim Young-gyo reports.", None))[0].suggestion == "This is Kim Young-gyo from VOA News."


def test_a_reduplicated_given_name_is_not_a_doubled_word():
    mt = ("According to the official news agency, Nationalist Party Deputy Chairman Xi Jinping is in Beijing to meet "
          "with Wang Yining, Li Ying, the new director of the State Bureau, and Li Li, secretary of the Beijing "
          "Municipal Committee.")
    assert findings("doubled_word", mt) == []
    (found,) = findings("doubled_word", "which will bring about about S$18 billion to 21 billion in tourism revenue")
    assert found.suggestion == "which will bring about S$18 billion to 21 billion in tourism revenue"


def test_length_norm_is_learned_from_the_document():
    pairs = [(k, e) for k, e in zip(KO[:100], EN[:100])]
    norm = LengthNorm.learn(pairs)
    assert 1.8 < norm.ratio < 2.6 and norm.pairs > 90
    chinese = LengthNorm.learn([(SINGAPORE, "x" * 300)])
    assert chinese.ratio > 3.0  # one pair barely moves the prior for Chinese
    (found,) = findings("length_ratio", "The Singapore Tourism Board recently announced.", SINGAPORE)
    assert "shorter" in found.message and found.severity.value == "info"


def test_lost_quotation_is_marked_in_the_source():
    source = "他表示：“我们将全力以赴推进中国式现代化建设，这是我们的使命。”"
    mt = "He said they would go all out to advance Chinese-style modernisation, which is their mission."
    (found,) = findings("quotation", mt, source)
    assert found.side == "source" and source[found.start:found.end].startswith("“我们将")
