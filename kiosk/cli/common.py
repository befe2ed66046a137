"""What every command group shares: the parser class, argument types, PIN entry and the
admin's PIN check, the kiosk.

Nothing here loads SQLAlchemy or Qt: ``kiosk --version`` and ``kiosk --help`` stay fast, and
each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.cli import messages
from kiosk.domain.clock import parse_day
from kiosk.errors import QT_TRANSLATE_NOOP, AuthenticationError, InputError
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services.people.audit import Actor

log = logging.getLogger("kiosk.cli")

Handler = Callable[[argparse.Namespace, Settings], int]


UNEXPECTED = "Lỗi không mong đợi; chi tiết đã ghi vào tệp nhật ký kiosk.log. Hãy báo cán bộ CNTT."


def _has_display() -> bool:
    """Whether Qt can open a window: on X11/Wayland systems without one, QApplication
    aborts the process (exit 134) instead of raising."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def report_failure(
    args: argparse.Namespace, message: str, exit_code: int, *, prefix: str = "Lỗi: "
) -> int:
    """Print ``message`` once on standard error; ``kiosk`` with no command (the window, in a
    kiosk session with no terminal) also shows it full screen until it is closed."""
    print(prefix + message, file=sys.stderr)
    if args.command is None and _has_display():
        try:
            from kiosk.ui.startup_error import run_startup_error

            run_startup_error(message)
        except Exception:  # no display, a broken Qt: the line above and the log remain
            log.exception("the start-up error could not be shown on screen")
    return exit_code


class Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line and exits 2."""

    def error(self, message: str) -> Any:
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


# The ``add_subparsers()`` object every command group adds its commands to.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def day_argument(text: str) -> date:
    """A ``DATE`` argument: ``YYYY-MM-DD`` or ``dd/mm/yyyy``."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_number(text: str) -> int:
    """An integer argument greater than 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.NOT_AN_INTEGER.format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(messages.NOT_POSITIVE)
    return value


def non_negative_number(text: str) -> int:
    """An integer argument of 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.NOT_AN_INTEGER.format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(messages.NEGATIVE)
    return value


def receipt_number(text: str) -> str:
    """A ``RECEIPT_NO`` argument: ``Q01-20261123-0007`` (lower case taken)."""
    from kiosk.services.visits.receipts import parse_receipt_no

    try:
        return parse_receipt_no(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def read_pin(given: str | None, prompt: str, *, confirm: bool = False) -> str:
    """``--pin`` when given, else asked at the terminal without echo, else one line of
    standard input; no standard input at all (CI) is refused at once, never waited for."""
    if given:
        return given.strip()
    stdin = sys.stdin
    try:
        terminal = stdin is not None and stdin.isatty()
    except (OSError, ValueError):  # a closed descriptor
        terminal = False
    if not terminal:
        try:
            line = stdin.readline() if stdin is not None else ""
        except (OSError, ValueError):
            line = ""
        if not line.strip():
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Chưa nhập mã PIN: chạy lệnh trong cửa sổ dòng lệnh để được hỏi, hoặc đưa "
                    "mã PIN vào đầu vào chuẩn (một dòng).",
                ),
                detail="no PIN: standard input is not a terminal and gave no line",
            )
        return line.strip()
    try:
        pin = getpass.getpass(prompt)
        if confirm and getpass.getpass("Nhập lại PIN: ") != pin:
            raise InputError(messages.PINS_DIFFER)
    except EOFError:  # Ctrl-D at the prompt
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", "Chưa nhập mã PIN."), detail="no PIN: end of input"
        ) from None
    return pin


def add_admin_argument(parser: argparse.ArgumentParser) -> None:
    """``--admin USER``: the admin who vouches for the command (their PIN is asked)."""
    parser.add_argument(
        "--admin",
        metavar="USER",
        help="admin username; the PIN is asked, or read from standard input (one line)",
    )


def admin_username(args: argparse.Namespace) -> str:
    """The ``--admin`` of an admin command, refused when it is missing."""
    username = getattr(args, "admin", None)
    if not username:
        raise AuthenticationError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Lệnh này chỉ dành cho quản trị viên: thêm --admin TÊN_ĐĂNG_NHẬP (mã PIN được "
                "hỏi sau, hoặc đọc từ đầu vào chuẩn).",
            ),
            detail="admin command without --admin",
        )
    return str(username)


def require_admin(kiosk: Kiosk, args: argparse.Namespace) -> Actor:
    """The admin of ``--admin`` once their PIN is right: the first call of every command
    that changes or reveals what only an admin may. Wrong PINs count at the terminal
    (apart from the screen's) and are audited."""
    from kiosk.services.people.audit import Actor
    from kiosk.services.people.lockout import TERMINAL

    username = admin_username(args)
    pin = read_pin(None, f"Mã PIN quản trị của {username}: ")
    admin = kiosk.helpers.require_admin(username, pin, channel=TERMINAL)
    log.info("admin %s confirmed command %s with the PIN", admin.username, args.command)
    return Actor(admin.username, admin.id)


def require_admin_for(settings: Settings, args: argparse.Namespace) -> Actor:
    """:func:`require_admin` for a command that builds no kiosk (it opens one briefly)."""
    with open_kiosk(settings) as kiosk:
        return require_admin(kiosk, args)


def require_admin_for_restore(settings: Settings, args: argparse.Namespace, backup: Path) -> Actor:
    """:func:`require_admin` for ``kiosk restore``, the way out when the live database is
    damaged or gone: then the admin is looked up in ``backup`` (read-only), and it is said."""
    from kiosk.errors import DatabaseCorruptError, DatabaseUnavailableError
    from kiosk.services.people.admin_in_file import require_admin_in_file
    from kiosk.services.people.audit import Actor

    try:
        return require_admin_for(settings, args)
    except (DatabaseCorruptError, DatabaseUnavailableError) as exc:
        log.warning("restore: the admin is checked in the backup: %s", exc.detail)
    print(
        "Cơ sở dữ liệu hiện tại không mở được: quản trị viên được kiểm tra trong bản sao lưu "
        f"{backup.name}."
    )
    username = admin_username(args)
    pin = read_pin(None, f"Mã PIN quản trị của {username} (trong bản sao lưu): ")
    return Actor.system(require_admin_in_file(backup, username, pin))


@contextmanager
def open_kiosk(settings: Settings) -> Iterator[Kiosk]:
    """Every service of the counter, built by the composition root and closed afterwards."""
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(settings)
    try:
        yield kiosk
    finally:
        kiosk.close()


def progress(total: int, label: str) -> Any:
    """A progress bar on standard error (none when it is not a terminal)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=" dòng", disable=None, file=sys.stderr)
