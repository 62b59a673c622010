"""segments get a float risk score (the queue's order, scoring.risk); findings say which text their span is in

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("segments") as batch_op:
        batch_op.add_column(sa.Column("risk_score", sa.Float(), nullable=False, server_default="0"))
        batch_op.create_index("ix_segments_risk_queue", ["document_id", "risk_score", "position"], unique=False)
    with op.batch_alter_table("findings") as batch_op:
        batch_op.add_column(sa.Column("side", sa.String(length=10), nullable=False, server_default="target"))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch_op:
        batch_op.drop_column("side")
    with op.batch_alter_table("segments") as batch_op:
        batch_op.drop_index("ix_segments_risk_queue")
        batch_op.drop_column("risk_score")
