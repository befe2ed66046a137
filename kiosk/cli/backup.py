"""``kiosk backup`` and ``kiosk restore`` of the embedded database, and the backup that
follows ``kiosk close-day``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli import messages
from kiosk.cli.common import (
    Commands,
    Handler,
    add_admin_argument,
    log,
    require_admin_for_restore,
)
from kiosk.errors import InputError, KioskError
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    backup = commands.add_parser("backup", help="back up the embedded database now")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument(
        "file", type=Path, metavar="FILE", help="a backup file, or its name in the backup folder"
    )
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_admin_argument(restore)
    return {"backup": _cmd_backup, "restore": _cmd_restore}


def _cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.domain.clock import SystemClock
    from kiosk.services.upkeep.backup import (
        create_backup,
        describe_backup,
        format_size,
        list_backups,
        prune_backups,
    )

    if args.list:
        backups = list_backups(settings)
        if not backups:
            print(f"Chưa có bản sao lưu nào trong {settings.backup_dir}.")
            return 0
        print(f"# {settings.backup_dir}: {len(backups)} bản sao lưu, mới nhất trước")
        for backup in backups:
            print(describe_backup(backup))
        return 0
    clock = SystemClock()
    made = create_backup(settings, clock)
    prune_backups(settings, clock)
    print(f"Đã sao lưu vào {made.path} ({format_size(made.size)}).")
    return 0


def backup_after_close(settings: Settings) -> int:
    """Back up right after a day is closed (the embedded database only); a failure is
    reported with its exit code, but the day stays closed."""
    from kiosk.domain.clock import SystemClock
    from kiosk.services.upkeep.backup import (
        create_backup,
        embedded_database,
        format_size,
        prune_backups,
    )

    if embedded_database(settings) is None:
        return 0  # a shared PostgreSQL server is backed up by its administrator
    clock = SystemClock()
    try:
        made = create_backup(settings, clock)
        prune_backups(settings, clock)
    except KioskError as exc:
        log.warning("backup after close-day failed: %s", exc.detail)
        print(
            f"Lỗi: Đã chốt sổ nhưng chưa sao lưu được. {exc.message} "
            "Khắc phục xong hãy chạy: kiosk backup",
            file=sys.stderr,
        )
        return exc.exit_code
    print(f"Đã sao lưu vào {made.path} ({format_size(made.size)}).")
    return 0


def _backup_file(given: Path, settings: Settings) -> Path:
    """``given`` as typed, or a bare file name looked up in the backup folder."""
    if given.exists() or given.parent != Path("."):
        return given
    in_folder = settings.backup_dir / given.name
    return in_folder if in_folder.exists() else given


def _confirm_restore(source: Path, settings: Settings) -> None:
    from kiosk.services.upkeep.backup import (
        check_restorable,
        format_size,
        require_embedded_database,
    )

    database = require_embedded_database(settings)
    facts = check_restorable(settings, source)
    print(
        f"Bản sao lưu {source} ({format_size(source.stat().st_size)}, lược đồ "
        f"{facts.schema_revision}, {facts.visits} lượt hỗ trợ) sẽ thay toàn bộ dữ liệu trong "
        f"{database}. Dữ liệu hiện tại được sao lưu trước vào {settings.backup_dir}. "
        "Hãy tắt kiosk trên máy này trước khi khôi phục."
    )
    try:
        answer = input("Gõ 'có' để khôi phục: ").strip().lower()
    except EOFError:  # Ctrl-D
        answer = ""
    if answer not in ("có", "co", "c", "yes", "y"):
        raise KioskError(messages.RESTORE_CANCELLED, detail="restore cancelled")


def _cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import engine_for
    from kiosk.domain.clock import SystemClock
    from kiosk.services.upkeep.backup import require_embedded_database, restore_backup

    require_embedded_database(settings)
    source = _backup_file(args.file, settings)
    require_admin_for_restore(settings, args, source)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(messages.RESTORE_NEEDS_CONFIRMATION)
        _confirm_restore(source, settings)
    result = restore_backup(settings, SystemClock(), source, engine_for)
    facts = result.facts
    upgraded = (
        f"lược đồ {facts.schema_revision} → {result.schema_revision}"
        if facts.schema_revision != result.schema_revision
        else f"lược đồ {result.schema_revision}"
    )
    print(f"Đã khôi phục {source.name} ({upgraded}, {facts.visits} lượt hỗ trợ).")
    print(
        f"Đã xóa lại {result.erasures_reapplied} người dân có trong bản sao lưu mà đã được "
        "xóa dữ liệu sau khi sao lưu (theo sổ xóa dữ liệu)."
        if result.erasures_reapplied
        else "Không có người dân nào trong bản sao lưu cần xóa lại (theo sổ xóa dữ liệu)."
    )
    if result.safety_backup is not None:
        print(f"Dữ liệu trước khi khôi phục được giữ trong {result.safety_backup}.")
    return 0
