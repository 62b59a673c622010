"""Building the garbled set (review_app/evaluation/garbled_set.py), scoring it
(review_app/evaluation/attribution.py) and reading GUM (review_app/evaluation/gum.py), on the real
corpora the repository carries."""
from __future__ import annotations

import csv

import pytest

from review_app.errors import BadInputError
from review_app.evaluation.attribution import (
    MQM_ZHEN,
    mqm_pronoun_figures,
    repaired_speaker,
    same_speaker,
    score_document,
)
from review_app.evaluation.garbled_set import (
    ANY,
    NEWS,
    TEST,
    TOPIC,
    TUNE,
    Sentence,
    SetDocument,
    build_set,
    garble_gum,
    garble_lines,
    half_of,
    news_documents,
    replace_subject,
    select_org_subject,
)
from review_app.evaluation.gum import GUM, read_conll, read_documents
from review_app.evaluation.tracker import evaluate_documents
from review_app.model import Finding, Severity


@pytest.fixture(scope="module")
def ie9():
    return next(d for d in read_documents() if d.name == "GUM_news_ie9")


def test_gum_text_is_rebuilt_from_its_tokens(ie9):
    assert ie9.genre == "news" and ie9.split == "train"
    assert ie9.sentences[0] == "Microsoft waits for death of Internet Explorer 6"
    assert ie9.sentences[3] == "Microsoft has replaced it with three newer versions."
    microsoft = [m for m in ie9.mentions if ie9.sentences[m.sentence][m.start:m.end] == "Microsoft"]
    assert microsoft and {m.kind for m in microsoft} == {"organization"}
    assert len({m.entity for m in microsoft}) == 1  # one chain


def test_gum_copy_has_the_six_genres_and_official_splits():
    docs = list(read_documents())
    assert {d.genre for d in docs} == {"news", "interview", "bio", "court", "academic", "voyage"}
    assert sum(d.split == "train" for d in docs) == 84 and sum(d.split != "train" for d in docs) == 23


