"""``kiosk centre``: tooling for the centre's shared database, for its administrator.

``setup``, ``add-counter`` and ``counters`` (:mod:`.centre_access`) give each counter its own
PostgreSQL role, allowed to write only that counter's rows.
"""

from __future__ import annotations

import argparse

from kiosk.cli import centre_access
from kiosk.cli.common import Commands, Handler, Parser
from kiosk.errors import InputError
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add ``kiosk centre <action>``; return its handler."""
    centre = commands.add_parser("centre", help="the centre's shared database (administrator)")
    actions = centre.add_subparsers(dest="centre_command", required=True, parser_class=Parser)
    centre_access.add_actions(actions)  # setup, add-counter, counters
    return {"centre": _cmd_centre}


def _cmd_centre(args: argparse.Namespace, settings: Settings) -> int:
    if centre_access.is_access_action(args):
        return centre_access.run_action(args, settings)
    raise InputError(f"Không có lệnh 'kiosk centre {args.centre_command}'.")
