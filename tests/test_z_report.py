"""The Z-report of a closed day: facts agree with plain SQL, the PDF reads, bytes repeat."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text, update

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.documents.z_report import render_z_report
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome
from kiosk.domain.z_report_facts import ZReportFacts
from kiosk.errors import InputError
from kiosk.services.reporting.export import FIGURE_LABELS
from kiosk.services.reporting.z_report import OLDER_DEFINITIONS, gather_z_report
from kiosk.storage.models import DayClosure
from kiosk.tools.demo import seed_demo
from tests.conftest import AdminCommand
from tests.factories import BINH, finished_visit

DAY = date(2026, 11, 23)


def seeded_closed_day(kiosk: Kiosk, transactions: int = 60) -> ZReportFacts:
    lan = kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    seed_demo(
        kiosk.db,
        kiosk.vault,
        kiosk.catalogue,
        transactions=transactions,
        days=1,
        seed=3,
        end_day=DAY,
    )
    kiosk.days.close(DAY, helper_id=lan.id)
    return gather(kiosk)


def gather(kiosk: Kiosk) -> ZReportFacts:
    return gather_z_report(
        kiosk.db, kiosk.catalogue, kiosk.counter_id, DAY, centre_name="Trung tâm Phường Láng"
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "z.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return unicodedata.normalize("NFC", result.stdout)


def test_facts_agree_with_plain_sql(kiosk: Kiosk) -> None:
    facts = seeded_closed_day(kiosk)
    with kiosk.db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"

        def count(sql: str) -> int:
            return int(connection.execute(text(sql)).scalar_one())

        visits = "FROM transactions WHERE corrects_id IS NULL"
        corrected = count("SELECT count(*) FROM transactions WHERE corrects_id IS NOT NULL")
        assert corrected == 0, "the seed should give a day without corrections"
        assert facts.transactions == count(f"SELECT count(*) {visits}") > 0
        assert facts.finished == count(f"SELECT count(*) {visits} AND status = 'finished'")
        assert facts.abandoned == count(f"SELECT count(*) {visits} AND status = 'abandoned'")
        assert facts.unfinished == facts.transactions - facts.finished
        assert facts.people_helped == count(f"SELECT count(DISTINCT citizen_id) {visits}") + count(
            f"SELECT count(*) {visits} AND citizen_id IS NULL"
        )
        figures = {row.label: row.services for row in facts.figures}
        for service in kiosk.catalogue.services:
            if service.figure == "portal_accounts":
                assert figures[FIGURE_LABELS["portal_accounts"]] == count(
                    "SELECT count(*) FROM transaction_services "
                    f"WHERE service_code = '{service.code}' AND outcome = 'done'"
                )
        lines = count("SELECT count(*) FROM transaction_services WHERE outcome IS NOT NULL")
        assert sum(sum(counts) for _, counts in facts.services) == lines
        assert sum(n for _, n in facts.reasons) == count(
            "SELECT count(*) FROM transaction_services WHERE reason_code IS NOT NULL"
        )
        hour = (
            "CAST(strftime('%H', started_at, '+7 hours') AS INTEGER)"
            if sqlite
            else "CAST(extract(hour FROM started_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS INTEGER)"
        )
        for offset, number in enumerate(facts.hours):
            assert number == count(f"SELECT count(*) {visits} AND {hour} = {7 + offset}")
    assert sum(facts.hours) + facts.outside_hours == facts.transactions
    assert [h.name for h in facts.helpers] == ["Nguyễn Thị Lan"]
    assert facts.helpers[0].visits == facts.transactions
    assert facts.closed_by == "Nguyễn Thị Lan"


def test_pdf_reads_in_vietnamese_and_repeats(kiosk: Kiosk, tmp_path: Path) -> None:
    facts = seeded_closed_day(kiosk)
    pdf = render_z_report(facts)
    assert pdf.startswith(b"%PDF")
    words = pdf_text(pdf, tmp_path)
    for label in (
        "BÁO CÁO CUỐI NGÀY",
        "23/11/2026",
        "Quầy Q01",
        "Người chốt sổ: Nguyễn Thị Lan",
        "Số người dân được hỗ trợ",
        "Đăng nhập lần đầu Cổng Dịch vụ công quốc gia bằng VNeID",
        "Kết quả theo loại dịch vụ",
        "trong đó thủ tục toàn trình",
        "trong đó người trưởng thành",
        "Kích hoạt định danh điện tử VNeID mức 2",
        "Chữ ký số cá nhân",
        "Hồ sơ nộp trực tuyến",
        "Mức hài lòng trung bình",
        "Dịch vụ theo kết quả",
        "Lý do chưa hoàn thành",
        "Lượt hỗ trợ bắt đầu theo giờ",
        "Số lượt dịch vụ theo loại",
    ):
        assert label in words, label
    (portal,) = (row for row in facts.figures if row.label == FIGURE_LABELS["portal_accounts"])
    assert f"Lượt hỗ trợ {facts.transactions}" in " ".join(words.split())
    assert f"bằng VNeID {portal.services} {portal.people}" in " ".join(words.split())
    # a closed day's report is the same document every time it is made
    assert render_z_report(gather(kiosk)) == pdf


def test_a_day_closed_before_the_people_counts_says_so(kiosk: Kiosk, tmp_path: Path) -> None:
    """A closure stored by an older version has no people counts: "—" and a note, never a
    made-up 0, and its stored numbers as they were."""
    finished_visit(kiosk, ServiceOutcome("signature_vnpt_smartca", "done"), citizen=BINH)
    kiosk.days.close(DAY)
    older = {"transactions": 1, "finished": 1, "people_helped": 1,
             "by_figure": {"digital_signatures": 1, "dossiers_filed_online": 0},
             "by_service": {"signature_vnpt_smartca": {"done": 1}}, "reasons": {}}  # fmt: skip
    with kiosk.db.unit_of_work() as uow:
        uow.session.execute(update(DayClosure).values(totals=older))
        uow.commit()
    facts = gather(kiosk)
    rows = {row.label: row for row in facts.figures}
    assert (rows["Chữ ký số cá nhân"].services, rows["Chữ ký số cá nhân"].people) == (1, "—")
    assert rows["trong đó thủ tục toàn trình"].services == "—"
    assert facts.note == OLDER_DEFINITIONS
    words = " ".join(pdf_text(render_z_report(facts), tmp_path).split())
    assert "chốt sổ trước khi có cách tính hiện nay" in words
    assert gather(kiosk) == facts  # the same stored numbers every time


def test_an_empty_closed_day_still_renders(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.days.close(DAY)
    facts = gather(kiosk)
    assert facts.transactions == 0 and facts.hours == (0,) * 12 and facts.closed_by == "—"
    assert "Không có dịch vụ nào trong ngày." in pdf_text(render_z_report(facts), tmp_path)


def test_an_open_day_has_no_z_report(kiosk: Kiosk) -> None:
    finished_visit(kiosk, ServiceOutcome("portal_account", "done"), citizen=BINH)
    with pytest.raises(InputError, match="chưa chốt sổ"):
        gather(kiosk)


@pytest.fixture
def cli_clock(
    make_kiosk: Callable[..., Kiosk], clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> Kiosk:
    """The CLI builds its kiosk on the test clock; returns a kiosk for seeding."""
    import kiosk.app

    real = kiosk.app.build_kiosk
    monkeypatch.setattr(kiosk.app, "build_kiosk", lambda s, **_: real(s, clock=clock))
    return make_kiosk()


def test_close_day_out_writes_report_and_exports(
    cli_clock: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    finished_visit(cli_clock, ServiceOutcome("portal_account", "done"), citizen=BINH)
    out = tmp_path / "chot-so"
    assert main(as_admin("close-day", "--date", "23/11/2026", "--out", str(out))) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "Z-Q01-20261123.pdf",
        "giao-dich-Q01-20261123.csv",
        "giao-dich-Q01-20261123.xlsx",
    ]
    csv = (out / "giao-dich-Q01-20261123.csv").read_text(encoding="utf-8-sig")
    assert "Họ tên" not in csv.splitlines()[0]  # masked
    first = (out / "Z-Q01-20261123.pdf").read_bytes()
    again = tmp_path / "lai"
    assert main(["z-report", "--date", "2026-11-23", "--out", str(again)]) == 0
    assert (again / "Z-Q01-20261123.pdf").read_bytes() == first
    assert main(as_admin("close-day", "--date", "23/11/2026", "--out", str(out))) != 0
    err = capsys.readouterr().err
    assert "đã được chốt sổ" in err


def test_z_report_of_an_open_day_is_refused(
    cli_clock: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["z-report", "--date", "23/11/2026", "--out", str(tmp_path)])
    assert code == 2
    assert "chưa chốt sổ" in capsys.readouterr().err
    assert not list(tmp_path.glob("Z-*.pdf"))