def test_bad_conll_names_the_file_and_line(tmp_path):
    path = tmp_path / "GUM_news_x.conll"
    path.write_text("# begin document GUM_news_x\n0\tMicrosoft\t(organization-1)\n1\twaits\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"GUM_news_x.conll: line 3: a token line has 3 tab-separated fields"):
        read_conll(path, [2])
    path.write_text("0\tMicrosoft\t(organization-1)\n1\twaits\t_\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"2 tokens but sentences.tsv gives 3"):
        read_conll(path, [3])


def test_gum_organisation_speakers_become_pronouns_and_persons_stay_named(ie9):
    garbled = garble_gum(ie9, ANY)
    assert garbled.half == TUNE  # GUM's train split
    changed = {n: s for n, s in enumerate(garbled.sentences) if s.garbled}
    assert changed[19].text.startswith(("He says that", "She says that", "They say that"))
    assert changed[19].original.startswith("Microsoft says that")
    assert "Microsoft" in changed[19].speakers and changed[19].speaker_near
    assert 0 not in changed and 3 not in changed  # a headline and a non-reporting sentence stay
    # Sentence 18 is about Secunia: in the topic variant Microsoft's "says" keeps its name.
    assert not garble_gum(ie9, TOPIC).sentences[19].garbled


def test_gum_topic_variant_garbles_a_speaker_that_continues_the_topic():
    """ "They also claimed ..." (the Church, sentence 21) -> "The Church also claims ..." is dropped to "He"."""
    doc = next(d for d in read_documents() if d.name == "GUM_news_imprisoned")
    garbled = garble_gum(doc, TOPIC).sentences[22]
    assert garbled.garbled and garbled.original.startswith("The Church also claims")
    assert garbled.text.startswith(("He also claims", "She also claims", "They also claim"))


def test_gum_reports_speak_like_organisations():
    """GUM types "the report" as abstract; a report that says something is garbled like an organisation."""
    doc = next(d for d in read_documents() if d.name == "GUM_news_iodine")
    changed = [s for s in garble_gum(doc, ANY).sentences if s.garbled]
    assert any(s.original.startswith("The report says") for s in changed)

@pytest.mark.parametrize("line, picked", [
    ("Fujian authorities evacuated about 275,000 people on Sunday as the storm approached, Xinhua reported.",
     "Xinhua"),
    ("If it stays on its present course, it will hit central and eastern Taiwan early Monday, the bureau said.",
     "the bureau"),
    ("The committee's statement said it supported the board's actions.", "The committee's statement"),
    ("Du blamed the thick haze on a combination of fog and light wind.", None),
    ("The head of the statistics office said prices rose.", None),  # a person heads the phrase
    ("The U.S. Energy Department reported gasoline stockpiles jumped by 2.9 million barrels last week.",
     "The U.S. Energy Department"),
    ("Italian news agency ANSA reported that the incident had occurred on Saturday.", "Italian news agency ANSA"),
    ("Family Court Judge Rob Murfitt listed a series of unusual names and said he was concerned.", None),
    ("The statement from Bale's publicists did not say whether an arrest had been made.", None),  # no subject
])
def test_organisation_subjects_are_picked_by_the_plain_pattern(line, picked):
    found = select_org_subject(line)
    assert (line[found[0]:found[1]] if found else None) == picked


@pytest.mark.parametrize("text, subject, pronoun, garbled", [
    ("The statement also said that 20 were convicted.", "The statement", "He",
     "He also said that 20 were convicted."),
    ("The ministry says the talks will resume.", "The ministry", "They", "They say the talks will resume."),
    ("\"It is over,\" the agency said.", "the agency", "She", "\"It is over,\" she said."),
    ("The council say the road will close.", "The council", "He", "He says the road will close."),
    ("And the courts that have looked at this have stated that possession is the right.",
     "the courts that have looked at this", "He", "And he has stated that possession is the right."),
    ("The ministry had also said it would act.", "The ministry", "They", "They had also said it would act."),
])
def test_replace_subject_capitalises_and_agrees(text, subject, pronoun, garbled):
    start = text.index(subject)
    assert replace_subject(text, start, start + len(subject), pronoun) == garbled


def test_dev_en_documents_are_garbled_and_split_by_name():
    docs = list(news_documents(variant=ANY))
    assert len(docs) == 34 and sum(len(d.sentences) for d in docs) == 1000
    assert {d.half for d in docs} == {TUNE, TEST}
    assert all(d.half == half_of(d.name) for d in docs)
    first_lines = [d.sentences[0] for d in docs]
    assert not any(s.garbled for s in first_lines)  # MT drops a subject only once the reader knows it
    xinhua = next(s for d in docs for s in d.sentences if s.original.endswith("storm approached, Xinhua reported."))
    assert xinhua.garbled and xinhua.text.endswith(("he reported.", "she reported.", "they reported."))


def test_topic_variant_garbles_only_a_speaker_that_was_the_last_topic():
    """dev.en lines 410-413: the site speaks, then "it says" (the site again) is dropped to a pronoun; the
    report that speaks next is new, and keeps its name; "it said" after it continues the report."""
    lines = (NEWS / "dev.en").read_text(encoding="utf-8").split("\n")[408:413]
    topic = garble_lines("t", "dev.en", lines, TUNE, TOPIC).sentences
    assert [s.garbled for s in topic] == [False, False, True, False, True]
    assert topic[2].speakers == ("the site",) and topic[2].speaker_near
    assert [s.garbled for s in garble_lines("t", "dev.en", lines, TUNE, ANY).sentences] == [
        False, True, True, True, True]


def test_the_set_is_the_same_documents_in_both_variants_and_the_topic_one_is_smaller():
    topic, any_ = build_set(TOPIC), build_set(ANY)
    assert [(d.name, d.half) for d in topic] == [(d.name, d.half) for d in any_]
    count = lambda docs: sum(s.garbled for d in docs for s in d.sentences)  # noqa: E731
    assert 0 < count(topic) < count(any_)


def test_half_is_a_fixed_function_of_the_name():
    assert half_of("dev.en:1-30") == half_of("dev.en:1-30") == TEST
    assert half_of("dev.en:31-60") == TUNE


@pytest.mark.parametrize("named, speaker, same", [
    ("The State Department", "the US State Department", True),
    ("The department", "the State Department", True),
    ("the FDA", "the Food and Drug Administration", True),
    ("Xinhua", "Xinhua", True),
    ("The Treasury Department", "the State Department", True),  # same head noun: counted as the same
    ("Development Committee", "The committee's statement", True),  # the owner of the statement
    ("the court", "the news agency", False),
    ("CNN", "the news agency", False),
    # An acronym that leaves out a leading modifier names the same body.
    ("the SDF", "the Kurdish-led Syrian Democratic Forces", True),
    ("the SDF", "the Syrian Army", False),
    # ... or what kind of company it is.
    ("General Motors Corporation", "GM", True),
    ("Ford Motor Company", "GM", False),
])
def test_same_speaker(named, speaker, same):
    assert same_speaker(named, speaker) is same


def test_repaired_speaker_reads_the_words_put_in():
    text = "He added that the number was reduced."
    finding = Finding("attribution", Severity.MAJOR, 0, 2, "m", "The newspaper added that the number was reduced.")
    assert repaired_speaker(text, [finding]) == "The newspaper"


def test_score_document_counts_hits_misses_and_false_alarms():
    lines = ["The State Department said on Monday that North Korean workers remain in Russia.",
             "He added that the workers were exploited.",  # garbled: flagged, repaired
             "Mr. Lee said the talks would resume in March.",
             "He said both sides had agreed on an agenda."]  # genuine
    doc = SetDocument("t", "dev.en", TEST, (
        Sentence(lines[0], original=lines[0]),
        Sentence(lines[1], True, "He", ("The State Department",), True, lines[1].replace("He", "The department")),
        Sentence(lines[2], original=lines[2]), Sentence(lines[3], original=lines[3])))
    tally = score_document(doc)
    assert (tally.garbled, tally.flagged_garbled, tally.false_alarms) == (1, 1, 0)
    assert (tally.repairs_right, tally.repairs_judged) == (1, 1)
    assert (tally.described_right, tally.described_judged) == (0, 0)  # the speaker was called by name
    assert tally.precision == tally.recall == tally.repair_accuracy == 1.0


def test_repairs_of_a_speaker_called_by_a_description_are_counted_apart():
    lines = ["Time Warner reported a loss of $2 billion on Monday.",
             "The company said it would cut 2,000 jobs.", "He added that the cuts would start in May."]
    doc = SetDocument("t", "dev.en", TEST, (
        Sentence(lines[0], original=lines[0]), Sentence(lines[1], original=lines[1]),
        Sentence(lines[2], True, "He", ("The company",), True, lines[2].replace("He", "The company"))))
    tally = score_document(doc)
    assert (tally.flagged_garbled, tally.repairs_judged, tally.described_judged) == (1, 1, 1)
    assert tally.described_right == tally.repairs_right


def test_garble_lines_leaves_people_alone():
    doc = garble_lines("x", "dev.en", ["Mr. Lee arrived in Seoul on Monday.", "Mr. Lee said the talks would resume."])
    assert not any(s.garbled for s in doc.sentences)


def test_mqm_pronoun_spans_are_counted_per_output(tmp_path):
    """A slice of the real zh-en MQM file: one document of every system, rater rows as released."""
    with MQM_ZHEN.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    doc = "news_vietnam_plus-zh.14206:zh-en"
    kept = [r for r in body if r[1] == doc]
    path = tmp_path / "slice.tsv"
    path.write_text("\n".join("\t".join(r) for r in [header, *kept]) + "\n", encoding="utf-8")
    marked = {(r[0], r[3], r[6].split("<v>")[1].split("</v>")[0]) for r in kept if "<v>" in r[6] and
              r[8] not in ("No-error", "HOTW-test", "Neutral") and
              r[6].split("<v>")[1].split("</v>")[0].strip().lower() in {"he", "she", "it", "they", "his", "her",
                                                                          "him", "its", "their", "them"}}
    figures = mqm_pronoun_figures(path)
    assert figures.segments == len({(r[0], r[3]) for r in kept})
    assert figures.marked >= len({(s, g) for s, g, _ in marked}) > 0
    assert figures.found <= figures.marked and figures.findings_on_marked <= figures.findings


def test_tracker_figures_on_two_gum_documents():
    docs = [d for d in read_documents(GUM, split="test")][:2]
    f = evaluate_documents(docs)
    assert 0 < f.typed_right <= f.matched <= f.gold_typed
    assert f.subject_kind_right <= f.subject_pronouns and f.reporting <= f.subject_pronouns
