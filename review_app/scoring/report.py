"""Leaderboards, HTER and MQM tables as text, JSON, CSV and LaTeX (what the CLI prints)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..export.delimited import neutralise_formula
from .leaderboard import Cell, Leaderboard
from .mqm import SystemMqm

FORMATS = ("text", "json", "csv", "latex")
_METHOD_NAMES = {"bs": "paired bootstrap resampling", "ar": "paired approximate randomization"}


def _cell_text(cell: Cell, width: int) -> str:
    text = f"{cell.score:.{width}f}"
    if cell.ci is not None:
        text += f" ({cell.mean:.{width}f} ± {cell.ci:.{width}f})"
    if cell.p_value is not None:
        text += f" p={cell.p_value:.4f}{'*' if cell.significant else ''}"
    return text


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def leaderboard_text(board: Leaderboard, width: int = 1) -> str:
    with_ci = any(c.ci is not None for c in board.cells)
    header = ["system", *[f"{m} (μ ± 95% CI)" if with_ci else m for m in board.metrics]]
    rows = [[("baseline: " if s == board.baseline and board.method else "") + s,
             *[_cell_text(board.cell(s, m), max(width, board.decimals.get(m, 0))) for m in board.metrics]]
            for s in board.systems]
    notes = [f"{board.segments} segments."]
    if board.method:
        notes.append(f"{_METHOD_NAMES[board.method]} ({board.n_samples} samples) against {board.baseline}; "
                     "* = p < 0.05: the difference is unlikely to be chance (it does not say which is better).")
    notes += [f"{m}: {board.signatures[m]}" for m in board.metrics]
    return _table(header, rows) + "\n\n" + "\n".join(notes)


def leaderboard_json(board: Leaderboard) -> str:
    data = {
        "baseline": board.baseline, "method": board.method, "n_samples": board.n_samples,
        "segments": board.segments, "signatures": board.signatures,
        "systems": [{"system": s, **{m: _cell_dict(board.cell(s, m)) for m in board.metrics}} for s in board.systems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell_dict(cell: Cell) -> dict:
    return {"score": cell.score, "mean": cell.mean, "ci": cell.ci, "p_value": cell.p_value,
            "significant": cell.significant}


def leaderboard_csv(board: Leaderboard) -> str:
    out = io.StringIO()
    columns = ["system", "metric", "score", "mean", "ci", "ci_low", "ci_high", "p_value", "significant",
               "is_baseline", "signature"]
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in board.records():
        # System names come from the user (--sys NAME=FILE): never a formula in a spreadsheet.
        writer.writerow({k: "" if v is None else neutralise_formula(v) if isinstance(v, str) else v
                         for k, v in record.items()})
    return out.getvalue()


def _latex_escape(text: str) -> str:
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"),
                 ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\^{}")):
        text = text.replace(a, b)
    return text


def leaderboard_latex(board: Leaderboard, width: int = 1) -> str:
    """A booktabs table; significant differences from the baseline carry a dagger."""
    lines = [r"\begin{tabular}{l" + "r" * len(board.metrics) + "}", r"\toprule",
             "System & " + " & ".join(_latex_escape(m) for m in board.metrics) + r" \\", r"\midrule"]
    for s in board.systems:
        cells = []
        for m in board.metrics:
            c = board.cell(s, m)
            w = max(width, board.decimals.get(m, 0))
            text = f"{c.score:.{w}f}"
            if c.ci is not None:
                text += rf" {{\small $\pm$ {c.ci:.{w}f}}}"
            if c.significant:
                text += r"$^\dagger$"
            cells.append(text)
        lines.append(_latex_escape(s) + " & " + " & ".join(cells) + r" \\")
        if s == board.baseline and board.method:
            lines.append(r"\midrule")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if board.method:
        lines.append(f"% $^\\dagger$: p < 0.05 against {_latex_escape(board.baseline)} "
                     f"({_METHOD_NAMES[board.method]}, {board.n_samples} samples)")
    lines += [f"% {m}: {board.signatures[m]}" for m in board.metrics]
    return "\n".join(lines) + "\n"


def format_leaderboard(board: Leaderboard, fmt: str = "text", width: int = 1) -> str:
    if fmt == "json":
        return leaderboard_json(board) + "\n"
    if fmt == "csv":
        return leaderboard_csv(board)
    if fmt == "latex":
        return leaderboard_latex(board, width)
    return leaderboard_text(board, width) + "\n"


def mqm_text(table: Sequence[SystemMqm]) -> str:
    header = ["system", "MQM", "rated", "errors", "major", "minor", "neutral", "non-translation"]
    rows = [[s.system, f"{s.mqm:.3f}", s.rated, s.errors, s.major, s.minor, s.neutral, s.non_translation]
            for s in table]
    return _table(header, rows) + "\n\nMQM: mean error weight per rated segment and rater (lower is better); " \
        "Major 5, Minor 1, Minor Fluency/Punctuation 0.1, Non-translation 25, Neutral 0.\n"


__all__ = ["FORMATS", "format_leaderboard", "leaderboard_text", "leaderboard_json", "leaderboard_csv",
           "leaderboard_latex", "mqm_text"]
