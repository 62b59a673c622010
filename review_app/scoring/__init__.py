"""Everything numeric in the app: sacrebleu metrics with signatures, HTER, MQM, leaderboards.

- ``metrics``: which sacrebleu metric, configured how for a target language.
- ``parallel``: per-segment statistics of many pairs on all cores.
- ``segments``: per-candidate scores of stored segments (``rescore_segment``, ``score_document``).
- ``hter``: MT against its post-edit, per segment, document and project.
- ``mqm``: MQM error weights, the WMT MQM TSV layout, import into and export from a project.
- ``leaderboard`` / ``resample``: corpus scores, 95% CIs and paired tests in bounded memory.
- ``project``: a stored project as a test set and its systems' leaderboard.
- ``report``: text, JSON, CSV and LaTeX renderings for the CLI.
- ``neural``: COMET-22, CometKiwi and MetricX-24 from local checkpoints (the ``neural`` extra);
  ``neural_store``: their use cases that read and write the Store.
"""
from __future__ import annotations

from .hter import HterResult, hter, project_hter
from .leaderboard import Cell, Leaderboard, leaderboard, where_systems_differ
from .metrics import DEFAULT_METRICS, METRIC_NAMES, parse_metrics, tokenizer_for
from .mqm import import_mqm, mqm_table, project_mqm_rows, read_mqm, write_mqm
from .project import TestSet, project_differences, project_leaderboard, project_test_set
from .segments import reference_in_force, rescore_segment, score_document

__all__ = [
    "rescore_segment", "score_document", "reference_in_force",
    "hter", "project_hter", "HterResult",
    "read_mqm", "write_mqm", "mqm_table", "import_mqm", "project_mqm_rows",
    "leaderboard", "Leaderboard", "Cell", "where_systems_differ",
    "project_test_set", "project_leaderboard", "project_differences", "TestSet",
    "parse_metrics", "tokenizer_for", "METRIC_NAMES", "DEFAULT_METRICS",
]
