"""The checks and the risk score measured against professional MQM annotations
(``review-app check --eval-mqm FILE.tsv``).

Each (system, segment) of a WMT/Marot MQM TSV is one MT segment, with the error
spans its raters marked. The checks run on every system's output, document by
document; then, per check:

- ``findings`` and ``per_100`` (findings per 100 segments);
- ``span_precision``: the share of findings whose span overlaps an error span a
  rater marked (Major or Minor, any rater): in the MT, or for a finding that
  points into the source at what the MT left out, in the source (where raters
  mark omissions);
- ``random_span_precision``: what the same findings would score placed at a
  random position of the same segment, same length (computed exactly, not
  sampled), and ``lift``, the ratio of the two: a check that only says "this
  segment" (a span over the whole text) gets 1.0 however right it is;
- ``segment_precision``: the share of flagged segments that have a Major error;
- ``recall`` (for the checks that claim an error kind): the share of segments
  with an error of that kind that the check flags.

And for the ordering: ``risk_auc`` (ROC AUC of the risk score for "has a Major
error"), ``risk_kendall_tau`` (Kendall's tau-b against the segment's MQM score,
the mean over its raters of Major 5, Minor 1, Minor punctuation 0.1,
Non-translation 25), and the same AUC for two plain orderings: ``findings_auc``
(the findings' severities alone) and ``length_auc`` (MT length alone). The other
systems' outputs for the same source segment are each segment's candidates for
the risk score's disagreement signal.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import kendalltau, mannwhitneyu

from ..checks import CHECKS, run_checks
from ..language.numbers import has_number
from ..model import DocumentDraft, Finding, SegmentDraft
from ..scoring.mqm import MqmRow, strip_marks, weight
from ..scoring.risk import document_signals, findings_score, risk_score

_LANG_PAIR = re.compile(r":([a-z]{2,3})-([a-z]{2,3})$")  # WMT doc names end in ":zh-en"
_PRONOUN = re.compile(r"(?i)\b(?:he|she|it|they|him|her|them|his|hers|its|their|theirs|we|us|our|i|me|my|you|your)\b")


@dataclass(frozen=True)
class MarkedError:
    category: str
    severity: str
    rater: str
    span: tuple[int, int] | None  # in the MT; None when marked in the source (an omission)
    marked: str  # the marked text, on whichever side it was marked
    source_span: tuple[int, int] | None = None  # in the source, for an omission

    @property
    def is_major(self) -> bool:
        return self.severity.lower() == "major" or self.category.lower().startswith("non-translation")


@dataclass(frozen=True)
class AnnotatedSegment:
    system: str
    doc: str
    seg_id: str
    source: str
    mt: str
    errors: tuple[MarkedError, ...]
    raters: int
    mqm: float  # mean over raters of the rater's error weights

    @property
    def has_major(self) -> bool:
        return any(e.is_major for e in self.errors)


# -- the error kinds that checks claim to find ---------------------------------


NUMBER_ERROR_CHARS = 15  # a longer marked span that holds a number is about something else ("the 16th Forum on ...")


def _is_number_error(e: MarkedError) -> bool:
    """A mistranslated or omitted number: a short marked span that states one ("92-year", "（2月10日）")."""
    category = e.category.lower()
    return (category.startswith("accuracy/mistranslation") or category.startswith("accuracy/omission")) \
        and len(e.marked.strip()) <= NUMBER_ERROR_CHARS and has_number(e.marked)


def _is_source_fragment(e: MarkedError) -> bool:
    category = e.category.lower()
    return "source language fragment" in category or category.startswith("non-translation")


def _is_pronoun_error(e: MarkedError) -> bool:
    return e.category.lower().startswith("accuracy") and e.span is not None \
        and bool(_PRONOUN.fullmatch(e.marked.strip(" ,.'’")))


def _is_major_omission_or_addition(e: MarkedError) -> bool:
    category = e.category.lower()
    return e.is_major and (category.startswith("accuracy/omission") or category.startswith("accuracy/addition"))


CLAIMS: dict[str, Callable[[MarkedError], bool]] = {
    "numbers": _is_number_error,
    "untranslated": _is_source_fragment,
    "attribution": _is_pronoun_error,
    "speaker_person": _is_pronoun_error,
    "length_ratio": _is_major_omission_or_addition,
}


# -- reading the rows ------------------------------------------------------------


def annotated_segments(rows: Iterable[MqmRow]) -> list[AnnotatedSegment]:
    """One segment per (system, doc, seg_id), in file order, with every rater's errors."""
    groups: dict[tuple[str, str, str], list[MqmRow]] = defaultdict(list)
    for row in rows:
        groups[row.system, row.doc, row.seg_id].append(row)
    return [_segment(key, group) for key, group in groups.items()]


