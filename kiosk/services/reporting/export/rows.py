"""Turning a visit row and its service lines into the values of one export row.

A masked row has no "Họ tên", "Ghi chú" or "Lý do điều chỉnh" at all (free text may hold
personal data) and the follow-up phone masked; only an unmasked export (admins, checked
by the caller) decrypts names and notes. Per-service values ("Kết quả", "Lý do", "Mã hồ
sơ", "Thủ tục") follow the order of "Dịch vụ", joined with "; "; when no service has a
value the cell is empty, otherwise "—" stands for the services without one.

Rows come raw, dates and UTC times as ISO text: SQLite's visit rows with their line rows,
or (``joined=True``) PostgreSQL's rows of visits joined with their lines, whose line fields
start at ``JOINED_SERVICE``.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from kiosk.domain.catalogue import Catalogue, Entry
from kiosk.domain.clock import LOCAL_TZ
from kiosk.services.people.privacy import PrivacyVault, mask_phone
from kiosk.services.reporting.export.columns import (
    COLUMNS,
    IN_PROGRESS,
    MISSING,
    SEPARATOR,
    STATUS_LABELS,
    UNKNOWN_BARRIER,
)
from kiosk.services.reporting.export.queries import (
    BARRIERS,
    BIRTH_YEAR,
    CORRECTION,
    CORRECTS,
    COUNTER,
    DAY,
    FINISHED,
    FOLLOW_UP,
    GENDER,
    GUIDE_PACK,
    HELPER,
    ID_MASKED,
    JOINED_SERVICE,
    NAME,
    NOTES,
    PHONE,
    RECEIPT,
    REFERRAL,
    SATISFACTION,
    SERVICE,
    STARTED,
    STATUS,
)

if TYPE_CHECKING:
    from kiosk.services.reporting.export.writers import Sink

CACHE_SIZE = 1_024  # memoised days and minutes: memory stays flat on long periods


class RowMaker:
    """Turns a visit row and its service lines into export values, in column order.

    Dates and times go through the sink's ``day``/``time`` so a CSV gets text and a
    workbook typed values; a day's value is worked out once (a period has few days).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        vault: PrivacyVault,
        sink: Sink,
        *,
        helpers: dict[int, str],
        counters: dict[int, str],
        unmasked: bool,
        joined: bool = False,
    ) -> None:
        self.vault = vault
        self.unmasked = unmasked
        self.sink = sink
        self.counters = counters
        # Labels by code; an unknown code shows as itself, a missing one as below.
        self.services = _labels(catalogue.services)
        self.outcomes = {**_labels(catalogue.outcomes), None: IN_PROGRESS}
        self.reasons = _labels(catalogue.reasons)
        self.referrals = {**_labels(catalogue.referrals), None: ""}
        self.barrier_order = {e.code: i for i, e in enumerate(catalogue.barriers)}
        self.barriers = _labels(catalogue.barriers)
        self.helpers = helpers
        self.line = JOINED_SERVICE if joined else SERVICE  # where a line's fields start
        self.time_out = sink.time
        self.days: dict[Any, Any] = {}  # raw value → written value, bounded by CACHE_SIZE
        self.minutes: dict[str, Any] = {}
        self.barrier_sets: dict[str, str] = {}
        keep = [i for i, c in enumerate(COLUMNS) if not c.private]
        self.pick = None if unmasked else operator.itemgetter(*keep)

    def __call__(self, head: Any, lines: Sequence[Any]) -> Sequence[Any]:
        services, outcomes, reasons, dossiers, procedures = self._services(lines)
        finished, follow_up, phone, barriers = (
            head[FINISHED],
            head[FOLLOW_UP],
            head[PHONE],
            head[BARRIERS],
        )
        values = [
            head[RECEIPT],
            self.counters.get(head[COUNTER], ""),
            self._day(head[DAY]),
            self._time(head[STARTED]),
            self._time(finished) if finished else None,
            STATUS_LABELS.get(head[STATUS], head[STATUS]),
            self.helpers.get(head[HELPER], ""),
            head[ID_MASKED],
            self._decrypt(head[NAME]) if self.unmasked else None,
            head[BIRTH_YEAR],
            head[GENDER],
            services,
            outcomes,
            reasons,
            dossiers,
            procedures,
            self._barriers(barriers) if barriers else "",
            head[SATISFACTION],
            self.referrals.get(head[REFERRAL], head[REFERRAL]),
            self._day(follow_up) if follow_up else None,
            self._phone(phone) if phone else None,
            self._decrypt(head[NOTES]) if self.unmasked else None,
            head[CORRECTS],
            head[CORRECTION],
            head[GUIDE_PACK],
        ]
        return values if self.pick is None else self.pick(values)

    def _services(self, lines: Sequence[Any]) -> tuple[str, str, str, str, str]:
        """Services, outcomes, reasons, dossier codes and procedures, each joined with "; "."""
        at = self.line
        if len(lines) == 1:  # most visits: no lists to build
            code, outcome, reason, dossier, procedure = lines[0][at : at + 5]
            return (
                self.services.get(code, code),
                self.outcomes.get(outcome, outcome),
                self.reasons.get(reason, reason) or "",
                dossier or "",
                procedure or "",
            )
        outcome, reason, dossier, procedure = at + 1, at + 2, at + 3, at + 4
        return (
            SEPARATOR.join(self.services.get(r[at], r[at]) for r in lines),
            SEPARATOR.join(self.outcomes.get(r[outcome], r[outcome]) for r in lines),
            _aligned([self.reasons.get(r[reason], r[reason]) for r in lines]),
            _aligned([r[dossier] for r in lines]),
            _aligned([r[procedure] for r in lines]),
        )

    def _time(self, raw: Any) -> Any:
        """A stored UTC moment, read raw, as the sink writes a Vietnam time of day (HH:MM).

        Read raw to skip per-cell type processing: SQLite gives naive ISO text (UTC, as
        :class:`~kiosk.storage.models.UtcDateTime` stores it), PostgreSQL an aware datetime.
        On SQLite the text's minute is the cache key (zone offsets are whole minutes).
        """
        if not isinstance(raw, str):
            moment = raw if raw.tzinfo else raw.replace(tzinfo=UTC)
            return self.time_out(moment.astimezone(LOCAL_TZ).replace(second=0, microsecond=0))
        minute = raw[:16]
        try:
            return self.minutes[minute]
        except KeyError:
            if len(self.minutes) > CACHE_SIZE:
                self.minutes.clear()
            local = datetime.fromisoformat(minute + "+00:00").astimezone(LOCAL_TZ)
            value = self.minutes[minute] = self.time_out(local)
            return value

    def _day(self, raw: Any) -> Any:
        """A stored date, read raw (ISO text on SQLite), as the sink writes it."""
        try:
            return self.days[raw]
        except KeyError:
            if len(self.days) > CACHE_SIZE:
                self.days.clear()
            day = date.fromisoformat(raw) if isinstance(raw, str) else raw
            value = self.days[raw] = None if day is None else self.sink.day(day)
            return value

    def _decrypt(self, token: bytes | None) -> str | None:
        return self.vault.decrypt(token) if token else None

    def _phone(self, token: bytes) -> str:
        phone = self.vault.decrypt(token)
        return phone if self.unmasked else mask_phone(phone)

    def _barriers(self, codes: str) -> str:
        """Barrier labels in catalogue order, from the aggregated codes (few distinct sets)."""
        try:
            return self.barrier_sets[codes]
        except KeyError:
            if len(self.barrier_sets) > CACHE_SIZE:
                self.barrier_sets.clear()
            order = self.barrier_order
            ordered = sorted(codes.split(","), key=lambda c: (order.get(c, UNKNOWN_BARRIER), c))
            text = self.barrier_sets[codes] = SEPARATOR.join(
                self.barriers.get(c, c) for c in ordered
            )
            return text


def _labels(entries: Iterable[Entry]) -> dict[str | None, str]:
    return {entry.code: entry.name_vi for entry in entries}


def _aligned(values: list[str | None]) -> str:
    """Per-service values in service order, "—" for a service without one; "" if none has."""
    if not any(values):
        return ""
    return SEPARATOR.join(value or MISSING for value in values)
