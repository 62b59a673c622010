"""MQM error annotations: scores, the public WMT MQM TSV layout, import and export.

Scoring follows Freitag et al. (2021), "Experts, Errors, and Context": an error
weighs 5 if Major, 1 if Minor (0.1 for a Minor Fluency/Punctuation error), 25 if
it is a Non-translation (any severity), 0 if Neutral; a segment's score is the sum
of one rater's error weights, and a system's score is the mean over its rated
(segment x rater) pairs, clean ones included. Lower is better.

The layout is the one of the google/wmt-mqm-human-evaluation releases and the
Marot viewer: tab-separated, no quoting, columns ``system doc doc_id seg_id rater
source target category severity`` (and optionally ``comment``), one row per error,
a "No-error" row for a segment the rater found clean, the error span marked in
``target`` (or, for omissions, in ``source``) with ``<v>...</v>``. The WMT22/23
releases name two columns ``docSegId`` and ``globalSegId`` (read as ``doc_id`` and
``seg_id``) and carry the annotation tool's attention checks as rows of severity
``HOTW-test`` (an error the tool injected to test the rater, not an MT error):
those rows are left out and counted (``attention_checks``).
"""
from __future__ import annotations

import difflib
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import BadInputError
from ..ingest.decode import decode_text
from ..model import Annotation, Document, DocumentDraft, SegmentDraft

COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity")
OPTIONAL_COLUMNS = ("comment",)
COLUMN_ALIASES = {"docSegId": "doc_id", "globalSegId": "seg_id"}  # the WMT22/23 releases' names
ATTENTION_CHECK = "hotw-test"  # severity of the annotation tool's injected test errors
NO_ERROR = "No-error"
# The WMT MQM categories (Freitag et al. 2021), as in corpora/wmt21-ted-mqm-ende: marks a
# reviewer makes in the app use them, so they score and export like imported ones.
CATEGORIES = (
    "Accuracy/Mistranslation", "Accuracy/Omission", "Accuracy/Addition", "Accuracy/Untranslated text",
    "Fluency/Grammar", "Fluency/Punctuation", "Fluency/Spelling", "Fluency/Register", "Fluency/Inconsistency",
    "Terminology/Inappropriate for context", "Terminology/Inconsistent use of terminology", "Style/Awkward",
    "Non-translation", "Other",
)
MARK_SEVERITIES = ("Minor", "Major", "Neutral")  # what a reviewer can give a mark ("No-error" is no mark)
SEVERITIES = {"major": "Major", "minor": "Minor", "neutral": "Neutral", "no-error": NO_ERROR}
WEIGHTS = {"major": 5.0, "minor": 1.0, "neutral": 0.0, "no-error": 0.0}
NON_TRANSLATION_WEIGHT = 25.0
MINOR_PUNCTUATION_WEIGHT = 0.1
_MARK_TAG = re.compile(r"(</?v>)")


@dataclass(frozen=True)
class MqmRow:
    system: str
    doc: str
    doc_id: str
    seg_id: str
    rater: str
    source: str  # as in the file: may carry <v> marks
    target: str  # as in the file: may carry <v> marks
    category: str
    severity: str
    comment: str = ""
    line: int = 0  # where it was read (0 = made, not read)

    @property
    def is_error(self) -> bool:
        return self.category != NO_ERROR and self.severity.lower() != "no-error"


def weight(category: str, severity: str) -> float:
    """The Freitag et al. (2021) weight of one error."""
    if category.lower().startswith("non-translation"):
        return NON_TRANSLATION_WEIGHT
    sev = severity.lower()
    if sev == "minor" and category.lower() == "fluency/punctuation":
        return MINOR_PUNCTUATION_WEIGHT
    return WEIGHTS[sev]


# -- reading and writing the TSV ---------------------------------------------


def read_mqm(name: str, data: bytes) -> list[MqmRow]:
    """Parse the WMT MQM TSV; a missing column, a short row or an unknown severity is a one-line error."""
    lines = decode_text(name, data).split("\n")
    header = [COLUMN_ALIASES.get(c, c) for c in lines[0].split("\t")]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BadInputError(
            f"{name}: line 1: missing column(s) {', '.join(missing)} (the WMT MQM layout has: {' '.join(COLUMNS)})"
        )
    at = {c: header.index(c) for c in (*COLUMNS, *OPTIONAL_COLUMNS) if c in header}
    rows = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise BadInputError(f"{name}: line {number}: {len(cells)} fields but the header has {len(header)}")
        row = MqmRow(**{c: cells[i] for c, i in at.items()}, line=number)
        if row.severity.lower() == ATTENTION_CHECK:
            continue
        _check_row(name, row, at)
        rows.append(row)
    if not rows:
        raise BadInputError(f"{name}: no rows under the header")
    return rows


