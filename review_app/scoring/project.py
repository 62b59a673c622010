"""A project's documents as a test set, and its systems' leaderboard.

References are the approved corrections (the reviewers' accepted wording) or,
where a segment has none, its imported reference; segments with neither are
left out, and so are excluded segments (page furniture). Systems are the
project's candidates grouped by system name (imported outputs and model
translations); a project without any scores its MT as "mt". Paired tests need
every system on every segment, so a segment that some chosen system lacks is
left out too, and the counts say so.

A reference may be a compared system's own output: a correction that accepted a candidate
is that candidate's text, so the test set records whose it is (``reference_systems``) for
the leaderboard's warnings. The original MT is offered as a system ("mt") beside the others,
except where it is a copy of one of them (an MQM release's MT is its first system's output).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import BadInputError
from ..model import ORIGIN_MT, Candidate, Document, Segment, SegmentStatus
from .leaderboard import Leaderboard, difference_rows, leaderboard, where_systems_differ
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
    # Per segment: the system whose output the reference is (an accepted candidate's), else None.
    reference_systems: list[str | None] = field(default_factory=list)


def approved_reference(segment: Segment) -> tuple[str, str] | None:
    if segment.status == SegmentStatus.APPROVED and segment.corrected:
        return segment.corrected, "correction"
    if segment.reference and segment.reference.strip():
        return segment.reference, "reference"
    return None


def system_name(candidate: Candidate) -> str | None:
    """The system a candidate is an output of: its system, "mt" for the original MT, else None."""
    return candidate.system or (MT_SYSTEM if candidate.origin == ORIGIN_MT else None)


def candidate_systems(document: Document, candidates: Sequence[tuple[int, Candidate]]) -> dict[int, str]:
    """Candidate id -> whose output it is: its system, the MT's (an MQM release's MT is a copy of
    its first system's output, so that system), else its origin (a rule repair, a reviewer)."""
    mt_copy = (document.meta.get("mqm") or {}).get("mt_system") or MT_SYSTEM
    return {cand.id: mt_copy if cand.origin == ORIGIN_MT else system_name(cand) or cand.origin
            for _, cand in candidates}


def _latest_per_system(candidates: Sequence[tuple[int, Candidate]]) -> dict[int, dict[str, str]]:
    """position -> {system: text}; a system imported twice counts with its latest output."""
    out: dict[int, dict[str, str]] = {}
    for position, cand in candidates:
        name = system_name(cand)
        if name is not None:
            out.setdefault(position, {})[name] = cand.text
    return out


def scored_systems(systems: Sequence[str], documents: Sequence[Document]) -> list[str]:
    """Every system but the one whose outputs are the references (an MQM release's "ref"):
    scoring it against itself would top every board with 100."""
    reference_systems = {(d.meta.get("mqm") or {}).get("reference_system") for d in documents}
    return [s for s in systems if s not in reference_systems]


def offered_systems(systems: Sequence[str], documents: Sequence[Document]) -> list[str]:
    """The systems a project can be scored on: the original MT ("mt") first, unless every document's
    MT is a copy of one of its systems (an MQM release), then the others but the reference's."""
    copies = [(d.meta.get("mqm") or {}).get("mt_system") for d in documents]
    others = scored_systems([s for s in systems if s != MT_SYSTEM], documents)
    return others if documents and all(copies) else [MT_SYSTEM, *others]


# A document as the test set reads it: the document, its segments in reading order, and
# its (position, candidate) pairs.
DocumentParts = tuple[Document, Iterable[Segment], Sequence[tuple[int, Candidate]]]


def build_test_set(project: str, documents: Iterable[DocumentParts], chosen: Sequence[str],
                   accepted: Mapping[int, int] | None = None) -> TestSet:
    """The segments with a reference and an output from every chosen system. ``accepted`` maps a
    segment id to the candidate its approved correction accepted (whose system the reference is)."""
    accepted = accepted or {}
    ids, sources, refs, labels, owners = [], [], [], [], []
    outputs: dict[str, list[str]] = {s: [] for s in chosen}
    no_reference, excluded, missing, langs = 0, 0, {s: 0 for s in chosen}, set()
    for doc, segments, candidates in documents:
        per_position = _latest_per_system(candidates)
        names = candidate_systems(doc, candidates)
        for segment in segments:
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
            owners.append(names.get(accepted.get(segment.id)) if reference[1] == "correction" else None)
            for s in chosen:
                outputs[s].append(have[s])
    if not refs:
        raise BadInputError(f"project {project!r} has no segment with a reference (approved correction or "
                            f"imported reference) and an output from every system ({', '.join(chosen)})")
    if len(langs) > 1:  # tokenization depends on the target language
        raise BadInputError(f"project {project!r} has references in several target languages "
                            f"({', '.join(sorted(langs))}); score one language at a time")
    return TestSet(project, langs.pop(), ids, sources, refs, labels, outputs, no_reference,
                   {s: n for s, n in missing.items() if n}, excluded, owners)


def rank_systems(test_set: TestSet, *, baseline: str | None = None, metrics=DEFAULT_METRICS,
                         method: str | None = "bs", **options) -> Leaderboard:
    """The leaderboard of a test set's systems (options as for ``leaderboard``)."""
    return leaderboard(test_set.references, test_set.systems, baseline, metrics, method,
                       target_lang=test_set.target_lang, **options)


def system_differences(test_set: TestSet, system_a: str, system_b: str, *, metric: str = "chrf",
                         top: int | None = 20) -> list[dict]:
    """Where two systems of a test set differ most, with each row's segment id for the drill-down."""
    rows = where_systems_differ(test_set.references, test_set.systems[system_a], test_set.systems[system_b],
                                metric=metric, target_lang=test_set.target_lang, top=top,
                                sources=test_set.sources)
    for row in rows:
        row["segment_id"] = test_set.segment_ids[row["index"]]
    return rows


def differences_from_scores(test_set: TestSet, system_a: str, system_b: str, scores_a: Sequence[float],
                            scores_b: Sequence[float], *, metric: str, top: int | None = None) -> list[dict]:
    """As :func:`system_differences`, ordered by segment scores computed elsewhere (a neural metric)."""
    rows = difference_rows(test_set.references, test_set.systems[system_a], test_set.systems[system_b], scores_a,
                           scores_b, metric, sources=test_set.sources, top=top)
    for row in rows:
        row["segment_id"] = test_set.segment_ids[row["index"]]
    return rows


__all__ = ["TestSet", "build_test_set", "scored_systems", "offered_systems", "system_name", "candidate_systems", "rank_systems", "system_differences", "differences_from_scores",
           "approved_reference", "MT_SYSTEM"]
