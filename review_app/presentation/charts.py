"""The Models page's charts as Altair specifications (no Streamlit): what they encode is unit-tested.

Leaderboard: one panel per metric, systems in the ranking's order, each a point at its score
with its 95% interval as a bar; the x axis spans the data (BLEU 27.5-30.4 fills the panel
instead of shrinking into dots beside a zero), and the colour says what the paired test found:
green better, red worse, grey for no significant difference, dark for the baseline.
"""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from ..scoring.ranking import BASELINE, BETTER, NO_DIFFERENCE, NOT_TESTED, WORSE

DIRECTION_COLOURS = {
    BASELINE: "#1f2937",
    BETTER: "#15803d",
    WORSE: "#b91c1c",
    NO_DIFFERENCE: "#9ca3af",  # neutral: nothing was found, so nothing should look alarming
    NOT_TESTED: "#93c5fd",
}
_CHART_WIDTH = 840  # the panels share it, so three metrics fit beside their system labels
_ROW_HEIGHT = 26


def fitted_domain(frame: pd.DataFrame, pad: float = 0.08) -> list[float]:
    """The x range of a metric's panel: its lowest to highest value (scores and interval ends)
    with a margin, never stretched to zero."""
    values = pd.concat([frame[c] for c in ("score", "ci_low", "ci_high") if c in frame]).dropna()
    low, high = float(values.min()), float(values.max())
    margin = (high - low) * pad or max(abs(high) * 0.01, 0.01)
    return [low - margin, high + margin]


def leaderboard_chart(frame: pd.DataFrame, order: Sequence[str]) -> alt.HConcatChart:
    """``frame``: ``tables.leaderboard_table`` (long form with direction); ``order``: systems top to bottom."""
    present = [d for d in DIRECTION_COLOURS if d in set(frame["direction"])]
    colour = alt.Color("direction:N", title="vs baseline (paired test, p < 0.05)",
                       scale=alt.Scale(domain=present, range=[DIRECTION_COLOURS[d] for d in present]),
                       legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=0, titleLimit=0,
                                         columns=len(present)))
    panels = []
    metrics = list(dict.fromkeys(frame["metric"]))
    width = max(180, min(320, _CHART_WIDTH // len(metrics)))
    for metric in metrics:
        data = frame[frame["metric"] == metric]
        scale = alt.Scale(domain=fitted_domain(data), zero=False, nice=False)
        y = alt.Y("system:N", sort=list(order), title=None, axis=alt.Axis(labelLimit=0))
        base = alt.Chart(data).encode(y=y)
        bars = base.mark_rule(strokeWidth=3, opacity=0.7).encode(
            x=alt.X("ci_low:Q", scale=scale, title=metric), x2="ci_high:Q", color=colour)
        points = base.mark_point(filled=True, size=90).encode(
            x=alt.X("score:Q", scale=scale, title=metric), color=colour,
            tooltip=["system", "metric", alt.Tooltip("score:Q", format=".2f"), alt.Tooltip("ci_low:Q", format=".2f"),
                     alt.Tooltip("ci_high:Q", format=".2f"), "vs baseline"])
        panels.append((bars + points).properties(width=width, height=_ROW_HEIGHT * len(order)))
    return alt.hconcat(*panels).resolve_scale(x="independent")


def ranking_comparison_chart(table: pd.DataFrame, metrics: Sequence[str]) -> alt.Chart:
    """Each metric's rank of each system against its MQM rank (``tables.metric_vs_mqm_table``):
    points on the diagonal are systems the metric places where the humans do."""
    long = pd.concat([pd.DataFrame({"system": table["system"], "MQM rank": table["MQM rank"],
                                    "metric rank": table[f"{m} rank"], "metric": m}) for m in metrics])
    n = int(table["MQM rank"].max())
    axis = alt.Scale(domain=[0.5, n + 0.5], reverse=True)
    return alt.Chart(long).mark_circle(size=80).encode(
        x=alt.X("MQM rank:Q", scale=axis), y=alt.Y("metric rank:Q", scale=axis),
        color=alt.Color("metric:N", legend=alt.Legend(orient="bottom", labelLimit=0)),
        tooltip=["system", "metric", "MQM rank", "metric rank"],
    ).properties(width=320, height=320)


__all__ = ["leaderboard_chart", "ranking_comparison_chart", "fitted_domain", "DIRECTION_COLOURS"]
