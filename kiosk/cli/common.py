"""What every command group shares: the parser class, argument types, PIN entry, the kiosk.

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
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.domain.clock import parse_day
from kiosk.errors import InputError
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.app import Kiosk

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
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError("phải lớn hơn 0")
    return value


def non_negative_number(text: str) -> int:
    """An integer argument of 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên") from None
    if value < 0:
        raise argparse.ArgumentTypeError("không được âm")
    return value


def receipt_number(text: str) -> str:
    """A ``RECEIPT_NO`` argument: ``Q01-20261123-0007`` (lower case taken)."""
    from kiosk.services.visits.receipts import parse_receipt_no

    try:
        return parse_receipt_no(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def read_pin(given: str | None, prompt: str, *, confirm: bool = False) -> str:
    """``--pin`` when given, else a line of standard input, else asked at the terminal."""
    if given:
        return given.strip()
    if not sys.stdin.isatty():
        line = sys.stdin.readline().strip()
        if not line:
            raise InputError("Chưa nhập mã PIN (dùng --pin hoặc đưa PIN vào đầu vào chuẩn).")
        return line
    pin = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại PIN: ") != pin:
        raise InputError("Hai lần nhập PIN không khớp.")
    return pin


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
