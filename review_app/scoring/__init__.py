"""Everything numeric in the app: sacrebleu metrics with signatures, HTER, MQM, leaderboards.

Pure functions of texts and records (the stored projects are read by ``workflow.scoring``):

- ``metrics``: which sacrebleu metric, configured how for a target language.
- ``parallel``: per-segment statistics of many pairs on all cores.
- ``segments``: per-candidate scores of a segment against its reference in force.
- ``hter``: MT against its post-edit, per segment and document.
- ``mqm``: MQM error weights, the WMT MQM TSV layout, releases as documents and back.
- ``leaderboard`` / ``resample``: corpus scores, 95% CIs and paired tests in bounded memory.
- ``project``: a project's documents as a test set, its systems ranked and compared.
- ``report``: text, JSON, CSV and LaTeX renderings for the CLI.
- ``neural``: COMET-22, CometKiwi and MetricX-24 from local checkpoints (the ``neural`` extra;
  ``workflow.neural`` scores stored projects with them).
"""
from __future__ import annotations

from .hter import HterResult, hter
from .leaderboard import Cell, Leaderboard, leaderboard, where_systems_differ
from .metrics import DEFAULT_METRICS, METRIC_NAMES, parse_metrics, tokenizer_for
from .mqm import mqm_table, read_mqm, write_mqm
from .project import MT_SYSTEM, TestSet

__all__ = [
    "hter", "HterResult",
    "read_mqm", "write_mqm", "mqm_table",
    "leaderboard", "Leaderboard", "Cell", "where_systems_differ",
    "TestSet", "MT_SYSTEM",
    "parse_metrics", "tokenizer_for", "METRIC_NAMES", "DEFAULT_METRICS",
]
