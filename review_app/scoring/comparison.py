"""One segment's systems side by side (the Models page's grid).

For each system's output of a segment: its sentence chrF++ against the reference (where
there is one), its agreement with the other systems (mean sentence chrF++ against each
other output: where systems agree on a wording it is rarely wrong, and where one stands
apart it is worth a look, reference or not), which systems wrote exactly the same text,
and its MQM score with the marks behind it (None where no rater rated it).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Annotation
from .mqm import weight
from .parallel import sentence_scores
from .ranking import is_error


@dataclass(frozen=True)
class SystemOutput:
    system: str
    text: str
    chrf: float | None  # sentence chrF++ against the reference; None without one
    agreement: float | None  # mean sentence chrF++ against the other systems' outputs; None if alone
    mqm: float | None  # the segment's MQM score (mean over raters of their error weights); None = not rated
    marks: tuple[Annotation, ...] = ()
    same_as: tuple[str, ...] = ()  # other systems with exactly this text


def segment_mqm(marks: Sequence[Annotation]) -> float | None:
    """A segment's MQM score for one output: each rater's error weights summed, averaged over raters
    (as ``mqm.segment_scores`` then ``mqm_table`` weigh it); None when nobody rated it."""
    if not marks:
        return None
    per_rater: dict[str, float] = defaultdict(float)
    for mark in marks:
        per_rater[mark.reviewer] += weight(mark.category, mark.severity) if is_error(mark) else 0.0
    return sum(per_rater.values()) / len(per_rater)


def segment_grid(outputs: Mapping[str, str], reference: str | None,
                 marks: Mapping[str, Sequence[Annotation]] | None = None,
                 target_lang: str = "en") -> list[SystemOutput]:
    """Every system's output of one segment with its scores, closest to the reference first
    (without a reference: most agreed-with first)."""
    marks = marks or {}
    names = list(outputs)
    texts = [outputs[n] for n in names]
    chrf = (sentence_scores(["chrf"], texts, [reference] * len(texts), target_lang, jobs=1)["chrf"]
            if reference else [None] * len(texts))
    pairs = [(i, j) for i in range(len(names)) for j in range(len(names)) if i != j]
    against = sentence_scores(["chrf"], [texts[i] for i, _ in pairs], [texts[j] for _, j in pairs], target_lang,
                              jobs=1)["chrf"] if pairs else []
    agreement: dict[int, list[float]] = defaultdict(list)
    for (i, _), value in zip(pairs, against):
        agreement[i].append(value)
    grid = [SystemOutput(
        system=name, text=texts[i], chrf=chrf[i],
        agreement=sum(agreement[i]) / len(agreement[i]) if agreement[i] else None,
        mqm=segment_mqm(marks.get(name, ())), marks=tuple(marks.get(name, ())),
        same_as=tuple(n for n in names if n != name and outputs[n] == texts[i]))
        for i, name in enumerate(names)]
    key = (lambda o: (-o.chrf, o.system)) if reference else (lambda o: (-(o.agreement or 0.0), o.system))
    return sorted(grid, key=key)


__all__ = ["SystemOutput", "segment_grid", "segment_mqm"]
