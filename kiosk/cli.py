"""Every command of the kiosk in one place: ``kiosk`` starts the GUI, subcommands administer.

Exit codes: 0 success; 2 bad input or settings; 3 database unreachable or damaged;
4 disk full; 5 authentication; 6 privacy key problem; 1 any other known failure;
70 an unexpected error (details in the log file, never a traceback on screen).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli_sync import add_sync_parser, run_sync
from kiosk.domain.clock import format_day, local_day, parse_day
from kiosk.errors import InputError, KioskError
from kiosk.logging_setup import configure_logging
from kiosk.settings import PAPERS, Settings, load_settings

log = logging.getLogger("kiosk.cli")

Handler = Callable[[argparse.Namespace, Settings], int]


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError("phải lớn hơn 0")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên") from None
    if value < 0:
        raise argparse.ArgumentTypeError("không được âm")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line and exits 2."""

    def error(self, message: str) -> Any:
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(prog="kiosk", description="Quầy Số: support-counter kiosk.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="more detail in the log")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply pending migrations")
    db_commands.add_parser("current", help="show the schema revision")

    helper = commands.add_parser("helper", help="manage helper accounts")
    helper_commands = helper.add_subparsers(
        dest="helper_command", required=True, parser_class=_Parser
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

    seed = commands.add_parser("seed-demo", help="fill the database with synthetic demo data")
    seed.add_argument("--transactions", type=_positive, default=200)
    seed.add_argument("--days", type=_positive, default=30)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument(
        "--force", action="store_true", help="also into a database that holds real visits"
    )

    export = commands.add_parser("export", help="export transactions (CSV or XLSX)")
    export.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE")
    export.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--unmasked", action="store_true", help="names and phones in clear")
    export.add_argument("--admin", help="admin username (required with --unmasked)")
    export.add_argument("--pin", help="admin PIN (otherwise asked, or read from stdin)")
    export.add_argument(
        "--all-counters", action="store_true", help="every counter of a shared database"
    )
    export.add_argument(
        "--centre",
        action="store_true",
        help="every counter, from the centre's shared database (database.central_url)",
    )

    purge = commands.add_parser("purge", help="erase personal data past retention")
    purge.add_argument("--retention-days", type=_positive, help="override the setting")
    purge.add_argument("--citizen", metavar="ID_NUMBER", help="erase one citizen on request")

    close = commands.add_parser("close-day", help="close a day: no more edits")
    close.add_argument("--date", dest="day", type=_day, metavar="DATE", help="default: today")
    close.add_argument(
        "--out", type=Path, metavar="DIR", help="also write the Z-report PDF and the day's CSV/XLSX"
    )

    z_report = commands.add_parser("z-report", help="write the Z-report of a closed day again")
    z_report.add_argument("--date", dest="day", type=_day, required=True, metavar="DATE")
    z_report.add_argument("--out", type=Path, required=True, metavar="DIR")

    commands.add_parser("doctor", help="check database, disk, decoders, fonts, camera, printer")
    add_sync_parser(commands, _Parser)

    backup = commands.add_parser("backup", help="back up the embedded database now")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument(
        "file", type=Path, metavar="FILE", help="a backup file, or its name in the backup folder"
    )
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    scan = commands.add_parser("scan", help="read ID cards from photos of their QR code")
    scan.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    scan.add_argument(
        "--json", action="store_true", help="one JSON line per image, payload and fields unmasked"
    )

    say = commands.add_parser("say", help="read a text aloud (test the speaker)")
    say.add_argument("text", nargs="+", metavar="TEXT")
    say.add_argument("--lang", choices=("vi", "en"), default="vi")
    say.add_argument("--out", type=Path, metavar="FILE.wav", help="write a WAV file instead")

    receipt = commands.add_parser("receipt", help="write a visit's receipt as a PDF")
    receipt.add_argument("receipt_no", metavar="RECEIPT_NO", help="e.g. Q01-20261123-0007")
    receipt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    receipt.add_argument("--paper", choices=PAPERS, help="default: the printing.paper setting")
    receipt.add_argument("--reprint", action="store_true", help="mark the copy 'BẢN IN LẠI'")

    queue = commands.add_parser("print-queue", help="receipts waiting for the printer")
    queue_commands = queue.add_subparsers(dest="queue_command", required=True, parser_class=_Parser)
    listing = queue_commands.add_parser("list", help="newest print jobs first")
    listing.add_argument("--pending", action="store_true", help="only jobs not printed yet")
    listing.add_argument("--limit", type=_positive, default=50)
    queue_commands.add_parser("retry", help="print the waiting jobs now, oldest first")
    prune = queue_commands.add_parser("prune", help="delete printed jobs older than N days")
    prune.add_argument(
        "--older-than-days", type=_non_negative, default=7, metavar="N", help="default: 7"
    )

    config = commands.add_parser("config", help="settings file")
    config_commands = config.add_subparsers(
        dest="config_command", required=True, parser_class=_Parser
    )
    config_commands.add_parser("show", help="print the effective settings")
    config_commands.add_parser("init", help="write a settings file with the defaults")

    guides = commands.add_parser("guides", help="step-by-step guides (resources/guides)")
    guides_commands = guides.add_subparsers(
        dest="guides_command", required=True, parser_class=_Parser
    )
    guides_check = guides_commands.add_parser("check", help="list every problem as file:line")
    guides_check.add_argument("directory", nargs="?", type=Path, metavar="DIR")
    return parser


def _read_pin(given: str | None, prompt: str, *, confirm: bool = False) -> str:
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
def _kiosk(settings: Settings) -> Iterator[Any]:
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(settings)
    try:
        yield kiosk
    finally:
        kiosk.close()


def _progress(total: int, label: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=" dòng", disable=None, file=sys.stderr)


# -- handlers ---------------------------------------------------------------------------------


def _cmd_gui(_args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.ui.main_window import run_gui

    return run_gui(settings)


def _cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.storage.database import create_kiosk_engine, current_revision, upgrade_schema

    engine = create_kiosk_engine(settings.effective_database_url)
    try:
        if args.db_command == "upgrade":
            print(f"Cơ sở dữ liệu đã ở phiên bản lược đồ {upgrade_schema(engine)}.")
        else:
            print(current_revision(engine) or "(chưa có lược đồ)")
    finally:
        engine.dispose()
    return 0


def _cmd_helper(args: argparse.Namespace, settings: Settings) -> int:
    with _kiosk(settings) as kiosk:
        helpers = kiosk.helpers
        if args.helper_command == "add":
            pin = _read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            info = helpers.add(args.username, args.name, pin, kind=args.kind, role=args.role)
            print(f"Đã thêm người hỗ trợ {info.username} ({info.full_name}, {info.role}).")
        elif args.helper_command == "list":
            for h in helpers.list(include_inactive=True):
                state = "hoạt động" if h.active else "đã ngừng"
                if h.locked_until and h.locked_until > kiosk.clock.now():
                    state = "đang bị khóa"
                print(f"{h.username:<16} {h.full_name:<28} {h.kind:<9} {h.role:<6} {state}")
        elif args.helper_command == "reset-pin":
            pin = _read_pin(args.pin, "PIN mới (4–8 chữ số): ", confirm=True)
            helpers.reset_pin(args.username, pin)
            print(f"Đã đặt lại PIN cho {args.username}.")
        else:
            helpers.set_active(args.username, args.helper_command == "activate")
            print(f"Đã cập nhật tài khoản {args.username}.")
    return 0


def _cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.tools.demo import seed_demo

    with _kiosk(settings) as kiosk:
        end = local_day(kiosk.clock.now())
        with _progress(args.transactions, "Tạo dữ liệu mẫu") as bar:
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
    from kiosk.services.reporting.export import export_transactions
    from kiosk.services.reporting.reports import centre_database

    if args.end < args.start:
        raise InputError("Ngày kết thúc (--to) phải sau hoặc bằng ngày bắt đầu (--from).")
    if args.end - args.start > timedelta(days=3660):
        raise InputError("Khoảng ngày xuất quá dài (tối đa 10 năm).")
    with _kiosk(settings) as kiosk:
        actor = Actor.system("cli")
        if args.unmasked:
            if not args.admin:
                raise InputError("Xuất dữ liệu không che cần tài khoản quản trị: thêm --admin.")
            admin = kiosk.helpers.require_admin(args.admin, _read_pin(args.pin, "PIN quản trị: "))
            actor = Actor(admin.username, admin.id)
        with _progress(0, "Xuất dữ liệu") as bar:
            result = export_transactions(
                centre_database(kiosk) if args.centre else kiosk.db,
                kiosk.vault,
                kiosk.catalogue,
                start=args.start,
                end=args.end,
                out=args.out,
                fmt=args.format,
                unmasked=args.unmasked,
                counter_id=None if args.all_counters or args.centre else kiosk.counter_id,
                actor=actor,
                progress=bar.update,
                clock=kiosk.clock,
            )
    print(f"Đã xuất {result.rows} lượt hỗ trợ vào {result.path}.")
    return 0


def _cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    with _kiosk(settings) as kiosk:
        return run_sync(args, kiosk)


def _cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    with _kiosk(settings) as kiosk:
        if args.citizen:
            result = kiosk.retention.erase_citizen(args.citizen)
            print(
                f"Đã xóa dữ liệu cá nhân của người dân theo yêu cầu "
                f"({result.transactions_scrubbed} lượt hỗ trợ đã được ẩn danh)."
            )
            if kiosk.sync is not None:
                print("Yêu cầu xóa đã được xếp hàng gửi lên cơ sở dữ liệu trung tâm.")
            return 0
        days = args.retention_days or settings.retention_days
        result = kiosk.retention.purge(days)
        print(
            f"Đã xóa dữ liệu cá nhân quá {days} ngày: {result.citizens_erased} người dân, "
            f"{result.transactions_scrubbed} lượt hỗ trợ. Số liệu thống kê được giữ nguyên."
        )
        if kiosk.sync is not None:  # the centre's copy follows the same rule
            from kiosk.services.people.retention import RetentionOffice

            central = RetentionOffice(kiosk.sync.central, kiosk.vault, kiosk.clock).purge(days)
            print(
                f"Trên cơ sở dữ liệu trung tâm: {central.citizens_erased} người dân, "
                f"{central.transactions_scrubbed} lượt hỗ trợ."
            )
    return 0


def _cmd_close_day(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.people.audit import Actor
    from kiosk.services.reporting.reports import close_day

    with _kiosk(settings) as kiosk:
        report = close_day(kiosk, args.day, out=args.out, actor=Actor.system("cli"))
    closed = report.closed
    print(
        f"Đã chốt sổ ngày {format_day(closed.day)} của quầy {closed.counter_code}: "
        f"{closed.totals['transactions']} lượt hỗ trợ, {closed.abandoned} lượt dở dang."
    )
    for path in report.files:
        print(f"Đã ghi {path}.")
    return _backup_after_close(settings)


def _cmd_z_report(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.reporting.reports import write_z_report

    with _kiosk(settings) as kiosk:
        path = write_z_report(kiosk, args.day, args.out)
    print(f"Đã ghi báo cáo Z ngày {format_day(args.day)} vào {path}.")
    return 0


def _cmd_doctor(_args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import engine_for
    from kiosk.services.upkeep.doctor import run_checks

    failed = 0
    for check in run_checks(settings, engine_for):
        mark = "OK  " if check.ok else "LỖI "
        line = f"{mark}{check.name}: {check.message}"
        if not check.ok and check.fix:
            line += f" → Cách khắc phục: {check.fix}"
        print(line)
        failed += not check.ok and check.required
    return 1 if failed else 0


# -- backup and restore -----------------------------------------------------------------------


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


def _backup_after_close(settings: Settings) -> int:
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
        raise KioskError("Đã hủy; không thay đổi gì.", detail="restore cancelled")


def _cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import engine_for
    from kiosk.domain.clock import SystemClock
    from kiosk.services.upkeep.backup import require_embedded_database, restore_backup

    require_embedded_database(settings)
    source = _backup_file(args.file, settings)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(
                "Khôi phục thay toàn bộ dữ liệu hiện tại nên cần xác nhận: chạy trong cửa sổ "
                "dòng lệnh, hoặc thêm --yes."
            )
        _confirm_restore(source, settings)
    result = restore_backup(settings, SystemClock(), source, engine_for)
    facts = result.facts
    upgraded = (
        f"lược đồ {facts.schema_revision} → {result.schema_revision}"
        if facts.schema_revision != result.schema_revision
        else f"lược đồ {result.schema_revision}"
    )
    print(f"Đã khôi phục {source.name} ({upgraded}, {facts.visits} lượt hỗ trợ).")
    if result.safety_backup is not None:
        print(f"Dữ liệu trước khi khôi phục được giữ trong {result.safety_backup}.")
    return 0


def _cmd_scan(args: argparse.Namespace, _settings: Settings) -> int:
    from kiosk.services.identity.scanning import build_scanner, scan_json, scan_text

    scanner = build_scanner()
    failed = 0
    for path in args.images:
        result = scanner.scan_file(path)
        failed += not result.ok
        print(scan_json(path, result) if args.json else scan_text(path, result), flush=True)
    return 1 if failed else 0


def _cmd_say(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.devices.speech import EspeakSpeaker

    speaker = EspeakSpeaker(command=settings.speech_command, rate=settings.speech_rate)
    text = " ".join(args.text)
    if args.out is not None:
        speaker.synthesize(text, args.lang, args.out)
        print(f"Đã ghi tiếng đọc vào {args.out}.")
        return 0
    try:
        speaker.say(text, args.lang)
        speaker.wait()
    finally:
        speaker.stop()
    failure = speaker.poll()
    if failure is not None:
        raise failure
    print("Đã đọc xong.")
    return 0


def _cmd_receipt(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.documents.receipt import render_receipt

    with _kiosk(settings) as kiosk:
        record = kiosk.transactions.find_by_receipt(args.receipt_no)
        pdf = render_receipt(
            record,
            centre=settings.centre,
            catalogue=kiosk.catalogue,
            paper=args.paper or settings.receipt_paper,
            reprint_at=kiosk.clock.now() if args.reprint else None,
        )
    try:
        args.out.write_bytes(pdf)
    except OSError as exc:
        raise InputError(f"Không ghi được tệp {args.out}: {exc.strerror or exc}.") from exc
    print(f"Đã ghi biên nhận {record.receipt_no} vào {args.out}.")
    return 0


def _cmd_print_queue(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import build_printer
    from kiosk.domain.clock import LOCAL_TZ
    from kiosk.services.printing import DONE, PrintQueue

    printer = build_printer(settings)
    with _kiosk(settings) as kiosk:
        queue = PrintQueue(kiosk.db, kiosk.clock, printer)
        if args.queue_command == "prune":
            deleted = queue.prune(older_than_days=args.older_than_days)
            print(f"Đã xóa {deleted} lệnh in đã in quá {args.older_than_days} ngày.")
            return 0
        if args.queue_command == "retry":
            tried = queue.process()
            if not tried:
                print("Không có biên nhận nào chờ in.")
                return 0
            for job in tried:
                outcome = "đã in" if job.status == DONE else f"chưa in: {job.last_error}"
                print(f"#{job.id} {job.receipt_no}: {outcome}")
            waiting = queue.pending_count()
            if waiting:
                print(f"Còn {waiting} biên nhận chờ in.")
                return 1
            return 0
        jobs = queue.list(pending_only=args.pending, limit=args.limit)
    if not jobs:
        print("Hàng in trống.")
    for job in jobs:
        at = job.created_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
        line = f"#{job.id}\t{at}\t{job.receipt_no}\t{job.paper}\t{job.status}\t{job.attempts} lần"
        print(line + (f"\t{job.last_error}" if job.last_error else ""))
    return 0


def _cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.settings import SETTINGS_FILE, settings_template

    path = settings.config_dir / SETTINGS_FILE
    if args.config_command == "init":
        if path.exists():
            raise InputError(f"Tệp cấu hình {path} đã có; không ghi đè.")
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


def _cmd_guides(args: argparse.Namespace, _settings: Settings) -> int:
    from kiosk.services.guides import check_guides, load_guides

    problems = check_guides(args.directory)
    for problem in problems:
        print(f"{problem.location}: {problem.problem}")
    if problems:
        print(f"Có {len(problems)} lỗi trong hướng dẫn.", file=sys.stderr)
        return 2
    print(f"{len(load_guides(args.directory))} hướng dẫn hợp lệ")
    return 0


_HANDLERS: dict[str | None, Handler] = {
    None: _cmd_gui,
    "db": _cmd_db,
    "helper": _cmd_helper,
    "seed-demo": _cmd_seed_demo,
    "export": _cmd_export,
    "purge": _cmd_purge,
    "close-day": _cmd_close_day,
    "z-report": _cmd_z_report,
    "doctor": _cmd_doctor,
    "sync": _cmd_sync,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "scan": _cmd_scan,
    "say": _cmd_say,
    "receipt": _cmd_receipt,
    "print-queue": _cmd_print_queue,
    "config": _cmd_config,
    "guides": _cmd_guides,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_dir, verbose=args.verbose)
        log.info("command %s", args.command or "gui")
        return _HANDLERS[args.command](args, settings)
    except KioskError as exc:
        log.warning("command %s failed: %s", args.command, exc.detail)
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        print(
            "Lỗi không mong đợi; chi tiết đã ghi vào tệp nhật ký kiosk.log. Hãy báo cán bộ CNTT.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
