"""The glossary: file parsing with line numbers, the starter glossary (a test per entry), context rules,
and a project's own glossary used on import and re-check."""
from __future__ import annotations

import pytest

from review_app.checks import run_checks
from review_app.errors import BadInputError
from review_app.ingest.glossary import STARTER_GLOSSARY, context_cues, load_glossary, parse_glossary
from review_app.model import DocumentDraft, SegmentDraft
from review_app.workflow import importing

from ..conftest import SEED


def glossary_findings(*sentences, glossary=None, sources=None):
    sources = sources or [None] * len(sentences)
    draft = DocumentDraft("t", "text", tuple(SegmentDraft(mt=s, source=src) for s, src in zip(sentences, sources)))
    return [[f for f in fs if f.check == "glossary"] for fs in run_checks(draft, glossary, names=["glossary"])]


# One MT sentence per starter entry (wrong form as VOA-style MT writes it), and its repair.
STARTER_CASES = {
    "Office of Overseas Assets Control": "The Office of Overseas Assets Control (OFAC) added two companies to "
    "the SDN List.",
    "Overseas Assets Control Office": "The Treasury's Overseas Assets Control Office froze the assets.",
    "Ministry of Finance": "The U.S. Ministry of Finance imposed sanctions on two Russian companies.",
    "Finance Ministry": "The US Finance Ministry announced new sanctions on North Korea.",
    "Human Trafficking Facts Report": "In the recently released Human Trafficking Facts Report, North Korea "
    "was ranked in the lowest tier.",
    "Human Trafficking Report": "The State Department's annual Human Trafficking Report was released on the 25th.",
    "Ministry of State Affairs": "The US Ministry of State Affairs urged Russia to investigate.",
    "US Ministry of Defense": "The US Ministry of Defense said the drills would go ahead.",
    "US Ministry of Justice": "The U.S. Ministry of Justice indicted three North Korean hackers.",
    "US Ministry of Commerce": "The US Ministry of Commerce added the firm to its entity list.",
    "Ministry of Homeland Security": "The Ministry of Homeland Security warned of the malware.",
    "Federal Investigation Bureau": "The Federal Investigation Bureau identified the Lazarus group.",
    "Central Intelligence Bureau": "A former Central Intelligence Bureau analyst said the test was a warning.",
    "Congressional Investigation Service": "A Congressional Investigation Service report said the sanctions "
    "were working.",
    "House Diplomatic Committee": "The House Diplomatic Committee passed the bill.",
    "Senate Diplomatic Committee": "The Senate Diplomatic Committee held a hearing on North Korea.",
    "Expert Panel on North Korea Sanctions Committee": "The UN Security Council’s Expert Panel on North Korea "
    "Sanctions Committee is monitoring the activities.",
    "UN Security Guarantee Council": "The UN Security Guarantee Council adopted a new resolution.",
    "International Atomic Energy Organization": "The International Atomic Energy Organization said the reactor "
    "was running.",
    "World Food Plan": "The World Food Plan said 10 million North Koreans lack food.",
    "International Currency Fund": "The International Currency Fund cut its growth forecast.",
    "World Health Agency": "The World Health Agency shipped vaccines to North Korea.",
    "UN Human Rights High Commissioner Office": "The UN Human Rights High Commissioner Office published a report.",
    "Country-specific Human Rights Report": "The State Department released its Country-specific Human Rights "
    "Report on Thursday.",
}
STARTER = load_glossary(STARTER_GLOSSARY)


def test_every_starter_entry_has_a_case():
    assert sorted(e["wrong"] for e in STARTER) == sorted(STARTER_CASES)


@pytest.mark.parametrize("entry", STARTER, ids=[e["wrong"] for e in STARTER])
def test_starter_entry_repairs_its_wrong_form(entry):
    sentence = STARTER_CASES[entry["wrong"]]
    (finding,) = glossary_findings(sentence)[0]
    def norm(text):
        return text.lower().replace(".", "")  # "U.S." matches the entry's "US"

    assert norm(sentence[finding.start:finding.end]) == norm(entry["wrong"])
    assert entry["right"] in finding.suggestion and entry["wrong"] not in finding.suggestion


def test_context_entry_needs_its_cue():
    korean_context = "South Korea's Ministry of Finance said exports rose 5 percent."
    assert glossary_findings(korean_context) == [[]]
    us_context = ("Last November, the U.S. Treasury Department announced sanctions.",
                  "The office under the Ministry of Finance added two companies.")
    assert [len(f) for f in glossary_findings(*us_context)] == [0, 1]


def test_source_term_stands_in_for_the_context_cue():
    found = glossary_findings("The Ministry of Finance announced sanctions.", sources=["재무부는 제재를 발표했다."])
    assert len(found[0]) == 1


def test_a_longer_name_is_not_cut():
    assert glossary_findings("The Ministry of State Security arrested him, US officials said.") == [[]]


def test_parse_header_comments_context_and_csv():
    data = "# mine\nwrong,right,note,context\nBlue House,presidential office,since 2022,Yoon\n".encode()
    (entry,) = parse_glossary("mine.csv", data)
    assert entry["right"] == "presidential office" and context_cues(entry) == ("Yoon",)


@pytest.mark.parametrize("data, where", [
    (b"wrong\tright\nOffice of Overseas Assets Control\n", "line 2: column 2 (right form) is empty"),
    (b"wrong\tright\na\tb\n\tc\n", "line 3: column 1 (wrong form) is empty"),
    (b"wrong\tright\nsame\tsame\n", "line 2: wrong and right forms are the same"),
    (b"wrong\tright\tcolour\n", "line 1: header must name columns"),
    (b"a\tb\tc\td\te\tf\n", "line 1: 6 fields"),
    (b"\xff\xfe", "byte 0: not UTF-8"),
])
def test_malformed_rows_name_their_line(data, where):
    with pytest.raises(BadInputError) as err:
        parse_glossary("terms.tsv", data)
    assert str(err.value).startswith(f"terms.tsv: {where}")
    assert "\n" not in str(err.value)


def test_project_glossary_replaces_the_starter_on_import_and_recheck(store):
    store.set_glossary("p", [{"wrong": "Young-kyo", "right": "Young-gyo", "source_term": None, "note": None}])
    doc, _ = importing.import_file(store, SEED, project="p")
    findings = store.findings_for_document(doc.id)
    checks = [f.check for fs in findings.values() for f in fs]
    assert checks.count("glossary") == 1  # the project's entry, not the starter's four hits
    store.set_glossary("p", [])
    importing.rerun_checks(store, doc.id, project="p")
    checks = [f.check for fs in store.findings_for_document(doc.id).values() for f in fs]
    assert checks.count("glossary") == 5  # back to the starter glossary


def test_stored_glossary_keeps_each_entry_context(store):
    entries = load_glossary(STARTER_GLOSSARY)
    store.set_glossary("p", entries)
    assert store.glossary("p") == entries
    ministry = next(e for e in store.glossary("p") if e["wrong"] == "Ministry of Finance")
    assert "US" in context_cues(ministry)
