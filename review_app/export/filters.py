"""The corpus filters, and the report of what each one removed (counts and examples).

A segment is counted once, under the first filter that removes it, in the
order of :data:`FILTER_TITLES`. Duplicates are checked last, so a removed
segment never claims the text a later copy would have kept. Duplicate
detection keeps two 60-bit hashes per exported pair (about 100 bytes with
the dict): the only memory that grows with the export.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field

from ..model import Severity
from .rows import ExportRow, mt_language

FILTER_TITLES = {
    "excluded": "page furniture and other segments excluded at import",
    "rejected": "rejected by a reviewer",
    "not_approved": "not approved by a reviewer",
    "not_reviewed": "never reviewed, so there is no post-edit to pair with the MT",
    "no_source": "no source text (export these with --format text or --format ape)",
    "unrepresentable": "characters this format cannot carry",
    "too_short": "shorter than the minimum length",
    "length_ratio": "target/source length ratio outside the bounds",
    "open_findings": "not approved, with an open finding at or above the severity",
    "duplicate": "exact duplicate of an earlier pair",
    "near_duplicate": "duplicate of an earlier pair once case, width, spacing and punctuation are ignored",
}
MAX_EXAMPLES = 5
_EXAMPLE_CHARS = 200


@dataclass(frozen=True)
class ExportFilters:
    """Which segments leave the app. Findings count as open until a reviewer approves the segment."""

    approved_only: bool = False
    drop_excluded: bool = True
    drop_rejected: bool = True
    drop_duplicates: bool = True
    drop_near_duplicates: bool = True
    min_length: int = 1  # characters, not counting surrounding space, on each side
    min_ratio: float | None = None  # target length / source length, in characters
    max_ratio: float | None = None
    drop_severity: Severity | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["drop_severity"] = self.drop_severity.value if self.drop_severity else None
        return data


@dataclass
class Removed:
    filter: str
    title: str
    count: int = 0
    examples: list[dict] = field(default_factory=list)


@dataclass
class ExportReport:
    """What an export (or its dry run) kept and removed; the UI shows it before download."""

    format: str
    filters: dict
    considered: int = 0
    exported: int = 0
    unreviewed: int = 0  # exported segments nobody reviewed: their target is the raw MT
    removed: dict[str, Removed] = field(default_factory=dict)
    kept_examples: list[dict] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        """One line per filter that removed something, for the command line."""
        lines = [f"{self.exported:,} of {self.considered:,} segments exported as {self.format}"]
        if self.unreviewed:
            lines.append(f"  {self.unreviewed:,} of them unreviewed: their target is the MT as imported")
        lines += [f"  removed {r.count:,}: {r.title}" for r in self.removed.values() if r.count]
        return "\n".join(lines)


def example(row: ExportRow, detail: str | None = None) -> dict:
    def cut(text):
        return text if text is None or len(text) <= _EXAMPLE_CHARS else text[:_EXAMPLE_CHARS] + "…"

    out = {"id": row.id, "document": row.document, "position": row.position, "source": cut(row.source),
           "target": cut(row.target)}
    if detail:
        out["detail"] = detail
    return out


_ASCII_DROPPED = bytes(c for c in range(128) if not chr(c).isalnum())
# Punctuation that NFKC leaves outside ASCII, matched in UTF-8: Latin-1 marks and × ÷, general
# punctuation (dashes, curly quotes, bullets), CJK marks and brackets, half-width CJK punctuation.
# (NFKC already maps full-width forms, ideographic and no-break spaces and the ellipsis to ASCII.)
_OTHER_PUNCTUATION = re.compile(
    rb"\xc2[\xa1-\xbf]|\xc3[\x97\xb7]|\xe2\x80[\x90-\xa7\xb0-\xbf]|\xe2\x81[\x80-\x9e]"
    rb"|\xe3\x80[\x81-\x83\x88-\x91\x94-\x9f]|\xe3\x83\xbb|\xef\xbd[\x9f-\xa5]"
)


def normalise(text: str) -> bytes:
    """What near duplicates share: the UTF-8 of the text without case, width, spacing and punctuation."""
    # Bytes all the way: bytes.translate deletes ASCII punctuation and spaces in C, and multi-byte
    # characters are left alone; a million pairs make every microsecond count.
    if text.isascii():  # NFKC changes no ASCII, and casefold is lower
        return text.lower().encode("ascii").translate(None, _ASCII_DROPPED)
    key = unicodedata.normalize("NFKC", text).casefold().encode("utf-8", "surrogatepass")
    key = key.translate(None, _ASCII_DROPPED)
    # Only these lead bytes start the punctuation above; most text (Hangul: EA-ED) has none of them.
    if b"\xe2" in key or b"\xe3" in key or b"\xc2" in key or b"\xc3" in key or b"\xef" in key:
        return _OTHER_PUNCTUATION.sub(b"", key)
    return key


# Python stores an int below 2**60 in 32 bytes and a full 64-bit hash in 48: a third less memory
# for the duplicate keys, and collisions among a million pairs stay below one in a million.
_SIXTY_BITS = (1 << 60) - 1

Check = Callable[[ExportRow], "str | bool | None"]


class FilterPipeline:
    """Applies the filters to a stream of rows, yields the kept ones, and fills in the report."""

    def __init__(self, filters: ExportFilters, writer, report: ExportReport, keep_examples: int = 0):
        self.report = report
        self.keep_examples = keep_examples
        self.checks: list[tuple[str, Check]] = row_checks(filters, writer)
        for name, _ in self.checks:
            report.removed[name] = Removed(name, FILTER_TITLES[name])
        self._pair = writer.pair
        self._exact = filters.drop_duplicates
        self._near = filters.drop_near_duplicates
        for name, active in (("duplicate", self._exact), ("near_duplicate", self._near)):
            if active:
                report.removed[name] = Removed(name, FILTER_TITLES[name])
        self._seen: dict[int, int] = {}  # normalised hash -> exact hash of the pair that was kept

    def __call__(self, rows: Iterable[ExportRow]) -> Iterator[ExportRow]:
        report, reason, keep = self.report, self._reason, self.keep_examples
        considered = exported = unreviewed = 0
        try:
            for row in rows:
                considered += 1
                name, detail = reason(row)
                if name is not None:
                    removed = report.removed[name]
                    removed.count += 1
                    if len(removed.examples) < MAX_EXAMPLES:
                        removed.examples.append(example(row, detail if isinstance(detail, str) else None))
                    continue
                exported += 1
                unreviewed += not row.reviewed
                if exported <= keep:
                    report.kept_examples.append(example(row))
                yield row
        finally:  # counted locally: attribute updates per row would cost a million times over
            report.considered += considered
            report.exported += exported
            report.unreviewed += unreviewed

    def _reason(self, row: ExportRow):
        for name, check in self.checks:
            detail = check(row)
            if detail:
                return name, detail
        if self._exact or self._near:
            return self._duplicate(row)
        return None, None

    def _duplicate(self, row: ExportRow):
        # Python's string hash: strings cache it, so the exact key costs next to nothing.
        parts = self._pair(row)
        exact = hash(parts) & _SIXTY_BITS
        near = hash(tuple(map(normalise, parts))) & _SIXTY_BITS if self._near else exact
        kept = self._seen.get(near)
        if kept is None:
            self._seen[near] = exact
            return None, None
        if kept == exact:
            return ("duplicate", None) if self._exact else (None, None)
        return ("near_duplicate", None) if self._near else (None, None)


def row_checks(filters: ExportFilters, writer) -> list[tuple[str, Check]]:
    """The filters that look at one row alone, in order: (name, check); a check returns why it removes the row."""
    checks: list[tuple[str, Check]] = []
    if filters.drop_excluded:
        checks.append(("excluded", lambda r: r.excluded))
    if filters.drop_rejected:
        checks.append(("rejected", lambda r: r.status == "rejected"))
    if filters.approved_only:
        checks.append(("not_approved", lambda r: r.status != "approved"))
    if writer.needs_review:
        checks.append(("not_reviewed", lambda r: not r.reviewed))
    elif writer.needs_source:
        # A document without a source exports MT -> correction pairs; unreviewed, that pair is the MT twice.
        checks.append(("not_reviewed", lambda r: not r.reviewed and r.source_lang == mt_language(r.target_lang)))
    if writer.needs_source:
        checks.append(("no_source", lambda r: r.source is None or not r.source.strip()))
    if writer.forbidden is not None:
        checks.append(("unrepresentable", _unrepresentable(writer)))
    if filters.min_length > 0:
        checks.append(("too_short", _too_short(filters.min_length, writer.needs_source)))
    if writer.needs_source and (filters.min_ratio is not None or filters.max_ratio is not None):
        checks.append(("length_ratio", _ratio_outside(filters.min_ratio, filters.max_ratio)))
    if filters.drop_severity is not None:
        rank = Severity(filters.drop_severity).rank
        checks.append(("open_findings", lambda r: r.status != "approved" and r.risk <= rank and (
            ", ".join(r.findings) or "risk rank " + str(r.risk))))
    return checks


def _unrepresentable(writer) -> Check:
    forbidden: re.Pattern = writer.forbidden
    sides = ("source", "target", "mt") if writer.needs_review else ("source", "target")

    def check(row: ExportRow):
        for side in sides:
            text = getattr(row, side)
            # Every forbidden character is unprintable, and most text is printable: one C call.
            if text is not None and not text.isprintable():
                found = forbidden.search(text)
                if found:
                    return f"U+{ord(found.group(0)):04X} in the {side}"
        return None

    return check


def _too_short(minimum: int, both_sides: bool) -> Check:
    def length(text: str) -> int:
        # strip() copies the text; only text with space at an end needs it.
        return len(text.strip()) if text[:1].isspace() or text[-1:].isspace() else len(text)

    def check(row: ExportRow):
        if length(row.target) < minimum:
            return f"target has {length(row.target)} characters"
        if both_sides and row.source is not None and length(row.source) < minimum:
            return f"source has {length(row.source)} characters"
        return None

    return check


def _ratio_outside(low: float | None, high: float | None) -> Check:
    def check(row: ExportRow):
        ratio = len(row.target) / max(len(row.source or ""), 1)
        if (low is not None and ratio < low) or (high is not None and ratio > high):
            return f"ratio {ratio:.2f}"
        return None

    return check


__all__ = [
    "ExportFilters", "ExportReport", "Removed", "FilterPipeline", "FILTER_TITLES", "normalise", "row_checks", "example",
]
