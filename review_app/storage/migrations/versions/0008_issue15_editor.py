"""issue 15 (the translator's editor): findings dismissed as false positives when approving, and
project-wide find-and-replace edits with what each segment read before (for undo)

Named for its issue so parallel branches' migrations don't clash; renumber at merge.

Revision ID: 0008_issue15
Revises: 0007_issue17
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_issue15"
down_revision = "0007_issue17"
branch_labels = None
depends_on = None


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "finding_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.Column("check_name", sa.String(length=50), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        _created_at(),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], name="fk_finding_overrides_segment_id_segments",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"],
                                name="fk_finding_overrides_correction_id_corrections", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_finding_overrides"),
    )
    op.create_index("ix_finding_overrides_segment_id", "finding_overrides", ["segment_id"])
    op.create_table(
        "bulk_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        _created_at(),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name="fk_bulk_edits_project_id_projects",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_bulk_edits"),
    )
    op.create_index("ix_bulk_edits_project_id", "bulk_edits", ["project_id"])
    op.create_table(
        "bulk_edit_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulk_edit_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("before_text", sa.Text(), nullable=False),
        sa.Column("before_status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["bulk_edit_id"], ["bulk_edits.id"], name="fk_bulk_edit_items_bulk_edit_id_bulk_edits",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], name="fk_bulk_edit_items_segment_id_segments",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["correction_id"], ["corrections.id"],
                                name="fk_bulk_edit_items_correction_id_corrections", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_bulk_edit_items"),
    )
    op.create_index("ix_bulk_edit_items_bulk_edit_id", "bulk_edit_items", ["bulk_edit_id"])


def downgrade() -> None:
    op.drop_table("bulk_edit_items")
    op.drop_table("bulk_edits")
    op.drop_table("finding_overrides")
