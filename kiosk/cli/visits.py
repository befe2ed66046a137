"""The visits themselves: ``kiosk export``, ``kiosk purge`` and ``kiosk seed-demo``."""

from __future__ import annotations

import argparse
import gc
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli import messages
from kiosk.cli.common import (
    Commands,
    Handler,
    add_admin_argument,
    day_argument,
    open_kiosk,
    positive_number,
    progress,
    require_admin,
)
from kiosk.domain.clock import format_day, local_day
from kiosk.errors import InputError
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.domain.catalogue import Catalogue
    from kiosk.domain.clock import Clock
    from kiosk.services.people.audit import Actor
    from kiosk.services.people.privacy import PrivacyVault
    from kiosk.storage.unit_of_work import Database


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    seed = commands.add_parser("seed-demo", help="fill the database with synthetic demo data")
    seed.add_argument("--transactions", type=positive_number, default=200)
    seed.add_argument("--days", type=positive_number, default=30)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument(
        "--force",
        action="store_true",
        help="also into a database that holds real visits (an admin's command: --admin)",
    )
    add_admin_argument(seed)

    export = commands.add_parser("export", help="export transactions (CSV or XLSX)")
    export.add_argument("--from", dest="start", type=day_argument, required=True, metavar="DATE")
    export.add_argument("--to", dest="end", type=day_argument, required=True, metavar="DATE")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--unmasked", action="store_true", help="names and phones in clear")
    add_admin_argument(export)  # required with --unmasked
    export.add_argument(
        "--all-counters", action="store_true", help="every counter of a shared database"
    )
    export.add_argument(
        "--centre",
        action="store_true",
        help="every counter, from the centre's shared database (database.central_url)",
    )

    purge = commands.add_parser("purge", help="erase personal data past retention")
    purge.add_argument("--retention-days", type=positive_number, help="override the setting")
    purge.add_argument("--citizen", metavar="ID_NUMBER", help="erase one citizen on request")
    add_admin_argument(purge)

    return {"seed-demo": _cmd_seed_demo, "export": _cmd_export, "purge": _cmd_purge}


def _cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.tools.demo import seed_demo

    with open_kiosk(settings) as kiosk:
        if args.force:  # synthetic visits among real ones change the real figures
            require_admin(kiosk, args)
        end = local_day(kiosk.clock.now())
        with progress(args.transactions, "Tạo dữ liệu mẫu") as bar:
            result = seed_demo(
                kiosk.db,
                kiosk.vault,
                kiosk.catalogue,
                transactions=args.transactions,
                days=args.days,
                seed=args.seed,
                end_day=end,
                counter_code=settings.counter_code,
                progress=bar.update,
                force=args.force,
            )
    print(
        f"Đã tạo {result.transactions} lượt hỗ trợ mẫu của {result.citizens} người dân "
        f"từ {format_day(result.first_day)} đến {format_day(result.last_day)}."
    )
    return 0


def _cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.people.audit import Actor

    if args.end < args.start:
        raise InputError(messages.EXPORT_RANGE_BACKWARDS)
    if args.end - args.start > timedelta(days=3660):
        raise InputError(messages.EXPORT_RANGE_TOO_LONG)
    if not args.unmasked and not args.centre:  # no admin, no centre: the light root will do
        from kiosk.cli.export_root import open_export

        with open_export(settings) as root:
            if root is not None:
                counter_id = None if args.all_counters else root.counter_id
                return _export(args, root.db, root.vault, root.catalogue, counter_id,
                               Actor.system("cli"), root.clock)  # fmt: skip
    with open_kiosk(settings) as kiosk:
        actor = require_admin(kiosk, args) if args.unmasked else Actor.system("cli")
        db = kiosk.db
        if args.centre:
            from kiosk.services.reporting.reports import centre_database

            db = centre_database(kiosk)
        counter_id = None if args.all_counters or args.centre else kiosk.counter_id
        return _export(args, db, kiosk.vault, kiosk.catalogue, counter_id, actor, kiosk.clock)


def _export(
    args: argparse.Namespace,
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    counter_id: int | None,
    actor: Actor,
    clock: Clock,
) -> int:
    """Write the export the arguments ask for; say how many visits went where."""
    from kiosk.services.reporting.export import export_transactions

    # What is loaded by now (modules, SQLAlchemy's classes) lives until the process ends:
    # kept out of the collector, the exit is a few tenths of a second shorter (it walked them).
    gc.freeze()

    with progress(0, "Xuất dữ liệu") as bar:
        result = export_transactions(
            db,
            vault,
            catalogue,
            start=args.start,
            end=args.end,
            out=args.out,
            fmt=args.format,
            unmasked=args.unmasked,
            counter_id=counter_id,
            actor=actor,
            progress=bar.update,
            clock=clock,
        )
    print(f"Đã xuất {result.rows} lượt hỗ trợ vào {result.path}.")
    return 0


def _cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    with open_kiosk(settings) as kiosk:
        require_admin(kiosk, args)
        if args.citizen:
            result = kiosk.retention.erase_citizen(args.citizen)
            print(
                f"Đã xóa dữ liệu cá nhân của người dân theo yêu cầu "
                f"({result.transactions_scrubbed} lượt hỗ trợ đã được ẩn danh)."
            )
            if kiosk.sync is not None:
                print("Yêu cầu xóa đã được xếp hàng gửi lên cơ sở dữ liệu trung tâm.")
            _make_erasure_stick(kiosk, result.print_jobs.waiting, "của người dân này")
            return 0
        days = args.retention_days or settings.retention_days
        result = kiosk.retention.purge(days)
        print(
            f"Đã xóa dữ liệu cá nhân quá {days} ngày: {result.citizens_erased} người dân, "
            f"{result.transactions_scrubbed} lượt hỗ trợ. Số liệu thống kê được giữ nguyên."
        )
        _make_erasure_stick(kiosk, result.print_jobs.waiting, f"quá {days} ngày")
        if kiosk.sync is not None:  # the centre's copy follows the same rule
            from kiosk.services.people.retention import RetentionOffice

            central = RetentionOffice(kiosk.sync.central, kiosk.vault, kiosk.clock).purge(days)
            print(
                f"Trên cơ sở dữ liệu trung tâm: {central.citizens_erased} người dân, "
                f"{central.transactions_scrubbed} lượt hỗ trợ."
            )
    return 0


def _make_erasure_stick(kiosk: Kiosk, unprinted: int, whose: str) -> None:
    """After an erasure: say which receipts will not print, erase the erased from every
    backup and purge printed receipts from the CUPS spool."""
    from kiosk.app import engine_for
    from kiosk.services.upkeep.backup.erasure import carry_erasures

    if unprinted:
        print(
            f"{unprinted} biên nhận chưa in {whose} đã bị xóa cùng dữ liệu cá nhân và sẽ không "
            "được in; hãy báo người dân (có thể in lại: biên nhận mới không còn họ tên)."
        )
    carried = carry_erasures(kiosk.settings, kiosk.clock, engine_for)
    if carried.backups_rewritten:
        print(f"Đã xóa cả trong {carried.backups_rewritten} bản sao lưu.")
