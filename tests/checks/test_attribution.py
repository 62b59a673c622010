"""Garbled attribution: real sentences from the seed and from korean-english-news-v1 (dev.en)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from review_app.checks import run_checks
from review_app.checks.attribution import IT_ACTS
from review_app.evaluation.labels import evaluate, read_labels
from review_app.language.english.mentions import ORG, PEOPLE, PERSON, classify_phrase, display_name
from review_app.model import DocumentDraft, SegmentDraft

from ..conftest import DATA

LABELS = DATA / "attribution" / "labels.tsv"


def attribution(*sentences: str) -> list[list]:
    draft = DocumentDraft("t", "text", tuple(SegmentDraft(mt=s) for s in sentences))
    return [[f for f in fs if f.check == "attribution"] for fs in run_checks(draft, names=["attribution"])]


# (context sentences..., the sentence checked, how its repair must start, "": flagged without a repair, or
# None: no finding)
CASES = [
    pytest.param((
        "Last November, the U.S. Treasury Department announced that it had imposed sanctions on two "
        "Russian-based companies involved in sending illegal workers abroad.",
        "He then explained the background of the sanctions.",
        "The Treasury Department then explained"), id="department-then-He"),
    pytest.param((
        "The Iranian judiciary's statement said that all 30 were convicted of various crimes.",
        "Kidnapping and using weapons while committing a crime were also among the charges.",
        "He also said that 20 of the convicts were convicted of drug and alcohol dealing.",
        "The Iranian judiciary's statement also said"), id="statement-two-back"),
    pytest.param((
        "The government said the original committee held meetings without quorums.",
        "Many of the officials also lived outside Iraq, he said.",
        "Many of the officials also lived outside Iraq, the government said."), id="trailing-he-said"),
    # No speaker yet: the organisation that opened the sentence before is the one speaking.
    pytest.param((
        "South Korea's central bank raised its key interest rate by a quarter point on Thursday.",
        "He explained that inflation remained high.",
        "South Korea's central bank explained"), id="subject-organisation-then-He"),
    pytest.param((
        "According to the Yonhap news agency, the National Intelligence Service told lawmakers that the North "
        "had executed officials.",
        "He said the purge was continuing.",
        "The National Intelligence Service said"), id="institution-keeps-its-National"),
    # Genuine pronouns: a matching person comes first.
    pytest.param((
        "The government appointed a new envoy to Washington.",
        "He said relations would improve.", None), id="person-noun-after-subject-organisation"),
    pytest.param((
        "The newspaper reported that another North Korean worker had entered Russia on a student visa and said "
        "he was working.",
        "He added that he earned more than in North Korea.", None), id="worker-named-after-newspaper"),
    pytest.param((
        "Aaron Arnold, a member of the UN Security Council’s Expert Panel, said in a webinar in April that "
        "cryptocurrency hacking is a significant source of income.",
        "He said North Korea's hackers are getting better.", None), id="named-expert"),
    pytest.param((
        "Istanbul Gov. Muammer Guler called the blasts \"an act of terror,\" and said the devices were placed "
        "15 meters from each other.",
        "The first was a stun grenade that was detonated to draw attention before the second blast went off, "
        "he said.", None), id="governor-then-he-said"),
    pytest.param((
        "The sounds of whales and dolphins are well known, but most people don't realize fish also make sounds, "
        "lead researcher Andrew H. Bass of Cornell University said in a telephone interview.",
        "The whole nervous system basis that led to speech originated in fish hundreds of millions of years "
        "ago, he said.", None), id="researcher-of-university"),
    pytest.param((
        "Ms. Park said the ministry would act.", "She added that it would take weeks.", None), id="she-ms"),
    pytest.param((
        "The newspaper reported this in an article titled ‘Russia’s Far East still provides great income to "
        "North Korean workers’.",
        "They say they are advertising that North Korean workers can work in housing construction.",
        None), id="they-say-is-hearsay"),
    pytest.param((
        "Police said the 26-year-old may be charged with attempted assault.",
        "They said both women were released.", None), id="police-are-they"),
    pytest.param((
        "The ministry said 30 people were arrested.",
        "He was released on Sunday.", None), id="not-reporting"),
]


CASES += [
    # The gender contradicts the person who spoke, and nobody else is in reach.
    pytest.param((
        "Mr. Lee told reporters that the talks would resume in March.",
        "She added that both sides had agreed on an agenda.",
        "Mr. Lee added"), id="she-after-mr-lee"),
    # "It" reports for a single person.
    pytest.param((
        "North Korean leader Kim Jong-un said the country would launch more satellites.",
        "It added that the launches were for peaceful purposes.",
        "North Korean leader Kim Jong-un added"), id="it-for-a-person"),
    # A dateline agency speaks for the story when no person is in reach.
    pytest.param((
        "SEOUL (Yonhap) -- North Korea fired two short-range ballistic missiles into the East Sea on Sunday.",
        "The missiles flew about 400 kilometres before landing in the sea.",
        "He said the launch was the third this month.",
        "Yonhap said"), id="dateline-agency"),
    # Genuine: the person spoke last, or a named person came up after the organisation spoke.
    pytest.param((
        "Police said the 26-year-old man was released on Sunday.",
        "Kim Young-gyo, his lawyer, met reporters outside the station.",
        "He said his client would appeal.", None), id="person-after-organisation"),
    pytest.param((
        "Mr. Lee told reporters that the talks would resume in March.",
        "He added that both sides had agreed on an agenda.", None), id="he-after-mr-lee"),
    # The organisation the sentence before was about, not the one that spoke three sentences back
    # (wmt23 zh-en MT, ONLINE-W).
    pytest.param((
        "The Singapore Tourism Board (STB) recently announced that it expects 12 million visitors in 2023.",
        "Visitor arrivals in 2022 have increased 19-fold to 6.3 million.",
        "From January to September 2022, Singapore's tourism revenue totaled S$8.96 billion.",
        "The Singapore government is taking a number of measures to accelerate the recovery of tourism.",
        "In April 2022, he announced the allocation of nearly S$500 million to stimulate tourism recovery.",
        "In April 2022, the Singapore government announced"), id="topic-of-the-sentence-before"),
    # "reported": the news agency cited, not the body cited after it.
    pytest.param((
        "According to Reuters, Google earlier posted a promotional video for its chatbot Bard.",
        "In the video, Bard said the telescope had taken the first pictures of a planet outside the solar system.",
        "However, according to NASA, the first such images were taken in 2004 by a European telescope.",
        "He reported that Alphabet shares fell after the wrong answer.",
        "Reuters reported"), id="a-medium-reports"),
    # A coordinated clause after a person: "..., but he insisted" is the father, not the agency.
    pytest.param((
        "The Associated Press reported that the building collapsed on Monday.",
        "Rescue crews pulled the mother from the rubble and then found the father, but he insisted that his "
        "son was still buried.", None), id="coordinated-clause-after-a-person"),
    # An organisation only ever spoken to is not the speaker: the one that acted is.
    pytest.param((
        "The Church of Scientology rejected the claims.",
        "In a statement to the Australian Broadcasting Corporation, the church denied the allegations.",
        "He also claimed that she had kept her passport.",
        "The church also claimed"), id="addressee-is-not-the-speaker"),
    # The story's own outlet (its byline and site tail) announces nothing: the regulator in the headline did
    # (wmt23 zh-en MT of an Economic Observer story).
    pytest.param((
        "\"Fund E account\" is coming: the SFC authorized the development of the app - Economic Observer - "
        "A professional financial news website",
        "Economic Observer reporter Chen Shan Fund purchase channels are complicated.",
        "These problems of fund investors are about to be solved.",
        "On February 10, he announced that the app had been put on the shelves of app stores.",
        "On February 10, the SFC announced"), id="the-outlet-announces-nothing"),
    # ... but it reports: MT renders a Chinese dateline ("中新网2月11日电") as "China News Network reported".
    pytest.param((
        "Shenzhen: building the fastest pioneer city in China - China News Network",
        "She reported on February 11th that the Shenzhen Municipal Bureau of Industry issued a plan.",
        "China News Network reported"), id="the-outlet-reports"),
    # "according to NBC" cites a source: the person the sentence is about is who announced (Wikinews).
    pytest.param((
        "Yesterday, Nancy Pelosi announced that she would launch an impeachment inquiry.",
        "Pelosi called the president's conduct a breach of his responsibilities, according to NBC.",
        "\"The House is moving forward with an official impeachment inquiry,\" she announced.", None),
        id="according-to-a-medium-is-a-source"),
    # A passive of naming is no report.
    pytest.param((
        "The judge ruled that people born in American Samoa are citizens.",
        "Instead, they are called \"U.S. nationals\" on their passports.", None), id="they-are-called"),
    # A lone surname is the person named in full before: "He" is Kokesh, not Congress.
    pytest.param((
        "Adam Kokesh previously hosted a show on RT.",
        "Kokesh ran for US Congress as a Republican in 2010.",
        "He announced his 2020 candidacy in 2013 during a jailhouse interview.", None), id="a-lone-surname"),
    # A person named in the reported clause is not the pronoun ("He reported that Pohiva ..."), and a title in
    # apposition is the person it follows: nobody is left for "He" (Wikinews).
    pytest.param((
        "On Thursday, Francis D'Souza, previously the Deputy Chief Minister of the state of Goa, India, died.",
        "He had been suffering from cancer.",
        "He announced three days of mourning for D'Souza.", ""), id="named-in-the-reported-clause"),
    pytest.param((
        "Daniel's father wanted him to become a merchant.",
        "He then asked him to study medicine, and Daniel agreed.", None), id="a-name-in-a-coordinated-clause"),
    # A passive is no report, and "told me" is first-person narrative (Wikinews interviews).
    pytest.param((
        "Police in Leeds are searching for a missing student.",
        "He was reported missing Thursday evening by the police.", None), id="a-passive-report"),
    pytest.param((
        "New Zealand and the World Bank Group fund the solar panels.",
        "Once installed, they are estimated to reduce diesel consumption by 230,000 liters a year.", None),
        id="a-passive-estimate"),
    pytest.param((
        "The recruiters promised her work in the city.",
        "They told me all the girls here are just like the other girls.", None), id="told-me"),
    # A report after a quote that closes a quote inside it.
    pytest.param((
        "The Human Rights Commission of Pakistan condemned the killing on Friday.",
        "“Journalists take each attack as a warning to ‘behave,’” he said last Monday.",
        "“Journalists take each attack as a warning to ‘behave,’” Human Rights Commission of Pakistan said"),
        id="after-a-nested-quote"),
    # Writing a thing is no report; writing a letter is.
    pytest.param((
        "The research group at Google showed the attack in February.",
        "They wrote a PDF file prefix on both files.", None), id="wrote-a-thing"),
    pytest.param((
        "The research group at Google showed the attack in February.",
        "He wrote an open letter that called the attack a warning.", "Google wrote an open letter"),
        id="wrote-a-letter"),
    # An impersonal passive has no speaker; a police rank before a name is a title.
    pytest.param((
        "According to Mayor Roberto Córdova, 30,000 people have arrived.",
        "Another 30,000 will arrive, and it is estimated that the town will fill up.", None), id="it-is-estimated"),
    pytest.param((
        "Sussex Police Superintendent Jane Derrick said the pilot was injured.",
        "She said it is believed all the casualties are men.", None), id="police-superintendent"),
    # A time between the subject and its verb: "Neil Basu, on Sunday said" is Neil Basu speaking.
    pytest.param((
        "The head of the UK's counter terror police, Neil Basu, on Sunday said the attacker acted alone.",
        "He also said there was no increased threat.", None), id="a-time-before-said"),
    # Police without an article are who said it.
    pytest.param((
        "Early Saturday morning, police in Clairton responded to reports of a shooting at a party.",
        "He said over a hundred people attended the party.", "Police said"), id="bare-police"),
    # "..., he said." closing its sentence: the man named before it is what was said, not who said it.
    pytest.param((
        "The state health ministry confirmed a case of the virus in a man from the northern district on Friday.",
        "The man has been isolated and is in good condition, he said.",
        "The man has been isolated and is in good condition, the state health ministry said."),
        id="closing-report-names-what-was-said"),
    # A clause set before the subject names who the pronoun is; a phrase with nobody in it does not.
    pytest.param((
        "The foreign ministry said on Monday that the summit would go ahead.",
        "After Kim Jong-un arrived in Seoul, he said that talks would begin.", None), id="fronted-clause-person"),
    pytest.param((
        "The foreign ministry said on Monday that the summit would go ahead.",
        "After the talks in Seoul, he said that talks would begin.", "After the talks in Seoul, the foreign ministry said"),
        id="fronted-phrase-nobody"),
    # The plain form "they" takes reports too, and the repair makes the verb agree with the organisation.
    pytest.param((
        "The Interior Ministry said on Monday that troops had been sent to the border.",
        "They deny that civilians were hurt.", "The Interior Ministry denies that"), id="they-deny-agrees"),
    # A report whose own subject is an "it" that acts names the body that speaks, unless a person just spoke.
    pytest.param((
        "General Motors reported a loss of $2 billion on Tuesday, its third in a row.",
        "He announced that it will offer buyouts to 20,000 workers.", "General Motors announced that it will"),
        id="it-acts-company"),
    pytest.param((
        "Chief executive Rick Wagoner said on Tuesday that the results were poor.",
        "He said it will cut 30,000 jobs.", None), id="it-acts-after-a-person-spoke"),
    # "General" in a company's name is no general's title, and the description before the name is left out.
    pytest.param((
        "United States automobile company General Motors announced it has lost US$6 billion in the first quarter.",
        "Not including special items, he said it had lost a net $5.9 billion.",
        "Not including special items, General Motors said"), id="company-after-its-description"),
]


@pytest.mark.parametrize("case", CASES)
def test_pronoun_cases(case):
    *sentences, expected = case
    found = attribution(*sentences)[-1]
    if expected is None:
        assert found == []
    elif expected == "":  # flagged, with nobody to name
        assert len(found) == 1 and not found[0].suggestion
    else:
        assert len(found) == 1 and found[0].suggestion.startswith(expected)


def test_a_sentence_starting_a_document_is_not_flagged():
    assert attribution("He said that the Russian government is actively involved in forced labor.") == [[]]


def test_a_pronoun_right_after_a_headline_with_nobody_in_it_is_flagged_without_a_repair():
    """wmt23 zh-en MT: the speaker was named only in the Chinese headline's source, so no one is in reach."""
    (finding,) = attribution("Tourism to recover fully in 2023",
                             "He recently announced that visitor numbers would reach 14 million this year.")[-1]
    assert finding.confidence >= 0.5 and not finding.suggestion and "no one in reach" in finding.message


