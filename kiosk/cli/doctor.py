"""``kiosk doctor``: is everything the kiosk needs there?"""

from __future__ import annotations

import argparse

from kiosk.cli.common import Commands, Handler
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    commands.add_parser("doctor", help="check database, disk, decoders, fonts, camera, printer")
    return {"doctor": _cmd_doctor}


def _cmd_doctor(_args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import engine_for
    from kiosk.services.upkeep.doctor import run_checks

    failed = 0
    for check in run_checks(settings, engine_for):
        mark = "OK  " if check.ok else "LỖI "
        line = f"{mark}{check.name}: {check.message}"
        if not check.ok and check.fix:
            line += f" → Cách khắc phục: {check.fix}"
        print(line)
        failed += not check.ok and check.required
    return 1 if failed else 0
