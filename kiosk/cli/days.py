"""Closing a day: ``kiosk close-day`` (then a backup) and ``kiosk z-report`` again later."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.backup import backup_after_close
from kiosk.cli.common import (
    Commands,
    Handler,
    add_admin_argument,
    day_argument,
    open_kiosk,
    require_admin,
)
from kiosk.domain.clock import format_day
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    close = commands.add_parser("close-day", help="close a day: no more edits")
    close.add_argument(
        "--date", dest="day", type=day_argument, metavar="DATE", help="default: today"
    )
    close.add_argument(
        "--out", type=Path, metavar="DIR", help="also write the Z-report PDF and the day's CSV/XLSX"
    )
    add_admin_argument(close)

    z_report = commands.add_parser("z-report", help="write the Z-report of a closed day again")
    z_report.add_argument("--date", dest="day", type=day_argument, required=True, metavar="DATE")
    z_report.add_argument("--out", type=Path, required=True, metavar="DIR")
    return {"close-day": _cmd_close_day, "z-report": _cmd_z_report}


def _cmd_close_day(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.reporting.reports import close_day

    with open_kiosk(settings) as kiosk:
        actor = require_admin(kiosk, args)
        report = close_day(kiosk, args.day, out=args.out, actor=actor)
    closed = report.closed
    print(
        f"Đã chốt sổ ngày {format_day(closed.day)} của quầy {closed.counter_code}: "
        f"{closed.totals['transactions']} lượt hỗ trợ, {closed.abandoned} lượt dở dang."
    )
    for path in report.files:
        print(f"Đã ghi {path}.")
    return backup_after_close(settings)


def _cmd_z_report(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.reporting.reports import write_z_report

    with open_kiosk(settings) as kiosk:
        path = write_z_report(kiosk, args.day, args.out)
    print(f"Đã ghi báo cáo Z ngày {format_day(args.day)} vào {path}.")
    return 0
