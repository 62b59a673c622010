"""False alarms: what the checks find in translations that are good by construction
(``review-app check --eval-clean SOURCE TARGET``): human translations such as the
references of korean-english-news-v1 (dev.ko / dev.en) or of an MQM release.

Every finding on such text is either a real slip of the human translator (an omitted
number, a misaligned line) or a mistake of the check; per check, findings per 100
segments and the share of segments flagged bound how often a check cries wolf.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from ..checks import CHECKS, run_checks
from ..errors import BadInputError
from ..model import DocumentDraft, SegmentDraft

DOCUMENT_SEGMENTS = 100  # line-aligned files have no documents: checks that learn a norm see 100 lines


def aligned_pairs(source_name: str, source: str, target_name: str, target: str) -> list[tuple[str, str]]:
    """The (source, translation) pairs of two line-aligned texts; a count mismatch is a one-line error."""
    sources, targets = source.rstrip("\n").split("\n"), target.rstrip("\n").split("\n")
    if len(sources) != len(targets):
        raise BadInputError(f"{target_name}: {len(targets)} lines but {source_name} has {len(sources)}")
    return list(zip(sources, targets))


def false_alarms(pairs: Sequence[tuple[str, str]], checks: Sequence[str] | None = None,
                 source_lang: str | None = None, target_lang: str = "en",
                 progress: Callable[[Iterable], Iterable] = lambda xs: xs) -> dict:
    """Per check: ``findings``, ``per_100`` (findings per 100 segments) and ``flagged_share`` (of segments)."""
    names = list(checks or CHECKS)
    found, flagged = Counter(), Counter()
    starts = range(0, len(pairs), DOCUMENT_SEGMENTS)
    for start in progress(list(starts)):
        chunk = pairs[start:start + DOCUMENT_SEGMENTS]
        draft = DocumentDraft(f"lines {start + 1}-{start + len(chunk)}", "aligned",
                              tuple(SegmentDraft(mt=t, source=s) for s, t in chunk), source_lang, target_lang)
        for findings in run_checks(draft, names=names):
            found.update(f.check for f in findings)
            flagged.update({f.check for f in findings})
    n = len(pairs)
    return {"segments": n, "checks": {name: {"findings": found[name],
                                             "per_100": round(100 * found[name] / n, 2) if n else 0.0,
                                             "flagged_share": round(flagged[name] / n, 4) if n else 0.0}
                                      for name in names}}


def report_text(result: dict) -> str:
    lines = [f"{'check':16s} {'findings':>8s} {'per 100':>8s} {'segments flagged':>17s}"]
    for name, r in result["checks"].items():
        lines.append(f"{name:16s} {r['findings']:8d} {r['per_100']:8.1f} {100 * r['flagged_share']:16.1f}%")
    lines.append(f"\n{result['segments']} segments (human translations: every finding is a slip or a false alarm)")
    return "\n".join(lines) + "\n"
