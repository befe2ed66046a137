"""Exports: CSV and XLSX content, masking, audit, summary figures against plain SQL, streaming."""

from __future__ import annotations

import csv
import errno
import io
import re
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Date, bindparam, event, select, text

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.domain.clock import FixedClock, local_day
from kiosk.domain.values import HelperInfo, ServiceOutcome, VisitDetails
from kiosk.errors import InputError, StorageFullError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.reporting.export import Column, ExportResult, export_transactions, writers
from kiosk.storage.models import Citizen, Helper, Transaction
from kiosk.tools.demo import seed_demo
from tests.factories import NHUNG, finished_visit
from tests.filesystems import fill_up, small_filesystem

END = date(2026, 11, 23)  # the clock fixture's day
START = END - timedelta(days=13)
HOA = NHUNG  # four words: no demo name
PHONE = "0912345678"
MASKED_HEADER = [
    "Số biên nhận", "Quầy", "Ngày", "Giờ bắt đầu", "Giờ kết thúc", "Trạng thái", "Người hỗ trợ",
    "Số định danh", "Năm sinh", "Giới tính", "Dịch vụ", "Kết quả", "Lý do", "Mã hồ sơ", "Thủ tục",
    "Khó khăn gặp phải", "Mức hài lòng", "Nơi chuyển tiếp", "Ngày hẹn lại", "Điện thoại hẹn lại",
    "Điều chỉnh cho", "Gói hướng dẫn",
]  # fmt: skip
PRIVATE = ["Họ tên", "Ghi chú", "Lý do điều chỉnh"]
SIGNATURES = (
    "signature_vnpt_smartca",
    "signature_viettel_mysign",
    "signature_other",
    "signature_vneid",
)


@dataclass(frozen=True)
class World:
    """A seeded counter plus one real visit (with phone and notes) and its correction."""

    kiosk: Kiosk
    admin: HelperInfo
    visit_receipt: str
    correction_receipt: str


@pytest.fixture
def world(kiosk: Kiosk, clock: FixedClock) -> World:
    seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=300, days=14, seed=3,
              end_day=END)  # fmt: skip
    admin = kiosk.helpers.add("quantri", "Trần Văn An", "482916", kind="staff", role="admin")
    visit = kiosk.transactions.start(
        helper_id=admin.id, citizen=HOA, services=["portal_account", "vneid_level2"]
    )
    kiosk.transactions.record_outcome(visit, ServiceOutcome("portal_account", "done"))
    kiosk.transactions.record_outcome(
        visit, ServiceOutcome("vneid_level2", "partial", "otp_not_received")
    )
    details = VisitDetails(
        barriers=("phone_not_own_name", "new_to_smartphones"), satisfaction=4,
        referral="carrier_store", follow_up_on=END + timedelta(days=2), follow_up_phone=PHONE,
        notes="=1+1 gọi lại khi có OTP",
    )  # fmt: skip
    kiosk.transactions.record_details(visit, details)
    finished = kiosk.transactions.finish(visit)
    clock.advance(minutes=20)
    correction = kiosk.transactions.correct(
        visit, helper_id=admin.id, reason="Đã nhận được OTP",
        outcomes=[ServiceOutcome("vneid_level2", "done")],
    )  # fmt: skip
    assert finished.receipt_no and correction.receipt_no
    return World(kiosk, admin, finished.receipt_no, correction.receipt_no)


def run_export(
    world: World, out: Path, *, fmt: str = "csv", unmasked: bool = False
) -> ExportResult:
    kiosk = world.kiosk
    actor = Actor(world.admin.username, world.admin.id) if unmasked else Actor.system("test")
    return export_transactions(
        kiosk.db, kiosk.vault, kiosk.catalogue, start=START, end=END, out=out, fmt=fmt,
        unmasked=unmasked, counter_id=kiosk.counter_id, actor=actor, clock=kiosk.clock,
    )  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sql(kiosk: Kiosk, statement: str, **params: Any) -> Any:
    """One value from plain SQL, with the export's period and counter bound."""
    values = {"start": START, "end": END, "counter": kiosk.counter_id, **params}
    values = {name: value for name, value in values.items() if f":{name}" in statement}
    dates = [
        bindparam(name, type_=Date) for name, value in values.items() if isinstance(value, date)
    ]
    with kiosk.db.unit_of_work() as uow:
        return uow.session.execute(text(statement).bindparams(*dates), values).scalar()