def test_findings_carry_a_confidence_that_orders_them():
    (near,), (far,) = [attribution(*case)[-1] for case in (
        ("The ministry said 30 people were arrested.", "He added that more arrests were expected."),
        ("The ministry said 30 people were arrested.", "The arrests followed weeks of protests.",
         "Protesters had blocked roads in the capital.", "He added that more arrests were expected."))]
    assert 0.5 <= far.confidence < near.confidence <= 1.0


# -- the Korean source ------------------------------------------------------------------------

NEWS = DATA.parents[1] / "corpora" / "korean-english-news-v1"
DEV_EN = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")
DEV_KO = (NEWS / "dev.ko").read_text(encoding="utf-8").split("\n")


def with_source(first: int, line: int, english: str, korean: str | None = None) -> list:
    """Attribution findings on line ``line`` of dev.en (1-based) put as ``english``, in the document of
    dev.en lines ``first``..``line`` with their dev.ko sources (line ``line``'s source: ``korean``)."""
    segments = [SegmentDraft(mt=DEV_EN[n - 1].strip(), source=DEV_KO[n - 1].strip()) for n in range(first, line)]
    segments.append(SegmentDraft(mt=english, source=korean or DEV_KO[line - 1].strip()))
    draft = DocumentDraft("news", "aligned", tuple(segments), source_lang="ko")
    return [f for f in run_checks(draft, names=["attribution"])[-1] if f.check == "attribution"]


