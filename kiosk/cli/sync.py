"""``kiosk sync``: the counter's queue toward the centre's shared database.

``status`` (tries the centre once), ``send`` (empty the queue now), ``conflicts`` (what the
centre refused, and why), ``retry`` (send conflicts again once their cause is fixed) and
``backfill`` (queue the whole local history: a counter that joins a centre).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kiosk.cli import messages
from kiosk.cli.common import Commands, Handler, Parser, open_kiosk
from kiosk.errors import (
    DatabaseUnavailableError,
    InputError,
    KeyMismatchError,
    KioskError,
    SchemaVersionError,
)
from kiosk.settings import Settings

if TYPE_CHECKING:  # the sync modules load SQLAlchemy: only when a sync command runs
    from kiosk.app import Kiosk
    from kiosk.services.sync import Replicator, SyncStatus

ACTIONS = {
    "status": "try the centre once and show the queue",
    "send": "send the whole queue now",
    "conflicts": "list what the centre refused, and why",
    "retry": "queue the conflicts again (after fixing their cause) and send",
    "backfill": "queue every local visit and closure (a counter joining a centre)",
}


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add ``kiosk sync <action>`` to the CLI's subcommands; return its handler."""
    sync = commands.add_parser("sync", help="queue toward the centre's shared database")
    actions = sync.add_subparsers(dest="sync_command", required=True, parser_class=Parser)
    for name, text in ACTIONS.items():
        actions.add_parser(name, help=text)
    return {"sync": _cmd_sync}


def _cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    with open_kiosk(settings) as kiosk:
        return run_sync(args, kiosk)


def run_sync(args: argparse.Namespace, kiosk: Kiosk) -> int:
    """Carry out one ``kiosk sync`` action on a built kiosk; return the exit code."""
    sync: Replicator | None = kiosk.sync
    if sync is None:
        raise InputError(messages.NO_CENTRE)
    action = args.sync_command
    if action == "conflicts":
        return _print_conflicts(sync)
    if action == "retry":
        print(f"Đã đưa {sync.retry_conflicts()} mục xung đột trở lại hàng đợi.")
    if action == "backfill":
        print(f"Đã xếp {sync.enqueue_history()} mục của máy này vào hàng đợi.")
    result = sync.drain(max_batches=0 if action == "status" else None)
    _print_status(sync, result.status)
    if action != "status":
        print(f"Đã gửi {result.sent} mục; {result.conflicts} mục bị máy chủ từ chối.")
    _refuse(result.status)
    if result.status.online is False:
        raise DatabaseUnavailableError(
            messages.CENTRE_OFFLINE,
            detail=result.status.last_error or "",
        )
    return 1 if result.status.conflicts else 0


def _refuse(status: SyncStatus) -> None:
    """The centre answers but takes nothing from this counter: say why, with its exit code."""
    from kiosk.services.sync import CENTRE_OUTDATED, COUNTER_OUTDATED, KEY_REFUSED

    if status.refusal == KEY_REFUSED:
        raise KeyMismatchError(
            messages.CENTRE_KEY_REFUSED,
            detail=status.last_error or "",
        )
    if status.refusal in (COUNTER_OUTDATED, CENTRE_OUTDATED):
        counter = status.refusal == COUNTER_OUTDATED
        reason = (status.last_error or "").strip()
        if reason:
            template = (
                messages.UPDATE_COUNTER_BECAUSE if counter else messages.UPDATE_CENTRE_BECAUSE
            )
            message = template.format(reason=reason)
        else:
            message = messages.UPDATE_COUNTER if counter else messages.UPDATE_CENTRE
        raise SchemaVersionError(
            message,
            detail=f"schema mismatch with the centre: {status.refusal}",
        )
    if status.refusal:
        raise KioskError(
            messages.CENTRE_FAILED,
            detail=status.last_error or "",
        )


def _print_status(sync: Replicator, status: SyncStatus) -> None:
    from kiosk.services.sync import CENTRE_OUTDATED, COUNTER_OUTDATED, KEY_REFUSED
    from kiosk.storage.database import describe

    link = {True: "kết nối được", False: "không kết nối được", None: "chưa thử"}[status.online]
    if status.refusal:
        link += {
            KEY_REFUSED: ", nhưng không nhận khóa bảo mật của quầy này",
            COUNTER_OUTDATED: ", nhưng có lược đồ mới hơn quầy này: cần cập nhật quầy này",
            CENTRE_OUTDATED: ", nhưng có lược đồ cũ hơn quầy này: cần cập nhật máy chủ trung tâm",
        }.get(status.refusal, ", nhưng báo lỗi")
    print(f"Cơ sở dữ liệu trung tâm: {describe(sync.central.engine)} ({link})")
    print(f"Đang chờ gửi: {status.pending} mục; xung đột cần xem xét: {status.conflicts} mục.")
    if status.last_error and (status.online is False or status.refusal):
        print(f"Lỗi gần nhất: {status.last_error}")
    if status.conflicts:
        print("Xem các mục bị máy chủ từ chối và lý do: 'kiosk sync conflicts'.")


def _print_conflicts(sync: Replicator) -> int:
    from kiosk.domain.clock import format_local
    from kiosk.storage.change_capture import DAY_CLOSURE, GUIDE_MARK, parse_closure_key

    conflicts = sync.items("conflict")
    if not conflicts:
        print("Không có mục nào bị máy chủ từ chối.")
        return 0
    for item in conflicts:
        if item.kind == DAY_CLOSURE:
            _, day = parse_closure_key(item.key)
            what = f"chốt sổ ngày {day:%d/%m/%Y}"
        elif item.kind == GUIDE_MARK:
            what = f"đánh dấu bước hướng dẫn đã cũ {item.key}"
        else:
            what = f"lượt hỗ trợ {item.key}"
        print(f"- {format_local(item.created_at)} {what}: {item.last_error}")
    print(
        f"{len(conflicts)} mục vẫn được giữ trên máy này. Sau khi xử lý nguyên nhân, "
        "chạy 'kiosk sync retry'."
    )
    return 1
