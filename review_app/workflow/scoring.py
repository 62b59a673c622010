"""Scoring stored projects: candidates rescored when a reference changes, a project's
systems on its own test set, HTER of the reviewers' corrections, and MQM releases
imported into and exported from a project."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..errors import BadInputError
from ..model import ORIGIN_MT, ORIGIN_SYSTEM, Annotation, Candidate, Document, Score, Segment
from ..scoring.comparison import SystemOutput, segment_grid
from ..scoring.hter import DocumentHter, document_hter
from ..scoring.leaderboard import Leaderboard
from ..scoring.metrics import DEFAULT_METRICS
from ..scoring.mqm import MqmDocument, MqmRow, annotation_row, mqm_documents, row_annotation
from ..scoring.parallel import sentence_scores
from ..scoring.project import (
    MT_SYSTEM,
    DocumentParts,
    TestSet,
    build_test_set,
    candidate_systems,
    differences_from_scores,
    offered_systems,
    rank_systems,
    system_differences,
)
from ..scoring.ranking import ACCEPTABLE_CHRF_DISTANCE, Skipped, worth_a_look
from ..scoring.segments import candidate_scores, reference_in_force, values_by_candidate
from ..storage import Store
from .risk import refresh_risk

# -- candidate scores -------------------------------------------------------------------------


def rescore_segment(store: Store, segment_id: int, metrics: Sequence[str] = DEFAULT_METRICS) -> list[Score]:
    """Score every candidate of one segment against its reference in force, and store the scores."""
    segment, candidates, latest = store.segment_for_rescoring(segment_id)
    reference = reference_in_force(segment, latest)
    values = None
    if reference is not None and candidates:
        values = sentence_scores(metrics, [c.text for c in candidates], [reference[0]] * len(candidates),
                                 segment.target_lang, jobs=1)
    scores = candidate_scores(segment, candidates, reference, values)
    if scores:
        store.add_scores(scores)
    return scores


def score_document(store: Store, document_id: int, metrics: Sequence[str] = DEFAULT_METRICS, *,
                   jobs: int | None = None, progress: bool = False) -> int:
    """Score every candidate of a document (all cores for many pairs); returns the number of scores stored."""
    segments = {s.position: s for s in store.iter_segments(document_id)}
    latest = store.latest_corrections(document_id)
    by_segment: dict[int, list[Candidate]] = {}
    for position, cand in store.candidates_for_document(document_id):
        by_segment.setdefault(position, []).append(cand)
    references = {pos: reference_in_force(seg, latest.get(seg.id)) for pos, seg in segments.items()}
    pairs = [(pos, c) for pos, cands in by_segment.items() if references[pos] for c in cands]
    values = values_by_candidate(pairs, references, metrics, segments, jobs, progress)
    scores = []
    for pos, cands in by_segment.items():
        per_metric = {m: [values[c.id][m] for c in cands] for m in metrics} if references[pos] else None
        scores += candidate_scores(segments[pos], cands, references[pos], per_metric)
    if scores:
        store.add_scores(scores)
    return len(scores)


# -- a project's systems -----------------------------------------------------------------------


def project_documents(store: Store, project: str) -> list[Document]:
    documents = [d.document for d in store.list_documents(project)]
    if not documents:
        raise BadInputError(f"project {project!r} has no documents")
    return documents


def scorable_systems(store: Store, project: str) -> list[str]:
    """The systems a project's leaderboard offers: the original MT (unless it copies a system) and
    every imported or model system, the one whose outputs are the references left out."""
    return offered_systems(store.systems(project), project_documents(store, project)) or [MT_SYSTEM]


def project_test_set(store: Store, project: str, systems: Sequence[str] | None = None) -> TestSet:
    """The project's segments with a reference and an output from every chosen system (default: all
    of :func:`scorable_systems`); records whose output each approved correction accepted."""
    documents = project_documents(store, project)
    chosen = list(systems) if systems else (offered_systems(store.systems(project), documents) or [MT_SYSTEM])
    return build_test_set(project, _document_parts(store, documents), chosen, _accepted_candidates(store, documents))


def _accepted_candidates(store: Store, documents: Sequence[Document]) -> dict[int, int]:
    """Segment id -> the candidate its latest correction accepted, where it accepted one."""
    return {segment_id: c.candidate_id for doc in documents
            for segment_id, c in store.latest_corrections(doc.id).items() if c.candidate_id is not None}


def _document_parts(store: Store, documents: Sequence[Document]) -> Iterator[DocumentParts]:
    for doc in documents:  # one document at a time: the segments stream from the Store
        yield doc, store.iter_segments(doc.id), store.candidates_for_document(doc.id)


def project_leaderboard(store: Store, project: str, *, systems: Sequence[str] | None = None,
                        baseline: str | None = None, metrics=DEFAULT_METRICS, method: str | None = "bs",
                        **options) -> tuple[Leaderboard, TestSet]:
    """The leaderboard of a project's systems on its own test set (options as for ``leaderboard``)."""
    test_set = project_test_set(store, project, systems)
    return rank_systems(test_set, baseline=baseline, metrics=metrics, method=method, **options), test_set