# dev.en line garbled the way MT garbles it when the Korean subject is an organisation.
# (first line of the document, line, the line garbled, how the repair must read, or None)
KOREAN_CASES = [
    pytest.param(106, 110, "Fujian authorities evacuated about 275,000 people on Sunday as the storm approached, "
                 "he reported.", "as the storm approached, Xinhua reported.", id="신화통신-Xinhua"),
    pytest.param(907, 912, "He said it supported the board's actions in looking into the matter and had asked it "
                 "to continue its work.", "Development Committee said it supported", id="개발위원회-committee"),
    pytest.param(281, 286, "\"Apparently the 26-year-old wanted to catch some fresh air,\" he said, in an effort to "
                 "make light of the altercation.", "fresh air,\" police said", id="경찰-police"),
]


@pytest.mark.parametrize("first, line, garbled, repaired", KOREAN_CASES)
def test_korean_organisation_subject_settles_it(first, line, garbled, repaired):
    (found,) = with_source(first, line, garbled)
    assert found.confidence >= 0.9
    assert repaired in found.suggestion


@pytest.mark.parametrize("first, line, garbled, repaired", KOREAN_CASES)
def test_korean_pronoun_subject_means_the_english_pronoun_is_right(first, line, garbled, repaired):
    pronoun_korean = re.sub(r"^(?:\S+\s+)??\S+[은는이가]\s+", "그는 ", DEV_KO[line - 1].strip())
    assert pronoun_korean.startswith("그는 ")
    assert with_source(first, line, garbled, pronoun_korean) == []


