"""Quality checks. Each check is a small class registered in CHECKS by name;
run_checks() runs them all over a document and returns findings per segment.

(The checks themselves arrive with the checks issue; this module fixes the
interface that import and the CLI call.)"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import DocumentDraft, Finding

CHECKS: dict[str, type] = {}


def run_checks(document: DocumentDraft, glossary: Sequence[dict] | None = None) -> list[list[Finding]]:
    """Findings for each segment of ``document``, in segment order."""
    return [[] for _ in document.segments]
