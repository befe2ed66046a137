"""The export use case: check, stream the period into a temporary file, audit, then rename."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, SystemClock
from kiosk.errors import InputError
from kiosk.pacing import Pacer
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault
from kiosk.services.reporting.export import messages
from kiosk.services.reporting.export.columns import FORMATS, visible_columns
from kiosk.services.reporting.export.files import file_errors, temporary_beside
from kiosk.services.reporting.export.queries import joined_visits, stream_visits
from kiosk.services.reporting.export.rows import RowMaker
from kiosk.services.reporting.export.summary import summary_rows
from kiosk.services.reporting.export.writers import CsvSink, Sink, open_sink
from kiosk.storage.integrity import require_intact
from kiosk.storage.models import Counter, Helper
from kiosk.storage.unit_of_work import Database

PROGRESS_EVERY = 1_000


@dataclass(frozen=True)
class ExportResult:
    """How many transactions were written, and where."""

    rows: int
    path: Path


def _check(start: date, end: date, fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(messages.BAD_FORMAT.format(fmt=fmt))
    if end < start:
        raise InputError(messages.END_BEFORE_START)


def _stream(
    sink: Sink,
    make_row: RowMaker,
    visits: Iterable[tuple[Any, list[Any]]],
    progress: Callable[[int], None] | None,
) -> int:
    """Write one row per visit; return how many."""
    written = 0
    pace = Pacer()
    for head, lines in visits:
        sink.write_row(make_row(head, lines))
        written += 1
        pace()
        if progress and written % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    if progress and written % PROGRESS_EVERY:
        progress(written % PROGRESS_EVERY)
    return written


def server_formats(db: Database, fmt: str, *, unmasked: bool) -> bool:
    """Whether the server formats the rows (:mod:`.server_csv`): a masked CSV on PostgreSQL."""
    return fmt == "csv" and not unmasked and db.dialect == "postgresql"


def _write_file(
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    path: Path,
    fmt: str,
    *,
    start: date,
    end: date,
    unmasked: bool,
    counter_id: int | None,
    progress: Callable[[int], None] | None,
) -> int:
    """Stream the period's transactions into ``path``; return the number of rows."""
    columns = visible_columns(unmasked=unmasked)
    with db.reading() as connection:
        if server_formats(db, fmt, unmasked=unmasked):
            from kiosk.services.reporting.export.server_csv import copy_visits  # PostgreSQL's

            csv_sink = CsvSink(path, columns)
            try:
                rows = copy_visits(
                    connection, csv_sink, vault, catalogue, start, end, counter_id, progress
                )
                csv_sink.finish(None)
            finally:
                csv_sink.close()
            return rows
        helpers = dict(connection.execute(select(Helper.id, Helper.full_name)).all())
        counters = dict(connection.execute(select(Counter.id, Counter.code)).all())
        sink = open_sink(fmt, path, columns)
        joined = db.dialect == "postgresql"  # one joined select on a psycopg cursor (.queries)
        make_row = RowMaker(
            catalogue,
            vault,
            sink,
            helpers=helpers,
            counters=counters,
            unmasked=unmasked,
            joined=joined,
        )
        try:
            read = joined_visits if joined else stream_visits
            found = read(connection, start, end, counter_id, unmasked=unmasked)
            rows = _stream(sink, make_row, found, progress)
            summary = None
            if fmt == "xlsx":
                scope = (
                    f"quầy {counters[counter_id]}" if counter_id in counters else "tất cả các quầy"
                )
                with Session(bind=connection) as session:  # same snapshot as the rows
                    summary = summary_rows(session, catalogue, start, end, counter_id, scope)
            sink.finish(summary)
        finally:
            sink.close()
    return rows


def export_transactions(
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    *,
    start: date,
    end: date,
    out: Path,
    fmt: str,
    unmasked: bool,
    counter_id: int | None,
    actor: Actor,
    progress: Callable[[int], None] | None = None,
    clock: Clock | None = None,
) -> ExportResult:
    """Write the transactions of ``start``..``end`` to ``out`` as CSV or XLSX, and audit it.

    ``unmasked`` decrypts names, phones and notes: the caller must have checked that the
    actor is an admin. ``counter_id`` ``None`` exports every counter of the database.
    """
    _check(start, end, fmt)
    require_intact(db.engine)  # a damaged index silently drops rows: refuse before writing
    out = Path(out)
    temporary = temporary_beside(out)
    try:
        with file_errors(out):
            rows = _write_file(
                db,
                vault,
                catalogue,
                temporary,
                fmt,
                start=start,
                end=end,
                unmasked=unmasked,
                counter_id=counter_id,
                progress=progress,
            )
        # Audited before the file appears: an unmasked file never exists without its line.
        _audit(db, clock or SystemClock(), actor, fmt, start, end, rows, unmasked, counter_id)
        with file_errors(out):
            os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return ExportResult(rows=rows, path=out)


def _audit(
    db: Database,
    clock: Clock,
    actor: Actor,
    fmt: str,
    start: date,
    end: date,
    rows: int,
    unmasked: bool,
    counter_id: int | None,
) -> None:
    """One audit line per export, without personal data (nor the file name)."""
    with db.unit_of_work() as uow:
        audit.record(
            uow.session,
            clock.now().astimezone(UTC),
            actor,
            "export.unmasked" if unmasked else "export",
            f"{start.isoformat()}..{end.isoformat()}",
            format=fmt,
            rows=rows,
            counter_id=counter_id,
        )
        uow.commit()
