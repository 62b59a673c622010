"""The output folder of a batch run, and the Arrow schemas of what goes in it.

    DIR/kept/part-NNNNN.parquet      the pairs that passed, one file per shard
    DIR/removed/part-NNNNN.parquet   the pairs a filter removed, with the filter and why
    DIR/report.json                  what each filter removed (the shape ``review-app export`` writes)
    DIR/run.json                     how this run went: engine, workers, time, memory, resumed shards
    DIR/.work/                       per-stage results that let a rerun skip finished work;
                                     deleted once a run completes without failed shards

Every file is written under a temporary name and moved into place when complete
(:meth:`~review_app.batch.files.Location.atomic_path`), and a stage's small JSON record is
written last, so its presence means the stage's files for that shard are whole.
"""
from __future__ import annotations

import pyarrow as pa

from .files import Location, locate

FINDING = pa.struct([
    ("check", pa.string()), ("severity", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("message", pa.string()), ("suggestion", pa.string()), ("confidence", pa.float64()), ("side", pa.string()),
])
# One row per pair read: ``order`` is (shard << 32) + the row's place in the shard, the corpus order
# that decides which copy of a duplicate comes first; ``line`` counts from the shard's start; ``risk``
# is the review queue's risk score (scoring.risk: higher = review sooner; null for an unreadable line).
CHECKED = pa.schema([
    ("order", pa.int64()), ("line", pa.int64()), ("source", pa.string()), ("target", pa.string()),
    ("findings", pa.list_(FINDING)), ("risk", pa.float64()), ("filter", pa.string()), ("detail", pa.string()),
])
# Duplicate keys of the pairs that passed the row filters: 128-bit hashes of the exact pair and of
# its normalised form, one row group per bucket (bucket = near_hi % buckets).
KEYS = pa.schema([
    ("bucket", pa.int32()), ("order", pa.int64()), ("near_hi", pa.uint64()), ("near_lo", pa.uint64()),
    ("exact_hi", pa.uint64()), ("exact_lo", pa.uint64()),
])
# What a bucket found: the later copies, one row group per shard.
LOSERS = pa.schema([("shard", pa.int32()), ("order", pa.int64()), ("filter", pa.string())])
OUTPUT_COLUMNS = ("input", "line", "source", "target", "findings", "risk")
REMOVED_COLUMNS = ("filter", "detail")


class OutputLayout:
    def __init__(self, out: str):
        self.root = locate(out)
        self.work = self.root.join(".work")

    def part(self, kind: str, shard: int) -> Location:
        """``kept`` or ``removed`` part of a shard."""
        return self.root.join(kind, f"part-{shard:05d}.parquet")

    def checked(self, shard: int) -> Location:
        return self.work.join("checked", f"{shard:05d}.parquet")

    def checked_record(self, shard: int) -> Location:
        return self.work.join("checked", f"{shard:05d}.json")

    def keys(self, shard: int) -> Location:
        return self.work.join("keys", f"{shard:05d}.parquet")

    def losers(self, digest: str, bucket: int) -> Location:
        return self.work.join("dedup", digest, f"{bucket:05d}.parquet")

    def losers_record(self, digest: str, bucket: int) -> Location:
        return self.work.join("dedup", digest, f"{bucket:05d}.json")

    def finished_record(self, shard: int) -> Location:
        return self.work.join("finished", f"{shard:05d}.json")

    @property
    def plan(self) -> Location:
        return self.work.join("plan.json")

    @property
    def report(self) -> Location:
        return self.root.join("report.json")

    @property
    def run(self) -> Location:
        return self.root.join("run.json")

    def make_dirs(self) -> None:
        for folder in (self.root.join("kept"), self.root.join("removed"), self.work.join("checked"),
                       self.work.join("keys"), self.work.join("dedup"), self.work.join("finished")):
            folder.make_dirs()


__all__ = ["OutputLayout", "FINDING", "CHECKED", "KEYS", "LOSERS", "OUTPUT_COLUMNS", "REMOVED_COLUMNS"]
