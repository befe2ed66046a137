"""The transaction log: start, record outcomes, finish with a receipt number, correct.

Each public method is one use case in one unit of work, committed once. A closed
day is read-only: changing what happened on it means a correction, a new entry
that references the original. Start, outcome and finish, a counter's whole day, write
through Core statements (:mod:`.recording`); the rarer edits through the ORM. Receipt
numbers and counters are in :mod:`.receipts`, closures in :mod:`.closures`, the
catalogue's checks in :mod:`.checks`, the values read back in :mod:`.listing` (never under
the write lock), the receipt of a finish in :mod:`.finishing`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import bindparam
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, local_day
from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.errors import InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.privacy import PrivacyVault
from kiosk.services.stored_text import CORRECTION_REASON, clean_text
from kiosk.services.visits import messages, recording
from kiosk.services.visits.checks import (
    check_citizen,
    check_details,
    check_outcome,
    check_services,
)
from kiosk.services.visits.closures import refuse_if_closed
from kiosk.services.visits.finishing import FinishedVisit as FinishedVisit  # also imported here
from kiosk.services.visits.finishing import ReceiptStep as ReceiptStep
from kiosk.services.visits.finishing import prepare_receipt
from kiosk.services.visits.listing import read_day, read_record, read_records, read_unfinished
from kiosk.services.visits.receipts import (
    format_receipt_no,
    next_receipt_sequence,
)
from kiosk.services.visits.records import editable_query, visit_query
from kiosk.services.visits.writing import apply_details, apply_outcome
from kiosk.storage.models import AssistedService, Transaction
from kiosk.storage.unit_of_work import Database

OPEN, FINISHED, ABANDONED = "open", "finished", "abandoned"

# built once: building a select and its cache key on each call cost more than running it
_VISIT_BY_ID = visit_query().where(Transaction.id == bindparam("visit_id"))
_EDITABLE_BY_ID = editable_query().where(Transaction.id == bindparam("visit_id"))


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
        self._desk = recording.Desk(counter_id, counter_code, self._guide_pack)

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
        with self._db.writing() as unit:
            visit_id = recording.start_visit(
                unit,
                self._vault,
                self._desk,
                helper_id=helper_id,
                citizen=citizen,
                services=services,
                now=self._clock.now(),
            )
            unit.commit()
        return visit_id

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
        with self._db.writing() as unit:
            recording.record_outcome(unit, self._desk, transaction_id, outcome, self._clock.now())
            unit.commit()

    def record_details(self, transaction_id: uuid.UUID, details: VisitDetails) -> None:
        """Record barriers, rating, referral, follow-up and notes of an open transaction."""
        details = check_details(self._catalogue, details, self._today())
        with self._db.unit_of_work() as uow:
            transaction = self._editable(uow.session, transaction_id)
            apply_details(uow.session, self._vault, transaction, details)
            uow.commit()

    def finish(self, transaction_id: uuid.UUID) -> TransactionRecord:
        """Close a transaction and give it the next receipt number of its counter and day."""
        return self.finish_with_receipt(transaction_id, None).record

    def finish_with_receipt(
        self, transaction_id: uuid.UUID, queue_receipt: ReceiptStep | None
    ) -> FinishedVisit:
        """:meth:`finish`, with ``queue_receipt`` storing the receipt's print job in the same
        unit of work: the visit is finished with its print job, or not at all (a crash or a
        failure between the two can no longer leave a finished visit without its receipt).
        The receipt is rendered before the write lock is taken (:mod:`.finishing`)."""
        finished_at = self._clock.now()
        counter = (self.counter_id, self.counter_code)
        prepared = (
            prepare_receipt(
                self._db, self._vault, queue_receipt, transaction_id, counter, finished_at
            )
            if queue_receipt
            else None
        )
        receipt = (queue_receipt, prepared) if queue_receipt else None
        with self._db.writing() as unit:
            record, job_id = recording.finish_visit(
                unit,
                self._vault,
                self._desk,
                transaction_id,
                finished_at,
                label=lambda code: self._catalogue.label("services", code),
                receipt=receipt,
            )
            unit.commit()
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
                apply_outcome(line, outcome, now)
                correction.services.append(line)
            if details:
                apply_details(session, self._vault, correction, details)
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
        with self._db.reading() as connection:  # never the write lock
            record = read_record(connection, self._vault, transaction_id)
        if record is None:
            raise NotFoundError(messages.NO_SUCH_VISIT)
        return record

    def find_by_receipt(self, receipt_no: str) -> TransactionRecord:
        """The transaction with ``receipt_no`` (any counter of this database)."""
        receipt_no = receipt_no.strip().upper()
        with self._db.reading() as connection:
            found = read_records(connection, self._vault, Transaction.receipt_no == receipt_no)
        if not found:
            raise NotFoundError(messages.NO_SUCH_RECEIPT.format(receipt_no=receipt_no))
        return found[0]

    def list_day(self, day: date | None = None) -> list[TransactionRecord]:
        """This counter's transactions of ``day`` (default today), oldest first."""
        day = day or local_day(self._clock.now())
        with self._db.reading() as connection:  # never the write lock: a finish need not wait
            return read_day(connection, self._vault, self.counter_id, day)

    def list_unfinished(self) -> list[TransactionRecord]:
        """Open transactions of this counter on days not yet closed, to resume."""
        with self._db.reading() as connection:
            return read_unfinished(connection, self._vault, self.counter_id)

    # -- internals ---------------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(self._clock.now())

    def _load(
        self, session: Session, transaction_id: uuid.UUID, *, editing: bool = False
    ) -> Transaction:
        query = _EDITABLE_BY_ID if editing else _VISIT_BY_ID
        found = session.scalars(query, {"visit_id": transaction_id}).unique()
        transaction = found.one_or_none()
        if transaction is None:
            raise NotFoundError(messages.NO_SUCH_VISIT)
        return transaction

    def _editable(self, session: Session, transaction_id: uuid.UUID) -> Transaction:
        transaction = self._load(session, transaction_id, editing=True)
        if transaction.status != OPEN:
            raise InputError(messages.VISIT_ENDED)
        self._refuse_if_closed(session, transaction.business_day, transaction.counter_id)
        return transaction

    def _refuse_if_closed(self, session: Session, day: date, counter_id: int | None = None) -> None:
        refuse_if_closed(session, counter_id or self.counter_id, day)