def attention_checks(data: bytes) -> int:
    """How many rows of an MQM TSV are the annotation tool's attention checks (left out by read_mqm)."""
    lines = data.decode("utf-8", "replace").lower().splitlines()
    return sum(line.rsplit("\t", 1)[-1] == ATTENTION_CHECK for line in lines[1:])


def _check_row(name: str, row: MqmRow, at: dict[str, int]) -> None:
    if row.severity.lower() not in SEVERITIES:
        known = ", ".join(SEVERITIES.values())
        raise BadInputError(f"{name}: line {row.line}, column {at['severity'] + 1} (severity): "
                            f"unknown severity {row.severity!r} (known: {known})")


def write_mqm(rows: Iterable[MqmRow], with_comment: bool = True) -> str:
    """The TSV text (header first); tabs and newlines inside cells become spaces (the layout has no quoting)."""
    columns = COLUMNS + (OPTIONAL_COLUMNS if with_comment else ())
    out = ["\t".join(columns)]
    for row in rows:
        out.append("\t".join(_cell(getattr(row, c)) for c in columns))
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    return re.sub(r"[\t\r\n]", " ", value or "")


def strip_marks(text: str) -> tuple[str, tuple[int, int] | None]:
    """The text without <v> marks, and the marked span in it (first mark to last, if any).

    The public files are hand-made: a ``<v>`` never closed runs to the end of the
    text (one row of the WMT21 TED set has one), a stray ``</v>`` is dropped.
    """
    plain, starts, ends, inside = [], [], [], False
    for piece in _MARK_TAG.split(text):
        if piece == "<v>":
            starts.append(sum(map(len, plain)))
            inside = True
        elif piece == "</v>":
            if inside:
                ends.append(sum(map(len, plain)))
            inside = False
        else:
            plain.append(piece)
    clean = "".join(plain)
    if inside:
        ends.append(len(clean))
    if not starts:
        return clean, None
    return clean, (starts[0], ends[-1] if ends else len(clean))


def add_marks(text: str, start: int, end: int) -> str:
    return f"{text[:start]}<v>{text[start:end]}</v>{text[end:]}"


# -- scores -------------------------------------------------------------------


@dataclass(frozen=True)
class SystemMqm:
    system: str
    mqm: float  # mean error weight per rated (segment x rater); lower is better
    rated: int  # rated (segment x rater) pairs
    errors: int
    major: int
    minor: int
    neutral: int
    non_translation: int


def segment_scores(rows: Iterable[MqmRow]) -> dict[tuple[str, str, str, str], float]:
    """(system, doc, seg_id, rater) -> that rater's MQM score of that segment."""
    out: dict[tuple[str, str, str, str], float] = defaultdict(float)
    for row in rows:
        key = (row.system, row.doc, row.seg_id, row.rater)
        out[key] += weight(row.category, row.severity) if row.is_error else 0.0
    return dict(out)


def mqm_table(rows: Sequence[MqmRow]) -> list[SystemMqm]:
    """Per-system MQM scores, best (lowest) first."""
    per_segment = segment_scores(rows)
    totals: dict[str, list[float]] = defaultdict(list)
    for (system, *_), score in per_segment.items():
        totals[system].append(score)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        if row.is_error:
            c = counts[row.system]
            c["errors"] += 1
            c[row.severity.lower()] += 1
            c["non_translation"] += row.category.lower().startswith("non-translation")
    table = [
        SystemMqm(system, sum(scores) / len(scores), len(scores), counts[system]["errors"],
                  counts[system]["major"], counts[system]["minor"], counts[system]["neutral"],
                  counts[system]["non_translation"])
        for system, scores in totals.items()
    ]
    return sorted(table, key=lambda s: (s.mqm, s.system))


# -- a project's annotations <-> the TSV -------------------------------------


@dataclass(frozen=True)
class MqmDocument:
    """One document of an MQM release, ready to store: its draft (the MT system's output as MT,
    the reference system's as reference), a digest of its rows, every system's output per
    segment, and the rows themselves (each becomes an annotation on its system's output)."""

    draft: DocumentDraft
    digest: str
    outputs: dict[tuple[str, str], str]  # (system, seg_id) -> text
    rows: list[MqmRow]


def mqm_documents(rows: Sequence[MqmRow], *, name: str = "mqm", source_lang: str | None = None,
                  target_lang: str = "en", reference_system: str = "ref",
                  mt_system: str | None = None) -> list[MqmDocument]:
    """MQM rows grouped as one document per ``doc``. ``mt_system``'s output (default: the first
    system other than the reference, by name) becomes the segments' MT."""
    systems = sorted({r.system for r in rows})
    mt_system = mt_system or next((s for s in systems if s != reference_system), systems[0])
    if mt_system not in systems:
        raise BadInputError(f"{name}: no system named {mt_system!r} (systems: {', '.join(systems)})")
    return [_mqm_document(name, doc, doc_rows, source_lang, target_lang, reference_system, mt_system)
            for doc, doc_rows in _group(rows, lambda r: r.doc).items()]


