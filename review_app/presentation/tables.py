"""The tables behind the Dashboard's and the Models page's charts, computed from records.

Pure functions from model records to pandas DataFrames (no Streamlit, no SQL),
so every number a chart shows is unit-tested.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..model import Annotation, Correction, DocumentSummary, Score, Segment
from ..scoring.comparison import SystemOutput
from ..scoring.mqm import weight as mqm_weight
from ..scoring.ranking import (
    BASELINE,
    BETTER,
    NO_DIFFERENCE,
    NOT_TESTED,
    WORSE,
    RankedSystem,
    RankingAgreement,
    is_error,
    rank_by,
)


def document_progress(summaries: Iterable[DocumentSummary]) -> pd.DataFrame:
    """Per document: segments to review (excluded furniture left out), reviewed, approved, share reviewed."""
    rows = []
    for s in summaries:
        rows.append({"document": s.document.name, "to review": s.to_review, "reviewed": s.reviewed,
                     "approved": s.approved, "progress": s.progress})
    return pd.DataFrame(rows, columns=["document", "to review", "reviewed", "approved", "progress"])


def reviewer_progress(corrections: Iterable[Correction]) -> pd.DataFrame:
    """Per reviewer and status: how many segments they last left in that status, and how many saves."""
    frame = _corrections_frame(corrections)
    if frame.empty:
        return pd.DataFrame(columns=["reviewer", "status", "segments", "saves"])
    latest = frame.sort_values("version").groupby(["reviewer", "segment_id"]).tail(1)
    segments = latest.groupby(["reviewer", "status"]).size().rename("segments")
    saves = frame.groupby(["reviewer", "status"]).size().rename("saves")
    return pd.concat([segments, saves], axis=1).fillna(0).astype(int).reset_index()


def edits_over_time(corrections: Iterable[Correction], freq: str = "D") -> pd.DataFrame:
    """Saves per reviewer per day (or per ``freq`` period)."""
    frame = _corrections_frame(corrections)
    if frame.empty:
        return pd.DataFrame(columns=["day", "reviewer", "saves"])
    frame["day"] = pd.to_datetime(frame["created_at"], utc=True).dt.tz_localize(None).dt.to_period(freq).dt.start_time
    return frame.groupby(["day", "reviewer"]).size().rename("saves").reset_index()


def _corrections_frame(corrections: Iterable[Correction]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"segment_id": c.segment_id, "version": c.version, "reviewer": c.reviewer, "status": c.status.value,
          "created_at": c.created_at} for c in corrections],
        columns=["segment_id", "version", "reviewer", "status", "created_at"],
    )


def findings_by_check(counts: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    rows = [{"check": check, "severity": severity, "findings": n} for (check, severity), n in counts.items()]
    frame = pd.DataFrame(rows, columns=["check", "severity", "findings"])
    return frame.sort_values(["findings", "check"], ascending=[False, True], ignore_index=True)


def mqm_by_category(marks: Iterable[tuple[Segment, Annotation]]) -> pd.DataFrame:
    """Marks and weighted MQM penalty per category and severity."""
    rows = [{"category": a.category, "severity": a.severity.capitalize(), "marks": 1, "penalty": _penalty(a)}
            for _, a in marks if a.severity.lower() != "no-error" and a.category != "No-error"]
    frame = pd.DataFrame(rows, columns=["category", "severity", "marks", "penalty"])
    if frame.empty:
        return frame
    return frame.groupby(["category", "severity"], as_index=False)[["marks", "penalty"]].sum()


def _penalty(annotation: Annotation) -> float:
    try:
        return mqm_weight(annotation.category, annotation.severity)
    except KeyError:  # a severity MQM does not weigh: counted as a mark, left out of the penalty
        return float("nan")


def score_values(scores: Sequence[Score]) -> pd.DataFrame:
    """One row per stored score: metric, value and what it was scored against (for histograms)."""
    return pd.DataFrame(
        [{"metric": s.metric, "value": s.value, "reference": s.reference.split(":")[0]} for s in scores],
        columns=["metric", "value", "reference"],
    )


def hter_by_document(documents: Sequence) -> pd.DataFrame:
    """Per document (scoring.hter.DocumentHter): corrected segments and their HTER, pooled and mean."""
    return pd.DataFrame(
        [{"document": d.document, "corrected": d.corrected, "segments": d.segments, "HTER": d.result.hter,
          "mean sentence HTER": d.result.mean} for d in documents],
        columns=["document", "corrected", "segments", "HTER", "mean sentence HTER"],
    )


def hter_sentences(documents: Sequence) -> pd.DataFrame:
    """Every corrected segment's HTER, for a histogram."""
    return pd.DataFrame([{"document": d.document, "HTER": x} for d in documents for x in d.result.sentences],
                        columns=["document", "HTER"])