# -- CSV -----------------------------------------------------------------------------------------


def test_masked_csv(world: World, tmp_path: Path) -> None:
    out = tmp_path / "new folder" / "giao-dich.csv"
    result = run_export(world, out)
    raw = out.read_bytes()
    assert out.stat().st_mode & 0o777 == 0o600  # readable by whoever exported it, only
    assert raw.startswith(b"\xef\xbb\xbf") and "Nguyễn".encode() in raw  # Excel reads UTF-8
    rows = read_csv(out)
    assert list(rows[0]) == MASKED_HEADER  # no name, notes or free-text column at all
    total = sql(world.kiosk, "SELECT count(*) FROM transactions WHERE business_day BETWEEN "
                ":start AND :end AND counter_id = :counter")  # fmt: skip
    unfinished = sql(world.kiosk, "SELECT count(*) FROM transactions WHERE status = 'open'")
    assert result.rows == len(rows) == total and result.path == out
    assert unfinished and sum(r["Trạng thái"] == "Đang thực hiện" for r in rows) == unfinished
    for row in rows:
        assert re.fullmatch(r"(\d{3}\*{6}\d{3})?", row["Số định danh"])
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", row["Ngày"])
        assert re.fullmatch(r"\d{2}:\d{2}", row["Giờ bắt đầu"])
    text_ = raw.decode("utf-8-sig")
    assert HOA.full_name not in text_ and PHONE not in text_ and "OTP" in text_
    assert not set(_citizen_names(world.kiosk)) & set(re.split(r"[,;\n]\s*", text_))
    mine = next(r for r in rows if r["Số biên nhận"] == world.visit_receipt)
    assert mine["Số định danh"] == "001******345" and mine["Điện thoại hẹn lại"] == "091****678"
    assert mine["Dịch vụ"] == (
        "Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID; Kích hoạt định danh điện tử VNeID mức 2"
    )
    assert mine["Kết quả"] == "Đã hoàn thành; Hoàn thành một phần"
    assert mine["Lý do"] == "—; Không nhận được mã OTP"
    assert mine["Khó khăn gặp phải"] == (
        "Số điện thoại không chính chủ; Chưa quen dùng điện thoại thông minh"
    )
    assert mine["Ngày hẹn lại"] == "25/11/2026" and mine["Giờ bắt đầu"] == "09:30"
    fix = next(r for r in rows if r["Số biên nhận"] == world.correction_receipt)
    assert fix["Điều chỉnh cho"] == world.visit_receipt and fix["Kết quả"] == "Đã hoàn thành"
    assert [a.action for a in _audit(world.kiosk, "export")] == ["export"]
    assert not list(tmp_path.rglob("*.part"))


def _citizen_names(kiosk: Kiosk) -> list[str]:
    with kiosk.db.unit_of_work() as uow:
        helpers = set(uow.session.scalars(select(Helper.full_name)))
        tokens = uow.session.scalars(select(Citizen.name_enc).limit(50))
        return [n for n in (kiosk.vault.decrypt(t or b"") for t in tokens) if n not in helpers]


def _audit(kiosk: Kiosk, action: str) -> list[audit.AuditRecord]:
    with kiosk.db.unit_of_work() as uow:
        return audit.read(uow.session, action)


