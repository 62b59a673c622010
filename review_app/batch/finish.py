"""Stage 3, one shard: mark the later copies the dedup buckets found, translate the kept pairs
(optional), and write the shard's kept and removed parts with a report fragment.

The checked rows stream through row group by row group, so a worker's memory does not grow
with the shard (a TMX or compressed file is one shard, however big); only the shard's marks
are held, as an array of 8-byte row numbers. The fragment holds the shard's counts and first
examples per filter; merged in shard order (:mod:`.report`) they give the report a
one-process export would give. A fragment names the dedup result it was made with, so a
rerun whose set of checked shards changed redoes it.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..export.filters import MAX_EXAMPLES, example
from ..export.rows import ExportRow
from ..scoring.risk import major_chance
from .dedup import read_later_copies
from .layout import OUTPUT_COLUMNS, REMOVED_COLUMNS, OutputLayout
from .options import BatchOptions
from .worker import worker_stats

KEPT_EXAMPLES = 10
BATCH_ROWS = 10_000
# (sources, targets, source language, target language) -> one candidate (or None) per pair
Translate = Callable[[list, list, "str | None", "str | None"], list]


def finish_shard(job: dict, progress=None, translate: Translate | None = None) -> dict:
    options = BatchOptions.from_dict(job["options"])
    layout = OutputLayout(options.out)
    shard, digest = job["shard"], job["digest"]
    record = layout.finished_record(shard)
    done = record.read_json_if_present()
    if done is not None and done.get("dedup") == digest:
        return {**done, "skipped": True, **worker_stats()}
    marks = _Marks(read_later_copies(layout, digest, job["buckets"], shard) if job["buckets"] else None)
    fragment = _Fragment(job)
    checked = layout.checked(shard)
    with ExitStack() as stack, checked.fs.open_input_file(checked.path) as stream:
        kept_out = _Output(stack, layout.part("kept", shard))
        removed_out = _Output(stack, layout.part("removed", shard))
        for batch in pq.ParquetFile(stream).iter_batches(batch_size=BATCH_ROWS):
            table = _with_input_lines(marks.apply(pa.Table.from_batches([batch])), job["input"], job["line_offset"])
            is_kept = pc.is_null(table.column("filter"))
            kept = table.filter(is_kept).select(list(OUTPUT_COLUMNS))
            if translate is not None:
                candidates = translate(kept.column("source").to_pylist(), kept.column("target").to_pylist(),
                                       job["source_lang"], job["target_lang"])
                kept = kept.append_column("candidate", pa.array(candidates, pa.string()))
            kept_out.write(kept)
            removed_out.write(table.filter(pc.invert(is_kept)).select(list(OUTPUT_COLUMNS + REMOVED_COLUMNS)))
            fragment.add(table, kept)
            if progress:
                progress(table.num_rows)
        kept_out.finish(_kept_schema(translate))
        removed_out.finish(_removed_schema())
    summary = {"shard": shard, "dedup": digest, **fragment.to_dict()}
    record.write_json(summary)
    return {**summary, **_worker(translate)}


class _Marks:
    """The later copies found in one shard: (row order, filter name), sorted by order."""

    def __init__(self, losers: pa.Table | None):
        if losers is None or not losers.num_rows:
            self.orders, self.names = np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
            return
        order = losers.column("order").to_numpy()
        by_order = np.argsort(order, kind="stable")
        self.orders = order[by_order]
        self.names = np.asarray(losers.column("filter").to_pylist(), dtype=object)[by_order]

    def apply(self, table: pa.Table) -> pa.Table:
        orders = table.column("order").to_numpy()  # increasing: rows were written in corpus order
        if not len(orders) or not len(self.orders):
            return table
        low, high = np.searchsorted(self.orders, [orders[0], orders[-1] + 1])
        if low == high:
            return table
        at = np.searchsorted(orders, self.orders[low:high])
        names = table.column("filter").to_pylist()
        for position, name in zip(at.tolist(), self.names[low:high].tolist()):
            assert names[position] is None, "a dedup key was made for a pair a row filter removed"
            names[position] = name
        return table.set_column(table.schema.get_field_index("filter"), "filter", pa.array(names, pa.string()))


class _Output:
    """One part file, written under a temporary name as batches come and moved into place at the end."""

    def __init__(self, stack: ExitStack, place):
        self.place, self.stack, self.writer = place, stack, None
        self.path = stack.enter_context(place.atomic_path())

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = self.stack.enter_context(
                pq.ParquetWriter(self.path, table.schema, filesystem=self.place.fs, compression="zstd"))
        if table.num_rows:
            self.writer.write_table(table)

    def finish(self, schema: pa.Schema) -> None:
        if self.writer is None:  # an empty shard still gets its (empty) part
            self.write(schema.empty_table())


def _kept_schema(translate) -> pa.Schema:
    from .layout import CHECKED

    fields = [pa.field("input", pa.dictionary(pa.int32(), pa.string()))] + [
        CHECKED.field(name) for name in OUTPUT_COLUMNS[1:]]
    return pa.schema(fields + ([pa.field("candidate", pa.string())] if translate else []))


def _removed_schema() -> pa.Schema:
    from .layout import CHECKED

    return pa.schema(list(_kept_schema(None)) + [CHECKED.field(name) for name in REMOVED_COLUMNS])


def _with_input_lines(table: pa.Table, name: str, offset: int | None) -> pa.Table:
    """Lines counted from the file's start (unknown, null, when an earlier shard of the file failed)."""
    line = table.column("line")
    line = pc.add(line, offset) if offset is not None else pa.nulls(table.num_rows, pa.int64())
    table = table.set_column(table.schema.get_field_index("line"), "line", line)
    return table.append_column("input", pa.array([name] * table.num_rows, pa.string()).dictionary_encode())