def _points(value: float, decimals: int) -> str:
    return f"{value:+.{decimals}f}"


def versus_baseline(row: RankedSystem, decimals: int = 1) -> str:
    """The paired test in words: "better than the baseline (p = 0.0010; Δ +1.2 [+0.4, +2.0])",
    "no significant difference (p = 0.31; Δ -0.3)", "baseline", or "" without a test."""
    if row.direction == BASELINE:
        return "baseline"
    if row.direction == NOT_TESTED:
        return ""
    words = {BETTER: "better than the baseline", WORSE: "worse than the baseline"}.get(row.direction, row.direction)
    effect = f"Δ {_points(row.delta, decimals)}"
    if row.delta_low is not None:
        effect += f" [{_points(row.delta_low, decimals)}, {_points(row.delta_high, decimals)}]"
    return f"{words} (p = {row.p_value:.4f}; {effect}){_borderline(row)}"


def _borderline(row: RankedSystem) -> str:
    # sacrebleu's p-value tests a null-shifted resample; the interval is the resampled differences'
    # percentiles. Near p = 0.05 they can disagree, and the reader should see that, not two verdicts.
    if row.delta_low is None:
        return ""
    interval_has_zero = row.delta_low <= 0 <= row.delta_high
    if row.direction in (BETTER, WORSE) and interval_has_zero:
        return "; borderline: the interval of Δ includes 0"
    if row.direction == NO_DIFFERENCE and not interval_has_zero:
        return "; borderline: the interval of Δ excludes 0"
    return ""


def ranking_table(board, metric: str) -> pd.DataFrame:
    """The board ranked by ``metric``: rank, system, score, 95% interval and the paired test in words
    (the baseline's row says "baseline"); one row per system, best first."""
    decimals = board.decimals.get(metric, 1)
    rows = []
    for r in rank_by(board, metric):
        interval = "" if r.ci_low is None else f"[{r.ci_low:.{decimals}f}, {r.ci_high:.{decimals}f}]"
        rows.append({"rank": r.rank, "system": r.system, metric: r.score, "95% interval": interval,
                     "vs baseline": versus_baseline(r, decimals), "direction": r.direction})
    return pd.DataFrame(rows, columns=["rank", "system", metric, "95% interval", "vs baseline", "direction"])


def leaderboard_table(board, order: Sequence[str] | None = None) -> pd.DataFrame:
    """A scoring.Leaderboard in long form (one row per system and metric), each row with its paired
    test's direction (better, worse, no significant difference, baseline, not tested) and in words;
    systems in ``order`` (default: the board's)."""
    frames = []
    for metric in board.metrics:
        decimals = board.decimals.get(metric, 1)
        ranked = {r.system: r for r in rank_by(board, metric)}
        frames += [{**record, "direction": ranked[record["system"]].direction,
                    "vs baseline": versus_baseline(ranked[record["system"]], decimals)}
                   for record in board.records() if record["metric"] == metric]
    frame = pd.DataFrame(frames)
    position = {s: i for i, s in enumerate(order or board.systems)}
    frame["_order"] = frame["system"].map(position)
    frame["_metric"] = frame["metric"].map({m: i for i, m in enumerate(board.metrics)})
    return frame.sort_values(["_order", "_metric"]).drop(columns=["_order", "_metric"]).reset_index(drop=True)


