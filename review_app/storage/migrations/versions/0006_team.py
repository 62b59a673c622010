"""the team (issue 16): assignments of documents or segment ranges to reviewers, who has which
segment open (presence), what admins changed about accounts (team_events), per-project roles
and permissions such as starting model jobs

Revision ID: 0006_team
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_team"
down_revision = "0005"
branch_labels = None
depends_on = None


def _now() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE",
                                                             name="fk_assignments_document_id_documents"),
                  nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("first_position", sa.Integer()),
        sa.Column("last_position", sa.Integer()),
        sa.Column("assigned_by", sa.String(200), nullable=False),
        _now(),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
    )
    op.create_index("ix_assignments_document_id", "assignments", ["document_id"])
    op.create_index("ix_assignments_reviewer", "assignments", ["reviewer"])
    op.create_table(
        "presence",
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE",
                                                             name="fk_presence_document_id_documents"),
                  nullable=False),
        sa.Column("segment_id", sa.Integer(), sa.ForeignKey("segments.id", ondelete="CASCADE",
                                                            name="fk_presence_segment_id_segments"),
                  nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("session", name="pk_presence"),
    )
    op.create_index("ix_presence_document_id", "presence", ["document_id"])
    op.create_table(
        "team_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text()),
        _now(),
        sa.PrimaryKeyConstraint("id", name="pk_team_events"),
    )
    op.create_table(
        "project_roles",
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE",
                                                            name="fk_project_roles_project_id_projects"),
                  nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("account", "project_id", name="pk_project_roles"),
    )
    op.create_table(
        "permissions",
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("permission", sa.String(50), nullable=False),
        sa.Column("granted_by", sa.String(200), nullable=False),
        _now(),
        sa.PrimaryKeyConstraint("account", "permission", name="pk_permissions"),
    )


def downgrade() -> None:
    for table in ("permissions", "project_roles", "team_events", "presence", "assignments"):
        op.drop_table(table)
