"""Writing synthetic visits: Core bulk inserts, a batch per unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from kiosk.services.people.privacy import PrivacyVault, mask_id_number
from kiosk.services.visits.receipts import format_receipt_no
from kiosk.storage.models import Base, ReceiptSequence
from kiosk.storage.unit_of_work import Database
from kiosk.storage.upsert import insert_for
from kiosk.tools.demo.population import CONSENT_NOTICE, Person
from kiosk.tools.demo.visits import Visit

_TABLES = Base.metadata.tables


class Writer:
    """Bulk-inserts batches of visits, each batch in its own unit of work."""

    def __init__(self, db: Database, vault: PrivacyVault, counter_id: int, code: str) -> None:
        self.db = db
        self.vault = vault
        self.counter_id = counter_id
        self.code = code
        self.written = 0
        self.people: set[int] = set()

    def write(self, visits: Sequence[Visit], sequences: dict[date, int]) -> None:
        """Insert ``visits`` and set each day's receipt sequence, then commit."""
        with self.db.unit_of_work() as uow:
            session = uow.session
            self._store_people(session, visits)
            self._touch_returning(session, visits)
            self._insert(session, "transactions", [self._transaction_row(v) for v in visits])
            self._insert(session, "transaction_services", _service_rows(visits))
            self._insert(session, "transaction_barriers", _barrier_rows(visits))
            self._insert(session, "consents", _consent_rows(visits))
            _set_sequences(session, self.counter_id, sequences)
            uow.commit()
        self.written += len(visits)

    @staticmethod
    def _insert(session: Session, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            session.execute(insert(_TABLES[table]), rows)

    def _store_people(self, session: Session, visits: Sequence[Visit]) -> None:
        """Give every person of the batch a row: an existing one by ID hash, else a new one."""
        new = list(dict.fromkeys(v.person for v in visits if v.person and v.person.db_id is None))
        if not new:
            return
        for person in new:
            person.id_hash = person.id_hash or self.vault.id_hash(person.id_number)
        citizens = _TABLES["citizens"]
        known = dict(
            session.execute(
                select(citizens.c.id_hash, citizens.c.id).where(
                    citizens.c.id_hash.in_([p.id_hash for p in new])
                )
            ).all()
        )
        for person in new:
            person.db_id = known.get(person.id_hash)
        fresh = [p for p in new if p.db_id is None]
        if fresh:
            rows = [self._citizen_row(p) for p in fresh]
            statement = insert(citizens).returning(citizens.c.id, sort_by_parameter_order=True)
            for person, db_id in zip(
                fresh, session.execute(statement, rows).scalars(), strict=True
            ):
                person.db_id = db_id
                person.stored_seen = person.last_seen
        for person in new:
            assert person.db_id is not None
            self.people.add(person.db_id)

    def _citizen_row(self, person: Person) -> dict[str, Any]:
        return {
            "id_hash": person.id_hash,
            "id_masked": mask_id_number(person.id_number),
            "name_enc": self.vault.encrypt(person.full_name),
            "birth_year": person.birth_year,
            "gender": person.gender,
            "created_at": person.first_seen,
            "last_seen_at": person.last_seen,
        }

    def _touch_returning(self, session: Session, visits: Sequence[Visit]) -> None:
        """Move ``last_seen_at`` of people already stored who came back in this batch."""
        people = dict.fromkeys(v.person for v in visits if v.person is not None)
        moved = [p for p in people if p.stored_seen != p.last_seen]
        if not moved:
            return
        citizens = _TABLES["citizens"]
        statement = (
            update(citizens)
            .where(citizens.c.id == bindparam("b_id"))
            .values(last_seen_at=bindparam("b_seen"))
        )
        session.execute(statement, [{"b_id": p.db_id, "b_seen": p.last_seen} for p in moved])
        for person in moved:
            person.stored_seen = person.last_seen

    def _transaction_row(self, visit: Visit) -> dict[str, Any]:
        seq = visit.receipt_seq
        return {
            "id": visit.id,
            "counter_id": self.counter_id,
            "helper_id": visit.helper_id,
            "citizen_id": visit.person.db_id if visit.person else None,
            "business_day": visit.day,
            "started_at": visit.started_at,
            "finished_at": visit.finished_at,
            "status": visit.status,
            "receipt_no": format_receipt_no(self.code, visit.day, seq) if seq else None,
            "receipt_seq": seq,
            "satisfaction": visit.satisfaction,
            "notes_enc": self.vault.encrypt_optional(visit.note),
            "referral": visit.referral,
            "follow_up_on": visit.follow_up_on,
            "follow_up_phone_enc": self.vault.encrypt_optional(visit.follow_up_phone),
            "corrects_id": visit.corrects.id if visit.corrects else None,
            "correction_reason": visit.correction_reason,
        }


def _service_rows(visits: Sequence[Visit]) -> list[dict[str, Any]]:
    """One row per service line, in the visit's order."""
    rows = []
    for visit in visits:
        for position, line in enumerate(visit.lines):
            rows.append(
                {
                    "transaction_id": visit.id,
                    "position": position,
                    "service_code": line.service_code,
                    "outcome": line.outcome,
                    "reason_code": line.reason_code,
                    "dossier_code": line.dossier_code,
                    "procedure_name": line.procedure_name,
                    "recorded_at": (visit.finished_at or visit.started_at)
                    if line.outcome
                    else None,
                }
            )
    return rows


def _barrier_rows(visits: Sequence[Visit]) -> list[dict[str, Any]]:
    return [{"transaction_id": v.id, "barrier_code": code} for v in visits for code in v.barriers]


def _consent_rows(visits: Sequence[Visit]) -> list[dict[str, Any]]:
    """A consent per identified visit, as the real flow records it (corrections add none)."""
    return [
        {
            "citizen_id": v.person.db_id,
            "notice_version": CONSENT_NOTICE,
            "given_at": v.started_at,
            "recorded_by": v.helper_id,
        }
        for v in visits
        if v.person is not None and v.corrects is None
    ]


def _set_sequences(session: Session, counter_id: int, sequences: dict[date, int]) -> None:
    """Leave each day's receipt sequence at the last number used."""
    if not sequences:
        return
    assert session.bind is not None
    statement = insert_for(session.bind.dialect.name, ReceiptSequence)
    statement = statement.on_conflict_do_update(
        index_elements=[ReceiptSequence.counter_id, ReceiptSequence.business_day],
        set_={"last_number": statement.excluded.last_number},
    )
    session.execute(
        statement,
        [
            {"counter_id": counter_id, "business_day": d, "last_number": n}
            for d, n in sequences.items()
        ],
    )
