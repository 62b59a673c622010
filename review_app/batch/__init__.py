"""Batch checking and cleaning of corpora bigger than one machine, with a sample routed to review.

``review-app batch INPUT... --out DIR`` reads TSV, JSONL, Parquet, TMX and Moses files (local
or object-store URLs), runs the quality checks on every pair, scores its risk, applies the
export filters (duplicates across the whole corpus included), optionally adds a model's
candidate translation, and writes ``DIR/kept/``, ``DIR/removed/`` and ``DIR/report.json``,
on worker processes (``local``) or a Ray cluster (``ray``) with the same result.

Layout: :mod:`.options` (the run's settings), :mod:`.files` (file systems, atomic writes),
:mod:`.plan` (inputs to shards), :mod:`.readers` (streaming pairs), the stages
:mod:`.check`, :mod:`.dedup`, :mod:`.finish` (and :mod:`.translate`), :mod:`.engines`,
:mod:`.report`, :mod:`.run` (the driver) and :mod:`.sample` (picking pairs for review).
Pure domain code: nothing here holds a Store; the review sample's import is the use case
:mod:`review_app.workflow.batch`. The risk score is the review queue's (:mod:`review_app.scoring.risk`).
"""
from __future__ import annotations

from .engines import ENGINES, LocalEngine, RayEngine, make_engine
from .options import BatchOptions, ModelSpec
from .run import BatchResult, run_batch

__all__ = ["BatchOptions", "ModelSpec", "BatchResult", "run_batch", "make_engine", "LocalEngine", "RayEngine",
           "ENGINES"]