def test_unmasked_csv_has_names_and_is_audited(world: World, tmp_path: Path) -> None:
    out = tmp_path / "ro.csv"
    run_export(world, out, unmasked=True)
    rows = read_csv(out)
    assert set(PRIVATE) <= set(rows[0])
    mine = next(r for r in rows if r["Số biên nhận"] == world.visit_receipt)
    assert mine["Họ tên"] == HOA.full_name and mine["Điện thoại hẹn lại"] == PHONE
    assert mine["Ghi chú"] == "'=1+1 gọi lại khi có OTP"  # not a formula when Excel opens it
    fix = next(r for r in rows if r["Số biên nhận"] == world.correction_receipt)
    assert fix["Lý do điều chỉnh"] == "Đã nhận được OTP"
    named = [r for r in rows if r["Số định danh"]]
    assert named and all(r["Họ tên"] for r in named)
    (line,) = _audit(world.kiosk, "export.unmasked")
    assert line.actor == "quantri" and line.subject == f"{START.isoformat()}..{END.isoformat()}"
    assert set(line.details) == {"format", "rows", "counter_id"}
    assert line.details["rows"] == len(rows) and "Nguyễn" not in str(line.details)


def test_each_visit_names_its_guide_pack_in_both_exports(world: World, tmp_path: Path) -> None:
    """The column "Gói hướng dẫn" holds the pack recorded on the visit (its correction keeps
    it), nothing for the demo's visits (no pack recorded); masked, unmasked and in a workbook."""
    kiosk = world.kiosk
    pack = kiosk.guide_source.version
    with kiosk.db.unit_of_work() as uow:
        found = uow.session.execute(select(Transaction.receipt_no, Transaction.guide_pack))
        recorded = {receipt: pack for receipt, pack in found}
    assert pack and recorded[world.visit_receipt] == recorded[world.correction_receipt] == pack
    for unmasked in (False, True):
        out = tmp_path / f"goi-{unmasked}.csv"
        run_export(world, out, unmasked=unmasked)
        rows = read_csv(out)
        assert list(rows[0])[-1] == "Gói hướng dẫn"
        assert {r["Số biên nhận"]: r["Gói hướng dẫn"] for r in rows if r["Gói hướng dẫn"]} == {
            world.visit_receipt: pack, world.correction_receipt: pack
        }  # fmt: skip
        assert sum(not r["Gói hướng dẫn"] for r in rows) == len(rows) - 2
    run_export(world, tmp_path / "goi.xlsx", fmt="xlsx")
    sheet = load_workbook(tmp_path / "goi.xlsx")["Giao dịch"]
    header = [c.value for c in sheet[1]]
    column = header.index("Gói hướng dẫn")
    assert column == len(header) - 1
    packs = {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert packs[world.visit_receipt] == packs[world.correction_receipt] == pack
    assert sum(value is None for value in packs.values()) == len(packs) - 2


# -- XLSX ----------------------------------------------------------------------------------------


def test_xlsx_types_layout_and_summary(world: World, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    result = run_export(world, out, fmt="xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Giao dịch", "Tổng hợp"]
    sheet = book["Giao dịch"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == MASKED_HEADER
    assert sheet.max_row - 1 == result.rows and sheet.column_dimensions["K"].width == 48
    for row in sheet.iter_rows(min_row=2, max_row=40):
        day, start, end = row[2], row[3], row[4]
        assert isinstance(day.value, datetime) and day.number_format == "DD/MM/YYYY"
        assert isinstance(start.value, time_of_day) and start.number_format == "HH:MM"
        assert end.value is None or isinstance(end.value, time_of_day)
    mine = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == world.visit_receipt)
    assert mine[2].value == datetime(2026, 11, 23) and mine[3].value == time_of_day(9, 30)
    assert mine[18].value == datetime(2026, 11, 25)  # follow-up day, a real date too
    _check_summary(world.kiosk, book["Tổng hợp"])


def _tables(sheet: Any) -> dict[str, list[list[Any]]]:
    """The summary sheet's tables: title → rows (header first), split at blank rows."""
    tables: dict[str, list[list[Any]]] = {}
    current: list[list[Any]] | None = None
    for row in sheet.iter_rows(values_only=True):
        values = [v for v in row if v is not None]
        if not values:
            current = None
        elif current is None:
            current = tables.setdefault(str(values[0]), [])
        else:
            cells = list(row)
            while cells and cells[-1] is None:  # a blank cell inside a row stays
                cells.pop()
            current.append(cells)
    return tables


EFFECTIVE_DONE = """
SELECT count(*) FROM transaction_services s
JOIN transactions t ON t.id = s.transaction_id
JOIN transactions r ON r.id = COALESCE(t.corrects_id, t.id)
WHERE r.business_day BETWEEN :start AND :end AND r.counter_id = :counter
  AND s.service_code IN :codes AND s.outcome = 'done'
  AND NOT EXISTS (
    SELECT 1 FROM transaction_services s2 JOIN transactions t2 ON t2.id = s2.transaction_id
    WHERE t2.corrects_id = r.id AND s2.service_code = s.service_code
      AND t2.started_at > t.started_at)
"""


def done_in_sql(kiosk: Kiosk, *codes: str) -> int:
    """Services counted by hand: done, and not overridden by a later correction of the visit."""
    query = text(EFFECTIVE_DONE).bindparams(
        bindparam("start", type_=Date), bindparam("end", type_=Date),
        bindparam("codes", expanding=True),
    )  # fmt: skip
    with kiosk.db.unit_of_work() as uow:
        params = {"start": START, "end": END, "counter": kiosk.counter_id, "codes": list(codes)}
        return int(uow.session.execute(query, params).scalar_one())


def _check_summary(kiosk: Kiosk, sheet: Any) -> None:
    tables = _tables(sheet)
    assert tables["Tổng cộng"][0] == ["Chỉ tiêu", "Số lượng"]
    totals = {label: value for label, value in tables["Tổng cộng"][1:]}
    visits = "FROM transactions WHERE corrects_id IS NULL AND counter_id = :counter AND "
    period = "business_day BETWEEN :start AND :end"
    assert totals["Lượt hỗ trợ"] == sql(kiosk, f"SELECT count(*) {visits}{period}")
    people = sql(
        kiosk,
        "SELECT count(DISTINCT citizen_id) + sum(CASE WHEN citizen_id IS NULL THEN 1 ELSE 0 END) "
        f"{visits}{period}",
    )
    assert totals["Số người dân được hỗ trợ"] == people
    figures = tables["Kết quả theo loại dịch vụ"]
    assert figures[0] == ["Chỉ tiêu", "Lượt (hồ sơ)", "Người"]
    done = {label: services for label, services, *_ in figures[1:]}
    expected = {
        "Đăng nhập lần đầu Cổng Dịch vụ công quốc gia bằng VNeID": ("portal_account",),
        "Kích hoạt định danh điện tử VNeID mức 2": ("vneid_level2",),
        "Chữ ký số cá nhân": SIGNATURES,
        "Thanh toán phí, lệ phí trực tuyến": ("online_payment",),
        "Tài khoản VssID": ("vssid",),
    }
    for label, codes in expected.items():
        assert done[label] == done_in_sql(kiosk, *codes) > 0, label
    by_day = tables["Theo ngày"]
    assert by_day[0][:3] == ["Ngày", "Lượt hỗ trợ", "Người dân được hỗ trợ"]
    for day, count, *_ in by_day[1:]:
        assert isinstance(day, datetime)
        on_day = sql(kiosk, f"SELECT count(*) {visits}business_day = :day", day=day.date())
        assert count == on_day
    assert sum(row[1] for row in by_day[1:]) == totals["Lượt hỗ trợ"]
    helpers = tables["Theo người hỗ trợ"]
    assert sum(row[2] for row in helpers[1:]) == totals["Lượt hỗ trợ"]
    volunteers = {row[0] for row in tables["Giờ hỗ trợ của tình nguyện viên"][1:]}
    assert volunteers == {"Nguyễn Thị Lan", "Trần Quang Minh"}  # the demo's volunteers


def test_every_counter_and_an_empty_period(
    make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    first, second = make_kiosk(), make_kiosk("Q02")
    for kiosk, code in ((first, "Q01"), (second, "Q02")):
        seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=40, days=5, seed=1,
                  end_day=END, counter_code=code)  # fmt: skip
    options: dict[str, Any] = {"unmasked": False, "actor": Actor.system("test")}
    both = export_transactions(
        first.db, first.vault, first.catalogue, start=START, end=END, out=tmp_path / "all.xlsx",
        fmt="xlsx", counter_id=None, **options,
    )  # fmt: skip
    assert both.rows == 80
    book = load_workbook(both.path)
    assert {row[1] for row in book["Giao dịch"].iter_rows(min_row=2, values_only=True)} == {
        "Q01", "Q02"
    }  # fmt: skip
    assert "tất cả các quầy" in str(book["Tổng hợp"]["A1"].value)
    empty = export_transactions(
        first.db, first.vault, first.catalogue, start=date(2020, 1, 1), end=date(2020, 1, 31),
        out=tmp_path / "empty.xlsx", fmt="xlsx", counter_id=first.counter_id, **options,
    )  # fmt: skip
    assert empty.rows == 0
    totals = _tables(load_workbook(empty.path)["Tổng hợp"])["Tổng cộng"]
    assert ["Lượt hỗ trợ", 0] in totals


# -- streaming -----------------------------------------------------------------------------------


def test_memory_stays_flat(kiosk: Kiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export of 2.5× the rows takes no more memory, and loads no ORM objects.

    The label caches are bounded (CACHE_SIZE entries); shrunk here so that what the test
    sees is the streaming itself, not a cache still filling up.
    """
    monkeypatch.setattr("kiosk.services.reporting.export.rows.CACHE_SIZE", 64)
    if kiosk.db.dialect != "sqlite":
        pytest.skip("measured once, on SQLite")
    seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=11_000, days=14, seed=9,
              end_day=END)  # fmt: skip
    with kiosk.db.unit_of_work() as uow:
        first = uow.session.scalar(
            select(Transaction.business_day).order_by(Transaction.business_day)
        )
    assert first is not None
    loads: list[object] = []

    def loaded(target: object, _context: object) -> None:
        loads.append(target)

    _traced_export(kiosk, tmp_path / "warm-up.csv", first, first)  # caches filled once
    event.listen(Transaction, "load", loaded)
    try:
        # a few thousand rows already fill every fetch buffer: both exports are in steady state
        middle = first + timedelta(days=2)
        small_rows, small = _traced_export(kiosk, tmp_path / "small.csv", first, middle)
        large_rows, large = _traced_export(kiosk, tmp_path / "large.csv", first, END)
    finally:
        event.remove(Transaction, "load", loaded)
    assert small_rows >= 2_500 and large_rows >= 2.5 * small_rows
    assert large < 1.2 * small, (small, large)
    assert not loads


def _traced_export(kiosk: Kiosk, out: Path, start: date, end: date) -> tuple[int, int]:
    tracemalloc.start()
    try:
        result = export_transactions(
            kiosk.db, kiosk.vault, kiosk.catalogue, start=start, end=end, out=out, fmt="csv",
            unmasked=True, counter_id=kiosk.counter_id, actor=Actor.system("test"),
        )  # fmt: skip
        return result.rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- errors --------------------------------------------------------------------------------------


def test_unwritable_paths_get_one_clear_message(world: World, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="không phải thư mục") as failure:
        run_export(world, blocker / "export.csv")
    assert "Traceback" not in str(failure.value)
    with pytest.raises(InputError, match="là một thư mục"):
        run_export(world, tmp_path)
    with pytest.raises(InputError, match="csv hoặc xlsx"):
        run_export(world, tmp_path / "x.pdf", fmt="pdf")


def test_full_disk_leaves_no_half_file_and_keeps_the_old_one(world: World, tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "usb", "64k") as usb:
        out = usb / "giao-dich.csv"
        out.write_text("bản cũ", encoding="utf-8")
        fill_up(usb)
        with pytest.raises(StorageFullError, match="đã đầy"):
            run_export(world, out)
        assert out.read_text(encoding="utf-8") == "bản cũ"
        assert sorted(p.name for p in usb.iterdir()) == ["filler.bin", "giao-dich.csv"]


def test_failure_half_way_removes_the_temporary_file(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, values: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers.CsvSink, "write_row", broken)
    monkeypatch.setattr(writers.CsvSink, "write_bytes", broken)  # rows COPY formatted
    folder = tmp_path / "out"
    with pytest.raises(StorageFullError):
        run_export(world, folder / "x.csv")
    assert list(folder.iterdir()) == []
    assert _audit(world.kiosk, "export") == []  # nothing exported, nothing audited


# -- the command line ----------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def today(kiosk: Kiosk) -> date:
    """The real day in Vietnam (the CLI runs on the system clock); the kiosk set up the database."""
    return local_day(datetime.now().astimezone())


def test_cli_seed_and_export(
    kiosk: Kiosk, today: date, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "seed-demo", "--transactions", "120", "--days", "10", "--seed", "4")
    assert code == 0 and "Đã tạo 120 lượt hỗ trợ mẫu" in out
    start, end = today - timedelta(days=12), today + timedelta(days=1)
    csv_out, xlsx_out = tmp_path / "a.csv", tmp_path / "b.xlsx"
    code, out, _ = cli(capsys, "export", "--from", start.isoformat(), "--to",
                       end.strftime("%d/%m/%Y"), "--out", str(csv_out))  # fmt: skip
    assert code == 0 and "Đã xuất 120 lượt hỗ trợ" in out and len(read_csv(csv_out)) == 120
    code, out, _ = cli(capsys, "export", "--from", start.strftime("%d/%m/%Y"), "--to",
                       end.isoformat(), "--format", "xlsx", "--out", str(xlsx_out))  # fmt: skip
    sheet = load_workbook(xlsx_out, read_only=True)["Giao dịch"]
    assert code == 0 and sum(1 for _ in sheet.iter_rows()) == 121


def test_cli_refuses_bad_dates_and_unauthorised_unmasking(
    kiosk: Kiosk,
    today: date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = str(tmp_path / "x.csv")
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--from", "31/02/2026", "--to", "2026-03-01", "--out", out])
    err = capsys.readouterr().err
    assert (
        exit_info.value.code == 2 and "không hợp lệ" in err and len(err.strip().splitlines()) == 1
    )
    code, _, err = cli(capsys, "export", "--from", "2026-03-02", "--to", "2026-03-01", "--out", out)
    assert code == 2 and "--to" in err
    code, _, err = cli(capsys, "export", "--from", "2026-03-01", "--to", "2026-03-02",
                       "--out", out, "--unmasked")  # fmt: skip
    assert code == 5 and "--admin" in err and len(err.strip().splitlines()) == 1
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    monkeypatch.setattr("sys.stdin", io.StringIO("482916\n"))  # the PIN: standard input
    code, _, err = cli(capsys, "export", "--from", "2026-03-01", "--to", "2026-03-02",
                       "--out", out, "--unmasked", "--admin", "lan")  # fmt: skip
    assert code == 5 and "quản trị" in err
    assert not Path(out).exists()


def test_cli_unmasked_export_by_an_admin(
    kiosk: Kiosk,
    today: date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli(capsys, "seed-demo", "--transactions", "40", "--days", "5")[0] == 0
    kiosk.helpers.add("quantri", "Trần Văn An", "482916", kind="staff", role="admin")
    monkeypatch.setattr("sys.stdin", io.StringIO("482916\n"))  # the PIN: standard input
    out = tmp_path / "full.csv"
    code, _, _ = cli(capsys, "export", "--from", (today - timedelta(days=7)).isoformat(), "--to",
                     today.isoformat(), "--out", str(out), "--unmasked",
                     "--admin", "quantri")  # fmt: skip
    rows = read_csv(out)
    assert code == 0 and len(rows) == 40
    assert any(r["Họ tên"] for r in rows) and all(r["Họ tên"] for r in rows if r["Số định danh"])
    assert [a.actor for a in _audit(kiosk, "export.unmasked")] == ["quantri"]


def test_cli_seeds_and_exports_the_configured_counter(
    kiosk: Kiosk,
    today: date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_COUNTER_CODE", "Q07")
    assert cli(capsys, "seed-demo", "--transactions", "30", "--days", "5")[0] == 0
    out = tmp_path / "q07.csv"
    start = (today - timedelta(days=7)).isoformat()
    assert (
        cli(capsys, "export", "--from", start, "--to", today.isoformat(), "--out", str(out))[0] == 0
    )
    receipts = [r["Số biên nhận"] for r in read_csv(out) if r["Số biên nhận"]]
    assert receipts and all(r.startswith("Q07-") for r in receipts)
    assert {r["Quầy"] for r in read_csv(out)} == {"Q07"}


# -- formula injection (OWASP "CSV Injection") ---------------------------------------------------

FORMULAS = ('=HYPERLINK("http://x.example","Bấm")', "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1")


def test_a_helper_named_like_a_formula_is_text_in_both_exports(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    """The issue's case: "Người hỗ trợ" (not a free-text column) was written as is."""
    name = '=HYPERLINK("http://x.example","Nguyễn Văn An")'
    helper = kiosk.helpers.add("congthuc", name, "482916")
    finished_visit(kiosk, ServiceOutcome("portal_account", "done"), helper_id=helper.id)
    options: dict[str, Any] = {"unmasked": False, "actor": Actor.system("test")}
    common: dict[str, Any] = {"start": END, "end": END, "counter_id": kiosk.counter_id}
    export_transactions(kiosk.db, kiosk.vault, kiosk.catalogue, out=tmp_path / "a.csv",
                        fmt="csv", **common, **options)  # fmt: skip
    (row,) = read_csv(tmp_path / "a.csv")
    assert row["Người hỗ trợ"] == "'" + name
    export_transactions(kiosk.db, kiosk.vault, kiosk.catalogue, out=tmp_path / "a.xlsx",
                        fmt="xlsx", **common, **options)  # fmt: skip
    book = load_workbook(tmp_path / "a.xlsx")
    cell = book["Giao dịch"]["G2"]
    assert book["Giao dịch"]["G1"].value == "Người hỗ trợ"
    assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)
    helpers = _tables(book["Tổng hợp"])["Theo người hỗ trợ"]
    assert helpers[1][0] == name
    named = [c for r in book["Tổng hợp"].iter_rows() for c in r if c.value == name]
    assert len(named) == 2  # by helper, and the volunteer's hours
    assert all(c.data_type == "s" and c.quotePrefix for c in named)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_formula_start_is_defused_in_every_text_column(fmt: str, tmp_path: Path) -> None:
    """=, +, -, @, tab and CR, in a plain text column and a free-text one; numbers untouched."""
    columns = [Column("Nhãn", 10), Column("Ghi chú", 10, "free"), Column("Số", 5, "int")]
    out = tmp_path / f"cells.{fmt}"
    sink = writers.open_sink(fmt, out, columns)
    for formula in FORMULAS:
        sink.write_row([formula, formula, -3])
    sink.write_row(["Nguyễn – ổn", "bình thường", 4])
    sink.finish(None)
    if fmt == "csv":
        rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))[1:]
        assert rows == [["'" + f, "'" + f, "-3"] for f in FORMULAS] + [
            ["Nguyễn – ổn", "bình thường", "4"]
        ]
        return
    sheet = load_workbook(out)["Giao dịch"]
    for formula, row in zip(FORMULAS, sheet.iter_rows(min_row=2), strict=False):
        read_back = formula.replace("\r", "\n")  # XML reads a CR as a line feed
        for cell in row[:2]:
            assert (cell.value, cell.data_type, cell.quotePrefix) == (read_back, "s", True)
        assert row[2].value == -3
    last = next(iter(sheet.iter_rows(min_row=len(FORMULAS) + 2)))
    assert [c.value for c in last] == ["Nguyễn – ổn", "bình thường", 4]
    assert not last[0].quotePrefix
