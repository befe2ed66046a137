"""A kiosk process driven by a test: finishes visits and acknowledges each one on stdout.

Settings come from the environment (``KIOSK_DATABASE_URL``, ``KIOSK_CONFIG_DIR``,
``KIOSK_DATA_DIR``, ``KIOSK_COUNTER_CODE``), as for the real ``kiosk`` command.
A line ``ack <counter> <day> <receipt_no> <transaction id>`` is written and flushed only
after ``finish`` returned, i.e. after the commit: what the parent has read is exactly
what the kiosk promised to citizens. With ``--receipts`` each finish also stores the
receipt's print job, in its own unit of work, as the kiosk window does.

Barriers: with ``--wait-build`` the worker says ``hello`` and waits for a line on stdin
before opening the database; with ``--wait-start`` it says ``ready`` and waits again
before the first visit, then says ``go <time>``. A blocking read, so that workers
released together really start together. The last line is ``done <time>``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from kiosk.app import Kiosk, build_kiosk, build_printer
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome
from kiosk.services.printing import PrintQueue
from kiosk.services.visits.transactions import ReceiptStep
from kiosk.settings import load_settings

# 09:30 in Hà Nội, the same morning as the tests' fixed clock.
START = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


def say(line: str) -> None:
    """Write one protocol line and push it through the pipe at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def wait_for_parent() -> None:
    """Block until the parent writes a line (or exit if it has gone)."""
    if not sys.stdin.readline():
        raise SystemExit("parent closed stdin")


def receipt_step(kiosk: Kiosk) -> ReceiptStep:
    """The receipt's print job in the finish's unit of work, as the kiosk window queues it
    (:meth:`kiosk.ui.receipt_printing.ReceiptPrinting.receipt_step`); nothing is printed."""
    settings = kiosk.settings
    queue = PrintQueue(kiosk.db, kiosk.clock, build_printer(settings))
    return queue.receipt_step(
        centre=settings.centre, catalogue=kiosk.catalogue, paper=settings.receipt_paper
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=0, help="visits to finish; 0 = forever")
    parser.add_argument("--days", type=int, default=1, help="spread visits over this many days")
    parser.add_argument("--wait-build", action="store_true")
    parser.add_argument("--wait-start", action="store_true")
    parser.add_argument(
        "--receipts", action="store_true", help="queue each receipt as the kiosk window does"
    )
    args = parser.parse_args(argv)

    if args.wait_build:
        say("hello")
        wait_for_parent()
    clock = FixedClock(START)
    kiosk = build_kiosk(load_settings(), clock=clock)
    queue_receipt = receipt_step(kiosk) if args.receipts else None
    say("ready")
    if args.wait_start:
        wait_for_parent()
        say(f"go {time.monotonic()}")  # CLOCK_MONOTONIC: comparable between processes
    done = 0
    while args.count == 0 or done < args.count:
        clock.at = START + timedelta(days=done % args.days)
        transaction_id = kiosk.transactions.start(helper_id=None, services=["portal_account"])
        kiosk.transactions.record_outcome(transaction_id, ServiceOutcome("portal_account", "done"))
        record = kiosk.transactions.finish_with_receipt(transaction_id, queue_receipt).record
        say(f"ack {record.counter_code} {record.business_day} {record.receipt_no} {record.id}")
        done += 1
    kiosk.close()
    say(f"done {time.monotonic()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
