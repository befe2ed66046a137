"""``kiosk helper``: the accounts of the volunteers and staff who help at the counter."""

from __future__ import annotations

import argparse

from kiosk.cli.common import Commands, Handler, Parser, open_kiosk, read_pin
from kiosk.settings import Settings


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
    add.add_argument("--pin", help="4–8 digit PIN (otherwise asked, or read from stdin)")
    helper_commands.add_parser("list", help="list helpers")
    reset = helper_commands.add_parser("reset-pin", help="set a new PIN and unlock")
    reset.add_argument("username")
    reset.add_argument("--pin", help="new PIN (otherwise asked, or read from stdin)")
    for name, text in (("deactivate", "stop an account"), ("activate", "restart an account")):
        toggle = helper_commands.add_parser(name, help=text)
        toggle.add_argument("username")

    return {"helper": _cmd_helper}


def _cmd_helper(args: argparse.Namespace, settings: Settings) -> int:
    with open_kiosk(settings) as kiosk:
        helpers = kiosk.helpers
        if args.helper_command == "add":
            pin = read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            info = helpers.add(args.username, args.name, pin, kind=args.kind, role=args.role)
            print(f"Đã thêm người hỗ trợ {info.username} ({info.full_name}, {info.role}).")
        elif args.helper_command == "list":
            for h in helpers.list(include_inactive=True):
                state = "hoạt động" if h.active else "đã ngừng"
                if h.locked_until and h.locked_until > kiosk.clock.now():
                    state = "đang bị khóa"
                print(f"{h.username:<16} {h.full_name:<28} {h.kind:<9} {h.role:<6} {state}")
        elif args.helper_command == "reset-pin":
            pin = read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            helpers.reset_pin(args.username, pin)
            print(f"Đã đặt lại PIN cho {args.username}.")
        else:
            helpers.set_active(args.username, args.helper_command == "activate")
            print(f"Đã cập nhật tài khoản {args.username}.")
    return 0
