"""Stage 1, one shard: read its pairs, run the checks, score the risk, apply the row filters, and
write every pair with its findings (and the duplicate keys of the pairs that passed).

The checks see consecutive pairs as documents of ``block_pairs`` pairs (names and speakers are
read across a document), cut from the shard's start, so the findings do not depend on which
worker or engine ran the shard. The risk is the review queue's (:func:`review_app.scoring.risk.document_risks`),
scored per block as an import scores a document (the length norm is the block's). Row filters are the export's (:func:`~review_app.export.filters.row_checks`
for a Parquet export: excluded, no source, too short, length ratio, open findings), preceded
by ``unreadable`` for lines that could not be read.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack

import pyarrow as pa
import pyarrow.parquet as pq

from ..checks import run_checks
from ..errors import BadInputError
from ..export import WRITERS
from ..export.filters import row_checks
from ..export.rows import ExportRow
from ..model import DocumentDraft, Finding, SegmentDraft, risk_rank
from ..scoring.risk import document_risks
from .dedup import key_file
from .layout import CHECKED, OutputLayout
from .options import BatchOptions
from .plan import Shard
from .readers import Pair, read_pairs
from .worker import worker_stats

log = logging.getLogger(__name__)
Progress = Callable[[int], None]
ROW_GROUP = 10_000  # rows per row group of the checked file: what a worker holds before writing
UNREADABLE = "unreadable"
_ABOUT_REVIEWS = {"rejected", "not_approved", "not_reviewed"}  # a corpus pair has no reviewer's decision


def batch_row_checks(filters) -> list:
    """The export's row filters that apply to a corpus pair, in order (those about reviews left out)."""
    return [(name, check) for name, check in row_checks(filters, WRITERS["parquet"]) if name not in _ABOUT_REVIEWS]


def check_shard(job: dict, progress: Progress | None = None) -> dict:
    """Check one shard (skipped when a previous run finished it); a shard that cannot be read is
    reported in the returned record's ``failed``, one line naming the shard and place."""
    options = BatchOptions.from_dict(job["options"])
    shard = Shard.from_dict(job["shard"])
    layout = OutputLayout(options.out)
    record = layout.checked_record(shard.index)
    done = record.read_json_if_present()
    if done is not None:
        return {**done, "skipped": True, **worker_stats()}
    try:
        summary = _check(shard, options, job["buckets"], layout, progress or (lambda n: None))
    except Exception as exc:  # noqa: BLE001 -- a bad shard is reported and the others go on
        return {"shard": shard.index, "input": shard.name, "failed": failure(shard, exc), **worker_stats()}
    record.write_json(summary)
    return {**summary, **worker_stats()}


def failure(shard: Shard, exc: Exception) -> str:
    if isinstance(exc, BadInputError):  # its message names the file and place already
        return f"shard {shard.index}: {exc}" if str(exc).startswith(shard.name) else f"{shard.where}: {exc}"
    log.warning("shard %s failed", shard.where, exc_info=exc)
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{shard.where}: {type(exc).__name__}: {reason}"


def _check(shard: Shard, options: BatchOptions, buckets: int, layout: OutputLayout, progress: Progress) -> dict:
    facts: dict = {}
    filters = batch_row_checks(options.filters)
    place = layout.checked(shard.index)
    pairs = count = 0
    with ExitStack() as stack:
        path = stack.enter_context(place.atomic_path())
        writer = stack.enter_context(pq.ParquetWriter(path, CHECKED, filesystem=place.fs, compression="zstd"))
        near = options.filters.drop_near_duplicates
        add_key = stack.enter_context(key_file(layout.keys(shard.index), buckets, near)) if options.dedup else None
        rows = _Rows()
        for block in _blocks(read_pairs(shard, facts), options.block_pairs):
            for pair, (findings, risk) in zip(block, _findings(block, shard, options, facts)):
                order = (shard.index << 32) + count
                name, detail = _filtered(pair, findings, filters)
                rows.add(order, pair, findings, risk, name, detail)
                if name is None and add_key is not None:
                    add_key(order, pair.source, pair.target)
                count += 1
            pairs += len(block)
            progress(len(block))
            if len(rows) >= ROW_GROUP:
                writer.write_table(rows.table())
        writer.write_table(rows.table())
    return {"shard": shard.index, "input": shard.name, "pairs": pairs, "lines": facts.get("lines", 0),
            "source_lang": facts.get("source") or shard.source_lang,
            "target_lang": facts.get("target") or shard.target_lang}


def _blocks(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    block: list[Pair] = []
    for pair in pairs:
        block.append(pair)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block


def _findings(block: list[Pair], shard: Shard, options: BatchOptions,
              facts: dict) -> list[tuple[list[Finding], float | None]]:
    """Each pair's findings and risk score (None for a line that could not be read)."""
    readable = [i for i, p in enumerate(block) if p.problem is None]
    found: list[tuple[list[Finding], float | None]] = [([], None) for _ in block]
    if not readable:
        return found
    segments = tuple(
        SegmentDraft(mt=block[i].target or "", source=block[i].source, excluded=block[i].excluded is not None,
                     exclusion_reason=block[i].excluded)
        for i in readable
    )
    document = DocumentDraft(name=shard.name, format=shard.format, segments=segments,
                             source_lang=facts.get("source") or shard.source_lang,
                             target_lang=facts.get("target") or shard.target_lang or "en")
    findings = run_checks(document, names=options.checks)
    risks = document_risks([(s.source, s.mt) for s in segments], findings)
    for i, pair_findings, risk in zip(readable, findings, risks):
        found[i] = (pair_findings, risk)
    return found


def _filtered(pair: Pair, findings: list[Finding], filters) -> tuple[str | None, str | None]:
    """The first row filter that removes the pair, and why (None, None when it passes)."""
    if pair.problem is not None:
        return UNREADABLE, pair.problem
    row = ExportRow(id="", source=pair.source, target=pair.target or "", source_lang=None, target_lang=None,
                    findings=tuple(f"{f.check}:{f.severity.value}" for f in findings), risk=risk_rank(findings),
                    excluded=pair.excluded)
    for name, check in filters:
        detail = check(row)
        if detail:
            return name, detail if isinstance(detail, str) else None
    return None, None


class _Rows:
    """Checked rows gathered column by column until a row group is full."""

    def __init__(self):
        self.columns: dict[str, list] = {name: [] for name in CHECKED.names}

    def __len__(self) -> int:
        return len(self.columns["order"])

    def add(self, order: int, pair: Pair, findings: list[Finding], risk: float | None, name: str | None,
            detail: str | None) -> None:
        c = self.columns
        c["order"].append(order)
        c["line"].append(pair.line)
        c["source"].append(pair.source)
        c["target"].append(pair.target)
        c["findings"].append([_finding_record(f) for f in findings])
        c["risk"].append(risk)
        c["filter"].append(name)
        c["detail"].append(detail)

    def table(self) -> pa.Table:
        table = pa.table(self.columns, schema=CHECKED)
        self.columns = {name: [] for name in CHECKED.names}
        return table


def _finding_record(f: Finding) -> dict:
    return {"check": f.check, "severity": f.severity.value, "start": f.start, "end": f.end, "message": f.message,
            "suggestion": f.suggestion, "confidence": f.confidence, "side": f.side}


__all__ = ["check_shard", "batch_row_checks", "failure", "UNREADABLE"]
