"""issue 17/18 (sessions): where each reviewer stopped in each document, so a new tab or a new
sign-in opens the segment they left

Named for its issue so parallel branches' migrations don't clash; renumber at merge.

Revision ID: 0007_issue17
Revises: 0006_team
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_issue17"
down_revision = "0006_team"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviewer_positions",
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_reviewer_positions_document_id_documents",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], name="fk_reviewer_positions_segment_id_segments",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("reviewer", "document_id", name="pk_reviewer_positions"),
    )


def downgrade() -> None:
    op.drop_table("reviewer_positions")
