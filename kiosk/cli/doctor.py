"""``kiosk doctor`` (is everything the kiosk needs there?) and ``kiosk guides check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import Commands, Handler, Parser
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    commands.add_parser("doctor", help="check database, disk, decoders, fonts, camera, printer")

    guides = commands.add_parser("guides", help="step-by-step guides (resources/guides)")
    guides_commands = guides.add_subparsers(
        dest="guides_command", required=True, parser_class=Parser
    )
    guides_check = guides_commands.add_parser("check", help="list every problem as file:line")
    guides_check.add_argument("directory", nargs="?", type=Path, metavar="DIR")
    return {"doctor": _cmd_doctor, "guides": _cmd_guides}


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


def _cmd_guides(args: argparse.Namespace, _settings: Settings) -> int:
    from kiosk.services.guides import check_guides, load_guides

    problems = check_guides(args.directory)
    for problem in problems:
        print(f"{problem.location}: {problem.problem}")
    if problems:
        print(f"Có {len(problems)} lỗi trong hướng dẫn.", file=sys.stderr)
        return 2
    print(f"{len(load_guides(args.directory))} hướng dẫn hợp lệ")
    return 0
