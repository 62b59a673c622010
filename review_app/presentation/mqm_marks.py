"""MQM marks on the review page, as in Anthea: the spans a text shows (the checks' findings
and the raters' MQM marks, each with what it is on hover), what a mouse selection turns
into, and the running MQM score of a segment and of its document.

Scores follow ``scoring.mqm`` (Freitag et al. 2021): a rater's score of one text is the
sum of their error weights, lower is better; a text's score is the mean over the raters
who rated it; a document's, per system, the mean over its rated (segment, rater) pairs.
A rater has rated a text when they marked an error in it or an imported "No-error" row
says so; a reviewer who saved a correction of a segment has rated its MT too (no mark =
no error), so the MT's document score runs as reviewers work.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import BadInputError
from ..model import Annotation, Finding, Severity
from ..scoring.comparison import segment_mqm
from ..scoring.mqm import CATEGORIES, MARK_SEVERITIES, NO_ERROR, weight
from ..scoring.ranking import is_error

SOURCE_CATEGORIES = ("Accuracy/Omission",)  # what a span marked in the source can be: something left out
MT_SYSTEM = "MT"  # the name the document score gives the imported MT


def mark_title(annotation: Annotation) -> str:
    """Hover text of a marked span: category, severity and rater (and their comment)."""
    title = f"{annotation.category} · {annotation.severity} · {annotation.reviewer}"
    return f"{title}\n{annotation.comment}" if annotation.comment else title


def spans_for(text: str, *, findings: Sequence[Finding] = (), marks: Sequence[Annotation] = (),
              side: str = "target") -> list[dict]:
    """The spans a text shows, clamped to it, for the span picker: the checks' findings on that
    ``side`` (kind "finding", coloured by severity; a source-side finding marks what the MT left
    out) and MQM marks (kind "mqm")."""
    n = len(text)
    out = []
    for f in (f for f in findings if f.side == side):
        out.append({"start": max(0, min(f.start, n)), "end": max(0, min(f.end, n)), "kind": "finding",
                    "check": f.check, "severity": Severity(f.severity).value,
                    "title": f"{f.check} ({Severity(f.severity).value}): {f.message}"})
    for a in marks:
        if a.category != NO_ERROR and a.end > a.start:  # a Neutral mark is drawn too, though it weighs 0
            out.append({"start": max(0, min(a.start, n)), "end": max(0, min(a.end, n)), "kind": "mqm",
                        "severity": a.severity.lower(), "title": mark_title(a)})
    return out


def marks_on(annotations: Iterable[Annotation], candidate_id: int | None, side: str = "target") -> list[Annotation]:
    """The marks made on one candidate's text (or, ``side="source"``, on the source for it)."""
    return [a for a in annotations if a.candidate_id == candidate_id and a.side == side]


@dataclass(frozen=True)
class Selection:
    """A span picked with the mouse, and the category and severity chosen for it."""

    start: int
    end: int
    category: str
    severity: str
    side: str = "target"


def read_selection(value, text: str, side: str) -> Selection:
    """The span picker's value checked against the text the server sent it (the browser's word is
    not trusted): offsets inside the text, a known category and severity."""
    if not isinstance(value, dict):
        raise BadInputError("the marked span came without its offsets; select the words again")
    try:
        start, end = int(value["start"]), int(value["end"])
        category, severity = str(value["category"]), str(value["severity"])
    except (KeyError, TypeError, ValueError):
        raise BadInputError("the marked span came without its offsets; select the words again") from None
    if not 0 <= start < end <= len(text):
        raise BadInputError(f"the marked span {start}-{end} is outside the text ({len(text)} characters)")
    allowed = SOURCE_CATEGORIES if side == "source" else CATEGORIES
    if category not in allowed:
        raise BadInputError(f"{category!r} is not an MQM category here (choose one of: {', '.join(allowed)})")
    if severity not in MARK_SEVERITIES:
        raise BadInputError(f"severity {severity!r} is not one of {', '.join(MARK_SEVERITIES)}")
    return Selection(start, end, category, severity, side)


@dataclass(frozen=True)
class MqmScore:
    score: float  # mean error weight per rating; lower is better
    ratings: int  # raters of a text, or rated (segment, rater) pairs of a document

    def label(self) -> str:
        noun = "rating" if self.ratings == 1 else "ratings"
        return f"MQM {self.score:.2f} ({self.ratings} {noun})"


def text_mqm(annotations: Iterable[Annotation], extra_raters: Iterable[str] = ()) -> MqmScore | None:
    """One text's MQM: the mean over its raters of their error weights (None if nobody rated it).
    ``extra_raters``: raters who rated it without marking anything."""
    marks = list(annotations)
    marking = {a.reviewer for a in marks}
    raters = marking | set(extra_raters)
    if not raters:
        return None
    return MqmScore((segment_mqm(marks) or 0.0) * len(marking) / len(raters), len(raters))


def document_mqm(marks: Iterable[tuple[Annotation, str]], saved: Iterable[tuple[int, str]]) -> dict[str, MqmScore]:
    """Per system, the document's running MQM: ``marks`` are (annotation, system name) pairs,
    ``saved`` the (segment, reviewer) pairs whose reviewer rated the MT by saving it."""
    pairs: dict[str, dict[tuple[int, str], float]] = {}
    for ann, system in marks:
        if system == "correction":
            continue  # a mark made on a reviewer's own correction says nothing about a system
        per = pairs.setdefault(system, {})
        key = (ann.segment_id, ann.reviewer)
        per[key] = per.get(key, 0.0) + (weight(ann.category, ann.severity) if is_error(ann) else 0.0)
    if saved:
        per = pairs.setdefault(MT_SYSTEM, {})
        for key in saved:
            per.setdefault(key, 0.0)
    return {system: MqmScore(sum(p.values()) / len(p), len(p)) for system, p in sorted(pairs.items()) if p}