@pytest.mark.parametrize("first, line, garbled, repaired", KOREAN_CASES)
def test_korean_dropped_subject_leaves_it_to_the_english_context(first, line, garbled, repaired):
    """The Korean with its subject left out (as a follow-up sentence in Korean news would have it): the
    finding is the one the English context gives without any source."""
    dropped = re.sub(r"^(?:\S+\s+)??\S+[은는이가]\s+", "", DEV_KO[line - 1].strip())
    assert not dropped.startswith(("신화통신", "개발", "위원회", "경찰"))
    english_only = attribution(*[DEV_EN[n - 1].strip() for n in range(first, line)], garbled)[-1]
    assert [f.message for f in with_source(first, line, garbled, dropped)] == [f.message for f in english_only]


def test_a_korean_organisation_with_no_english_name_is_flagged_without_korean_words_in_the_repair():
    """Nothing in the English before names a body, and neither the table nor the glossary knows this one."""
    draft = DocumentDraft("news", "aligned", (
        SegmentDraft(mt="Prices rose again in March.", source="3월에도 물가가 올랐다."),
        SegmentDraft(mt="He said prices would keep rising.", source="한빛소비자연구소는 물가가 계속 오를 것이라고 밝혔다."),
    ), source_lang="ko")
    (found,) = [f for f in run_checks(draft, names=["attribution"])[-1] if f.check == "attribution"]
    assert found.confidence >= 0.9 and not found.suggestion
    assert "한빛소비자연구소" in found.message.replace(" ", "") and "no English name" in found.message


