"""Receipts: ``kiosk receipt`` writes one as a PDF, ``kiosk print-queue`` manages the queue."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli import messages
from kiosk.cli.common import (
    Commands,
    Handler,
    Parser,
    non_negative_number,
    open_kiosk,
    positive_number,
    receipt_number,
)
from kiosk.errors import InputError
from kiosk.private_files import write_private
from kiosk.settings import PAPERS, Settings

# What ``print-queue list`` calls the states of a job (stored in English).
STATUS_NAMES = {"queued": "chờ in", "printing": "đang in", "done": "đã in", "failed": "lỗi"}


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    receipt = commands.add_parser("receipt", help="write a visit's receipt as a PDF")
    receipt.add_argument(
        "receipt_no", type=receipt_number, metavar="RECEIPT_NO", help="e.g. Q01-20261123-0007"
    )
    receipt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    receipt.add_argument("--paper", choices=PAPERS, help="default: the printing.paper setting")
    receipt.add_argument("--reprint", action="store_true", help="mark the copy 'BẢN IN LẠI'")

    queue = commands.add_parser("print-queue", help="receipts waiting for the printer")
    queue_commands = queue.add_subparsers(dest="queue_command", required=True, parser_class=Parser)
    listing = queue_commands.add_parser("list", help="newest print jobs first")
    listing.add_argument("--pending", action="store_true", help="only jobs not printed yet")
    listing.add_argument("--limit", type=positive_number, default=50)
    queue_commands.add_parser("retry", help="print the waiting jobs now, oldest first")
    prune = queue_commands.add_parser("prune", help="delete printed jobs older than N days")
    prune.add_argument(
        "--older-than-days", type=non_negative_number, default=7, metavar="N", help="default: 7"
    )
    return {"receipt": _cmd_receipt, "print-queue": _cmd_print_queue}


def _cmd_receipt(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.documents.receipt import render_receipt

    with open_kiosk(settings) as kiosk:
        record = kiosk.transactions.find_by_receipt(args.receipt_no)
        pdf = render_receipt(
            record,
            centre=settings.centre,
            catalogue=kiosk.catalogue,
            paper=args.paper or settings.receipt_paper,
            reprint_at=kiosk.clock.now() if args.reprint else None,
        )
    try:
        write_private(args.out, pdf)  # a name on it: 0600, also over an older file
    except OSError as exc:
        raise InputError(
            messages.CANNOT_WRITE_FILE.format(path=args.out, reason=exc.strerror or exc)
        ) from exc
    print(f"Đã ghi biên nhận {record.receipt_no} vào {args.out}.")
    return 0


def _cmd_print_queue(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import build_printer
    from kiosk.domain.clock import LOCAL_TZ
    from kiosk.services.printing import DONE, PrintQueue

    printer = build_printer(settings)
    with open_kiosk(settings) as kiosk:
        queue = PrintQueue(kiosk.db, kiosk.clock, printer)
        if args.queue_command == "prune":
            deleted = queue.prune(older_than_days=args.older_than_days)
            print(f"Đã xóa {deleted} lệnh in đã in quá {args.older_than_days} ngày.")
            return 0
        if args.queue_command == "retry":
            tried = queue.process(retry_failed=True)  # a person asked: failed jobs too
            if not tried:
                print("Không có biên nhận nào chờ in.")
                return 0
            for job in tried:
                if job.status == DONE:
                    outcome = "đã in"
                elif job.held:
                    outcome = f"chưa thử, chờ máy in: {job.last_error}"
                else:
                    outcome = f"chưa in: {job.last_error}"
                print(f"#{job.id} {job.receipt_no}: {outcome}")
            waiting = queue.pending_count()
            if waiting:
                print(f"Còn {waiting} biên nhận chờ in.")
                return 1
            return 0
        jobs = queue.list(pending_only=args.pending, limit=args.limit)
    if not jobs:
        print("Hàng in trống.")
    for job in jobs:
        at = job.created_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
        status = STATUS_NAMES.get(job.status, job.status)
        line = f"#{job.id}\t{at}\t{job.receipt_no}\t{job.paper}\t{status}\t{job.attempts} lần"
        print(line + (f"\t{job.last_error}" if job.last_error else ""))
    return 0
