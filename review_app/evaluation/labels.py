"""Precision and recall of the checks on a labelled file (``review-app check --eval LABELS``).

A labels file is TSV with a header ``doc  text  expect  speaker  note``: one row
per segment, documents in reading order. ``expect`` lists the checks that should
fire on the segment (comma-separated, empty for none); ``speaker`` is a regular
expression the repair of an attribution finding must match ("State Department").
A comment line ``# checks: attribution`` names the checks the file labels
completely; only those are scored (default: every check named in ``expect``).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..checks import CHECKS, run_checks
from ..errors import BadInputError
from ..model import DocumentDraft, Finding, SegmentDraft

COLUMNS = ("doc", "text", "expect", "speaker", "note")


@dataclass
class LabelledSegment:
    doc: str
    text: str
    expect: frozenset[str]
    speaker: str | None
    line: int


@dataclass
class CheckScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    repairs_right: int = 0
    repairs_judged: int = 0
    errors: list[str] = field(default_factory=list)  # "FP line 12: ..." for the report

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_labels(name: str, data: bytes) -> tuple[list[LabelledSegment], list[str]]:
    """The labelled segments and the checks they label."""
    text = data.decode("utf-8-sig")
    declared: list[str] = []
    rows: list[LabelledSegment] = []
    header: list[str] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*checks:\s*(.+)", line)
            declared += [c.strip() for c in m.group(1).split(",")] if m else []
            continue
        fields = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [f.strip() for f in fields]
            if "text" not in header or "expect" not in header:
                raise BadInputError(f"{name}: line {number}: header must name the columns {', '.join(COLUMNS)}")
            continue
        if len(fields) != len(header):
            raise BadInputError(f"{name}: line {number}: {len(fields)} fields but the header has {len(header)}")
        row = dict(zip(header, fields))
        expect = frozenset(c.strip() for c in row["expect"].split(",") if c.strip())
        unknown = expect - set(CHECKS)
        if unknown:
            raise BadInputError(f"{name}: line {number}: unknown check {', '.join(sorted(unknown))}")
        rows.append(LabelledSegment(row.get("doc", ""), row["text"], expect, row.get("speaker") or None, number))
    if header is None:
        raise BadInputError(f"{name}: no header row")
    checks = declared or sorted({c for r in rows for c in r.expect})
    return rows, checks


def evaluate(rows: Sequence[LabelledSegment], checks: Sequence[str]) -> dict[str, CheckScore]:
    scores = {c: CheckScore() for c in checks}
    for doc_rows in _documents(rows):
        draft = DocumentDraft(name=doc_rows[0].doc, format="labels",
                              segments=tuple(SegmentDraft(mt=r.text) for r in doc_rows))
        for row, findings in zip(doc_rows, run_checks(draft, names=checks)):
            for check in checks:
                _score_one(scores[check], check, row, [f for f in findings if f.check == check])
    return scores


def _documents(rows: Sequence[LabelledSegment]) -> list[list[LabelledSegment]]:
    docs: list[list[LabelledSegment]] = []
    for row in rows:
        if not docs or docs[-1][0].doc != row.doc:
            docs.append([])
        docs[-1].append(row)
    return docs


def _score_one(score: CheckScore, check: str, row: LabelledSegment, found: list[Finding]) -> None:
    expected = check in row.expect
    if found and expected:
        score.tp += 1
        if row.speaker:
            score.repairs_judged += 1
            if any(f.suggestion and re.search(row.speaker, f.suggestion, re.IGNORECASE) for f in found):
                score.repairs_right += 1
            else:
                score.errors.append(f"wrong repair, line {row.line}: {found[0].suggestion}")
    elif found:
        score.fp += 1
        score.errors.append(f"false alarm, line {row.line}: {found[0].message} | {row.text[:120]}")
    elif expected:
        score.fn += 1
        score.errors.append(f"missed, line {row.line}: {row.text[:120]}")


def report(scores: dict[str, CheckScore], verbose: bool = False) -> str:
    lines = []
    for check, s in scores.items():
        repairs = f"; right speaker in {s.repairs_right}/{s.repairs_judged} repairs" if s.repairs_judged else ""
        lines.append(f"{check}: precision {s.precision:.3f} ({s.tp}/{s.tp + s.fp}), "
                     f"recall {s.recall:.3f} ({s.tp}/{s.tp + s.fn}){repairs}")
        if verbose:
            lines += [f"  {e}" for e in s.errors]
    return "\n".join(lines)