def project_differences(store: Store, project: str, system_a: str, system_b: str, *, metric: str = "chrf",
                        top: int | None = 20) -> list[dict]:
    """Where two of a project's systems differ most, with each row's segment id for the drill-down."""
    test_set = project_test_set(store, project, [system_a, system_b])
    return system_differences(test_set, system_a, system_b, metric=metric, top=top)


def project_marks(store: Store, project: str) -> dict[tuple[int, str], list[Annotation]]:
    """(segment id, system) -> the MQM annotations on that system's output of that segment
    ("No-error" rows included: they say the output was rated and found clean)."""
    systems: dict[int, str] = {}
    for summary in store.list_documents(project):
        systems.update(candidate_systems(summary.document, store.candidates_for_document(summary.document.id)))
    marks: dict[tuple[int, str], list[Annotation]] = {}
    for segment, ann in store.annotations_for_project(project):
        system = systems.get(ann.candidate_id)
        if system is not None:
            marks.setdefault((segment.id, system), []).append(ann)
    return marks


def review_differences(store: Store, project: str, system_a: str, system_b: str, *, metric: str = "chrf",
                       max_distance: float = ACCEPTABLE_CHRF_DISTANCE, top: int | None = 20,
                       sentence_scores: tuple[Sequence[float], Sequence[float]] | None = None,
                       ) -> tuple[list[dict], Skipped]:
    """Where two systems differ most, for a person to read: each row with the source, both outputs,
    the reference, both outputs' sentence chrF++ and MQM marks; pairs that are both acceptable are
    skipped and counted (``scoring.ranking.worth_a_look``). ``sentence_scores`` (a and b, in test-set
    order) replaces the sacrebleu ``metric`` for ordering, e.g. a neural metric's segment scores."""
    test_set = project_test_set(store, project, [system_a, system_b])
    chrf_rows = system_differences(test_set, system_a, system_b, metric="chrf", top=None)
    chrf = {r["index"]: (r["score_a"], r["score_b"]) for r in chrf_rows}
    if sentence_scores is not None:
        rows = differences_from_scores(test_set, system_a, system_b, *sentence_scores, metric=metric)
    else:
        rows = chrf_rows if metric == "chrf" else system_differences(test_set, system_a, system_b, metric=metric,
                                                                     top=None)
    return worth_a_look(rows, chrf, project_marks(store, project), system_a, system_b, max_distance=max_distance,
                        top=top)


def segment_systems(store: Store, segment_id: int) -> tuple[Segment, tuple[str, str] | None, list[SystemOutput]]:
    """One segment with its reference in force and every system's output of it, each with its
    sentence chrF++, agreement with the others and MQM (``scoring.comparison.segment_grid``)."""
    segment, candidates, latest = store.segment_for_rescoring(segment_id)
    names = candidate_systems(store.document(segment.document_id), [(segment.position, c) for c in candidates])
    outputs: dict[str, str] = {}
    for cand in candidates:  # in the order stored: a system imported again counts with its latest text
        if cand.system or cand.origin == ORIGIN_MT:
            outputs[names[cand.id]] = cand.text
    marks: dict[str, list[Annotation]] = {}
    for ann in store.annotations(segment_id):
        if ann.candidate_id in names:
            marks.setdefault(names[ann.candidate_id], []).append(ann)
    reference = reference_in_force(segment, latest)
    return segment, reference, segment_grid(outputs, reference[0] if reference else None, marks,
                                            segment.target_lang)


