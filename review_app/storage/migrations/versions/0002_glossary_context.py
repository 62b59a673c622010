"""glossary entries get a context column (cue words that must be near the term)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("glossary_entries") as batch_op:
        batch_op.add_column(sa.Column("context", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("glossary_entries") as batch_op:
        batch_op.drop_column("context")
