"""Building the attribution check's learned decision (language/english/speaker_model.py) from the tuning
and test halves of the garbled set (evaluation/garbled_set.py) and its spent news splits, for
scripts/build_attribution_model.py.

The model takes a second look at the reporting pronouns the rules let pass (by the English context;
the rules' own findings stay). Each of them is an example: its features as the check computes them,
and whether the garbled set put it there (garbled) or the human text had it (genuine). Examples come
from both halves' documents as garbled in both variants and as written: rounds one and two fitted on
the tuning half alone and reported the test half, which has now been looked at twice, so round three
fits on both (its 5-fold cross-validation, which the build prints, finds more of the garbled pronouns
at a better precision than the tuning half alone gave), and held-out figures come from the splits no
build reads (fresh, systems, ewt, newsgroup, ...). Since round eleven it also fits the news splits of
rounds seven to ten, scored and read already (``SPENT_SPLITS``). The model is a logistic regression with an L2 penalty,
fitted by Newton's method (numpy); the decisions on earlier pronouns feed the features of later ones (a
garbled "He" resolved to the ministry), so the build runs twice: the rules decide the first time, the
first model the second. Since round fifteen the spent splits include rounds eleven to fifteen (and
sixteen since it was scored), and a second model is fitted on the pronouns a fitting person was named
just before (which the first never flags): the tracker's features and the words around the pronoun
(speaker_model.context_words, the words around such pronouns in at least ``MIN_WORD_COUNT`` documents),
its threshold the lowest at which its cross-validated precision reaches ``NEAR_PRECISION``.
"""
from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import LinearOperator, cg

from ..checks.attribution import GarbledAttribution
from ..checks.base import DocumentView
from ..language.english.speaker_model import FEATURES, AttributionModel
from ..model import DocumentDraft, SegmentDraft
from .garbled_set import (
    AMALGUM_MORE,
    AMALGUM_NEWS,
    AMALGUM_NEWS_2,
    AMALGUM_NEWS_3,
    AMALGUM_NEWS_4,
    AMALGUM_NEWS_5,
    ANY,
    MEANTIME,
    TEST,
    TOPIC,
    TUNE,
    WIKINEWS_2019,
    WIKINEWS_2020,
    WIKINEWS_EARLY,
    SetDocument,
    build_set,
    documents_of,
)

# Chosen by 5-fold cross-validation (scripts/build_attribution_model.py prints it): the model only adds
# findings, so its threshold trades recall for false alarms on what the rules let pass.
L2 = 0.3
THRESHOLD = 0.6
# The person-in-reach model (settings chosen by nested cross-validation, folds by document, on the same
# pronouns; bench/README.md, round fifteen): it has
# thousands of word weights, hence the stronger penalty; a word seen around such pronouns in fewer than
# MIN_WORD_COUNT documents is left out; its threshold is picked for precision, since English reads these pronouns
# as the person named and a false alarm there is a plain "he said" flagged.
NEAR_L2 = 3.0
MIN_WORD_COUNT = 3
NEAR_PRECISION = 0.85


@dataclass(frozen=True)
class Example:
    document: str
    features: dict[str, float]
    garbled: bool
    person_in_reach: bool = False  # judged by the person-in-reach model


FITTED_HALVES = (TUNE, TEST)
# Held-out news splits that have been scored once (rounds seven to sixteen) and whose errors were read
# since: spent as measurements, they teach the model what garbled human news looks like (GUM, dev.en and
# TED alone gave it 39 garbled pronouns to learn from). Splits not scored yet stay out.
SPENT_SPLITS = (WIKINEWS_2019, WIKINEWS_2020, AMALGUM_NEWS, AMALGUM_MORE, WIKINEWS_EARLY, MEANTIME, AMALGUM_NEWS_2,
                AMALGUM_NEWS_3, AMALGUM_NEWS_4, AMALGUM_NEWS_5)


def tuning_documents(variants: Sequence[str] = (TOPIC, ANY), as_written: bool = True) -> list[tuple[SetDocument, bool]]:
    """(document, garbled?) pairs the models are fitted on, from the halves and the spent splits: garbled in
    ``variants``, and (``as_written``) the text as written."""
    out = []
    for variant in variants:
        out += [(d, True) for d in build_set(variant) if d.half in FITTED_HALVES]
        out += [(d, True) for split in SPENT_SPLITS for d in documents_of(split, variant)]
    if as_written:
        out += [(d, False) for d in build_set(ANY) if d.half in FITTED_HALVES]
        out += [(d, False) for split in SPENT_SPLITS for d in documents_of(split, ANY)]
    return out


def examples(documents: Iterable[tuple[SetDocument, bool]], model: AttributionModel | None) -> list[Example]:
    """The reporting pronouns of ``documents`` the rules let pass, as the check sees them (``model`` None:
    the rules decide alone)."""
    out = []
    for doc, garbled in documents:
        texts = [s.text if garbled else s.original for s in doc.sentences]
        check = GarbledAttribution(model=model or _RULES)
        view = DocumentView.of(DocumentDraft(doc.name, "text", tuple(SegmentDraft(mt=t) for t in texts)))
        check.start_document(view)
        for segment in view.segments:
            list(check.score(segment))
        out += [Example(doc.name, features, garbled and doc.sentences[index].garbled, near)
                for index, _, features, near in check.recorded]
    return out


class _RulesOnly(AttributionModel):
    """Records features and decides as the rules did (their confidence against the threshold)."""

    def probability(self, features: dict[str, float]) -> float:
        return float(features["rule"])


