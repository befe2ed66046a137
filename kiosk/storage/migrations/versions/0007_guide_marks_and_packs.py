"""Guide steps marked out of date, and the guide pack of each visit

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

Volunteers mark a guide step "out of date" with a short note (guide_marks: a step, never a
citizen); each visit records the version of the guide pack in use (transactions.guide_pack),
so that a figure can be traced to the guides that were shown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guide_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("step_id", sa.String(length=40), nullable=False),
        sa.Column("step_number", sa.SmallInteger(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("guide_checked", sa.String(length=7), nullable=False),
        sa.Column("guide_pack", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_guide_marks_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_marks")),
    )
    with op.batch_alter_table("guide_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_marks_counter_id"), ["counter_id"], unique=False)
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guide_pack", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_column("guide_pack")
    with op.batch_alter_table("guide_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_marks_counter_id"))
    op.drop_table("guide_marks")
