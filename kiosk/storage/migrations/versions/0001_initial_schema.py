"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 10:40:59.853029
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "citizens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_hash", sa.String(length=64), nullable=True),
        sa.Column("id_masked", sa.String(length=12), nullable=True),
        sa.Column("name_enc", sa.LargeBinary(), nullable=True),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("gender", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizens")),
        sa.UniqueConstraint("id_hash", name=op.f("uq_citizens_id_hash")),
    )
    op.create_table(
        "counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counters")),
        sa.UniqueConstraint("code", name=op.f("uq_counters_code")),
    )
    op.create_table(
        "helpers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.SmallInteger(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_helpers")),
        sa.UniqueConstraint("username", name=op.f("uq_helpers_username")),
    )
    op.create_table(
        "kiosk_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kiosk_meta")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["helper_id"], ["helpers.id"], name=op.f("fk_audit_log_helper_id_helpers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("notice_version", sa.String(length=32), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizens.id"], name=op.f("fk_consents_citizen_id_citizens")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["helpers.id"], name=op.f("fk_consents_recorded_by_helpers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_citizen_id"), ["citizen_id"], unique=False)

    op.create_table(
        "day_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("totals", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["helpers.id"], name=op.f("fk_day_closures_closed_by_helpers")
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_day_closures_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_closures")),
        sa.UniqueConstraint("counter_id", "business_day", name="uq_day_closure"),
    )
    op.create_table(
        "receipt_sequences",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_receipt_sequences_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", "business_day", name=op.f("pk_receipt_sequences")),
    )
    op.create_table(
        "transactions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=True),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("receipt_no", sa.String(length=32), nullable=True),
        sa.Column("receipt_seq", sa.Integer(), nullable=True),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("notes_enc", sa.LargeBinary(), nullable=True),
        sa.Column("referral", sa.String(length=40), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_phone_enc", sa.LargeBinary(), nullable=True),
        sa.Column("corrects_id", sa.Uuid(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizens.id"], name=op.f("fk_transactions_citizen_id_citizens")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["transactions.id"],
            name=op.f("fk_transactions_corrects_id_transactions"),
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_transactions_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["helper_id"], ["helpers.id"], name=op.f("fk_transactions_helper_id_helpers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transactions")),
        sa.UniqueConstraint("counter_id", "receipt_no", name="uq_transactions_counter_receipt"),
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transactions_business_day"), ["business_day"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_citizen_id"), ["citizen_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_transactions_corrects_id"), ["corrects_id"], unique=False
        )
        batch_op.create_index(
            "ix_transactions_counter_day", ["counter_id", "business_day"], unique=False
        )

    op.create_table(
        "transaction_barriers",
        sa.Column("transaction_id", sa.Uuid(), nullable=False),
        sa.Column("barrier_code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_transaction_barriers_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint(
            "transaction_id", "barrier_code", name=op.f("pk_transaction_barriers")
        ),
    )
    op.create_table(
        "transaction_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("dossier_code", sa.String(length=40), nullable=True),
        sa.Column("procedure_name", sa.String(length=255), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["transactions.id"],
            name=op.f("fk_transaction_services_transaction_id_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transaction_services")),
        sa.UniqueConstraint("transaction_id", "service_code", name="uq_txn_service"),
    )
    with op.batch_alter_table("transaction_services", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transaction_services_transaction_id"), ["transaction_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("transaction_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transaction_services_transaction_id"))

    op.drop_table("transaction_services")
    op.drop_table("transaction_barriers")
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_index("ix_transactions_counter_day")
        batch_op.drop_index(batch_op.f("ix_transactions_corrects_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_citizen_id"))
        batch_op.drop_index(batch_op.f("ix_transactions_business_day"))

    op.drop_table("transactions")
    op.drop_table("receipt_sequences")
    op.drop_table("day_closures")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_citizen_id"))

    op.drop_table("consents")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    op.drop_table("kiosk_meta")
    op.drop_table("helpers")
    op.drop_table("counters")
    op.drop_table("citizens")
