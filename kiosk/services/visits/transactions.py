"""The transaction log: start, record outcomes, finish with a receipt number, correct.

Each public method is one use case in one unit of work, committed once. A closed
day is read-only: changing what happened on it means a correction, a new entry
that references the original. Receipt numbers and counters are in :mod:`.receipts`,
closures in :mod:`.closures`, the catalogue's checks in :mod:`.checks` and the values
read back in :mod:`.records`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, format_day, local_day
from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.errors import DayClosedError, InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.privacy import PrivacyVault, mask_id_number
from kiosk.services.stored_text import CORRECTION_REASON, clean_text
from kiosk.services.visits import messages
from kiosk.services.visits.checks import (
    check_citizen,
    check_details,
    check_outcome,
    check_services,
)
from kiosk.services.visits.closures import is_day_closed, lock_day
from kiosk.services.visits.listing import read_records
from kiosk.services.visits.receipts import (
    format_receipt_no,
    next_receipt_sequence,
)
from kiosk.services.visits.records import transaction_record, visit_query
from kiosk.storage.models import AssistedService, Citizen, Consent, Transaction, TransactionBarrier
from kiosk.storage.unit_of_work import Database

OPEN, FINISHED, ABANDONED = "open", "finished", "abandoned"

ReceiptStep = Callable[[Session, TransactionRecord], int]
"""Stores a just-finished visit's receipt as a print job in the finish's session (which
commits it) and returns the job's id: :meth:`kiosk.services.printing.PrintQueue.receipt_step`."""


@dataclass(frozen=True)
class FinishedVisit:
    """A finished visit and the id of its receipt's print job (``None``: none was queued)."""

    record: TransactionRecord
    print_job_id: int | None


