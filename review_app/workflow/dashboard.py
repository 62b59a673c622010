"""The Dashboard's tables for one project, read in one call: review progress per
document and reviewer, findings by check, stored scores, HTER, MQM, edits over time."""
from __future__ import annotations

import pandas as pd

from ..presentation import tables
from ..storage import Store
from .scoring import project_hter


def project_tables(store: Store, project: str) -> dict[str, pd.DataFrame]:
    corrections = store.corrections(project)
    hter = project_hter(store, project)
    return {
        "hter": tables.hter_by_document(hter),
        "hter_sentences": tables.hter_sentences(hter),
        "documents": tables.document_progress(store.list_documents(project)),
        "reviewers": tables.reviewer_progress(corrections),
        "edits": tables.edits_over_time(corrections),
        "findings": tables.findings_by_check(store.finding_counts(project)),
        "scores": tables.score_values(store.scores_for_project(project)),
        "mqm": tables.mqm_by_category(store.annotations_for_project(project)),
    }
