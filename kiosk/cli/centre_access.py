"""``kiosk centre setup | add-counter | counters``: each counter its own role at the centre.

``setup`` applies the row-level rules (each counter writes only its own rows; see
:mod:`kiosk.services.sync.centre_policies`), ``add-counter Q02`` creates counter Q02's role
and prints the URL its ``database.central_url`` takes (a new password each time: running it
again for a counter replaces its password), ``counters`` lists the roles. All three connect
with ``--url`` (default: ``database.central_url``), which must name the centre's
administrator role: the owner of the tables, allowed to create roles. That role is the
authority here, so these commands ask for no counter's PIN and need no kiosk set up on the
machine (the centre's server will do).
"""

from __future__ import annotations

import argparse

from kiosk.cli.common import Commands
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.settings import Settings
from kiosk.settings import values as v

BAD_URL = QT_TRANSLATE_NOOP("Errors", "Địa chỉ --url {reason}.")
ACTIONS = {
    "setup": "apply the centre's row-level rules: each counter writes only its own rows",
    "add-counter": "create a counter's own role and print its connection URL",
    "counters": "list the counters' roles",
}


def add_actions(actions: Commands) -> None:
    """Add this module's actions to ``kiosk centre``."""
    for name, help_text in ACTIONS.items():
        action = actions.add_parser(name, help=help_text)
        action.add_argument(
            "--url", help="the centre's database as its admin role (default: central_url)"
        )
        if name == "add-counter":
            action.add_argument("code", type=_counter_code, metavar="CODE", help="e.g. Q02")
            action.add_argument("--role", help="role name (default: <database>_<code>)")


def run_action(args: argparse.Namespace, settings: Settings) -> int:
    """Carry out ``kiosk centre <action>`` for one of :data:`ACTIONS`; return the exit code."""
    from kiosk.app import engine_for
    from kiosk.services.sync import roles
    from kiosk.storage.database import describe

    url = _admin_url(args, settings)
    engine = engine_for(url, central=True)
    try:
        action = args.centre_command
        if action == "setup":
            access = roles.setup_centre(engine)
            print(
                f"Đã thiết lập phân quyền trên {describe(engine)}: nhóm vai trò "
                f"{access.group}, {len(access.tables)} bảng có quy tắc theo từng quầy."
            )
            print("Thêm từng quầy bằng: kiosk centre add-counter MÃ_QUẦY")
        elif action == "add-counter":
            login = roles.add_counter(engine, args.code, role=args.role, admin_url=url)
            done = "Đã tạo" if login.created else "Đã đổi mật khẩu"
            print(f"{done} vai trò {login.role} cho quầy {login.code}.")
            print("Đặt trong settings.toml của quầy đó (mật khẩu chỉ hiện một lần):")
            print("[database]")
            print(f'central_url = "{login.url}"')
        else:
            listed = roles.counter_roles(engine)
            if not listed:
                print("Chưa có quầy nào có vai trò riêng (kiosk centre add-counter MÃ_QUẦY).")
            for code, role in listed:
                print(f"{code}\t{role}")
    finally:
        engine.dispose()
    return 0


def _admin_url(args: argparse.Namespace, settings: Settings) -> str:
    if not args.url:
        if not settings.central_database_url:
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Chưa biết cơ sở dữ liệu của trung tâm: đặt database.central_url trong tệp "
                    "cấu hình hoặc thêm --url.",
                )
            )
        return settings.central_database_url
    try:
        url = v.database_url(args.url)
    except ValueError as exc:
        raise InputError(BAD_URL.format(reason=exc)) from None
    return v.with_tls(url, settings.central_sslmode, settings.central_sslrootcert)


def _counter_code(text: str) -> str:
    try:
        return v.counter_code(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def is_access_action(args: argparse.Namespace) -> bool:
    """Whether ``args`` is one of this module's actions."""
    return getattr(args, "centre_command", None) in ACTIONS
