"""The speaker tracker on real sentences: the seed article's, korean-english-news-v1's (dev.en) and
news English of the kind the tracker must read (datelines, bylines, acronyms, second mentions)."""
from __future__ import annotations

import pytest

from review_app.language.english.tracker import (
    ORG,
    PEOPLE,
    PERSON,
    PLACE,
    PUBLICATION,
    SPEAKER,
    SpeakerTracker,
    read_sentence,
)


def read(*sentences: str) -> SpeakerTracker:
    tracker = SpeakerTracker()
    for sentence in sentences:
        tracker.add(sentence)
    return tracker


def entity_of(tracker: SpeakerTracker, sentence: int, text: str):
    for mention, entity in tracker.mentions:
        if mention.sentence == sentence and mention.text == text:
            return entity
    raise AssertionError(f"no mention {text!r} in sentence {sentence}: "
                         f"{[m.text for m, _ in tracker.mentions if m.sentence == sentence]}")


# (sentence, mention text, kind, role or None)
TYPED = [
    ("The Washington Post newspaper reported on the 18th that a popular advertising site has a separate page.",
     "The Washington Post newspaper", PUBLICATION, SPEAKER),
    ("Earlier, the US State Department urged the Russian government to investigate.",
     "the US State Department", ORG, None),
    ("Reporter Kim Young-gyo reports.", "Kim Young-gyo", PERSON, "byline"),
    ("SEOUL (Yonhap) -- North Korea fired two short-range missiles on Sunday.", "Yonhap", PUBLICATION, SPEAKER),
    ("Chinese Foreign Minister Yang Jiechi described the talks as \"quite significant.\"",
     "Chinese Foreign Minister Yang Jiechi", PERSON, None),
    ("South Korea's central bank raised its key interest rate by a quarter point on Thursday.",
     "South Korea's central bank", ORG, None),
    ("Managers of several Russian construction companies said they continued to work with North Korean workers.",
     "Managers of several Russian construction companies", PEOPLE, SPEAKER),
    ("Mr. Bale, who denies the allegation, cooperated throughout.", "Mr. Bale", PERSON, None),
    ("The Iranian judiciary's statement said that all 30 were convicted of various crimes.",
     "The Iranian judiciary's statement", PUBLICATION, SPEAKER),
    ("Moscow has rejected the proposal.", "Moscow", PLACE, None),
    # An organisation head after capitalised modifiers, read whole.
    ("The Singapore government has taken multiple measures.", "The Singapore government", ORG, "subject"),
    ("The Iraqi government thought the committee had failed.", "The Iraqi government", ORG, "subject"),
    # After a closing quote, a name and its apposition speak, not the quote's first words.
    ("\"If the economy falters, prices will fall,\" Jason Kindopp, the firm's lead analyst, said.",
     "Jason Kindopp", PERSON, SPEAKER),
    # "news agencies" are media, in the plural too.
    ("Two men were killed, Russian news agencies said.", "Russian news agencies", PUBLICATION, SPEAKER),
    # The story's own outlet: a byline that names it (merged into the next sentence, as MT of Chinese news
    # writes it) and a headline's site tail.
    ("Economic Observer reporter Chen Shan Fund purchase channels are complicated.", "Economic Observer",
     PUBLICATION, "publisher"),
    ("Economic Observer reporter Chen Shan Fund purchase channels are complicated.", "Chen Shan", PERSON, "byline"),
    ("Shenzhen: building the fastest pioneer city in China - China News Network", "China News Network",
     PUBLICATION, "publisher"),
    # A name after the title that opens the sentence is its subject.
    ("Opposition leader Sam Rainsy called a midday news conference.", "Sam Rainsy", PERSON, "subject"),
    # A person head keeps a capitalised modifier after "the" a person, and so does a title as a name's head.
    ("The Wooster professor added, \"These effects matter.\"", "The Wooster professor", PERSON, SPEAKER),
    ("Mitch McConnell, the Republican Senate Majority Leader, committed to a trial.",
     "Republican Senate Majority Leader", PERSON, None),
    # "the news" someone heard is no broadcaster; a name after an opening title is the subject.
    ("Wrestling sportswriter Dave Meltzer tweeted after hearing the news of her death.", "Dave Meltzer", PERSON,
     "subject"),
    # Police without an article are still the police.
    ("Early Saturday, police in Clairton responded to reports of a shooting.", "police", ORG, None),
    # The clause after a colon has its own subject.
    ("\"Fund E account\" is coming: the SFC authorized the development of the app.", "the SFC", ORG, "subject"),
    # A name after an owner's possessive is the person's; an acronym aside does not cut a title from its name.
    ("The BBC's Rachel Harvey reports that the area has been cut off.", "The BBC's Rachel Harvey", PERSON, "speaker"),
    ("The United Nations (UN) emergency relief coordinator Jan Egeland has said that aid is arriving.",
     "The United Nations emergency relief coordinator Jan Egeland", PERSON, "speaker"),
    # Company names and the businesses news calls by their trade are organisations, "General" no title there;
    # a capitalised "States" inside a name is no reporting verb.
    ("General Motors reported a 49% decline.", "General Motors", ORG, SPEAKER),
    ("Japanese automaker Toyota reported a 32% drop, Nissan Motors dropped 30%.", "Nissan Motors", ORG, None),
    ("Japanese automaker Toyota reported a 32% drop.", "Japanese automaker Toyota", ORG, SPEAKER),
    ("The airline said it would cut routes.", "The airline", ORG, SPEAKER),
    ("United States automobile company General Motors announced a loss.",
     "United States automobile company General Motors", ORG, SPEAKER),
    # Well-known companies, a capitalised "Air", a news agency's or a website's name are no persons.
    ("Airbus said it would deliver the plane.", "Airbus", ORG, SPEAKER),
    ("Mahan Air said the flight was cancelled.", "Mahan Air", ORG, SPEAKER),
    ("Agence France-Presse reported the deaths.", "Agence France-Presse", PUBLICATION, SPEAKER),
    ("Znak.com reported that the mayor resigned.", "Znak.com", PUBLICATION, SPEAKER),
    # A player's position before his name is no organisation ("centre"); a gazetteer's places are places,
    # a one-word one only after a preposition of place, and a country that speaks is its government.
    ("Whitecaps centre back Omar Jarun said the defence failed.", "Whitecaps centre back Omar Jarun", PERSON, SPEAKER),
    ("The plane left São Paulo on Tuesday.", "São Paulo", PLACE, None),
    ("Troops fired on protesters in Conakry on Monday.", "Conakry", PLACE, None),
    ("Sri Lanka said the curfew would end.", "Sri Lanka", ORG, SPEAKER),
    # Families and relatives are people; a secretary-general is a person, the title before a name too
    # (AMALGUM news, round fifteen's split, read after it was scored).
    ("Families say the captured crew have little drinking water.", "Families", PEOPLE, SPEAKER),
    ("United Nations Secretary-General Ban Ki-moon has expressed concern about the crises.",
     "United Nations Secretary-General Ban Ki-moon", PERSON, "subject"),
    ("In recent days, the secretary-general welcomed an African Union initiative.", "the secretary-general", PERSON,
     None),
]


