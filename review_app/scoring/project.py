"""A stored project as a test set, and its systems' leaderboard.

References are the approved corrections (the reviewers' accepted wording) or,
where a segment has none, its imported reference; segments with neither are
left out, and so are excluded segments (page furniture). Systems are the
project's candidates grouped by system name (imported outputs and model
translations); a project without any scores its MT as "mt". Paired tests need
every system on every segment, so a segment that some chosen system lacks is
left out too, and the counts say so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import BadInputError
from ..model import ORIGIN_MT, Candidate, Segment, SegmentStatus
from ..storage import Store
from .leaderboard import Leaderboard, leaderboard, where_systems_differ
from .metrics import DEFAULT_METRICS

MT_SYSTEM = "mt"


@dataclass(frozen=True)
class TestSet:
    project: str
    target_lang: str
    segment_ids: list[int]
    sources: list[str | None]
    references: list[str]
    reference_labels: list[str]  # "correction" or "reference", per segment
    systems: dict[str, list[str]]
    skipped_no_reference: int = 0
    skipped_missing_system: dict[str, int] = field(default_factory=dict)
    skipped_excluded: int = 0


def approved_reference(segment: Segment) -> tuple[str, str] | None:
    if segment.status == SegmentStatus.APPROVED and segment.corrected:
        return segment.corrected, "correction"
    if segment.reference and segment.reference.strip():
        return segment.reference, "reference"
    return None


def _latest_per_system(candidates: Sequence[tuple[int, Candidate]]) -> dict[int, dict[str, str]]:
    """position -> {system: text}; a system imported twice counts with its latest output."""
    out: dict[int, dict[str, str]] = {}
    for position, cand in candidates:
        name = cand.system or (MT_SYSTEM if cand.origin == ORIGIN_MT else None)
        if name is not None:
            out.setdefault(position, {})[name] = cand.text
    return out


def _scored_systems(store: Store, project: str, documents) -> list[str]:
    """Every system of the project but the one whose outputs are the references (an MQM
    release's "ref"): scoring it against itself would top every board with 100."""
    reference_systems = {(d.meta.get("mqm") or {}).get("reference_system") for d in documents}
    return [s for s in store.systems(project) if s not in reference_systems]


def project_test_set(store: Store, project: str, systems: Sequence[str] | None = None) -> TestSet:
    """The project's segments with a reference and an output from every chosen system."""
    documents = [d.document for d in store.list_documents(project)]
    if not documents:
        raise BadInputError(f"project {project!r} has no documents")
    chosen = list(systems) if systems else (_scored_systems(store, project, documents) or [MT_SYSTEM])
    ids, sources, refs, labels = [], [], [], []
    outputs: dict[str, list[str]] = {s: [] for s in chosen}
    no_reference, excluded, missing, langs = 0, 0, {s: 0 for s in chosen}, set()
    for doc in documents:
        per_position = _latest_per_system(store.candidates_for_document(doc.id))
        for segment in store.iter_segments(doc.id):
            if segment.excluded:  # page furniture and the like: not part of the text
                excluded += 1
                continue
            reference = approved_reference(segment)
            if reference is None:
                no_reference += 1
                continue
            have = per_position.get(segment.position, {})
            absent = [s for s in chosen if s not in have]
            for s in absent:
                missing[s] += 1
            if absent:
                continue
            langs.add(doc.target_lang)
            ids.append(segment.id)
            sources.append(segment.source)
            refs.append(reference[0])
            labels.append(reference[1])
            for s in chosen:
                outputs[s].append(have[s])
    if not refs:
        raise BadInputError(f"project {project!r} has no segment with a reference (approved correction or "
                            f"imported reference) and an output from every system ({', '.join(chosen)})")
    if len(langs) > 1:  # tokenization depends on the target language
        raise BadInputError(f"project {project!r} has references in several target languages "
                            f"({', '.join(sorted(langs))}); score one language at a time")
    return TestSet(project, langs.pop(), ids, sources, refs, labels, outputs, no_reference,
                   {s: n for s, n in missing.items() if n}, excluded)


def project_leaderboard(store: Store, project: str, *, systems: Sequence[str] | None = None,
                        baseline: str | None = None, metrics=DEFAULT_METRICS, method: str | None = "bs",
                        **options) -> tuple[Leaderboard, TestSet]:
    """The leaderboard of a project's systems on its own test set (options as for ``leaderboard``)."""
    test_set = project_test_set(store, project, systems)
    board = leaderboard(test_set.references, test_set.systems, baseline, metrics, method,
                        target_lang=test_set.target_lang, **options)
    return board, test_set


def project_differences(store: Store, project: str, system_a: str, system_b: str, *, metric: str = "chrf",
                        top: int | None = 20) -> list[dict]:
    """Where two of a project's systems differ most, with each row's segment id for the drill-down."""
    test_set = project_test_set(store, project, [system_a, system_b])
    rows = where_systems_differ(test_set.references, test_set.systems[system_a], test_set.systems[system_b],
                                metric=metric, target_lang=test_set.target_lang, top=top,
                                sources=test_set.sources)
    for row in rows:
        row["segment_id"] = test_set.segment_ids[row["index"]]
    return rows


__all__ = ["TestSet", "project_test_set", "project_leaderboard", "project_differences", "approved_reference",
           "MT_SYSTEM"]