def project_hter(store: Store, project: str, *, jobs: int | None = None) -> list[DocumentHter]:
    """HTER of each document of a project: its MT against the reviewers' latest corrections."""
    return [document_hter(s.document, store.iter_segments(s.document.id), s.segments, jobs=jobs)
            for s in store.list_documents(project)]


# -- MQM releases <-> a project -----------------------------------------------------------------


def import_mqm(store: Store, project: str, rows: Sequence[MqmRow], **options) -> list[Document]:
    """Store MQM rows as one document per ``doc``: segments with source and reference, every
    system's output as a candidate, every row as an annotation (a "No-error" row as a zero-width
    one, so the set of rated segments survives). Documents already imported with the same rows
    are skipped (options as for ``scoring.mqm.mqm_documents``)."""
    name = options.get("name", "mqm")
    missing = [side for side in ("source", "target") if not (options.get(f"{side}_lang") or "").strip()]
    if missing:  # the WMT MQM layout has no language columns: the importer must say
        raise BadInputError(f"{name}: an MQM file does not say which languages it holds; give the "
                            + " and the ".join(f"{side} language ({{{side}_lang}})" for side in missing),
                            **{f"{side}_lang": f"--{side}-lang" for side in missing})
    return [_store_mqm_document(store, project, name, doc) for doc in mqm_documents(rows, **options)]


def _store_mqm_document(store: Store, project: str, name: str, mqm: MqmDocument) -> Document:
    existing = store.find_document(project, mqm.draft.name)
    if existing is not None:
        if existing.sha256 == mqm.digest:
            return existing
        raise BadInputError(f"{name}: project {project!r} already has a different document named "
                            f"{mqm.draft.name!r}")
    document = store.add_document(project, mqm.draft, mqm.digest)
    segment_ids = {s.external_id: s.id for s in store.iter_segments(document.id)}
    keys = sorted({(r.system, r.seg_id) for r in mqm.rows})
    ids = store.add_candidates([
        Candidate(segment_id=segment_ids[seg], origin=ORIGIN_SYSTEM, text=mqm.outputs[system, seg], system=system,
                  provenance={"mqm_file": name})
        for system, seg in keys
    ])
    candidate_ids = dict(zip(keys, ids))
    store.add_annotations([row_annotation(r, segment_ids[r.seg_id], candidate_ids[r.system, r.seg_id],
                                          mqm.outputs[r.system, r.seg_id]) for r in mqm.rows])
    refresh_risk(store, document.id)  # every other system's output is a candidate to compare the MT with
    return document


def project_mqm_rows(store: Store, project: str) -> list[MqmRow]:
    """A project's MQM annotations as TSV rows, in the order they were made."""
    documents = {d.document.id: d.document for d in store.list_documents(project)}
    candidates = {}
    for doc_id in documents:
        candidates.update({c.id: c for _, c in store.candidates_for_document(doc_id)})
    corrections: dict[int, dict[int, str]] = {}
    rows = []
    for segment, ann in store.annotations_for_project(project):
        system, target = _annotated_text(store, segment, ann, candidates, corrections)
        rows.append(annotation_row(documents[segment.document_id], segment, ann, system, target))
    return rows


def _annotated_text(store, segment, ann, candidates, corrections) -> tuple[str, str]:
    """Which text an annotation marks, and the name of whoever wrote it."""
    if ann.candidate_id is not None and ann.candidate_id in candidates:
        cand = candidates[ann.candidate_id]
        return cand.system or cand.origin, cand.text
    if ann.correction_id is not None:
        if segment.id not in corrections:
            corrections[segment.id] = {c.id: c.text for c in store.history(segment.id)}
        return "correction", corrections[segment.id].get(ann.correction_id, segment.text)
    return "mt", segment.mt