def _group(rows, key) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def _mqm_document(name, doc, rows, source_lang, target_lang, reference_system, mt_system) -> MqmDocument:
    digest = hashlib.sha256("\n".join(write_mqm(rows).splitlines()[1:]).encode("utf-8")).hexdigest()
    seg_ids = sorted(_group(rows, lambda r: r.seg_id), key=lambda s: (not s.isdigit(), int(s) if s.isdigit() else 0, s))
    texts = _segment_texts(name, rows)
    first = {r.seg_id: r for r in reversed(rows)}
    drafts = tuple(
        SegmentDraft(
            mt=texts.get((mt_system, seg), ""),
            source=strip_marks(first[seg].source)[0],
            reference=texts.get((reference_system, seg)),
            external_id=seg,
        )
        for seg in seg_ids
    )
    meta = {"mqm": {"file": name, "mt_system": mt_system, "reference_system": reference_system,
                    "doc_ids": [first[seg].doc_id for seg in seg_ids]}}
    draft = DocumentDraft(name=doc, format="mqm", segments=drafts, source_lang=source_lang,
                          target_lang=target_lang, meta=meta)
    return MqmDocument(draft, digest, texts, list(rows))


def _segment_texts(name: str, rows: Sequence[MqmRow]) -> dict[tuple[str, str], str]:
    """(system, seg_id) -> the system's output as most raters' rows give it.

    Raters' copies of one output should agree; real releases (WMT23) have a few that differ
    by a space. The majority copy is kept (the first seen on a tie) and the other raters'
    spans are moved onto it (:func:`row_annotation`); copies that differ in more than
    whitespace are refused with both lines named."""
    copies: dict[tuple[str, str], Counter] = {}
    first_line: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        plain = strip_marks(row.target)[0]
        key = (row.system, row.seg_id)
        copies.setdefault(key, Counter())[plain] += 1
        first_line.setdefault(key, {}).setdefault(plain, row.line)
    texts = {}
    for key, counter in copies.items():
        kept = max(counter, key=lambda text: (counter[text], -first_line[key][text]))
        for other in counter:
            if _squeezed(other) != _squeezed(kept):
                raise BadInputError(f"{name}: line {first_line[key][other]}: target of {key[0]} segment {key[1]} "
                                    f"differs from line {first_line[key][kept]}")
        texts[key] = kept
    return texts


def _squeezed(text: str) -> str:
    return "".join(text.split())


def row_annotation(row: MqmRow, segment_id: int, candidate_id: int, stored_text: str | None = None) -> Annotation:
    """An MQM row as an annotation on its system's candidate (an omission marks the source).
    ``stored_text``: the output as stored, when this rater's copy differs from it in whitespace."""
    plain, span = strip_marks(row.target)
    side = "target"
    if span is None:  # an omission is marked in the source
        _, span = strip_marks(row.source)
        side = "source" if span is not None else "target"
    elif stored_text is not None and stored_text != plain:
        span = (_moved(plain, stored_text, span[0]), _moved(plain, stored_text, span[1]))
    start, end = span or (0, 0)
    return Annotation(segment_id=segment_id, start=start, end=end, category=row.category,
                      severity=row.severity, reviewer=row.rater, candidate_id=candidate_id,
                      comment=row.comment or None, side=side)


def _moved(copy: str, stored: str, offset: int) -> int:
    """An offset in a rater's copy, moved to the same character of the stored text."""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, copy, stored, autojunk=False).get_opcodes():
        if i1 <= offset < i2 or (offset == i2 == len(copy)):
            return j1 + min(offset - i1, j2 - j1) if tag == "equal" else j1
    return len(stored)


def annotation_row(doc: Document, segment, ann: Annotation, system: str, target: str) -> MqmRow:
    """A stored annotation back as an MQM row (``target``: the text it marks, written by ``system``)."""
    doc_ids = (doc.meta.get("mqm") or {}).get("doc_ids") or []
    doc_id = doc_ids[segment.position] if segment.position < len(doc_ids) else str(segment.position + 1)
    source, comment = segment.source or "", ann.comment or ""
    is_error = ann.category != NO_ERROR
    if ann.side == "source":
        source = add_marks(source, ann.start, ann.end)
    elif is_error and (ann.start, ann.end) != (0, 0):  # (0, 0): an error with no span marked
        target = add_marks(target, ann.start, ann.end)
    return MqmRow(system=system, doc=doc.name, doc_id=doc_id, seg_id=segment.external_id or str(segment.position + 1),
                  rater=ann.reviewer, source=source, target=target, category=ann.category,
                  severity=ann.severity, comment=comment)


__all__ = [
    "MqmRow", "SystemMqm", "CATEGORIES", "MARK_SEVERITIES", "read_mqm", "write_mqm", "weight", "mqm_table", "segment_scores",
    "MqmDocument", "mqm_documents", "row_annotation", "annotation_row", "strip_marks", "add_marks", "COLUMNS", "SEVERITIES", "NO_ERROR",
]