class TransactionLog:
    """Use cases of one counter's transaction log."""

    def __init__(
        self,
        db: Database,
        vault: PrivacyVault,
        catalogue: Catalogue,
        clock: Clock,
        counter_code: str,
        counter_id: int,
        *,
        guide_pack: str = "",  # the guide pack's version, recorded on every visit
    ) -> None:
        self._db = db
        self._guide_pack = guide_pack or None
        self._vault = vault
        self._catalogue = catalogue
        self._clock = clock
        self.counter_code = counter_code
        self.counter_id = counter_id

    # -- recording ---------------------------------------------------------------------------

    def start(
        self,
        *,
        helper_id: int | None,
        citizen: CitizenDetails | None = None,
        services: Sequence[str] = (),
    ) -> uuid.UUID:
        """Open a transaction for a citizen who consented (or an anonymous one)."""
        check_services(self._catalogue, services)
        citizen = check_citizen(citizen) if citizen else None
        now = self._clock.now()
        day = local_day(now)
        with self._db.unit_of_work() as uow:
            session = uow.session
            self._refuse_if_closed(session, day)
            citizen_id = self._record_citizen(session, citizen, helper_id) if citizen else None
            transaction = Transaction(
                id=uuid.uuid4(),
                counter_id=self.counter_id,
                helper_id=helper_id,
                citizen_id=citizen_id,
                business_day=day,
                started_at=now,
                status=OPEN,
                guide_pack=self._guide_pack,
            )
            session.add(transaction)
            for position, code in enumerate(dict.fromkeys(services)):
                transaction.services.append(AssistedService(position=position, service_code=code))
            actor = audit.actor_for(session, helper_id, "kiosk")
            audit.record(session, now, actor, "transaction.start", str(transaction.id))
            uow.commit()
            return transaction.id

    def set_services(self, transaction_id: uuid.UUID, codes: Sequence[str]) -> tuple[str, ...]:
        """The services the citizen needs now: new ones are added, and a chosen one that is
        no longer chosen is removed unless its outcome is recorded (that stays). Returns the
        visit's services, in order."""
        if not codes:
            raise InputError(messages.NO_SERVICE_CHOSEN)
        check_services(self._catalogue, codes)
        wanted = set(codes)
        with self._db.unit_of_work() as uow:
            session = uow.session
            transaction = self._editable(session, transaction_id)
            for line in list(transaction.services):
                if line.service_code not in wanted and line.outcome is None:
                    transaction.services.remove(line)
                    session.delete(line)
            session.flush()
            present = {s.service_code for s in transaction.services}
            position = max((s.position for s in transaction.services), default=-1) + 1
            for code in dict.fromkeys(codes):
                if code not in present:
                    transaction.services.append(
                        AssistedService(position=position, service_code=code)
                    )
                    position += 1
            chosen = tuple(s.service_code for s in transaction.services)
            uow.commit()
            return chosen

    def record_outcome(self, transaction_id: uuid.UUID, outcome: ServiceOutcome) -> None:
        """Set how one service ended (adding the service if it was not chosen before)."""
        outcome = check_outcome(self._catalogue, outcome)
        with self._db.unit_of_work() as uow:
            transaction = self._editable(uow.session, transaction_id)
            line = next(
                (s for s in transaction.services if s.service_code == outcome.service_code), None
            )
            if line is None:
                line = AssistedService(
                    position=len(transaction.services), service_code=outcome.service_code
                )
                transaction.services.append(line)
            _apply_outcome(line, outcome, self._clock.now())
            uow.commit()

    def record_details(self, transaction_id: uuid.UUID, details: VisitDetails) -> None:
        """Record barriers, rating, referral, follow-up and notes of an open transaction."""
        details = check_details(self._catalogue, details, self._today())
        with self._db.unit_of_work() as uow:
            transaction = self._editable(uow.session, transaction_id)
            self._apply_details(uow.session, transaction, details)
            uow.commit()

    def finish(self, transaction_id: uuid.UUID) -> TransactionRecord:
        """Close a transaction and give it the next receipt number of its counter and day."""
        return self.finish_with_receipt(transaction_id, None).record

    def finish_with_receipt(
        self, transaction_id: uuid.UUID, queue_receipt: ReceiptStep | None
    ) -> FinishedVisit:
        """:meth:`finish`, with ``queue_receipt`` storing the receipt's print job in the same
        unit of work: the visit is finished with its print job, or not at all (a crash or a
        failure between the two can no longer leave a finished visit without its receipt)."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            transaction = self._editable(session, transaction_id)
            if not transaction.services:
                raise InputError(messages.NO_SERVICE_YET)
            pending = [s.service_code for s in transaction.services if s.outcome is None]
            if pending:
                names = ", ".join(self._catalogue.label("services", c) for c in pending)
                raise InputError(messages.OUTCOMES_MISSING.format(names=names))
            sequence = next_receipt_sequence(session, self.counter_id, transaction.business_day)
            transaction.receipt_seq = sequence
            transaction.receipt_no = format_receipt_no(
                self.counter_code, transaction.business_day, sequence
            )
            transaction.finished_at = self._clock.now()
            transaction.status = FINISHED
            actor = audit.actor_for(session, transaction.helper_id, "kiosk")
            audit.record(
                session,
                transaction.finished_at,
                actor,
                "transaction.finish",
                transaction.receipt_no,
            )
            session.flush()
            record = transaction_record(session, self._vault, transaction)
            job_id = queue_receipt(session, record) if queue_receipt else None
            uow.commit()
        return FinishedVisit(record, job_id)

    def correct(
        self,
        original_id: uuid.UUID,
        *,
        helper_id: int | None,
        reason: str,
        outcomes: Sequence[ServiceOutcome],
        details: VisitDetails | None = None,
    ) -> TransactionRecord:
        """Record a correction of a finished transaction as a new, finished entry.

        The new entry gets its own receipt number on today's sequence and references the
        original, which is never modified. Figures use the latest correction of each service.
        """
        reason = clean_text(CORRECTION_REASON, reason)
        if not reason:
            raise InputError(messages.REASON_NEEDED)
        if not outcomes:
            raise InputError(messages.CORRECTION_EMPTY)
        outcomes = [check_outcome(self._catalogue, outcome) for outcome in outcomes]
        if details:
            details = check_details(self._catalogue, details, self._today())
        now = self._clock.now()
        day = local_day(now)
        with self._db.unit_of_work() as uow:
            session = uow.session
            original = self._load(session, original_id)
            root_id = original.corrects_id or original.id
            if original.status != FINISHED:
                raise InputError(messages.ONLY_FINISHED)
            self._refuse_if_closed(session, day)
            correction = Transaction(
                id=uuid.uuid4(),
                counter_id=self.counter_id,
                helper_id=helper_id,
                citizen_id=original.citizen_id,
                business_day=day,
                started_at=now,
                finished_at=now,
                status=FINISHED,
                corrects_id=root_id,
                correction_reason=reason,
                guide_pack=original.guide_pack,
            )
            session.add(correction)
            for position, outcome in enumerate(outcomes):
                line = AssistedService(position=position, service_code=outcome.service_code)
                _apply_outcome(line, outcome, now)
                correction.services.append(line)
            if details:
                self._apply_details(session, correction, details)
            sequence = next_receipt_sequence(session, self.counter_id, day)
            correction.receipt_seq = sequence
            correction.receipt_no = format_receipt_no(self.counter_code, day, sequence)
            actor = audit.actor_for(session, helper_id, "kiosk")
            audit.record(
                session,
                now,
                actor,
                "transaction.correct",
                correction.receipt_no,
                original=str(root_id),
            )
            uow.commit()
            correction_id = correction.id
        return self.get(correction_id)

    # -- reading -----------------------------------------------------------------------------

    def get(self, transaction_id: uuid.UUID) -> TransactionRecord:
        """One transaction, personal fields decrypted for the screen or a receipt."""
        with self._db.unit_of_work() as uow:
            return transaction_record(
                uow.session, self._vault, self._load(uow.session, transaction_id)
            )

    def find_by_receipt(self, receipt_no: str) -> TransactionRecord:
        """The transaction with ``receipt_no`` (any counter of this database)."""
        receipt_no = receipt_no.strip().upper()
        with self._db.unit_of_work() as uow:
            transaction = uow.session.scalar(
                visit_query().where(Transaction.receipt_no == receipt_no)
            )
            if transaction is None:
                raise NotFoundError(messages.NO_SUCH_RECEIPT.format(receipt_no=receipt_no))
            return transaction_record(uow.session, self._vault, transaction)

    def list_day(self, day: date | None = None) -> list[TransactionRecord]:
        """This counter's transactions of ``day`` (default today), oldest first."""
        day = day or local_day(self._clock.now())
        with self._db.reading() as connection:  # never the write lock: a finish need not wait
            return read_records(
                connection,
                self._vault,
                Transaction.counter_id == self.counter_id,
                Transaction.business_day == day,
            )

    def list_unfinished(self) -> list[TransactionRecord]:
        """Open transactions of this counter on days not yet closed, to resume."""
        with self._db.reading() as connection:
            return read_records(
                connection,
                self._vault,
                Transaction.counter_id == self.counter_id,
                Transaction.status == OPEN,
            )

    # -- internals ---------------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(self._clock.now())

    def _load(self, session: Session, transaction_id: uuid.UUID) -> Transaction:
        transaction = session.scalar(visit_query().where(Transaction.id == transaction_id))
        if transaction is None:
            raise NotFoundError(messages.NO_SUCH_VISIT)
        return transaction

    def _editable(self, session: Session, transaction_id: uuid.UUID) -> Transaction:
        transaction = self._load(session, transaction_id)
        if transaction.status != OPEN:
            raise InputError(messages.VISIT_ENDED)
        self._refuse_if_closed(session, transaction.business_day, transaction.counter_id)
        return transaction

    def _refuse_if_closed(self, session: Session, day: date, counter_id: int | None = None) -> None:
        """Take the day's shared lock, then refuse a closed day: a closure committed before
        the lock is seen, one begun after it waits for this unit of work (:func:`lock_day`)."""
        counter_id = counter_id or self.counter_id
        lock_day(session, counter_id, day)
        if is_day_closed(session, counter_id, day):
            raise DayClosedError(messages.DAY_CLOSED.format(day=format_day(day)))

    def _record_citizen(
        self, session: Session, details: CitizenDetails, helper_id: int | None
    ) -> int:
        now = self._clock.now()
        id_hash = self._vault.id_hash(details.id_number)
        citizen = session.scalar(select(Citizen).where(Citizen.id_hash == id_hash))
        if citizen is None:
            citizen = Citizen(id_hash=id_hash, created_at=now)
            session.add(citizen)
        citizen.id_masked = mask_id_number(details.id_number)
        citizen.name_enc = self._vault.encrypt(details.full_name)  # cleaned by check_citizen
        citizen.birth_year = details.birth_year
        citizen.gender = details.gender
        citizen.last_seen_at = now
        citizen.erased_at = None
        session.flush()
        session.add(
            Consent(
                citizen_id=citizen.id,
                notice_version=details.consent_notice_version,
                given_at=now,
                recorded_by=helper_id,
            )
        )
        return citizen.id

    def _apply_details(
        self, session: Session, transaction: Transaction, details: VisitDetails
    ) -> None:
        if details.barriers is not None:
            for barrier in list(transaction.barriers):
                session.delete(barrier)
            session.flush()
            transaction.barriers = [
                TransactionBarrier(barrier_code=code) for code in dict.fromkeys(details.barriers)
            ]
        if details.satisfaction is not None:
            transaction.satisfaction = details.satisfaction
        if details.referral is not None:
            transaction.referral = details.referral or None
        if details.follow_up_on is not None:
            transaction.follow_up_on = details.follow_up_on
        if details.follow_up_phone is not None:
            transaction.follow_up_phone_enc = self._vault.encrypt_optional(details.follow_up_phone)
        if details.notes is not None:
            transaction.notes_enc = self._vault.encrypt_optional(details.notes.strip())


def _apply_outcome(line: AssistedService, outcome: ServiceOutcome, now: datetime) -> None:
    line.outcome = outcome.outcome
    line.reason_code = outcome.reason_code if outcome.outcome != "done" else None
    line.dossier_code = outcome.dossier_code  # as cleaned by check_outcome
    line.procedure_name = outcome.procedure_name
    line.recorded_at = now
