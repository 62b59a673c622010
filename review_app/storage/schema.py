"""The tables. Alembic migrations under ``migrations/`` create and evolve them;
this module is what the Store queries against and what autogenerate diffs."""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

from ..model import (
    MAX_DOCUMENT_NAME,
    MAX_EXCLUSION_REASON,
    MAX_EXTERNAL_ID,
    MAX_LANGUAGE_TAG,
    MAX_PROJECT_NAME,
    NO_RISK,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _now() -> Column:
    return Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now())


projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(MAX_PROJECT_NAME), nullable=False, unique=True),
    _now(),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(MAX_DOCUMENT_NAME), nullable=False),
    Column("format", String(20), nullable=False),
    Column("source_lang", String(MAX_LANGUAGE_TAG)),
    Column("target_lang", String(MAX_LANGUAGE_TAG), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("meta", JSON, nullable=False, default=dict),
    Column("imported_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("project_id", "name"),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("external_id", String(MAX_EXTERNAL_ID)),
    Column("source", Text),
    Column("mt", Text, nullable=False),
    Column("reference", Text),
    Column("excluded", Boolean, nullable=False, default=False),
    Column("exclusion_reason", String(MAX_EXCLUSION_REASON)),
    Column("status", String(20), nullable=False, default="new"),
    # Bumped by every correction: the optimistic-locking token a save must name.
    Column("version", Integer, nullable=False, default=0),
    Column("corrected", Text),
    # Rank of the worst open finding (0 = critical ... 3 = info, 99 = none): the queue order.
    Column("risk", Integer, nullable=False, default=NO_RISK),
    # scoring.risk's score (log-odds of a Major error): the riskiest-first queue sorts by it.
    Column("risk_score", Float, nullable=False, default=0.0),
    UniqueConstraint("document_id", "position"),
    Index("ix_segments_queue", "document_id", "risk", "position"),
    Index("ix_segments_risk_queue", "document_id", "risk_score", "position"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("check_name", String(50), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("message", Text, nullable=False),
    Column("suggestion", Text),
    Column("confidence", Float),  # the check's score, 0..1 (None: a check that gives none)
    Column("side", String(10), nullable=False, default="target"),  # "source": the span marks what the MT left out
    _now(),
)

candidates = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("origin", String(60), nullable=False),
    Column("system", String(200)),
    Column("text", Text, nullable=False),
    Column("provenance", JSON, nullable=False, default=dict),
    _now(),
)

scores = Table(
    "scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("candidate_id", ForeignKey("candidates.id", ondelete="CASCADE"), index=True),
    Column("metric", String(40), nullable=False),
    Column("value", Float, nullable=False),
    Column("reference", String(100), nullable=False),
    Column("signature", String(300), nullable=False),
    _now(),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("based_on_version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reviewer", String(200), nullable=False),
    Column("comment", Text),
    Column("candidate_id", ForeignKey("candidates.id", ondelete="SET NULL")),
    _now(),
    # Two saves can never both become version N of a segment.
    UniqueConstraint("segment_id", "version"),
)

annotations = Table(
    "annotations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("correction_id", ForeignKey("corrections.id", ondelete="CASCADE")),
    Column("candidate_id", ForeignKey("candidates.id", ondelete="CASCADE")),
    # Which text the span is in: "target" (the usual case) or "source" (an omission marked there).
    Column("side", String(10), nullable=False, server_default="target"),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("category", String(100), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("reviewer", String(200), nullable=False),
    Column("comment", Text),
    _now(),
)

glossary_entries = Table(
    "glossary_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("wrong", Text, nullable=False),
    Column("right", Text, nullable=False),
    Column("source_term", Text),
    Column("note", Text),
    # Cue words, "|"-separated, one of which must be near the term (empty = always applies).
    Column("context", Text),
)

# Where each reviewer stopped in each document (a new tab or sign-in opens that segment).
reviewer_positions = Table(
    "reviewer_positions",
    metadata,
    Column("reviewer", String(200), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# -- the team: who reviews what, who has what open, what admins changed ----------------------

assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("reviewer", String(200), nullable=False, index=True),
    # 0-based positions, both ends included; NULL = the whole document.
    Column("first_position", Integer),
    Column("last_position", Integer),
    Column("assigned_by", String(200), nullable=False),
    _now(),
)

presence = Table(
    "presence",
    metadata,
    # One row per browser session: the segment it has open, refreshed every few seconds.
    Column("session", String(64), primary_key=True),
    Column("reviewer", String(200), nullable=False),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

team_events = Table(
    "team_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text),
    _now(),
)

project_roles = Table(
    "project_roles",
    metadata,
    Column("account", String(200), primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(20), nullable=False),
)

permissions = Table(
    "permissions",
    metadata,
    Column("account", String(200), primary_key=True),
    Column("permission", String(50), primary_key=True),
    Column("granted_by", String(200), nullable=False),
    _now(),
)
