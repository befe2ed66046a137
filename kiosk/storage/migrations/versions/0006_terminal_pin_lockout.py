"""A helper's wrong PINs at the command line, counted apart from the screen's

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Admin commands now ask for an admin's PIN. Their failures are counted, and locked, apart
from the kiosk screen's: someone at the screen who types wrong PINs for the admin cannot
lock the admin out of ``kiosk helper unlock`` at the terminal.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("helpers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "terminal_failed_attempts", sa.SmallInteger(), server_default="0", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("terminal_locked_until", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("helpers", schema=None) as batch_op:
        batch_op.drop_column("terminal_locked_until")
        batch_op.drop_column("terminal_failed_attempts")
