"""``kiosk centre``: tooling for the centre's shared database, for its administrator.

``setup``, ``add-counter`` and ``counters`` (:mod:`.centre_access`) give each counter its own
PostgreSQL role, allowed to write only that counter's rows. ``upgrade`` brings the centre's
schema to this kiosk's: it says what it will do (the centre's revision, this kiosk's, each
migration) and does it only once confirmed (``--yes``, or "có" typed at the terminal) by an
admin of this counter with their PIN (asked, or one line of standard input), then applies
the row-level rules of ``setup`` again where it was run, so that new tables get theirs.
Counters never migrate the centre themselves; while the versions differ they keep their
visits queued.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from kiosk.cli import centre_access, messages
from kiosk.cli.common import Commands, Handler, Parser, open_kiosk, read_pin
from kiosk.errors import InputError
from kiosk.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

YES = ("có", "co", "c", "yes", "y")


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add ``kiosk centre <action>``; return its handler."""
    centre = commands.add_parser("centre", help="the centre's shared database (administrator)")
    actions = centre.add_subparsers(dest="centre_command", required=True, parser_class=Parser)
    upgrade = actions.add_parser("upgrade", help="migrate the centre's schema to this kiosk's")
    upgrade.add_argument(
        "--url", help="the centre's database as its admin role (default: central_url)"
    )
    upgrade.add_argument(
        "--admin",
        required=True,
        metavar="USER",
        help="admin of this counter; the PIN is asked, or read from standard input (one line)",
    )
    upgrade.add_argument("--yes", action="store_true", help="do it without asking")
    centre_access.add_actions(actions)  # setup, add-counter, counters
    return {"centre": _cmd_centre}


def _cmd_centre(args: argparse.Namespace, settings: Settings) -> int:
    if args.centre_command == "upgrade":
        return _upgrade(args, settings)
    if centre_access.is_access_action(args):
        return centre_access.run_action(args, settings)
    raise InputError(messages.UNKNOWN_CENTRE_COMMAND.format(command=args.centre_command))


def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    url = args.url or settings.central_database_url
    if not url:
        raise InputError(messages.NO_CENTRE_URL)
    with open_kiosk(settings) as kiosk:  # this counter's admin vouches for the upgrade
        pin = read_pin(None, f"Mã PIN quản trị của {args.admin}: ")
        kiosk.helpers.require_admin(args.admin, pin)
    return upgrade_centre(url, confirmed=args.yes)


def upgrade_centre(url: str, *, confirmed: bool) -> int:
    """Say what upgrading the centre at ``url`` does; do it once confirmed; exit code."""
    from kiosk.app import engine_for
    from kiosk.storage.database import describe, schema_state, upgrade_schema
    from kiosk.storage.schema_versions import CURRENT, NEWER, pending, too_new

    engine = engine_for(url, central=True, statement_timeout_ms=0)
    try:
        where = describe(engine)
        state = schema_state(engine)
        shown = state.revision or "chưa có lược đồ"
        print(f"Máy chủ trung tâm {where}: lược đồ {shown}; Quầy Số này: lược đồ {state.head}.")
        if state.verdict == CURRENT:
            print("Máy chủ trung tâm đã ở đúng phiên bản lược đồ của quầy này; không có gì để làm.")
            _refresh_policies(engine)  # a past upgrade may have stopped before them
            return 0
        if state.verdict == NEWER:
            assert state.revision is not None
            raise too_new(where, state.revision)
        print("Sẽ áp dụng:")
        for revision, description in pending(state.revision):
            print(f"  {revision}  {description}")
        print(
            "Sau đó các quầy chạy phiên bản cũ hơn sẽ ngừng gửi (các lượt vẫn được giữ trên "
            "từng quầy) cho đến khi được cập nhật. Nên sao lưu máy chủ (pg_dump) trước."
        )
        if not confirmed and not _ask("Gõ 'có' để nâng cấp máy chủ trung tâm: "):
            print("Chưa nâng cấp gì.")
            return 1
        print(f"Đã nâng cấp máy chủ trung tâm lên lược đồ {upgrade_schema(engine)}.")
        _refresh_policies(engine)
        return 0
    finally:
        engine.dispose()


def _refresh_policies(engine: Engine) -> None:
    """The row-level rules of ``kiosk centre setup`` again, covering the tables just added."""
    from kiosk.services.sync.roles import refresh_policies

    access = refresh_policies(engine)
    if access is not None:
        print(
            f"Đã áp dụng lại phân quyền theo quầy (nhóm {access.group}): "
            f"{len(access.tables)} bảng có quy tắc theo từng quầy."
        )


def _ask(prompt: str) -> bool:
    """A yes typed at the terminal; without a terminal ``--yes`` is needed."""
    if not sys.stdin.isatty():
        raise InputError(messages.CENTRE_UPGRADE_NEEDS_YES)
    return input(prompt).strip().lower() in YES
