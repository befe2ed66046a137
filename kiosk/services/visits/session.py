"""One citizen's visit at the kiosk, from the card to the receipt (no Qt).

The identity read from the card lives only in memory until the citizen consents and
chooses what they need; then the transaction starts (with the citizen, the consent and the
services in one unit of work) and everything that follows is written as it happens, so an
idle time-out or a crash leaves an unfinished transaction a helper can resume, never a lost
one. A visit that never chose a service is never recorded: it is not a visit in the figures,
and going back from the services screen has nothing to undo. A citizen who declines is still
helped, anonymously: nothing personal is stored.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import date

from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.errors import InputError
from kiosk.services.identity import CitizenIdentity
from kiosk.services.visits import messages
from kiosk.services.visits.stuck_points import StuckPoints
from kiosk.services.visits.transactions import OPEN, ReceiptStep, TransactionLog
from kiosk.text.address import ELDER_AGE, NEUTRAL, FormOfAddress, form_for_birth_year

log = logging.getLogger(__name__)

CONSENT_NOTICE_VERSION = "2026-01"
SENIOR_AGE = ELDER_AGE


class VisitSession:
    """The visit in progress; build a new one for every citizen."""

    def __init__(
        self,
        transactions: TransactionLog,
        stuck_points: StuckPoints,
        *,
        today: Callable[[], date],
        helper_id: int | None,
    ) -> None:
        self._transactions = transactions
        self._stuck_points = stuck_points
        self._today = today
        self.helper_id = helper_id
        self._identity: CitizenIdentity | None = None
        self._birth_year: int | None = None  # a resumed visit's, as stored
        self._gender: str | None = None  # likewise
        self.transaction_id: uuid.UUID | None = None
        self.consented: bool | None = None
        self.services: tuple[str, ...] = ()
        self.outcomes: dict[str, ServiceOutcome] = {}
        self.satisfaction: int | None = None
        self.receipt: TransactionRecord | None = None
        self.print_job_id: int | None = None  # the receipt's, queued by finish

    # -- identity and consent ----------------------------------------------------------------

    @property
    def identity(self) -> CitizenIdentity | None:
        """The card's identity, held in memory until the visit ends."""
        return self._identity

    def set_identity(self, identity: CitizenIdentity) -> None:
        """Hold a scanned or typed identity (nothing is stored yet)."""
        if self.transaction_id is not None:
            raise InputError(messages.VISIT_STARTED)
        self._identity = identity
        self.consented = None  # a new card: the notice is asked again

    def citizen_age(self) -> int | None:
        """The citizen's age today, when the card is known (for a resumed visit, from the
        stored birth year: the age reached this year)."""
        if self._identity is None:
            if self._birth_year is None:
                return None
            return self._today().year - self._birth_year
        try:
            return self._identity.age(self._today())
        except ValueError:
            return None

    def is_senior(self) -> bool:
        """Whether the card shows a citizen aged 60 or more (large text turns on)."""
        age = self.citizen_age()
        return age is not None and age >= SENIOR_AGE

    def form_of_address(self) -> FormOfAddress:
        """How screens and speech address this citizen: from the card's (or a resumed
        visit's stored) gender and birth year, neutral when anonymous. The age is the one
        reached this year, as the receipt computes it from what is stored, so the screen
        and the receipt always agree."""
        gender: str | None
        if self._identity is not None:
            gender, year = self._identity.gender, self._identity.birth_year
        elif self._birth_year is not None:
            gender, year = self._gender, self._birth_year
        else:
            return NEUTRAL
        return form_for_birth_year(gender, year, self._today().year)

    def give_consent(self) -> None:
        """The citizen agreed to the notice; their details are stored with the first
        services chosen (:meth:`choose_services`)."""
        if self._identity is None:
            raise InputError(messages.NO_CARD_FOR_CONSENT)
        if self.started:
            raise InputError(messages.VISIT_STARTED)
        self.consented = True

    def decline_consent(self) -> None:
        """The citizen declined (or has no card): forget the card, help anonymously."""
        if self.started:
            raise InputError(messages.VISIT_STARTED)
        self._identity = None
        self.consented = False

    def _citizen_details(self) -> CitizenDetails | None:
        if not self.consented or self._identity is None:
            return None
        return self._identity.to_details(CONSENT_NOTICE_VERSION)

    # -- services, guides, outcomes ----------------------------------------------------------

    def choose_services(self, codes: Sequence[str]) -> uuid.UUID:
        """Record the services the citizen needs now (in the order chosen): the first
        choice starts the transaction; a later one adds the new services and removes those
        no longer chosen whose outcome is not recorded yet."""
        if not codes:
            raise InputError(messages.NO_SERVICE_CHOSEN)
        if self.transaction_id is None:
            if self.consented is None:
                raise InputError(messages.NOT_STARTED)
            chosen = tuple(dict.fromkeys(codes))
            self.transaction_id = self._transactions.start(
                helper_id=self.helper_id, citizen=self._citizen_details(), services=chosen
            )
            self.services = chosen
        else:
            self.services = self._transactions.set_services(self.transaction_id, codes)
        return self.transaction_id

    def record_stuck(self, service_code: str, step_id: str, step_number: int) -> None:
        """The citizen is stuck at this guide step."""
        self._stuck_points.record(self._require_transaction(), service_code, step_id, step_number)

    def record_outcome(self, outcome: ServiceOutcome) -> None:
        """How one service ended."""
        self._transactions.record_outcome(self._require_transaction(), outcome)
        self.outcomes[outcome.service_code] = outcome

    def pending_services(self) -> tuple[str, ...]:
        """Chosen services whose outcome is not recorded yet, in order."""
        return tuple(code for code in self.services if code not in self.outcomes)

    def rate(self, satisfaction: int | None) -> None:
        """The citizen's rating from 1 to 5 (``None``: skipped)."""
        if satisfaction is not None:
            self._transactions.record_details(
                self._require_transaction(), VisitDetails(satisfaction=satisfaction)
            )
        self.satisfaction = satisfaction

    def finish(self, queue_receipt: ReceiptStep | None = None) -> TransactionRecord:
        """Close the transaction; it gets its receipt number, and with ``queue_receipt`` its
        receipt's print job in the same unit of work (:attr:`print_job_id`)."""
        finished = self._transactions.finish_with_receipt(
            self._require_transaction(), queue_receipt
        )
        self.receipt, self.print_job_id = finished.record, finished.print_job_id
        return self.receipt

    # -- resuming and ending -----------------------------------------------------------------

    def resume(self, transaction_id: uuid.UUID) -> TransactionRecord:
        """Take up an unfinished transaction (from helper mode)."""
        record = self._transactions.get(transaction_id)
        if record.status != OPEN:
            raise InputError(messages.CANNOT_RESUME)
        self.transaction_id = record.id
        self.consented = record.citizen_id_masked is not None
        self.services = tuple(s.service_code for s in record.services)
        self.outcomes = {s.service_code: s for s in record.services if s.outcome is not None}
        self.satisfaction = record.satisfaction
        self._birth_year = record.citizen_birth_year
        self._gender = record.citizen_gender
        return record

    @property
    def started(self) -> bool:
        """Whether a transaction exists for this visit."""
        return self.transaction_id is not None

    @property
    def finished(self) -> bool:
        """Whether the visit ended with a receipt."""
        return self.receipt is not None

    def wipe(self) -> bool:
        """Forget everything personal; ``True`` if an unfinished transaction stays to resume."""
        left_open = self.transaction_id is not None and self.receipt is None
        if left_open:
            log.info("visit %s left unfinished; a helper can resume it", self.transaction_id)
        self._identity = None
        self._birth_year = None
        self._gender = None
        self.transaction_id = None
        self.consented = None
        self.services = ()
        self.outcomes = {}
        self.satisfaction = None
        self.receipt = None
        self.print_job_id = None
        return left_open

    def _require_transaction(self) -> uuid.UUID:
        if self.transaction_id is None:
            raise InputError(messages.NOT_STARTED)
        return self.transaction_id
