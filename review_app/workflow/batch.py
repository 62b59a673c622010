"""The one step of a batch that touches the review database: import a sample of the kept pairs
into a review project, with the findings the batch found on them, so reviewers see them in the
browser (and their corrections export through the usual path).

It goes through the import use case (:func:`review_app.workflow.importing.store_document`), handing
it the batch's findings and risk scores instead of re-running the checks: one document per input file, its
segments in the file's order, each segment's ``external_id`` the line it came from. A model's
candidate, where the run made one, is stored as that system's candidate. Importing the same
sample again is recognised and adds nothing.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from itertools import groupby
from pathlib import PurePosixPath

from ..batch.layout import OutputLayout
from ..batch.sample import SampledPair, pick_sample
from ..model import ORIGIN_MODEL, Candidate, Document, DocumentDraft, Finding, SegmentDraft, Severity
from . import open_store
from .importing import store_document


def import_review_sample(out: str, n: int, *, project: str, db: str | None = None,
                         how: str = "riskiest") -> list[tuple[Document, bool]]:
    """Pick ``n`` kept pairs of the finished run in ``out`` and import them into ``project``.

    Returns (document, created) per input file the sample touches.
    """
    report = OutputLayout(out).report.read_json()
    languages = {i["input"]: (i["source_lang"], i["target_lang"]) for i in report["inputs"]}
    system = (report.get("candidates") or {}).get("system")
    pairs = pick_sample(out, n, how)
    store = open_store(db)
    return [_import_input(store, project, name, list(group), languages.get(name, (None, None)), how, system)
            for name, group in groupby(pairs, key=lambda p: p.input)]


def _import_input(store, project: str, name: str, pairs: Sequence[SampledPair], languages, how: str,
                  system: str | None) -> tuple[Document, bool]:
    source_lang, target_lang = languages
    draft = DocumentDraft(
        name=f"{PurePosixPath(name).name} (batch sample, {how})",
        format="batch",
        segments=tuple(SegmentDraft(mt=p.target, source=p.source, paragraph=i,
                                    external_id=str(p.line) if p.line is not None else None)
                       for i, p in enumerate(pairs)),
        source_lang=source_lang,
        target_lang=target_lang or "en",
        meta={"batch": {"input": name, "sample": how, "strata": [p.stratum for p in pairs] if how == "stratified"
                        else None}},
    )
    findings = [[_finding(f) for f in p.findings] for p in pairs]
    digest = hashlib.sha256(json.dumps([[p.input, p.line, p.source, p.target, list(p.findings)] for p in pairs],
                                       ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    document, created = store_document(store, project, draft, digest, findings=findings,
                                       risks=[p.risk for p in pairs])
    if created and system and any(p.candidate for p in pairs):
        segments = list(store.iter_segments(document.id))
        store.add_candidates([Candidate(segment.id, ORIGIN_MODEL, p.candidate, system, {"batch": name})
                              for segment, p in zip(segments, pairs) if p.candidate])
    return document, created


def _finding(record: dict) -> Finding:
    return Finding(check=record["check"], severity=Severity(record["severity"]), start=record["start"],
                   end=record["end"], message=record["message"], suggestion=record["suggestion"],
                   confidence=record["confidence"], side=record["side"])


__all__ = ["import_review_sample"]
