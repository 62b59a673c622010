"""Which kept pairs go to human review: the riskiest first, or a sample stratified by check.

Reads the kept parts of a finished run in one pass and holds only the pairs it may pick
(``n`` per stratum at most), so the corpus size does not matter.

- ``riskiest``: highest risk score first (the review queue's order), ties in corpus order;
- ``stratified``: one stratum per check that fired on a kept pair, plus ``none`` for pairs
  without findings (what the checks miss is worth measuring too), taken in turn; within a
  stratum the order is a hash of the pair: a fixed pseudo-random sample, the same on every run.
"""
from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow.parquet as pq

from ..errors import BadInputError
from .layout import OutputLayout

HOW = ("riskiest", "stratified")
NO_FINDINGS = "none"


@dataclass(frozen=True)
class SampledPair:
    input: str
    line: int | None
    source: str | None
    target: str
    findings: tuple[dict, ...]
    risk: float  # scoring.risk's score: higher = review sooner
    candidate: str | None = None
    stratum: str | None = None


def pick_sample(out: str, n: int, how: str = "riskiest") -> list[SampledPair]:
    """``n`` kept pairs of the run in ``out``, in (input, line) order."""
    if how not in HOW:
        raise BadInputError(f"unknown sample {how!r} (known: {', '.join(HOW)})")
    layout = OutputLayout(out)
    report = layout.report.read_json_if_present()
    if report is None:
        raise BadInputError(f"{out}: no report.json: the batch run has not finished")
    rows = _kept_rows(layout, report["outputs"])
    picked = _riskiest(rows, n) if how == "riskiest" else _stratified(rows, n)
    return sorted(picked, key=lambda p: (p.input, p.line if p.line is not None else -1))


def _kept_rows(layout: OutputLayout, parts: list[str]) -> Iterator[tuple[tuple, SampledPair]]:
    """(corpus order, pair) of every kept pair."""
    for part_number, relative in enumerate(parts):
        place = layout.root.join(*relative.split("/"))
        with place.fs.open_input_file(place.path) as stream:
            row_number = 0
            for batch in pq.ParquetFile(stream).iter_batches(batch_size=10_000):
                for row in batch.to_pylist():
                    yield (part_number, row_number), SampledPair(
                        input=row["input"], line=row["line"], source=row["source"], target=row["target"],
                        findings=tuple(row["findings"]), risk=row["risk"], candidate=row.get("candidate"))
                    row_number += 1


def _riskiest(rows, n: int) -> list[SampledPair]:
    best = heapq.nsmallest(n, rows, key=lambda item: (-item[1].risk, item[0]))
    return [pair for _, pair in best]


def _stratified(rows, n: int) -> list[SampledPair]:
    strata: dict[str, list] = {}
    for order, pair in rows:
        key = hashlib.blake2b(f"{pair.source}\x00{pair.target}".encode("utf-8", "surrogatepass"),
                              digest_size=8).digest()
        for name in {f["check"] for f in pair.findings} or {NO_FINDINGS}:
            heap = strata.setdefault(name, [])
            # A bounded max-heap on the key: the n smallest keys of the stratum stay.
            heapq.heappush(heap, (_negate(key), order, pair))
            if len(heap) > n:
                heapq.heappop(heap)
    queues = {name: [p for _, _, p in sorted(heap, key=lambda e: (_negate(e[0]), e[1]))]
              for name, heap in strata.items()}
    names = sorted(q for q in queues if q != NO_FINDINGS) + ([NO_FINDINGS] if NO_FINDINGS in queues else [])
    chosen: dict[tuple, SampledPair] = {}
    while len(chosen) < n and any(queues[name] for name in names):
        for name in names:
            while queues[name]:
                pair = queues[name].pop(0)
                identity = (pair.input, pair.line, pair.source, pair.target)
                if identity not in chosen:
                    chosen[identity] = SampledPair(**{**pair.__dict__, "stratum": name})
                    break
            if len(chosen) >= n:
                break
    return list(chosen.values())


def _negate(key: bytes) -> bytes:
    return bytes(255 - b for b in key)


__all__ = ["pick_sample", "SampledPair", "HOW"]
