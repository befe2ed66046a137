"""``kiosk`` with no command starts the window; ``kiosk db`` and ``kiosk config`` set it up."""

from __future__ import annotations

import argparse

from kiosk.cli import messages
from kiosk.cli.common import Commands, Handler, Parser
from kiosk.errors import InputError
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=Parser)
    db_commands.add_parser("upgrade", help="apply pending migrations")
    db_commands.add_parser("current", help="show the schema revision")

    config = commands.add_parser("config", help="settings file")
    config_commands = config.add_subparsers(
        dest="config_command", required=True, parser_class=Parser
    )
    config_commands.add_parser("show", help="print the effective settings")
    config_commands.add_parser("init", help="write a settings file with the defaults")

    return {None: _cmd_gui, "db": _cmd_db, "config": _cmd_config}


def _cmd_gui(_args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.ui.start import run_gui

    return run_gui(settings)


def _cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import open_database
    from kiosk.storage.database import current_revision, upgrade_schema

    db = open_database(settings, migrate=False)
    try:
        if args.db_command == "upgrade":
            print(f"Cơ sở dữ liệu đã ở phiên bản lược đồ {upgrade_schema(db.engine)}.")
        else:
            print(current_revision(db.engine) or "(chưa có lược đồ)")
    finally:
        db.dispose()
    return 0


def _cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.settings import SETTINGS_FILE, settings_template

    path = settings.config_dir / SETTINGS_FILE
    if args.config_command == "init":
        if path.exists():
            raise InputError(messages.SETTINGS_FILE_EXISTS.format(path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(settings_template(), encoding="utf-8")
        print(f"Đã tạo {path}.")
        return 0
    print(f"# tệp cấu hình: {path} ({'có' if path.exists() else 'chưa có'})")
    for name, value in vars(settings).items():
        if name == "database_url" and value:
            from sqlalchemy.engine import make_url

            value = make_url(value).render_as_string(hide_password=True)
        print(f"{name} = {value}")
    return 0
