"""``kiosk helper``: the accounts of the volunteers and staff who help at the counter.

Every change is an admin's: ``--admin USER`` and that admin's PIN. The one exception is the
first admin of a fresh kiosk (no admin exists yet), which ``helper add --role admin``
creates with no admin's PIN, and says so.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kiosk.cli.common import (
    Commands,
    Handler,
    Parser,
    add_admin_argument,
    open_kiosk,
    read_pin,
    require_admin,
)
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.app import Kiosk

CHANGES = ("add", "reset-pin", "deactivate", "activate", "unlock")


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    helper = commands.add_parser("helper", help="manage helper accounts")
    helper_commands = helper.add_subparsers(
        dest="helper_command", required=True, parser_class=Parser
    )
    add = helper_commands.add_parser("add", help="create a helper")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="full name, e.g. 'Nguyễn Thị Lan'")
    add.add_argument("--kind", choices=("volunteer", "staff"), default="volunteer")
    add.add_argument("--role", choices=("helper", "admin"), default="helper")
    add.add_argument("--pin", help="the new helper's 4–8 digit PIN (otherwise asked, or stdin)")
    helper_commands.add_parser("list", help="list helpers")
    reset = helper_commands.add_parser("reset-pin", help="set a new PIN and unlock")
    reset.add_argument("username")
    reset.add_argument("--pin", help="new PIN (otherwise asked, or read from stdin)")
    for name, text in (
        ("deactivate", "stop an account"),
        ("activate", "restart an account"),
        ("unlock", "lift a lock-out after wrong PINs (screen and terminal)"),
    ):
        toggle = helper_commands.add_parser(name, help=text)
        toggle.add_argument("username")
    for name, command in helper_commands.choices.items():
        if name in CHANGES:
            add_admin_argument(command)
    return {"helper": _cmd_helper}


def _cmd_helper(args: argparse.Namespace, settings: Settings) -> int:
    with open_kiosk(settings) as kiosk:
        helpers = kiosk.helpers
        if args.helper_command == "list":
            _list(kiosk)
            return 0
        bootstrap = args.helper_command == "add" and not helpers.has_admin()
        if bootstrap:
            print(
                "Kiosk chưa có quản trị viên nào: tài khoản quản trị đầu tiên được tạo không "
                "cần mã PIN của quản trị viên khác."
            )
            actor = None
        else:
            actor = require_admin(kiosk, args)  # the admin's PIN first, from stdin too
        if args.helper_command == "add":
            pin = read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            info = helpers.add(
                args.username,
                args.name,
                pin,
                kind=args.kind,
                role=args.role,
                actor=actor,
                first_admin=bootstrap,
            )
            print(f"Đã thêm người hỗ trợ {info.username} ({info.full_name}, {info.role}).")
        elif args.helper_command == "reset-pin":
            pin = read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            helpers.reset_pin(args.username, pin, actor=actor)
            print(f"Đã đặt lại PIN cho {args.username}.")
        elif args.helper_command == "unlock":
            helpers.unlock(args.username, actor=actor)
            print(f"Đã mở khóa tài khoản {args.username}; số lần nhập sai được tính lại từ đầu.")
        else:
            helpers.set_active(args.username, args.helper_command == "activate", actor=actor)
            print(f"Đã cập nhật tài khoản {args.username}.")
    return 0


def _list(kiosk: Kiosk) -> None:
    from kiosk.domain.clock import LOCAL_TZ
    from kiosk.services.people.lockout import CHANNELS

    where = {"screen": "màn hình", "terminal": "dòng lệnh"}
    for h in kiosk.helpers.list(include_inactive=True):
        state = "hoạt động" if h.active else "đã ngừng"
        locks = [
            f"{where[channel]} đến {until.astimezone(LOCAL_TZ):%H:%M %d/%m}"
            for channel in CHANNELS
            if (until := kiosk.helpers.locked_until(h.username, channel)) is not None
        ]
        if locks:
            state = "đang bị khóa (" + ", ".join(locks) + ")"
        print(f"{h.username:<16} {h.full_name:<28} {h.kind:<9} {h.role:<6} {state}")
