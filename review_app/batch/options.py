"""What a batch run is asked to do: inputs, output, stages and their settings, as one plain record.

The record travels to every worker (as JSON, so a Ray node needs nothing but the package),
and its fingerprint guards an output folder: a rerun into the same folder resumes only a
run with the same inputs and settings.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

from ..export.filters import ExportFilters
from ..model import Severity

SHARD_BYTES = 16 << 20  # a TSV/JSONL/Moses shard: about 100,000 news sentence pairs
SHARD_ROWS = 100_000  # a Parquet or Moses shard, in rows or lines
BLOCK_PAIRS = 100  # consecutive pairs the checks see as one document (names, speakers, context)
BUCKET_PAIRS = 1_000_000  # pairs per duplicate-detection bucket: its memory is about 100 bytes a pair


@dataclass(frozen=True)
class ModelSpec:
    """Optional candidate translation of the kept pairs (see :mod:`review_app.candidates`)."""

    model: str
    backend: str = "transformers"
    system: str | None = None
    options: dict = field(default_factory=dict)  # backend options (nbest, beam_size, device, ...)


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    out: str
    checks: tuple[str, ...] | None = None  # None: every check
    source_lang: str | None = None
    target_lang: str | None = None
    filters: ExportFilters = ExportFilters()
    shard_bytes: int = SHARD_BYTES
    shard_rows: int = SHARD_ROWS
    block_pairs: int = BLOCK_PAIRS
    buckets: int | None = None  # None: one per BUCKET_PAIRS pairs of the corpus
    model: ModelSpec | None = None

    @property
    def dedup(self) -> bool:
        return self.filters.drop_duplicates or self.filters.drop_near_duplicates

    def to_dict(self) -> dict:
        data = asdict(self)
        data["filters"] = self.filters.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "BatchOptions":
        data = dict(data)
        filters = dict(data["filters"])
        filters["drop_severity"] = Severity(filters["drop_severity"]) if filters["drop_severity"] else None
        data["filters"] = ExportFilters(**filters)
        data["inputs"] = tuple(data["inputs"])
        data["checks"] = tuple(data["checks"]) if data["checks"] is not None else None
        data["model"] = ModelSpec(**data["model"]) if data["model"] else None
        return cls(**data)

    def fingerprint(self, inputs: list[dict]) -> str:
        """What makes two runs the same run: the input files as they are now, and every setting
        that changes a result (not the output folder, engine or worker count)."""
        settings = replace(self, out="").to_dict()
        text = json.dumps({"inputs": inputs, "settings": settings}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


__all__ = ["BatchOptions", "ModelSpec", "SHARD_BYTES", "SHARD_ROWS", "BLOCK_PAIRS", "BUCKET_PAIRS"]
