"""How much a segment's candidates agree with each other, before anyone has corrected it.

- ``pairwise_chrf``: sentence chrF++ of every candidate against every other one (the row
  is the hypothesis, the column the reference), exactly as sacrebleu's
  ``CHRF(word_order=2).sentence_score`` gives it, but with each text's n-grams extracted
  once instead of once per pair (14 systems make 182 pairs: 1 ms each through
  ``sentence_score``, a fraction of that here).
- ``mbr_consensus``: minimum-Bayes-risk consensus, each candidate's mean chrF++ against
  all the others as pseudo-references, every system's output counting as one vote (so a
  wording three systems agree on weighs three times). The candidate an MBR decoder would
  pick has the highest.
"""
from __future__ import annotations

from collections.abc import Sequence

from .metrics import cached_metric


def _ngrams(texts: Sequence[str]) -> list[list]:
    metric = cached_metric("chrf")
    return [metric._extract_reference_info([metric._preprocess_segment(t)])["ref_ngrams"][0] for t in texts]


def pairwise_chrf(texts: Sequence[str]) -> list[list[float]]:
    """``matrix[i][j]``: chrF++ of ``texts[i]`` against ``texts[j]`` as the reference (100 on the diagonal)."""
    metric = cached_metric("chrf")
    grams = _ngrams(texts)
    matrix = [[100.0] * len(texts) for _ in texts]
    for i, hyp in enumerate(grams):
        for j, ref in enumerate(grams):
            if i != j and texts[i] != texts[j]:
                stats = [n for h, r in zip(hyp, ref) for n in metric._get_match_statistics(h, r)]
                matrix[i][j] = metric._compute_score_from_stats(stats).score
    return matrix


def mbr_consensus(matrix: Sequence[Sequence[float]], votes: Sequence[int]) -> list[float | None]:
    """Each wording's expected chrF++ against the other candidates, ``votes[j]`` candidates having
    wording ``j`` (a wording's own other votes count too: agreement is evidence). None when a
    wording has nothing to agree with."""
    out: list[float | None] = []
    for i, row in enumerate(matrix):
        weights = [v - 1 if j == i else v for j, v in enumerate(votes)]
        total = sum(weights)
        out.append(sum(w * s for w, s in zip(weights, row)) / total if total else None)
    return out


__all__ = ["pairwise_chrf", "mbr_consensus"]
