"""The tables behind the Dashboard's and the Models page's charts, computed from records.

Pure functions from model records to pandas DataFrames (no Streamlit, no SQL),
so every number a chart shows is unit-tested.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..model import Annotation, Correction, DocumentSummary, Score, Segment
from ..scoring.mqm import weight as mqm_weight


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


def versus_baseline(cell: dict) -> str:
    """The paired test's line for a table: "baseline", "p = 0.0010 *" (* = p < 0.05), or "" without a test."""
    if cell["is_baseline"]:
        return "baseline"
    if cell["p_value"] is None:
        return ""
    return f"p = {cell['p_value']:.4f}" + (" *" if cell["significant"] else "")


def significance_outcome(cell: dict) -> str:
    """The paired test's outcome as a category, for a chart's colours."""
    if cell["is_baseline"]:
        return "baseline"
    if cell["significant"] is None:
        return "no test"
    return "differs (p < 0.05)" if cell["significant"] else "no significant difference"


def leaderboard_table(board) -> pd.DataFrame:
    """A scoring.Leaderboard in long form (one row per system and metric) with the test's outcome."""
    frame = pd.DataFrame(board.records())
    frame["vs baseline"] = [versus_baseline(c) for c in frame.to_dict("records")]
    frame["outcome"] = [significance_outcome(c) for c in frame.to_dict("records")]
    return frame


def check_precision(verdicts: Iterable) -> pd.DataFrame:
    """Per check (evaluation.verdicts.CheckVerdicts): reviewers' verdicts and the precision they give."""
    return pd.DataFrame(
        [{"check": v.check, "confirmed": v.confirmed, "dismissed as false positive": v.dismissed,
          "no verdict": v.unjudged, "precision": v.precision} for v in verdicts],
        columns=["check", "confirmed", "dismissed as false positive", "no verdict", "precision"],
    )
