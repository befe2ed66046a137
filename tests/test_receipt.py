"""Receipt PDFs: Vietnamese text survives, page sizes, a QR code a phone can read, the CLI."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from kiosk.app import Kiosk
from kiosk.devices.images import load_image
from kiosk.devices.qr_decoders import create_decoder
from kiosk.documents.receipt import PAPERS, render_receipt, wrap
from kiosk.documents.receipt_content import next_steps, qr_payload
from kiosk.domain.centre import CentreInfo
from kiosk.domain.values import ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.errors import InputError
from tests.factories import finished_visit
from tests.test_cli import run

DOSSIER = "H01.23-261123-0001"
CENTRE = CentreInfo(
    "Trung tâm Phục vụ hành chính công phường Ba Đình, thành phố Hà Nội",
    "Số 25 phố Liễu Giai, phường Ba Đình, thành phố Hà Nội, Việt Nam (tầng 1, cửa số 3)",
    "Q01",
    "Quầy hỗ trợ số",
)
REPRINT_AT = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)  # 08:05 in Hà Nội


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Receipts do not depend on the database backend: SQLite only, to stay fast."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"


@pytest.fixture
def record(kiosk: Kiosk) -> TransactionRecord:
    """Nhung's finished visit: a filing with a dossier code, and a referral to the police."""
    helper = kiosk.helpers.add("lan", "Trần Thị Lan", "482916")
    return finished_visit(
        kiosk,
        ServiceOutcome("online_filing", "done", dossier_code=DOSSIER),
        ServiceOutcome("vneid_level2", "not_possible", "level2_not_registered"),
        helper_id=helper.id,
        details=VisitDetails(referral="commune_police", follow_up_on=date(2026, 11, 30)),
    )


def pdf_text(path: Path) -> str:
    """The text of a PDF as poppler extracts it, NFC-normalised, whitespace collapsed."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFC", out.decode("utf-8")).split())


def page_size_mm(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert match, info.stdout
    return float(match[1]) / mm, float(match[2]) / mm


def decode_qr(pdf: Path) -> list[str]:
    """Render page 1 at 300 dpi, as a printer would, and read every QR code on it."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(prefix)], check=True)  # fmt: skip
    gray = load_image(prefix.with_suffix(".png"))
    return [payload.decode("utf-8") for payload in create_decoder("zxing").decode(gray)]


@pytest.mark.parametrize("paper", ["80mm", "58mm", "a5"])
def test_receipt_on_each_paper(
    kiosk: Kiosk, record: TransactionRecord, paper: str, tmp_path: Path
) -> None:
    path = tmp_path / f"receipt-{paper}.pdf"
    path.write_bytes(render_receipt(record, centre=CENTRE, catalogue=kiosk.catalogue, paper=paper))
    text = pdf_text(path)
    for expected in (
        "Nguyễn Thị Hồng Nhung",
        "Đã hoàn thành",
        "Không thực hiện được",
        "Chưa đăng ký định danh mức 2",
        f"Mã hồ sơ: {DOSSIER}",
        "Tra cứu hồ sơ tại: dichvucong.gov.vn",
        "Hẹn quay lại ngày 30/11/2026",
        "Công an xã, phường",
        "Thời gian: 23/11/2026 09:30",
        "Người hỗ trợ: Trần Thị Lan",
        "Số định danh: 001******345",
        record.receipt_no or "?",
    ):
        assert unicodedata.normalize("NFC", expected) in text, expected
    assert "BẢN IN LẠI" not in text and "001198012345" not in text
    width, height = page_size_mm(path)
    if paper == "a5":
        assert (width, height) == pytest.approx((A5[0] / mm, A5[1] / mm), abs=0.1)
    else:
        assert width == pytest.approx(int(paper[:2]), abs=0.1)
        assert 100 < height < 297  # as long as the content, not an A4 page
    assert decode_qr(path) == [f"{record.receipt_no}|{DOSSIER}"]