@pytest.mark.parametrize("sentence, text, kind, role", TYPED)
def test_mentions_are_typed(sentence, text, kind, role):
    found = {m.text: m for m in read_sentence(sentence)}
    assert text in found, list(found)
    assert found[text].kind == kind
    if role:
        assert found[text].role == role


def test_acronyms_of_things_are_no_mentions():
    assert read_sentence("GDP said to rise by 3% as HIV cases fall.") == ()
    assert [m.kind for m in read_sentence("The FDA said the drug was safe.")] == [ORG]


def test_a_city_that_is_also_a_name_is_a_place_only_after_a_preposition():
    assert [m.kind for m in read_sentence("Houston was a volunteer, his lawyer said.") if m.text == "Houston"] == [PERSON]
    assert [m.kind for m in read_sentence("The flight from Houston landed.")] == [PLACE]
    assert [m.kind for m in read_sentence("Paulo Coelho wrote the novel.")] == [PERSON]


def test_a_country_acronym_makes_no_personal_name():
    assert read_sentence("Industry-wide US car sales dropped 18% last year.") == ()
    assert [m.kind for m in read_sentence("General Petraeus said the surge worked.")] == [PERSON]


def test_nationalities_before_a_noun_are_not_places():
    texts = [m.text for m in read_sentence("North Korean workers are still working illegally in Russia’s Far East.")]
    assert "North Korean" not in texts