def test_subjectless_verb_alone_is_flagged():
    (found,) = attribution("The ministry announced new sanctions.", "Added.")[1]
    assert found.suggestion is None and "no subject" in found.message


@pytest.mark.parametrize("sentence, tail", [
    ("Trade rose by a third. , China, etc.", ", China, etc."),  # the seed's stray tail
    ('Then to the beat of "dhin, dhin,... ,ta\', ta\'", the dancers begin their step.', None),  # an ellipsis
])
def test_a_stray_tail_after_a_sentence_end_is_flagged_and_an_ellipsis_is_no_end(sentence, tail):
    found = [sentence[f.start:f.end] for f in attribution(sentence)[0] if "stray" in f.message]
    assert found == ([tail] if tail else [])


@pytest.mark.parametrize("sentence, mark", [(", Nadal could end Federer's reign.", "a comma"),
                                           (": Why are you running?", "a colon")])
def test_a_sentence_that_starts_with_punctuation_is_a_fragment_named_by_its_mark(sentence, mark):
    (found,) = attribution(sentence)[0]
    assert found.message == f"the sentence starts with {mark}: a stray fragment"


def test_dangling_after_comma_is_cut():
    (found,) = attribution("Russia has carried out the repatriation of North Korean workers, pointed out.")[0]
    assert found.suggestion == "Russia has carried out the repatriation of North Korean workers."


@pytest.mark.parametrize("sentence", [
    "“The numbers will rise,” Khaled Al-Maeena, editor at the Saudi Gazette, said.",
    # The closing quote mark put after the space: the subject is still there.
    "We are now confronted with another trauma, “Robert Soulas, vice president of a support group, said.",
])
def test_a_quote_then_its_speaker_is_no_dangling_report(sentence):
    assert [f for f in attribution(sentence)[0] if "no subject" in f.message] == []


def test_a_first_person_quote_is_a_person_speaking():
    lines = ("The rebel group JEM said on Monday that its fighters had attacked the town.",
             "“The attackers entered my house,” he said.", "“They entered our compound,” he said.")
    assert attribution(*lines[:2])[-1] == []
    assert len(attribution(lines[0], lines[2])[-1]) == 1  # "we" is what an organisation says


