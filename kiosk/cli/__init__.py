"""Every command of the kiosk: ``kiosk`` starts the GUI, subcommands administer.

One module a command group, each adding its subcommands and returning their handlers:
:mod:`.system` (the window, ``db``, ``config``), :mod:`.helpers`, :mod:`.visits` (``export``,
``purge``, ``seed-demo``), :mod:`.days` (``close-day``, ``z-report``), :mod:`.doctor`,
:mod:`.guides` (``check``, ``marks``, packs), :mod:`.sync`, :mod:`.centre` (the centre's
database), :mod:`.backup` (and ``restore``), :mod:`.devices` (``scan``, ``say``),
:mod:`.printing` (``receipt``, ``print-queue``); :mod:`.common` is what they share.
The commands are a composition root too: they build the kiosk, engines and devices through
:mod:`kiosk.app` and hand them to the services.

Exit codes: 0 success; 2 bad input or settings; 3 database unreachable or damaged;
4 disk full; 5 authentication; 6 privacy key problem; 7 a schema version this kiosk cannot
work with (a newer database, a centre older or newer); 1 any other known failure;
70 an unexpected error (details in the log file, never a traceback on screen).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli import (
    backup,
    centre,
    days,
    devices,
    doctor,
    guides,
    helpers,
    printing,
    sync,
    system,
    visits,
)
from kiosk.cli.common import UNEXPECTED, Handler, Parser, log, report_failure
from kiosk.errors import KioskError
from kiosk.logging_setup import configure_logging
from kiosk.private_files import private_umask
from kiosk.settings import default_log_dir, load_settings

GROUPS = (system, helpers, visits, days, doctor, guides, sync, centre, backup, devices, printing)
# Commands that only look: the doctor reports files wider than 0700/0600 rather than fix them.
READ_ONLY = ("doctor",)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str | None, Handler]]:
    """The argument parser of every command, and the handler of each command by name."""
    parser = Parser(prog="kiosk", description="Quầy Số: support-counter kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    handlers: dict[str | None, Handler] = {}
    for group in GROUPS:
        handlers.update(group.add_commands(commands))
    return parser, handlers


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code.

    What it creates is the kiosk account's only (umask 077 on POSIX, put back afterwards).
    """
    parser, handlers = build_parser()
    args = parser.parse_args(argv)
    with private_umask():
        return _run(args, handlers)


def _run(args: argparse.Namespace, handlers: dict[str | None, Handler]) -> int:
    command = args.command or "gui"
    # Logging first: a settings error is logged to the file like any other, never to the
    # screen through logging's last-resort handler (a second copy, or a traceback).
    configure_logging(default_log_dir(os.environ), verbose=args.verbose)
    try:
        settings = load_settings()
        log.info("command %s", command)
        if args.command not in READ_ONLY:
            from kiosk.services.upkeep.private_places import narrow_kiosk_files

            narrow_kiosk_files(settings)
        return handlers[args.command](args, settings)
    except KioskError as exc:
        log.warning("command %s failed: %s", command, exc.detail)
        return report_failure(args, exc.message, exc.exit_code)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`kiosk print-queue list | head`): not an
        # error. Point stdout at /dev/null so that the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("unexpected error in command %s", command)
        return report_failure(args, UNEXPECTED, 70, prefix="")