class _Fragment:
    """The shard's part of the report, gathered batch by batch."""

    def __init__(self, job: dict):
        self.job = job
        self.considered = self.exported = 0
        self.removed: dict[str, dict] = {}
        self.kept_examples: list[dict] = []
        self.findings: dict[str, int] = {}
        self.kept_findings: dict[str, int] = {}
        self.kept_risk: dict[str, int] = {}

    def add(self, table: pa.Table, kept: pa.Table) -> None:
        self.considered += table.num_rows
        self.exported += kept.num_rows
        filters = table.column("filter")
        for name in pc.unique(filters.drop_null()).to_pylist():
            where = np.flatnonzero(pc.equal(filters, name).to_numpy(zero_copy_only=False))
            removed = self.removed.setdefault(name, {"count": 0, "examples": []})
            removed["count"] += int(len(where))
            wanted = MAX_EXAMPLES - len(removed["examples"])
            if wanted > 0:
                removed["examples"] += _examples(table.take(where[:wanted]), self.job)
        wanted = KEPT_EXAMPLES - len(self.kept_examples)
        if wanted > 0:
            self.kept_examples += _examples(kept.slice(0, wanted), self.job)
        _add(self.findings, _checks_counted(table))
        _add(self.kept_findings, _checks_counted(kept))
        _add(self.kept_risk, _chance_deciles(kept.column("risk")))

    def to_dict(self) -> dict:
        return {"considered": self.considered, "exported": self.exported, "removed": self.removed,
                "kept_examples": self.kept_examples, "findings": self.findings,
                "kept_findings": self.kept_findings, "kept_risk": self.kept_risk}


def _examples(rows: pa.Table, job: dict) -> list[dict]:
    out = []
    for row in rows.to_pylist():
        line = row["line"]
        export_row = ExportRow(id=f"{job['input']}:{line if line is not None else '?'}", source=row["source"],
                               target=row["target"] or "", source_lang=None, target_lang=None,
                               document=job["input"], position=line if line is not None else -1)
        out.append(example(export_row, row.get("detail")))
    return out


def _checks_counted(table: pa.Table) -> dict[str, int]:
    findings = pc.list_flatten(table.column("findings"))
    return _value_counts(pc.struct_field(findings, "check")) if len(findings) else {}


def _chance_deciles(risks) -> dict[str, int]:
    """Kept pairs by their estimated chance of a Major error, in steps of 10%: "30" counts 30-39%."""
    counts: dict[str, int] = {}
    for risk in risks.to_pylist():
        decile = str(10 * min(int(10 * major_chance(risk)), 9))
        counts[decile] = counts.get(decile, 0) + 1
    return counts


def _value_counts(values) -> dict[str, int]:
    return {str(x["values"]): int(x["counts"]) for x in pc.value_counts(values).to_pylist()}


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for key, count in part.items():
        total[key] = total.get(key, 0) + count


def _worker(translate: Translate | None) -> dict:
    """Who finished the shard, and how many models that process holds (one, however many shards)."""
    worker = worker_stats()
    if translate is not None:
        from .translate import models_loaded

        worker["models_loaded"] = models_loaded()
    return worker


__all__ = ["finish_shard", "KEPT_EXAMPLES"]
