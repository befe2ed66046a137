"""Guide steps where citizens got stuck

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

The guide player's "the citizen is stuck here" button records the service and step, so a
centre can see which steps need more help or a better guide.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guide_stuck_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Uuid(), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("step_id", sa.String(length=40), nullable=False),
        sa.Column("step_number", sa.SmallInteger(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_guide_stuck_points_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_stuck_points")),
    )
    with op.batch_alter_table("guide_stuck_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guide_stuck_points_transaction_id"), ["transaction_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("guide_stuck_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_stuck_points_transaction_id"))
    op.drop_table("guide_stuck_points")