@pytest.mark.parametrize("phrase, kind", [
    ("the US State Department", ORG), ("Managers of several Russian construction companies", PEOPLE),
    ("Aaron Arnold, a member of the Panel", PERSON), ("the Food and Drug Administration", ORG),
    ("Citing statistics from the Russian Ministry of Interior, the newspaper", None),
    ("the FDA", ORG), ("North Korea", ORG), ("Mr. Kim", PERSON), ("a spokesman for the ministry", PERSON),
])
def test_speaker_phrases_are_typed(phrase, kind):
    found = classify_phrase(phrase)[0]
    if kind is None:
        assert found != PERSON
    else:
        assert found == kind


@pytest.mark.parametrize("name, short", [
    ("the US State Department", "the State Department"), ("the U.S. Treasury Department", "the Treasury Department"),
    ("the Russian government", "the Russian government"), ("Reuters", "Reuters"),
    ("the New York Times", "the New York Times"), ("the STB's", "the STB"),
    # Without an article, a country noun opens a proper name; an acronym or adjective still goes.
    ("China News Network", "China News Network"), ("US State Department", "State Department"),
    ("Russian Foreign Ministry", "Foreign Ministry"),
    ("the South Korean Ministry of Unification", "the Ministry of Unification"),
    # A sentence end that lost its space is no part of the name.
    ("the East Sea.The Korea Meteorological Administration", "the Meteorological Administration"),
    # A description before a company's name is no part of it.
    ("United States automobile company General Motors", "General Motors"), ("Japanese automaker Toyota", "Toyota"),
])
def test_second_mentions_drop_the_country(name, short):
    assert display_name(name) == short


def test_labelled_set_precision_and_recall():
    """The labelled set (seed + garbled dev.en + TED, see tests/data/attribution/build_labels.py): a
    regression floor. Its 15 garbled dev.en lines were picked by hand by the engineer who wrote the first
    rules on them; what the check achieves on text nobody tuned it on is measured by bench/attribution.py."""
    rows, checks = read_labels(LABELS.name, LABELS.read_bytes())
    assert checks == ["attribution"] and len(rows) > 1500
    score = evaluate(rows, checks)["attribution"]
    assert score.tp + score.fn == 22  # 15 garbled news lines, 6 seed segments, 1 real stray fragment
    assert score.precision >= 0.95
    assert score.recall >= 0.8
    assert score.repairs_right >= 0.8 * score.repairs_judged


def test_confidence_is_stored_with_the_finding(store):
    from review_app.workflow import importing

    from ..conftest import SEED

    doc, _ = importing.import_file(store, SEED, project="p")
    found = [f for fs in store.findings_for_document(doc.id).values() for f in fs]
    pronouns = [f for f in found if f.check == "attribution" and f.end - f.start == 2]
    assert len(pronouns) == 5
    assert all(0.5 <= f.confidence <= 1.0 for f in pronouns)
    assert {f.confidence for f in found if f.check == "glossary"} == {1.0}


def test_the_korean_analyser_loads_in_start_document_outside_any_segments_time_budget():
    # Loaded by the first segment's score, kiwipiepy's model (4-5 s here) used up that segment's
    # check_budget_ms, so in a fresh process its remaining checks did not run: findings depended on
    # which segment a process met first. A fresh interpreter, since this session has loaded it.
    code = ("from review_app.checks import run_checks\n"
            "from review_app.model import DocumentDraft, SegmentDraft\n"
            "draft = DocumentDraft('d', 'tsv', (SegmentDraft(mt='He said the talks would go on.', source="
            "'그는 회담이 계속될 것이라고 말했다.'),), source_lang='ko')\n"
            "print([f.check for f in run_checks(draft)[0]])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "REVIEW_APP_CHECK_BUDGET_MS": "1500"})
    assert "too_long" not in done.stdout, done.stdout


@pytest.mark.parametrize("after_verb, acts", [
    (" it will offer buyouts", True), (" that it might run out of money", True), (" it had lost $5.9 billion", True),
    (" it was cancelling a deal", True), (" today that it intends to sell", True),
    (" it was a difficult quarter", False), (" it would be hard", False), (" that it is believed", False),
    (" it has been a long day", False), (" it seems unlikely", False), (" that it is necessary to act", False),
    (" it sent an official inquiry", True), (" that it sold its stake", True), (" it set a record", True),
])
def test_an_it_that_acts_after_the_verb_is_told_from_one_that_is(after_verb, acts):
    assert bool(IT_ACTS.match(after_verb)) is acts
