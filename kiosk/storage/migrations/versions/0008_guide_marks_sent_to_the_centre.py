"""Guide marks sent to the centre: each mark has a UUID

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A volunteer's "this step is out of date" mark now goes to the centre with the visits
(issue 15): guide_marks.uid names a mark across databases, so that sending it again is
harmless. Marks recorded before get a UUID each here.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guide_marks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.Uuid(), nullable=True))
    marks = sa.table("guide_marks", sa.column("id", sa.Integer()), sa.column("uid", sa.Uuid()))
    connection = op.get_bind()
    for (mark_id,) in connection.execute(sa.select(marks.c.id)).all():
        connection.execute(sa.update(marks).where(marks.c.id == mark_id).values(uid=uuid.uuid4()))
    with op.batch_alter_table("guide_marks", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_guide_marks_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("guide_marks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_guide_marks_uid"), type_="unique")
        batch_op.drop_column("uid")