def metric_vs_mqm_table(agreements: Sequence[RankingAgreement]) -> pd.DataFrame:
    """Each system's MQM and rank beside each metric's score and rank, best by MQM first."""
    if not agreements:
        return pd.DataFrame(columns=["system", "MQM", "MQM rank"])
    rows = {r.system: {"system": r.system, "MQM": r.mqm, "MQM rank": r.mqm_rank} for r in agreements[0].rows}
    for agreement in agreements:
        for r in agreement.rows:
            rows[r.system][agreement.metric] = r.score
            rows[r.system][f"{agreement.metric} rank"] = r.rank
    return pd.DataFrame(list(rows.values()))


def ranking_accuracy_table(agreements: Sequence[RankingAgreement]) -> pd.DataFrame:
    """Per metric: system pairs ordered as MQM orders them, of all pairs, and the share (WMT's pairwise accuracy)."""
    return pd.DataFrame([{"metric": a.metric, "pairs agreeing": a.agree, "pairs": a.pairs, "accuracy": a.accuracy}
                         for a in agreements], columns=["metric", "pairs agreeing", "pairs", "accuracy"])


def marks_text(marks: Sequence[Annotation], text: str) -> str:
    """MQM marks in a line: "Major Accuracy/Mistranslation: 'Ministry'; no error" ("" if not rated)."""
    if not marks:
        return ""
    errors = [m for m in marks if is_error(m)]
    if not errors:
        return "no error"
    return "; ".join(f"{m.severity} {m.category}" + (f": '{text[m.start:m.end]}'" if m.end > m.start and
                                                     m.side == "target" else "") for m in errors)


def differences_table(rows: Sequence[dict], system_a: str, system_b: str) -> pd.DataFrame:
    """The drill-down's rows (``workflow.scoring.review_differences``) as a table people read:
    source, both outputs with their MQM marks, the reference, both sentence scores and their difference."""
    return pd.DataFrame(
        [{"segment_id": r["segment_id"], "source": r["source"] or "", system_a: r["a"], system_b: r["b"],
          "reference": r["reference"], f"MQM {system_a}": marks_text(r["marks_a"], r["a"]),
          f"MQM {system_b}": marks_text(r["marks_b"], r["b"]), f"{r['metric']} {system_a}": r["score_a"],
          f"{r['metric']} {system_b}": r["score_b"], "Δ (B − A)": r["delta"]} for r in rows])


def system_grid_table(grid: Sequence[SystemOutput]) -> pd.DataFrame:
    """One segment's systems (``scoring.comparison.segment_grid``): output, chrF++ against the
    reference, agreement with the other systems, MQM and its marks, and who wrote the same text."""
    return pd.DataFrame(
        [{"system": o.system, "output": o.text, "chrF++": o.chrf, "agreement": o.agreement, "MQM": o.mqm,
          "MQM marks": marks_text(o.marks, o.text), "same text as": ", ".join(o.same_as)} for o in grid],
        columns=["system", "output", "chrF++", "agreement", "MQM", "MQM marks", "same text as"])


def check_precision(verdicts: Iterable) -> pd.DataFrame:
    """Per check (evaluation.verdicts.CheckVerdicts): reviewers' verdicts and the precision they give."""
    return pd.DataFrame(
        [{"check": v.check, "confirmed": v.confirmed, "dismissed as false positive": v.dismissed,
          "no verdict": v.unjudged, "precision": v.precision} for v in verdicts],
        columns=["check", "confirmed", "dismissed as false positive", "no verdict", "precision"],
    )