@pytest.mark.parametrize("sentences, first, later", [
    (("Kim Young-gyo, a reporter for VOA, met officials on Monday.", "Mr. Kim said the talks went well."),
     (0, "Kim Young-gyo"), (1, "Mr. Kim")),
    (("The U.S. State Department said on Monday that it was watching closely.",
      "The department added that sanctions would stay."), (0, "The U.S. State Department"), (1, "The department")),
    (("SEOUL (Yonhap) -- North Korea fired two short-range missiles on Sunday.",
      "The agency said the missiles flew 400 kilometres."), (0, "Yonhap"), (1, "The agency")),
    (("The Food and Drug Administration (FDA) warned consumers on Monday.", "The FDA said it would act."),
     (0, "The Food and Drug Administration"), (1, "The FDA")),
    (("Ms. Park said the ministry would act.", "She added that it would take weeks."), (0, "Ms. Park"), (1, "She")),
])
def test_second_mentions_name_the_same_entity(sentences, first, later):
    tracker = read(*sentences)
    assert entity_of(tracker, *first) is entity_of(tracker, *later)


def test_a_lone_surname_after_the_full_name_is_that_person():
    tracker = read("Adam Kokesh was arrested again in July.", "Kokesh ran for Congress in 2010.",
                   "Search was suspended, with Kokesh describing the threat.")
    person = entity_of(tracker, 0, "Adam Kokesh")
    assert entity_of(tracker, 1, "Kokesh") is person and entity_of(tracker, 2, "Kokesh") is person
    assert [m.role for m, e in tracker.mentions if m.sentence == 1 and e is person] == ["subject"]


def test_states_after_a_place_is_the_noun():
    assert [m.text for m in read_sentence("Listed US states as having members were: Alabama and Ohio.")
            if m.role == SPEAKER] == []


def test_two_organisations_stay_apart():
    tracker = read("The Yonhap news agency said the State Department had been told.",
                   "The Treasury Department said it would not comment.")
    assert entity_of(tracker, 0, "the State Department") is not entity_of(tracker, 1, "The Treasury Department")


def test_he_gives_the_person_a_gender():
    tracker = read("Aaron Arnold, a member of the UN panel, spoke in April.", "He said hacking was a source of income.")
    assert entity_of(tracker, 0, "Aaron Arnold").gender == "m"


def test_dateline_agency_is_in_reach_for_the_whole_story():
    sentences = ["SEOUL (Yonhap) -- North Korea fired two short-range missiles on Sunday."] + [
        "The missiles flew about 400 kilometres before landing in the sea."] * 8
    tracker = read(*sentences)
    names = [c.entity.name for c in tracker.candidates("he", 9, 0)]
    assert "Yonhap" in names


def test_last_speaker_is_the_latest_reporting_subject():
    tracker = read("The State Department said North Korean workers remain in Russia.",
                   "Russian officials denied the report on Tuesday.",
                   "Analysts expect more sanctions.")
    entity, mention = tracker.last_speaker(3, 0)
    assert entity.kind == PEOPLE and mention.sentence == 1
    assert entity_of(tracker, 0, "The State Department").kind == ORG


def test_the_news_one_hears_is_no_publication():
    assert "the news" not in [m.text for m in read_sentence("He tweeted after hearing the news of her death.")]


def test_a_capitalised_name_that_its_stands_for_is_a_company():
    tracker = read("Time Warner, Sprint close to mobile pact",
                   "The deal could strengthen Time Warner's plans to expand its entry into the telephony market.",
                   "Time Warner said it expects more customers.")
    company = entity_of(tracker, 1, "Time Warner's")
    assert company.kind == ORG and entity_of(tracker, 1, "its") is company
    assert entity_of(tracker, 2, "Time Warner") is company


def test_days_and_months_are_no_mentions():
    assert not {"March", "Friday"} & {m.text for m in read_sentence("It closes its books Friday, before the end of March.")}