def _segment(key: tuple[str, str, str], rows: list[MqmRow]) -> AnnotatedSegment:
    mt = strip_marks(rows[0].target)[0]
    errors = []
    per_rater: dict[str, float] = defaultdict(float)
    for row in rows:
        per_rater[row.rater] += weight(row.category, row.severity) if row.is_error else 0.0
        if row.is_error and row.severity.lower() != "neutral":
            errors.append(_error(row, mt))
    mqm = sum(per_rater.values()) / len(per_rater)
    return AnnotatedSegment(*key, strip_marks(rows[0].source)[0], mt, tuple(errors), len(per_rater), mqm)


def _error(row: MqmRow, mt: str) -> MarkedError:
    target, span = strip_marks(row.target)
    if span is not None and target == mt:
        return MarkedError(row.category, row.severity, row.rater, span, target[span[0]:span[1]])
    source, source_span = strip_marks(row.source)
    marked = source[source_span[0]:source_span[1]] if source_span else ""
    return MarkedError(row.category, row.severity, row.rater, None, marked, source_span)


def language_pair(segments: Sequence[AnnotatedSegment]) -> tuple[str | None, str]:
    """The pair a WMT doc name states ("...:zh-en"), else (unknown, English)."""
    m = _LANG_PAIR.search(segments[0].doc) if segments else None
    return (m.group(1), m.group(2)) if m else (None, "en")


# -- running the checks and the risk score -------------------------------------


@dataclass
class Measured:
    """Every segment with its findings and its orderings' scores, parallel lists."""

    segments: list[AnnotatedSegment]
    findings: list[list[Finding]]
    risk: list[float]
    findings_only: list[float]


