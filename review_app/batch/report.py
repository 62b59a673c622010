"""The batch's report: the same shape ``review-app export`` writes (:class:`~review_app.export.filters.ExportReport`:
counts and first examples per filter), merged from the shards' fragments in shard order, plus
what only a batch has (inputs, failed shards, findings per check, and ``kept_risk``: the kept pairs
counted by their estimated chance of a Major error, in steps of 10%).

It holds nothing that depends on how the run went (engine, workers, time: those go to
``run.json``), so two engines' reports of one corpus are equal byte for byte.
"""
from __future__ import annotations

from ..export.filters import FILTER_TITLES, MAX_EXAMPLES, ExportReport, Removed
from .check import UNREADABLE, batch_row_checks
from .finish import KEPT_EXAMPLES
from .options import BatchOptions
from .plan import Plan

TITLES = {UNREADABLE: "lines that could not be read (undecodable bytes, wrong field count, bad JSON)",
          **FILTER_TITLES}


def filter_names(options: BatchOptions) -> list[str]:
    """Every filter the run applies, in the order a pair meets them."""
    names = [UNREADABLE] + [name for name, _ in batch_row_checks(options.filters)]
    names += ["duplicate"] if options.filters.drop_duplicates else []
    names += ["near_duplicate"] if options.filters.drop_near_duplicates else []
    return names


def build_report(plan: Plan, options: BatchOptions, checked: dict[int, dict], fragments: dict[int, dict],
                 candidates: dict | None = None) -> dict:
    report = ExportReport(format="parquet", filters=options.filters.to_dict())
    report.removed = {name: Removed(name, TITLES[name]) for name in filter_names(options)}
    findings: dict[str, int] = {}
    kept_findings: dict[str, int] = {}
    kept_risk: dict[str, int] = {}
    for shard in sorted(fragments):
        fragment = fragments[shard]
        report.considered += fragment["considered"]
        report.exported += fragment["exported"]
        for name, removed in fragment["removed"].items():
            total = report.removed[name]
            total.count += removed["count"]
            total.examples += removed["examples"][: MAX_EXAMPLES - len(total.examples)]
        report.kept_examples += fragment["kept_examples"][: KEPT_EXAMPLES - len(report.kept_examples)]
        _add(findings, fragment["findings"])
        _add(kept_findings, fragment["kept_findings"])
        _add(kept_risk, fragment["kept_risk"])
    report.outputs = [f"kept/part-{shard:05d}.parquet" for shard in sorted(fragments)]
    out = report.to_dict()
    out.update(
        fingerprint=plan.fingerprint,
        removed_outputs=[f"removed/part-{shard:05d}.parquet" for shard in sorted(fragments)],
        checks=list(options.checks) if options.checks else "all",
        inputs=_inputs(plan, checked),
        ignored=list(plan.ignored),
        failed=[{"shard": s, "input": r["input"], "error": r["failed"]} for s, r in sorted(checked.items())
                if r.get("failed")],
        findings=dict(sorted(findings.items())),
        kept_findings=dict(sorted(kept_findings.items())),
        kept_risk=dict(sorted(kept_risk.items(), key=lambda kv: int(kv[0]))),
        candidates=candidates,
    )
    return out


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for key, count in part.items():
        total[key] = total.get(key, 0) + count


def _inputs(plan: Plan, checked: dict[int, dict]) -> list[dict]:
    by_name: dict[str, dict] = {}
    for entry in plan.inputs:
        by_name[entry["name"]] = {"input": entry["name"], "format": entry["format"], "shards": 0, "pairs": 0,
                                  "failed_shards": 0, "source_lang": None, "target_lang": None}
    for shard in plan.shards:
        summary, record = checked.get(shard.index, {}), by_name[shard.name]
        record["shards"] += 1
        record["pairs"] += summary.get("pairs", 0)
        record["failed_shards"] += 1 if summary.get("failed") else 0
        record["source_lang"] = record["source_lang"] or summary.get("source_lang")
        record["target_lang"] = record["target_lang"] or summary.get("target_lang")
    return list(by_name.values())


def summary_lines(report: dict) -> list[str]:
    """The report in a few lines, for the terminal."""
    lines = [f"kept {report['exported']:,} of {report['considered']:,} pairs"]
    lines += [f"  removed {r['count']:,}: {r['title']}" for r in report["removed"].values() if r["count"]]
    unreadable = report["removed"].get(UNREADABLE, {}).get("examples", [])
    lines += [f"  unreadable: {e['document']}: line {e['position']}: {e['detail']}" for e in unreadable]
    if report["ignored"]:
        lines.append(f"  ignored {len(report['ignored'])} files that are no corpus format: "
                     + ", ".join(report["ignored"][:5]) + (" ..." if len(report["ignored"]) > 5 else ""))
    return lines


__all__ = ["build_report", "filter_names", "summary_lines", "TITLES"]