_RULES = _RulesOnly({}, 0.0)
_NEVER = AttributionModel({}, -30.0, 1.0)  # records the pronouns it is asked about and flags none


def fit(data: Sequence[Example], l2: float = 1.0, threshold: float = 0.5, iterations: int = 50,
        names: Sequence[str] = FEATURES) -> AttributionModel:
    """Logistic regression with an L2 penalty on the weights (not the bias), by Newton's method; each step
    solved by conjugate gradients on the sparse design matrix (the person-in-reach model has thousands of
    word features, too many for a dense Hessian)."""
    x = _design(data, names)
    y = np.array([float(e.garbled) for e in data])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-9  # the bias: all but free, just enough to keep every Newton system positive definite
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        curvature = p * (1 - p)
        hessian = LinearOperator((len(w), len(w)), dtype=float,
                                 matvec=lambda v, c=curvature: x.T @ (c * (x @ v)) + penalty * v)
        step, _ = cg(hessian, gradient, rtol=1e-12, atol=0.0, maxiter=20 * len(w))
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return AttributionModel(dict(zip(names, (float(v) for v in w[1:]))), float(w[0]), threshold)


def _design(data: Sequence[Example], names: Sequence[str]) -> sparse.csr_matrix:
    """Rows: the examples; columns: a constant 1 (the bias), then ``names``."""
    column = {name: j for j, name in enumerate(names, start=1)}
    rows, columns, values = [], [], []
    for i, e in enumerate(data):
        cells = [(0, 1.0)] + [(column[n], float(v)) for n, v in e.features.items() if n in column and v]
        rows += [i] * len(cells)
        columns += [j for j, _ in cells]
        values += [v for _, v in cells]
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(data), len(names) + 1))


def fit_person_in_reach(data: Sequence[Example], l2: float = NEAR_L2) -> AttributionModel:
    """The person-in-reach model: the tracker's features and the words of at least MIN_WORD_COUNT documents,
    its threshold the lowest giving NEAR_PRECISION in cross-validation (1.0, flagging nothing, if none does)."""
    words = {(e.document, name) for e in data for name in e.features if name not in FEATURES}
    counts = Counter(name for _, name in words)
    names = [*FEATURES, *sorted(name for name, n in counts.items() if n >= MIN_WORD_COUNT)]
    fitted = fit(data, l2, names=names)
    return replace(fitted, threshold=precise_threshold(out_of_fold(data, l2, names), NEAR_PRECISION))


def out_of_fold(data: Sequence[Example], l2: float, names: Sequence[str], folds: int = 5) -> list[tuple[float, bool]]:
    """(probability, garbled) of every example from the model fitted on the other folds (by document)."""
    fold_of = [zlib.crc32(e.document.encode("utf-8")) % folds for e in data]
    out = []
    for fold in range(folds):
        model = fit([e for e, f in zip(data, fold_of) if f != fold], l2, names=names)
        out += [(model.probability(e.features), e.garbled) for e, f in zip(data, fold_of) if f == fold]
    return out


def precise_threshold(scored: Sequence[tuple[float, bool]], precision: float, least: int = 5) -> float:
    """The lowest threshold (in steps of 0.01 from 0.3) at which at least ``least`` examples are flagged and
    ``precision`` of them are garbled."""
    for step in range(30, 100):
        flagged = [garbled for p, garbled in scored if p >= step / 100]
        if len(flagged) >= least and sum(flagged) >= precision * len(flagged):
            return step / 100
    return 1.0


@dataclass
class Counts:
    garbled: int = 0
    found: int = 0
    genuine: int = 0
    false_alarms: int = 0

    def line(self) -> str:
        recall = self.found / self.garbled if self.garbled else 1.0
        flagged = self.found + self.false_alarms
        precision = self.found / flagged if flagged else 1.0
        return (f"garbled {self.garbled}, found {self.found} (recall {recall:.2f}); genuine {self.genuine}, "
                f"flagged {self.false_alarms}; precision {precision:.2f}")


def cross_validate(data: Sequence[Example], l2: float, folds: int = 5, threshold: float = 0.5,
                   names: Sequence[str] = FEATURES) -> Counts:
    """Counts over ``folds`` folds by document (a document's examples stay in one fold)."""
    counts = Counts()
    for probability, garbled in out_of_fold(data, l2, names, folds):
        flagged = probability >= threshold
        if garbled:
            counts.garbled += 1
            counts.found += flagged
        else:
            counts.genuine += 1
            counts.false_alarms += flagged
    return counts


def build(l2: float = L2, threshold: float = THRESHOLD) -> tuple[AttributionModel, list[Example], list[Example]]:
    """The models the check ships: the first fitted on examples the rules decided, then refitted on
    examples the first model decided; the person-in-reach model on the examples of pronouns a fitting
    person was named before, as the second decides the others. Returns it with the examples of both."""
    documents = tuning_documents()
    first = fit(examples(documents, None), l2, threshold)
    open_data = examples(documents, first)
    second = fit(open_data, l2, threshold)
    # Each pronoun once: the documents garbled in the "any" variant hold every garbled pronoun and every
    # genuine one (the first model's data counts a genuine one up to three times, once per version).
    near_data = [e for e in examples(tuning_documents((ANY,), as_written=False), replace(second, person_in_reach=_NEVER))
                 if e.person_in_reach]
    return replace(second, person_in_reach=fit_person_in_reach(near_data)), open_data, near_data
