"""Index visits by (corrects_id, business_day)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The figures query selects the visits of a period with ``corrects_id IS NULL``; without
statistics SQLite chose the single-column corrects_id index and scanned every visit. The
composite index serves both that and the lookup of a visit's corrections.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("transactions") as batch_op:
        batch_op.drop_index("ix_transactions_corrects_id")
        batch_op.create_index(
            "ix_transactions_corrects_day", ["corrects_id", "business_day"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("transactions") as batch_op:
        batch_op.drop_index("ix_transactions_corrects_day")
        batch_op.create_index("ix_transactions_corrects_id", ["corrects_id"], unique=False)
