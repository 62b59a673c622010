"""Plain, frozen records that every layer passes around.

Storage turns rows into these, readers produce them, checks and scorers consume
them, and the UI renders them. None of them knows about SQL or Streamlit.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Severity(str, enum.Enum):
    """How bad a finding is; the order is the review queue's risk order."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.MAJOR: 1, Severity.MINOR: 2, Severity.INFO: 3}
# The risk rank of a segment with no finding: after every severity in the queue.
NO_RISK = 99

# What the database holds (storage/schema.py sizes its columns from these; PostgreSQL refuses
# longer values, SQLite would keep them, so both are checked before a write).
MAX_PROJECT_NAME = 200
MAX_DOCUMENT_NAME = 500
MAX_EXTERNAL_ID = 200
MAX_EXCLUSION_REASON = 200
MAX_LANGUAGE_TAG = 35
MAX_SEGMENT_CHARS = 20_000  # no sentence or paragraph is longer; a 50 MB "line" is not a segment


def risk_rank(findings) -> int:
    """A segment's place in the riskiest-first queue: the rank of its worst finding."""
    return min((Severity(f.severity).rank for f in findings), default=NO_RISK)


class SegmentStatus(str, enum.Enum):
    NEW = "new"
    APPROVED = "approved"
    NEEDS_WORK = "needs_work"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        """How people read it: "needs work"."""
        return self.value.replace("_", " ")


# Candidate origins. Rule repairs are "rule:<check name>", so the origin alone
# says which check produced them.
ORIGIN_MT = "mt"
ORIGIN_MODEL = "model"
ORIGIN_SYSTEM = "system"
ORIGIN_REVIEWER = "reviewer"
RULE_ORIGIN_PREFIX = "rule:"


def rule_origin(check_name: str) -> str:
    return RULE_ORIGIN_PREFIX + check_name


@dataclass(frozen=True)
class Project:
    id: int
    name: str
    created_at: datetime | None = None


@dataclass(frozen=True)
class SegmentDraft:
    """A segment as a reader produces it, before it is stored."""

    mt: str
    paragraph: int = 0
    source: str | None = None
    reference: str | None = None
    external_id: str | None = None
    excluded: bool = False
    exclusion_reason: str | None = None


@dataclass(frozen=True)
class DocumentDraft:
    """What a reader returns: a named document with its segments in reading order."""

    name: str
    format: str
    segments: tuple[SegmentDraft, ...]
    source_lang: str | None = None
    target_lang: str = "en"
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    id: int
    project_id: int
    name: str
    format: str
    source_lang: str | None
    target_lang: str
    sha256: str
    imported_at: datetime | None = None
    segment_count: int = 0
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    id: int
    document_id: int
    position: int
    paragraph: int
    mt: str
    source: str | None = None
    reference: str | None = None
    external_id: str | None = None
    source_lang: str | None = None
    target_lang: str = "en"
    excluded: bool = False
    exclusion_reason: str | None = None
    status: SegmentStatus = SegmentStatus.NEW
    version: int = 0
    corrected: str | None = None  # text of the latest correction, if any
    risk: int = NO_RISK  # rank of the worst open finding (lower is riskier): the severity filter
    risk_score: float = 0.0  # scoring.risk: log-odds of a Major error; the queue sorts by it, highest first

    @property
    def text(self) -> str:
        """The best current wording: the latest correction, else the MT."""
        return self.corrected if self.corrected is not None else self.mt


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str | None = None
    segment_id: int | None = None
    id: int | None = None
    confidence: float | None = None  # the check's score, 0..1: how sure it is (orders the review queue)
    side: str = "target"  # which text start/end index: "target" (the MT) or "source" (what it left out)


@dataclass(frozen=True)
class Candidate:
    segment_id: int
    origin: str
    text: str
    system: str | None = None
    provenance: dict = field(default_factory=dict)
    id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Score:
    metric: str
    value: float
    reference: str
    signature: str
    candidate_id: int | None = None
    segment_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Correction:
    id: int
    segment_id: int
    version: int
    text: str
    status: SegmentStatus
    reviewer: str
    created_at: datetime
    based_on_version: int
    candidate_id: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Annotation:
    """One MQM error mark on a target text (a correction's or a candidate's)."""

    segment_id: int
    start: int
    end: int
    category: str
    severity: str
    reviewer: str
    candidate_id: int | None = None
    correction_id: int | None = None
    comment: str | None = None
    side: str = "target"  # the span is in the "target" text, or in the "source" (an omission)
    id: int | None = None


# -- what the Store hands out besides the records above ------------------------------


@dataclass(frozen=True)
class ProjectSummary:
    project: Project
    documents: int
    segments: int
    reviewed: int


@dataclass(frozen=True)
class DocumentSummary:
    document: Document
    segments: int
    excluded: int
    reviewed: int
    approved: int

    @property
    def to_review(self) -> int:
        """Segments a reviewer should look at: page furniture and the like left out."""
        return self.segments - self.excluded

    @property
    def progress(self) -> float:
        """Share of the segments to review that a reviewer has saved (0 when there are none)."""
        return min(1.0, self.reviewed / self.to_review) if self.to_review else 0.0


@dataclass(frozen=True)
class SegmentFilter:
    """What the review list can be narrowed to; every field is optional."""

    status: str | None = None
    check: str | None = None
    min_severity: Severity | None = None
    system: str | None = None
    text: str | None = None
    include_excluded: bool = True
    assigned_to: str | None = None  # only the segments assigned to this reviewer


@dataclass(frozen=True)
class ExportRecord:
    """A segment as export needs it: who gave it its current wording, when, from which candidate."""

    segment: Segment
    reviewer: str | None
    reviewed_at: datetime | None
    origin: str  # origin of the current wording: "mt" if never corrected, "reviewer" if typed in
    system: str | None
    findings: tuple[Finding, ...]


# -- the team ------------------------------------------------------------------------


@dataclass(frozen=True)
class Assignment:
    """A document, or a range of its segments, that a reviewer should review."""

    id: int
    document_id: int
    reviewer: str
    first_position: int | None  # 0-based, both ends included; None = the whole document
    last_position: int | None
    assigned_by: str
    created_at: datetime | None = None


@dataclass(frozen=True)
class Presence:
    """Who has which segment open, as of their session's last heartbeat."""

    session: str
    reviewer: str
    document_id: int
    segment_id: int
    seen_at: datetime


@dataclass(frozen=True)
class TeamEvent:
    """One change an admin made to the team (an account, a role, a permission, an assignment)."""

    actor: str
    action: str
    subject: str
    detail: str | None = None
    created_at: datetime | None = None
    id: int | None = None
