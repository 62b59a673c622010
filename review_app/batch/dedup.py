"""Exact and near duplicates across the whole corpus, not per shard, in bounded memory per worker.

The export filter (:class:`review_app.export.filters.FilterPipeline`) keeps the first pair of
each normalised form and removes every later one: as ``duplicate`` when it is the same pair
exactly as the one kept, as ``near_duplicate`` otherwise. A batch gives the same answer on a
corpus no worker holds whole, by hash partitioning:

1. while checking a shard, each pair that passed the row filters gets two 128-bit keys (BLAKE2b
   of the exact pair, and of its normalised form: :func:`~review_app.export.filters.normalise`)
   and its corpus order; the keys go to the shard's key file, one row group per bucket
   (``near key % buckets``), so every copy of a pair lands in the same bucket, whichever shard;
2. one task per bucket reads that row group from every shard, sorts by (near key, order) and
   marks every pair after the first of its group (:func:`later_copies`);
3. each shard then reads the marks for its own rows (one row group per shard in every bucket's
   file) while writing its output.

A bucket holds about :data:`~review_app.batch.options.BUCKET_PAIRS` pairs at 40 bytes each, and
the number of buckets grows with the corpus, so a worker's memory does not.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..export.filters import normalise
from .layout import KEYS, LOSERS, OutputLayout
from .options import BatchOptions
from .worker import worker_stats

KEY_CHUNK = 200_000  # keys a shard holds before writing them: 40 bytes each, plus Python's list


def _digest(left: bytes, right: bytes) -> bytes:
    # Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
    return hashlib.blake2b(len(left).to_bytes(8, "little") + left + right, digest_size=16).digest()


class KeyCollector:
    """Duplicate keys of passing pairs, gathered until they are written (a chunk of a shard's key file)."""

    def __init__(self, near: bool):
        self.near = near
        self.clear()

    def clear(self) -> None:
        self.orders: list[int] = []
        self.near_keys = bytearray()
        self.exact_keys = bytearray()

    def __len__(self) -> int:
        return len(self.orders)

    def add(self, order: int, source: str | None, target: str) -> None:
        source = source or ""  # as the export filter's pair: (source or "", target)
        exact = _digest(source.encode("utf-8", "surrogatepass"), target.encode("utf-8", "surrogatepass"))
        self.orders.append(order)
        self.exact_keys += exact
        self.near_keys += _digest(normalise(source), normalise(target)) if self.near else exact

    def table(self, buckets: int) -> pa.Table:
        """The keys gathered, sorted by bucket."""
        near = np.frombuffer(bytes(self.near_keys), dtype="<u8").reshape(-1, 2)
        exact = np.frombuffer(bytes(self.exact_keys), dtype="<u8").reshape(-1, 2)
        bucket = (near[:, 0] % np.uint64(buckets)).astype(np.int32)
        by_bucket = np.argsort(bucket, kind="stable")
        columns = [bucket, np.asarray(self.orders, dtype=np.int64), near[:, 0], near[:, 1], exact[:, 0], exact[:, 1]]
        return pa.table([pa.array(c[by_bucket]) for c in columns], schema=KEYS)


@contextmanager
def key_file(place, buckets: int, near: bool) -> Iterator[Callable[[int, str | None, str], None]]:
    """``add(order, source, target)`` for one shard's passing pairs; written in chunks of
    :data:`KEY_CHUNK` keys (each with a row group per bucket), moved into place when the block ends."""
    keys = KeyCollector(near)
    with place.atomic_path() as path, pq.ParquetWriter(path, KEYS, filesystem=place.fs,
                                                       compression="zstd") as writer:
        def add(order: int, source: str | None, target: str) -> None:
            keys.add(order, source, target)
            if len(keys) >= KEY_CHUNK:
                write_groups(writer, keys.table(buckets), "bucket")
                keys.clear()

        yield add
        write_groups(writer, keys.table(buckets), "bucket")


def write_groups(writer: pq.ParquetWriter, table: pa.Table, column: str) -> None:
    """``table`` (sorted by ``column``) as one row group per value, so a reader filtering on a value
    reads only its own groups (Parquet row-group statistics)."""
    values = table.column(column).to_numpy()
    cuts = np.flatnonzero(np.diff(values)) + 1
    for start, end in zip(np.r_[0, cuts], np.r_[cuts, len(values)]):
        if end > start:
            writer.write_table(table.slice(start, end - start))


def write_grouped(table: pa.Table, column: str, place) -> None:
    """A whole file of :func:`write_groups`, written atomically."""
    with place.atomic_path() as path:
        with pq.ParquetWriter(path, table.schema, filesystem=place.fs, compression="zstd") as writer:
            write_groups(writer, table, column)


def later_copies(order, near_hi, near_lo, exact_hi, exact_lo, *, exact: bool, near: bool):
    """(orders, filter names) of the pairs that a copy earlier in the corpus order makes duplicates.

    Within a group of equal near keys the first in order is kept; a later one is a ``duplicate``
    if its exact key equals the kept pair's, else a ``near_duplicate`` (each only if that filter
    is on): the export filter's rule, applied to a bucket at once.
    """
    if not len(order):
        return np.empty(0, dtype=np.int64), []
    ranked = np.lexsort((order, near_lo, near_hi))
    order, near_hi, near_lo = order[ranked], near_hi[ranked], near_lo[ranked]
    exact_hi, exact_lo = exact_hi[ranked], exact_lo[ranked]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (near_hi[1:] != near_hi[:-1]) | (near_lo[1:] != near_lo[:-1])
    kept = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    same = (exact_hi == exact_hi[kept]) & (exact_lo == exact_lo[kept])
    removed = ~first & ((same & exact) | (~same & near))
    names = np.where(same[removed], "duplicate", "near_duplicate")
    later = order[removed]
    by_order = np.argsort(later, kind="stable")
    return later[by_order], names[by_order].tolist()


def dedup_bucket(job: dict, progress=None) -> dict:
    """Stage 2, one bucket: find its later copies across every checked shard and write them down."""
    options = BatchOptions.from_dict(job["options"])
    layout = OutputLayout(options.out)
    bucket, digest = job["bucket"], job["digest"]
    record = layout.losers_record(digest, bucket)
    done = record.read_json_if_present()
    if done is not None:
        return {**done, "skipped": True, **worker_stats()}
    parts = [_read_bucket(layout.keys(shard), bucket) for shard in job["shards"]]
    keys = pa.concat_tables(parts) if parts else KEYS.empty_table()
    columns = [keys.column(n).to_numpy() for n in ("order", "near_hi", "near_lo", "exact_hi", "exact_lo")]
    orders, names = later_copies(*columns, exact=options.filters.drop_duplicates,
                                 near=options.filters.drop_near_duplicates)
    losers = pa.table([pa.array((orders >> 32).astype(np.int32)), pa.array(orders), pa.array(names, pa.string())],
                      schema=LOSERS)
    write_grouped(losers, "shard", layout.losers(digest, bucket))
    summary = {"bucket": bucket, "pairs": keys.num_rows, "later_copies": losers.num_rows}
    record.write_json(summary)
    return {**summary, **worker_stats()}


def _read_bucket(place, bucket: int) -> pa.Table:
    return pq.read_table(place.path, filesystem=place.fs, filters=[("bucket", "=", bucket)])


def read_later_copies(layout: OutputLayout, digest: str, buckets: int, shard: int) -> pa.Table:
    """The marks every bucket made on one shard's rows."""
    parts = [pq.read_table(layout.losers(digest, b).path, filesystem=layout.root.fs, filters=[("shard", "=", shard)])
             for b in range(buckets)]
    return pa.concat_tables(parts) if parts else LOSERS.empty_table()


__all__ = ["KeyCollector", "key_file", "later_copies", "dedup_bucket", "read_later_copies", "write_grouped"]