def run(segments: Sequence[AnnotatedSegment], checks: Sequence[str] | None = None,
        source_lang: str | None = None, target_lang: str | None = None,
        progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> Measured:
    """Run the checks over each system's documents and score every segment's risk."""
    pair = language_pair(segments)
    source_lang, target_lang = source_lang or pair[0], target_lang or pair[1]
    outputs: dict[tuple[str, str], list[AnnotatedSegment]] = defaultdict(list)
    for s in segments:
        outputs[s.doc, s.seg_id].append(s)
    documents: dict[tuple[str, str], list[AnnotatedSegment]] = defaultdict(list)
    for s in segments:
        documents[s.system, s.doc].append(s)
    measured = Measured([], [], [], [])
    for (system, doc), doc_segments in progress(list(documents.items())):
        draft = DocumentDraft(doc, "mqm", tuple(SegmentDraft(mt=s.mt, source=s.source) for s in doc_segments),
                              source_lang=source_lang, target_lang=target_lang)
        found = run_checks(draft, names=checks)
        others = [[o.mt for o in outputs[s.doc, s.seg_id] if o is not s] for s in doc_segments]
        signals = document_signals([(s.source, s.mt) for s in doc_segments], found, others)
        measured.segments += doc_segments
        measured.findings += found
        measured.risk += [risk_score(x) for x in signals]
        measured.findings_only += [findings_score(f) for f in found]
    return measured


# -- measuring --------------------------------------------------------------------


def _covered(segment: AnnotatedSegment, side: str = "target") -> np.ndarray:
    """Per character of the MT (or of the source): whether some rater marked it as (part of) an error."""
    text = segment.mt if side == "target" else segment.source
    mask = np.zeros(len(text), dtype=bool)
    for e in segment.errors:
        span = e.span if side == "target" else e.source_span
        if span is not None:
            start, end = span
            mask[start:max(end, start + 1)] = True
    return mask


def _finding_span(f: Finding, length: int) -> tuple[int, int]:
    """A finding's span, at least one character wide (an insertion point covers the character at it)."""
    start = min(max(f.start, 0), max(length - 1, 0))
    return start, max(min(f.end, length), start + 1)


def span_overlap(f: Finding, covered: np.ndarray) -> tuple[bool, float]:
    """Whether the finding overlaps a marked error, and the chance that a span of its length at a
    uniformly random position of the same text would."""
    if not len(covered):
        return False, 0.0
    start, end = _finding_span(f, len(covered))
    width = end - start
    hit = bool(covered[start:end].any())
    sums = np.concatenate(([0], np.cumsum(covered)))
    windows = sums[width:] - sums[:-width]  # marked characters under each window position
    return hit, float((windows > 0).mean())


@dataclass
class CheckStats:
    findings: int = 0
    hits: int = 0
    random_hits: float = 0.0
    flagged: int = 0
    flagged_major: int = 0
    claimed: int = 0
    claimed_flagged: int = 0


def check_table(measured: Measured, checks: Sequence[str]) -> tuple[dict[str, dict], dict[str, int]]:
    """Per check its row of the report, and per claiming check how many segments have its error kind."""
    stats = {name: CheckStats() for name in checks}
    for segment, findings in zip(measured.segments, measured.findings):
        covered = {"target": _covered(segment), "source": _covered(segment, "source")}
        for name, st in stats.items():
            own = [f for f in findings if f.check == name]
            for f in own:
                hit, chance = span_overlap(f, covered[f.side])
                st.findings += 1
                st.hits += hit
                st.random_hits += chance
            st.flagged += bool(own)
            st.flagged_major += bool(own) and segment.has_major
            if name in CLAIMS and any(CLAIMS[name](e) for e in segment.errors):
                st.claimed += 1
                st.claimed_flagged += bool(own)
    n = len(measured.segments)
    table = {name: _row(st, n, name in CLAIMS) for name, st in stats.items()}
    claimed = {name: st.claimed for name, st in stats.items() if name in CLAIMS}
    return table, claimed


def _row(st: CheckStats, segments: int, claims: bool) -> dict:
    precision = st.hits / st.findings if st.findings else None
    chance = st.random_hits / st.findings if st.findings else None
    row = {
        "findings": st.findings,
        "per_100": round(100 * st.findings / segments, 2) if segments else 0.0,
        "span_precision": _round(precision),
        "random_span_precision": _round(chance),
        "lift": _round(precision / chance) if precision is not None and chance else None,
        "segment_precision": _round(st.flagged_major / st.flagged) if st.flagged else None,
    }
    if claims:
        row["recall"] = _round(st.claimed_flagged / st.claimed) if st.claimed else None
    return row


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """The chance that a random positive scores above a random negative (ties count half)."""
    scores, positive = np.asarray(scores, float), np.asarray(positive, bool)
    if positive.all() or not positive.any():
        return None
    u = mannwhitneyu(scores[positive], scores[~positive]).statistic
    return float(u / (positive.sum() * (~positive).sum()))


def ordering(measured: Measured) -> dict:
    major = [s.has_major for s in measured.segments]
    mqm = [s.mqm for s in measured.segments]
    length = [len(s.mt) for s in measured.segments]
    tau = kendalltau(measured.risk, mqm).statistic if len(mqm) > 1 else None
    return {
        "risk_auc": _round(roc_auc(measured.risk, major)),
        "risk_kendall_tau": _round(float(tau)) if tau is not None and tau == tau else None,
        "length_auc": _round(roc_auc(length, major)),
        "findings_auc": _round(roc_auc(measured.findings_only, major)),
    }


def evaluate(segments: Sequence[AnnotatedSegment], checks: Sequence[str] | None = None,
             source_lang: str | None = None, target_lang: str | None = None,
             progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> dict:
    """The whole report as one JSON-ready object: ``checks`` (per check name), the orderings'
    ``risk_auc``, ``risk_kendall_tau``, ``length_auc`` and ``findings_auc``, and for context
    ``segments``, ``major_share`` and ``claimed_segments`` (per claiming check, the segments
    that have its error kind: its recall's denominator)."""
    names = list(checks or CHECKS)
    measured = run(segments, names, source_lang, target_lang, progress)
    table, claimed = check_table(measured, names)
    return {
        "segments": len(measured.segments),
        "major_share": _round(sum(s.has_major for s in measured.segments) / len(measured.segments))
        if measured.segments else None,
        "checks": table,
        "claimed_segments": claimed,
        **ordering(measured),
    }


def report_text(result: dict) -> str:
    """The table for people: one row per check, then the orderings."""
    header = ("check", "findings", "per 100", "span prec", "random", "lift", "seg prec Major", "recall")
    rows = [header]
    for name, r in result["checks"].items():
        recall = "" if "recall" not in r else f"{_fmt(r['recall'])} of {result['claimed_segments'][name]}"
        rows.append((name, str(r["findings"]), f"{r['per_100']:.1f}", _fmt(r["span_precision"]),
                     _fmt(r["random_span_precision"]), _fmt(r["lift"], "{:.2f}x"), _fmt(r["segment_precision"]),
                     recall))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += [
        "",
        f"{result['segments']} segments, {_fmt(result['major_share'])} with a Major error.",
        f"ordering by risk:     ROC AUC {_fmt(result['risk_auc'])} for a Major error, "
        f"Kendall tau {_fmt(result['risk_kendall_tau'])} against the MQM score",
        f"ordering by findings: ROC AUC {_fmt(result['findings_auc'])}",
        f"ordering by MT length: ROC AUC {_fmt(result['length_auc'])}",
    ]
    return "\n".join(lines) + "\n"


def _fmt(x: float | None, pattern: str = "{:.3f}") -> str:
    return "-" if x is None else pattern.format(x)
