"""What the counter reports: closing a day with its files, and the figures of a period.

``kiosk close-day`` and helper mode's "Chốt sổ cuối ngày" both call :func:`close_day`, so
the GUI and the CLI write the same Z-report PDF and the same masked CSV/XLSX. The dashboard
reads :func:`period_figures` (the Z-report's own figures, for any period) and
:func:`~kiosk.services.reporting.targets.target_progress` (what the counter contributed to
each province target; progress only toward a target that is a count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, format_day
from kiosk.errors import QT_TRANSLATE_NOOP, InputError, KioskError
from kiosk.private_files import write_private
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault
from kiosk.services.reporting.day_close import ClosedDay, DayBook
from kiosk.services.reporting.figures import Figures, compute_figures
from kiosk.services.reporting.targets import TargetProgress, target_progress
from kiosk.services.sync import Replicator
from kiosk.settings import Settings
from kiosk.storage.unit_of_work import Database

EXPORT_FORMATS = ("csv", "xlsx")
CANNOT_WRITE = QT_TRANSLATE_NOOP("reports", "Không ghi được tệp {path}: {reason}.")
REPORT_NOT_WRITTEN = QT_TRANSLATE_NOOP(
    "reports",
    "Đã chốt sổ ngày {day}, nhưng chưa ghi được báo cáo: {reason} Hãy chạy "
    "'kiosk z-report --date {date} --out …' để ghi lại.",
)
NO_CENTRE = QT_TRANSLATE_NOOP(
    "reports",
    "Quầy này chưa nối với cơ sở dữ liệu chung của trung tâm (khóa cấu hình database.central_url).",
)
__all__ = [
    "EXPORT_FORMATS",
    "CounterServices",
    "DayReport",
    "ReportWriteError",
    "TargetProgress",
    "centre_database",
    "centre_figures",
    "close_day",
    "export_day",
    "period_figures",
    "reports_dir",
    "target_progress",
    "write_z_report",
]


class CounterServices(Protocol):
    """The parts of :class:`kiosk.app.Kiosk` a report needs (the Kiosk itself fits)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def db(self) -> Database: ...
    @property
    def vault(self) -> PrivacyVault: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def counter_id(self) -> int: ...
    @property
    def days(self) -> DayBook: ...
    @property
    def sync(self) -> Replicator | None: ...


class ReportWriteError(KioskError):
    """The day was closed, but its report files could not be written."""


@dataclass(frozen=True)
class DayReport:
    """A closed day and the files written for it (none when no folder was asked for)."""

    closed: ClosedDay
    files: tuple[Path, ...]


def reports_dir(settings: Settings, day: date) -> Path:
    """Where helper mode writes a day's reports: ``<data dir>/reports/YYYY-MM-DD``."""
    return settings.data_dir / "reports" / day.isoformat()


def write_z_report(kiosk: CounterServices, day: date, out: Path) -> Path:
    """Gather and render the Z-report of the closed ``day`` into ``out``; return its path."""
    from kiosk.documents.z_report import render_z_report
    from kiosk.services.reporting.z_report import gather_z_report

    settings = kiosk.settings
    facts = gather_z_report(
        kiosk.db,
        kiosk.catalogue,
        kiosk.counter_id,
        day,
        centre_name=settings.centre_name,
        counter_name=settings.counter_name,
    )
    path = out / f"{facts.file_stem}.pdf"
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_private(path, render_z_report(facts))  # 0600 over an older copy too
    except OSError as exc:
        raise InputError(CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)) from exc
    return path


def export_day(kiosk: CounterServices, day: date, out: Path, actor: Actor) -> list[Path]:
    """The day's transactions of this counter, masked, as CSV and XLSX in ``out``."""
    from kiosk.services.reporting.export import export_transactions

    stem = f"{kiosk.settings.counter_code}-{day:%Y%m%d}"
    written = []
    for fmt in EXPORT_FORMATS:
        result = export_transactions(
            kiosk.db,
            kiosk.vault,
            kiosk.catalogue,
            start=day,
            end=day,
            out=out / f"giao-dich-{stem}.{fmt}",
            fmt=fmt,
            unmasked=False,
            counter_id=kiosk.counter_id,
            actor=actor,
            clock=kiosk.clock,
        )
        written.append(result.path)
    return written


def close_day(
    kiosk: CounterServices,
    day: date | None = None,
    *,
    out: Path | None,
    actor: Actor,
) -> DayReport:
    """Close ``day`` (default today), then write its Z-report and exports into ``out``.

    A day closed twice raises the :class:`~kiosk.errors.DayClosedError` of
    :meth:`DayBook.close`. When the files cannot be written the day stays closed and
    :class:`ReportWriteError` says how to write them again.
    """
    closed = kiosk.days.close(day, helper_id=actor.helper_id)
    if out is None:
        return DayReport(closed, ())
    try:
        files = [write_z_report(kiosk, closed.day, out)]
        files += export_day(kiosk, closed.day, out, actor)
    except KioskError as exc:
        raise ReportWriteError(
            REPORT_NOT_WRITTEN.format(
                day=format_day(closed.day), reason=exc.message, date=closed.day.isoformat()
            ),
            detail=f"day closed, report files failed: {exc.detail}",
        ) from exc
    return DayReport(closed, tuple(files))


# -- the dashboard ---------------------------------------------------------------------------


def period_figures(kiosk: CounterServices, first: date, last: date) -> Figures:
    """This counter's figures of ``first``..``last``, computed as the Z-report's are."""
    with kiosk.db.unit_of_work() as uow:
        return compute_figures(
            uow.session, kiosk.catalogue, first, last, counter_id=kiosk.counter_id
        )[None]


def centre_database(kiosk: CounterServices) -> Database:
    """The centre's shared database, for figures and exports of every counter."""
    if kiosk.sync is None:
        raise InputError(NO_CENTRE)
    return kiosk.sync.central


def centre_figures(kiosk: CounterServices, first: date, last: date) -> Figures:
    """Every counter's figures of ``first``..``last``, from the centre's shared database.

    Visits still waiting in a counter's queue are not there yet; the dashboard says how
    many of this counter's are waiting.
    """
    with centre_database(kiosk).unit_of_work() as uow:
        return compute_figures(uow.session, kiosk.catalogue, first, last, counter_id=None)[None]
