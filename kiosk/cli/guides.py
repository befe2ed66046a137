"""``kiosk guides``: check the guides, export the volunteers' marks, export, import and roll
back guide packs (docs/GUIDES.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import (
    Commands,
    Handler,
    Parser,
    add_admin_argument,
    open_kiosk,
    require_admin_for,
)
from kiosk.settings import Settings


def add_commands(commands: Commands) -> dict[str | None, Handler]:
    """Add this group's subcommands; return their handlers by command name."""
    guides = commands.add_parser("guides", help="step-by-step guides and guide packs")
    sub = guides.add_subparsers(dest="guides_command", required=True, parser_class=Parser)
    check = sub.add_parser("check", help="list every problem as file:line, and old guides")
    check.add_argument("directory", nargs="?", type=Path, metavar="DIR")
    marks = sub.add_parser("marks", help="the steps volunteers marked out of date, as CSV")
    marks.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    every = marks.add_mutually_exclusive_group()
    every.add_argument(
        "--centre",
        action="store_true",
        help="every counter's marks, from the centre's shared database (database.central_url)",
    )
    every.add_argument(
        "--all-counters", action="store_true", help="every counter of the database in use"
    )
    export = sub.add_parser("export", help="write the guides in use as a versioned pack")
    export.add_argument("pack", type=Path, metavar="PACK.zip")
    export.add_argument("--version", dest="pack_version", metavar="VERSION")
    export.add_argument(
        "--from", dest="folder", type=Path, metavar="DIR", help="guides/ and catalogue/ in DIR"
    )
    load = sub.add_parser("import", help="validate a pack completely, then use it")
    load.add_argument("pack", type=Path, metavar="PACK.zip")
    add_admin_argument(load)
    back = sub.add_parser("rollback", help="go back to the pack in use before the last import")
    add_admin_argument(back)
    return {"guides": _cmd_guides}


def _cmd_guides(args: argparse.Namespace, settings: Settings) -> int:
    command = args.guides_command
    if command == "check":
        return _check(args.directory, settings)
    if command == "marks":
        return _marks(args, settings)
    if command == "export":
        return _export(args, settings)
    return _replace(args, settings)


def _check(directory: Path | None, settings: Settings) -> int:
    from kiosk.domain.clock import SystemClock, local_day
    from kiosk.services.guides import check_guides, load_guides
    from kiosk.services.guides.age import checked_label, stale_guides
    from kiosk.services.guides.packs import active_source

    catalogue = None
    if directory is None:  # the guides in use: the imported pack, else the shipped ones
        source = active_source(settings.data_dir)
        directory, catalogue = source.guides_dir, source.catalogue()
    problems = check_guides(directory, catalogue)
    for problem in problems:
        print(f"{problem.location}: {problem.problem}")
    if problems:
        print(f"Có {len(problems)} lỗi trong hướng dẫn.", file=sys.stderr)
        return 2
    library = load_guides(directory, catalogue)
    limit = settings.guides_max_age_months
    for item in stale_guides(library, local_day(SystemClock().now()), limit):
        print(
            f"Cảnh báo: {item.guide.path}: kiểm tra lần cuối {checked_label(item.guide.checked)}"
            f", đã {item.months} tháng (quá {limit} tháng, khóa guides.max_age_months)"
        )
    print(f"{len(library)} hướng dẫn hợp lệ")
    return 0


def _marks(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.guides.marks import GuideMarks
    from kiosk.services.reporting.reports import centre_database

    with open_kiosk(settings) as kiosk:
        marks = kiosk.guide_marks
        if args.centre or args.all_counters:  # every counter's, each row with its code
            db = centre_database(kiosk) if args.centre else kiosk.db
            marks = GuideMarks(db, kiosk.clock, None)
        count = marks.export_csv(args.out)
    print(f"Đã ghi {count} đánh dấu bước hướng dẫn cũ vào {args.out}")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.domain.clock import SystemClock
    from kiosk.services.guides.packs import active_source, export_pack, folder_source

    source = folder_source(args.folder) if args.folder else active_source(settings.data_dir)
    manifest = export_pack(args.pack, source, SystemClock().now(), args.pack_version)
    print(f"Đã ghi gói hướng dẫn {manifest.version} ({len(manifest.files)} tệp) vào {args.pack}")
    return 0


def _replace(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.services.guides.pack_files import GuidePackError
    from kiosk.services.guides.packs import import_pack, rollback

    require_admin_for(settings, args)  # the admin's PIN, before anything is read or replaced
    try:
        if args.guides_command == "import":
            source = import_pack(args.pack, settings.data_dir)
            print(f"Đã nhập gói hướng dẫn {source.version}; gói trước được giữ để quay lại.")
        else:
            source = rollback(settings.data_dir)
            print(f"Đang dùng lại gói hướng dẫn {source.version}.")
    except GuidePackError as exc:
        for problem in exc.problems[1:]:
            print(problem, file=sys.stderr)
        raise
    print("Khởi động lại kiosk để dùng các hướng dẫn này.")
    return 0