def test_reprint_is_marked_with_its_time(kiosk: Kiosk, record: TransactionRecord) -> None:
    pdf = render_receipt(record, centre=CENTRE, catalogue=kiosk.catalogue, reprint_at=REPRINT_AT)
    path = Path(kiosk.settings.data_dir) / "reprint.pdf"
    path.write_bytes(pdf)
    assert "BẢN IN LẠI In lại lúc: 24/11/2026 08:05" in pdf_text(path)


def test_same_input_same_bytes(kiosk: Kiosk, record: TransactionRecord) -> None:
    def render() -> bytes:
        return render_receipt(record, centre=CENTRE, catalogue=kiosk.catalogue, paper="58mm")

    assert render() == render()


def test_visit_without_citizen_or_dossier(kiosk: Kiosk, tmp_path: Path) -> None:
    anonymous = finished_visit(kiosk, citizen=None)
    path = tmp_path / "anonymous.pdf"
    path.write_bytes(render_receipt(anonymous, centre=CENTRE, catalogue=kiosk.catalogue))
    text = pdf_text(path)
    assert "Người dân" not in text and "Mã hồ sơ" not in text
    assert "Không cần làm gì thêm." in text
    assert decode_qr(path) == [anonymous.receipt_no]


def test_unfinished_visit_has_no_receipt(kiosk: Kiosk, record: TransactionRecord) -> None:
    from dataclasses import replace

    with pytest.raises(InputError, match="chưa có biên nhận"):
        qr_payload(replace(record, receipt_no=None))


def test_next_steps_for_a_partial_visit_without_referral(
    kiosk: Kiosk, record: TransactionRecord
) -> None:
    from dataclasses import replace

    partial = replace(
        record,
        referral=None,
        follow_up_on=None,
        services=(ServiceOutcome("portal_account", "partial", "otp_not_received"),),
    )
    steps = next_steps(partial, kiosk.catalogue)
    assert steps[0].startswith("Phần chưa xong") and "biên nhận" in steps[-1]


def test_long_words_are_cut_to_the_width() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kiosk.documents.fonts import register_fonts

    regular, _ = register_fonts()
    width = PAPERS["58mm"].printable
    text = "Nguyễn " + "Thị" * 40 + " Hồng Nhung"
    lines = wrap(text, regular, 9, width)
    assert all(stringWidth(line, regular, 9) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_cli_writes_the_receipt(
    kiosk: Kiosk, record: TransactionRecord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.pdf"
    assert record.receipt_no
    code, stdout, _ = run(
        capsys, "receipt", record.receipt_no.lower(), "--out", str(out), "--paper", "58mm",
        "--reprint",
    )  # fmt: skip
    assert code == 0 and record.receipt_no in stdout
    assert page_size_mm(out)[0] == pytest.approx(58, abs=0.1)
    assert "BẢN IN LẠI" in pdf_text(out) and "Nguyễn Thị Hồng Nhung" in pdf_text(out)


def test_cli_unknown_receipt(
    kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.pdf"
    code, _, err = run(capsys, "receipt", "Q01-20261123-9999", "--out", str(out))
    assert code == 1 and not out.exists()
    assert err.strip() == "Lỗi: Không tìm thấy biên nhận số Q01-20261123-9999."


def test_reportlab_runs_with_its_c_accelerator() -> None:
    # reportlab falls back to Python silently when rl_accel is missing (pyproject: the
    # "accel" extra); the PDF is the same, only slower. This catches an install without it.
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"


def test_the_qr_grid_is_a_level_m_symbol_of_the_smallest_version() -> None:
    from kiosk.documents.qr_matrix import qr_matrix

    short, long = qr_matrix("Q01-20261123-0001"), qr_matrix("Q01-20261123-0001|" + "H" * 80)
    assert short.size == 21 and long.size > short.size and (long.size - 21) % 4 == 0
    assert all(len(row) == short.size for row in short.rows)
    # The three finder patterns: a 7-module dark ring in three corners.
    for top, left in ((0, 0), (0, short.size - 7), (short.size - 7, 0)):
        assert all(short.rows[top][left + c] for c in range(7))
        assert not short.rows[top + 1][left + 1] and short.rows[top + 2][left + 2]
    runs = list(short.dark_runs())
    assert sum(length for _, _, length in runs) == sum(map(sum, short.rows))
