"""Neural metrics and quality estimation of stored projects.

Everything else about neural metrics is pure (``scoring.neural``); these functions
only fetch what a model should score and store what it gave:

- :func:`project_neural_leaderboard`: a project's systems on its own test set, with
  neural metrics beside (or instead of) the lexical ones;
- :func:`store_qe_scores`: a reference-free score for every candidate of a project
  (the MT, repairs, retranslations), stored as ``Score(metric, value, "source", signature)``;
- :func:`rescore_segment_neural`: after a correction, a reference-based neural metric
  of the segment's candidates against the reference in force.

Stored scores replace the same candidate's older score of the same metric, so each
can be re-run at any time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import BadInputError
from ..model import Score
from ..scoring.leaderboard import Leaderboard, leaderboard
from ..scoring.neural import default_model, load_qe, load_scorer
from ..scoring.neural.systems import assign_models, systems_segment_scores
from ..scoring.project import TestSet
from ..scoring.ranking import Skipped
from ..scoring.segments import reference_in_force
from ..storage import Store
from .scoring import project_test_set, review_differences

QE_REFERENCE = "source"  # what a reference-free score was computed against


def project_neural_leaderboard(store: Store, project: str, neural: Sequence[str], model_refs: Sequence[str] = (), *,
                               systems: Sequence[str] | None = None, metrics: Sequence[str] = (),
                               load_options: dict | None = None, progress: Callable[[int], None] | None = None,
                               on_total: Callable[[int], None] | None = None,
                               **options) -> tuple[Leaderboard, TestSet]:
    """The project's leaderboard with neural ``neural`` metrics (and lexical ``metrics``, if any);
    ``on_total(n)`` is told once how many segment scores ``progress`` will count up to."""
    test_set = project_test_set(store, project, systems)
    if on_total is not None:
        on_total(len(test_set.references) * len(test_set.systems) * len(neural))
    missing = sum(1 for s in test_set.sources if not s)
    if missing:
        raise BadInputError(f"project {project!r}: {missing} of {len(test_set.sources)} scored segments have no "
                            f"source, which {', '.join(neural)} read")
    models = assign_models(neural, model_refs)
    extra = systems_segment_scores(neural, models, test_set.sources, test_set.references, test_set.systems,
                                   progress=progress, **(load_options or {}))
    board = leaderboard(test_set.references, test_set.systems, metrics=metrics, target_lang=test_set.target_lang,
                        segment_scores=extra, **options)
    return board, test_set


def neural_review_differences(store: Store, project: str, system_a: str, system_b: str, metric: str,
                              model: str | None = None, *, load_options: dict | None = None,
                              **options) -> tuple[list[dict], Skipped]:
    """``workflow.scoring.review_differences`` ordered by a neural metric's segment scores
    (``model`` default: the metric's setting); options as there."""
    test_set = project_test_set(store, project, [system_a, system_b])
    scorer = load_scorer(metric, model or default_model(metric), **(load_options or {}))
    references = test_set.references if scorer.metric.uses_reference else None
    scores = scorer.score_systems(test_set.sources, {s: test_set.systems[s] for s in (system_a, system_b)},
                                  references)
    return review_differences(store, project, system_a, system_b, metric=scorer.metric.score_name,
                              sentence_scores=(scores[system_a], scores[system_b]), **options)


def store_qe_scores(store: Store, project: str, model: str | None = None, *,
                    progress: Callable[[int], None] | None = None, **load_options) -> int:
    """Score every candidate of the project's segments that have a source; returns how many were stored."""
    scorer = load_qe(model, **load_options)
    signature = scorer.signature().format()
    stored = 0
    for summary in store.list_documents(project):
        sources = {s.position: (s.id, s.source) for s in store.iter_segments(summary.document.id) if s.source}
        pairs = [(sources[pos], cand) for pos, cand in store.candidates_for_document(summary.document.id)
                 if pos in sources]
        if not pairs:
            continue
        values = scorer.score([src for (_, src), _ in pairs], [c.text for _, c in pairs], progress=progress)
        store.add_scores([Score(scorer.metric.score_name, v, QE_REFERENCE, signature, cand.id, segment_id)
                          for ((segment_id, _), cand), v in zip(pairs, values)])
        stored += len(values)
    return stored


def rescore_segment_neural(store: Store, segment_id: int, metric: str, model: str, **load_options) -> list[Score]:
    """Score a segment's candidates with a reference-based neural metric against its reference
    in force (its latest correction, else its imported reference) and store the scores.
    Nothing is scored without a reference or a source."""
    scorer = load_scorer(metric, model, **load_options)
    if not scorer.metric.uses_reference:
        raise BadInputError(f"{metric} needs no reference; store it with store_qe_scores")
    segment, candidates, latest = store.segment_for_rescoring(segment_id)
    reference = reference_in_force(segment, latest)
    if reference is None or not segment.source or not candidates:
        return []
    values = scorer.score([segment.source] * len(candidates), [c.text for c in candidates],
                          [reference[0]] * len(candidates))
    signature = scorer.signature().format()
    scores = [Score(scorer.metric.score_name, v, reference[1], signature, c.id, segment.id)
              for c, v in zip(candidates, values)]
    store.add_scores(scores)
    return scores


__all__ = ["project_neural_leaderboard", "neural_review_differences", "store_qe_scores", "rescore_segment_neural", "QE_REFERENCE"]
