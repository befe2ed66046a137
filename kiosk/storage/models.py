"""SQLAlchemy 2.0 typed models. ORM objects never leave a unit of work.

Personal data columns are either keyed hashes, masked forms or ciphertext
(``*_enc``); see :mod:`kiosk.services.people.privacy`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with constraint names Alembic can rely on."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), dict[str, Any]: JSON}


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (for statements that bypass the ORM's flush)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


FINGERPRINT_KEY = "privacy_key_fingerprint"  # kiosk_meta row binding the database to its key


class Meta(Base):
    """Key/value facts about this database (e.g. the privacy key's fingerprint)."""

    __tablename__ = "kiosk_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class Counter(Base):
    """A support counter of the centre (e.g. ``Q01``)."""

    __tablename__ = "counters"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime]


class Helper(Base):
    """A volunteer or staff member who signs in with a PIN."""

    __tablename__ = "helpers"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # volunteer | staff
    role: Mapped[str] = mapped_column(String(16))  # helper | admin
    pin_hash: Mapped[str] = mapped_column(String(200))
    # Wrong PINs in a row and the lock they earned, at the kiosk's screen …
    failed_attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    locked_until: Mapped[datetime | None]
    # … and at the command line, counted apart (services/people/lockout.py says why).
    terminal_failed_attempts: Mapped[int] = mapped_column(
        SmallInteger, default=0, server_default="0"
    )
    terminal_locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class Citizen(Base):
    """A citizen as recorded for assisted transactions: only what the purpose needs."""

    __tablename__ = "citizens"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    id_masked: Mapped[str | None] = mapped_column(String(12))
    name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    gender: Mapped[str | None] = mapped_column(String(8))  # Nam | Nữ
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    erased_at: Mapped[datetime | None]
    consents: Mapped[list[Consent]] = relationship(back_populates="citizen")


class Consent(Base):
    """A recorded consent event (Law 91/2025/QH15): which notice, when, by whose hand."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    notice_version: Mapped[str] = mapped_column(String(32))
    given_at: Mapped[datetime]
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("helpers.id"))
    withdrawn_at: Mapped[datetime | None]
    citizen: Mapped[Citizen] = relationship(back_populates="consents")


class Transaction(Base):
    """One assisted visit at a counter."""

    __tablename__ = "transactions"
    __table_args__ = (
        UniqueConstraint("counter_id", "receipt_no", name="uq_transactions_counter_receipt"),
        Index("ix_transactions_counter_day", "counter_id", "business_day"),
        # Finds a visit's corrections, and the visits of a period (corrects_id IS NULL) without
        # relying on planner statistics, which an embedded SQLite database never gathers.
        Index("ix_transactions_corrects_day", "corrects_id", "business_day"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    helper_id: Mapped[int | None] = mapped_column(ForeignKey("helpers.id"))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    business_day: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))  # open | finished | abandoned
    receipt_no: Mapped[str | None] = mapped_column(String(32))
    receipt_seq: Mapped[int | None]
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    notes_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    referral: Mapped[str | None] = mapped_column(String(40))
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    follow_up_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("transactions.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    # the guide pack in use when the visit started (kiosk guides import): its version
    guide_pack: Mapped[str | None] = mapped_column(String(64))
    services: Mapped[list[AssistedService]] = relationship(
        back_populates="transaction", order_by="AssistedService.position"
    )
    barriers: Mapped[list[TransactionBarrier]] = relationship()


class AssistedService(Base):
    """A service assisted within a transaction and its outcome."""

    __tablename__ = "transaction_services"
    __table_args__ = (UniqueConstraint("transaction_id", "service_code", name="uq_txn_service"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transactions.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    service_code: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(16))  # done | partial | not_possible
    reason_code: Mapped[str | None] = mapped_column(String(40))
    dossier_code: Mapped[str | None] = mapped_column(String(40))
    procedure_name: Mapped[str | None] = mapped_column(String(255))
    recorded_at: Mapped[datetime | None]
    transaction: Mapped[Transaction] = relationship(back_populates="services")


class GuideStuckPoint(Base):
    """A guide step where the citizen got stuck ("Người dân gặp khó ở bước này").

    Counted per service and step so the centre learns where people need more help.
    """

    __tablename__ = "guide_stuck_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transactions.id"), index=True)
    service_code: Mapped[str] = mapped_column(String(40))
    step_id: Mapped[str] = mapped_column(String(40))
    step_number: Mapped[int] = mapped_column(SmallInteger)
    recorded_at: Mapped[datetime]


class GuideMark(Base):
    """A volunteer's "this step is out of date" mark, for whoever maintains the guides.

    About a guide step, never about a citizen: no visit, no personal data. ``uid`` names the
    mark across databases: the centre keeps every counter's marks (kiosk.services.sync.marks).
    """

    __tablename__ = "guide_marks"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    service_code: Mapped[str] = mapped_column(String(40))
    step_id: Mapped[str] = mapped_column(String(40))
    step_number: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(String(200))
    guide_checked: Mapped[str] = mapped_column(String(7))  # the step's "checked" (else guide's)
    guide_pack: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime]


class TransactionBarrier(Base):
    """A barrier the citizen met (no smartphone, phone not in own name…)."""

    __tablename__ = "transaction_barriers"
    transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("transactions.id"), primary_key=True
    )
    barrier_code: Mapped[str] = mapped_column(String(40), primary_key=True)


class ReceiptSequence(Base):
    """Last receipt number issued per counter and day; bumped atomically."""

    __tablename__ = "receipt_sequences"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    business_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class DayClosure(Base):
    """A closed day of a counter: its transactions can no longer be edited."""

    __tablename__ = "day_closures"
    __table_args__ = (UniqueConstraint("counter_id", "business_day", name="uq_day_closure"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    business_day: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("helpers.id"))
    totals: Mapped[dict[str, Any]]


class AuditEntry(Base):
    """Who did what and when. Never holds personal data."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    helper_id: Mapped[int | None] = mapped_column(ForeignKey("helpers.id"))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(80))
    details: Mapped[dict[str, Any]]


class PrintJob(Base):
    """A receipt waiting for, or sent to, a printer; committed before any print is tried.

    ``status`` is ``queued`` (never tried, or the printer was not ready), ``printing``
    (handed to the printer in this process), ``done`` or ``failed`` (a retry will try again).
    """

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_status_id", "status", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    receipt_no: Mapped[str] = mapped_column(String(32))
    paper: Mapped[str] = mapped_column(String(8))
    printer: Mapped[str] = mapped_column(String(127))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    printed_at: Mapped[datetime | None]


class SyncOutboxEntry(Base):
    """Something this counter changed that the centre's database has not acknowledged yet.

    Written in the same local transaction as the change itself (see
    :mod:`kiosk.storage.change_capture`), so nothing committed locally can miss the queue.
    ``kind`` is ``transaction`` (``key`` = the visit's UUID), ``day_closure`` (``key`` =
    ``<counter code>/<YYYY-MM-DD>``), ``erasure`` or ``guide_mark`` (``key`` = its uid).
    ``state`` is ``pending`` or ``conflict`` (the centre refused it for a reason a person must
    look at; ``last_error`` says which).
    """

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_state_id", "state", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
