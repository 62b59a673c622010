"""The risk score: findings, length against the pair's norm, disagreement with other candidates,
and the seam for a learned QE score; real segments of WMT23 zh-en (ONLINE-B, GPT4-5shot, NLLB)."""
from __future__ import annotations

from review_app.language.length import LengthNorm
from review_app.model import Finding, Severity
from review_app.scoring.risk import RiskSignals, disagreement, document_risks, findings_score, risk_score

SOURCE = "据介绍，首批个人养老金理财产品，全部为公募类净值型开放式产品，其中新发产品5只、存续产品2只。"
GOOD = ("According to the introduction, the first batch of personal pension wealth management products are all "
        "publicly raised net value open-ended products, including 5 new products and 2 existing products.")
OTHER = ("It is reported that the first batch of personal pension wealth management products are all public net value "
         "open-ended products, including 5 new products and 2 existing products.")
LOOP = ("The two remaining products are the only one of the Chinese bank's financial products, the Chinese bank's "
        "financial products, the Chinese bank's financial products, the Chinese bank's financial products.")


def test_disagreement_with_the_other_candidates():
    assert disagreement(GOOD, [OTHER]) < disagreement(LOOP, [GOOD, OTHER])
    assert disagreement(GOOD, []) is None


def test_findings_raise_the_risk_by_severity():
    major = Finding("numbers", Severity.MAJOR, 0, 4, "x")
    info = Finding("length_ratio", Severity.INFO, 0, 4, "x")
    plain = RiskSignals(mt_chars=len(GOOD))
    assert risk_score(RiskSignals((major,), len(GOOD))) > risk_score(plain) == risk_score(RiskSignals((info,), len(GOOD)))
    assert findings_score([major, info]) == findings_score([major])


def test_a_run_on_translation_ranks_first():
    pairs = [(SOURCE, GOOD), (SOURCE, OTHER), (SOURCE, LOOP)]
    candidates = [[OTHER, LOOP], [GOOD, LOOP], [GOOD, OTHER]]
    risks = document_risks(pairs, [[], [], []], candidates)
    assert max(range(3), key=risks.__getitem__) == 2


def test_without_candidates_length_still_counts():
    risks = document_risks([(SOURCE, GOOD), (SOURCE, "Five new products.")], [[], []])
    assert risks[0] > risks[1]  # longer MT, more room for errors; the short one is shorter than the norm but weakly


def test_a_qe_score_reorders_within_the_document():
    pairs = [(SOURCE, GOOD), (SOURCE, OTHER)]
    base = document_risks(pairs, [[], []])
    with_qe = document_risks(pairs, [[], []], qe=[0.2, 0.9])  # a QE model thinks the first is worse
    assert with_qe[0] - with_qe[1] > base[0] - base[1]


def test_length_norm_prior_and_z():
    assert LengthNorm.learn([]).pairs == 0
    prior = LengthNorm.learn([(SOURCE, "")])  # Chinese into English, before any usable pair is seen
    assert prior.pairs == 0 and round(prior.ratio, 2) == 3.5
    learned = LengthNorm.learn([(SOURCE, GOOD)] * 40)  # a document whose pairs all run 4.6x
    assert 0 < learned.z(SOURCE, GOOD) < prior.z(SOURCE, GOOD)
