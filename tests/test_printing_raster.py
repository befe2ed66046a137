"""The receipt as a 1-bit raster (thermal heads, the Qt route): size, glyphs, a readable QR.

The fixtures here (a finished visit with Vietnamese text everywhere) are shared by the
ESC/POS, Qt and worker tests, which import them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kiosk.app import Kiosk, build_kiosk
from kiosk.devices.qr_decoders import create_decoder
from kiosk.documents.fonts import BOLD, REGULAR, font_file
from kiosk.documents.receipt_content import receipt_blocks
from kiosk.documents.receipt_raster import (
    SHEET_DPI,
    THERMAL_DPI,
    image_dpi,
    png_bytes,
    render_receipt_image,
    width_dots_for,
)
from kiosk.domain.centre import CentreInfo
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.errors import InputError
from kiosk.settings import Settings
from tests.conftest import START
from tests.factories import finished_visit

DOSSIER = "H01.23-261123-0001"
CENTRE = CentreInfo(
    "Trung tâm Phục vụ hành chính công phường Ba Đình, thành phố Hà Nội",
    "Số 25 phố Liễu Giai, phường Ba Đình, thành phố Hà Nội, Việt Nam (tầng 1, cửa số 3)",
    "Q01",
    "Quầy hỗ trợ số",
)
REPRINT_AT = datetime(2026, 11, 24, 1, 5, tzinfo=UTC)
NOT_IN_ANY_FONT = "\ue000"  # private use: Noto Sans draws its .notdef box


@pytest.fixture(scope="module")
def receipt_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kiosk]:
    """One kiosk on SQLite for a whole module: receipts do not depend on the backend."""
    root = tmp_path_factory.mktemp("receipts")
    kiosk = build_kiosk(Settings(root / "config", root / "data"), clock=FixedClock(START))
    yield kiosk
    kiosk.close()


@pytest.fixture(scope="module")
def record(receipt_kiosk: Kiosk) -> TransactionRecord:
    """Nhung's finished visit: a filing with a dossier code, and a referral to the police."""
    helper = receipt_kiosk.helpers.add("lan", "Trần Thị Lan", "482916")
    return finished_visit(
        receipt_kiosk,
        ServiceOutcome("online_filing", "done", dossier_code=DOSSIER),
        ServiceOutcome("vneid_level2", "not_possible", "level2_not_registered"),
        helper_id=helper.id,
        details=VisitDetails(referral="commune_police", follow_up_on=date(2026, 11, 30)),
    )


def qr_payloads(image: Image.Image, decoder: str = "zxing") -> list[str]:
    """Every QR code the project's decoder reads in ``image``."""
    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    return [payload.decode() for payload in create_decoder(decoder).decode(gray)]


@pytest.mark.parametrize(("paper", "width"), [("80mm", 576), ("58mm", 384)])
def test_a_roll_receipt_is_as_wide_as_the_thermal_head(
    receipt_kiosk: Kiosk, record: TransactionRecord, paper: str, width: int
) -> None:
    image = render_receipt_image(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper=paper
    )
    assert (image.mode, image.width, image_dpi(image)) == ("1", width, THERMAL_DPI)
    assert 900 < image.height < 2000  # as long as its content, at 8 dots/mm
    expected = f"{record.receipt_no}|{DOSSIER}"
    assert qr_payloads(image, "zxing") == [expected]
    assert qr_payloads(image, "zbar") == [expected]


def test_a5_is_rendered_for_sheet_printers(receipt_kiosk: Kiosk, record: TransactionRecord) -> None:
    image = render_receipt_image(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="a5"
    )
    assert (image.width, image_dpi(image)) == (width_dots_for("a5", SHEET_DPI), SHEET_DPI)
    assert image.width == 1464  # 124 mm printable at 300 dpi
    assert qr_payloads(image) == [f"{record.receipt_no}|{DOSSIER}"]


def test_a_narrower_head_wraps_sooner_with_the_same_type(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    wide = render_receipt_image(record, centre=CENTRE, catalogue=receipt_kiosk.catalogue)
    narrow = render_receipt_image(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, width_dots=512
    )
    assert narrow.width == 512 and narrow.height > wide.height
    assert qr_payloads(narrow) == [f"{record.receipt_no}|{DOSSIER}"]


def test_png_keeps_pixels_and_resolution(receipt_kiosk: Kiosk, record: TransactionRecord) -> None:
    image = render_receipt_image(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="58mm"
    )
    data = png_bytes(image)
    assert data.startswith(b"\x89PNG") and len(data) < 40_000
    from io import BytesIO

    with Image.open(BytesIO(data)) as back:
        assert back.mode == "1" and image_dpi(back) == THERMAL_DPI
        assert back.tobytes() == image.tobytes()


def _vietnamese_letters() -> set[str]:
    """Every Vietnamese letter, precomposed: 12 vowels × 6 tones, đ, in both cases."""
    tones = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    letters = {
        unicodedata.normalize("NFC", vowel + tone)
        for vowel in ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
        for tone in tones
    }
    letters.add("đ")
    return letters | {letter.upper() for letter in letters}


def _glyph_pixels(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    image = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(image).text((8, 48), char, font=font, fill=255, anchor="ls")
    return image.tobytes()


def test_every_character_of_the_receipt_has_a_glyph(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    """No letter of the receipt, nor any Vietnamese letter, falls back to the empty box."""
    reprint = receipt_blocks(record, CENTRE, receipt_kiosk.catalogue, reprint_at=REPRINT_AT)
    characters = {
        char
        for block in reprint
        for char in unicodedata.normalize("NFC", block.text)
        if not char.isspace()
    }
    assert {"ễ", "Đ", "ộ", "ỗ", "ự", "•"} <= characters
    characters |= _vietnamese_letters()
    assert len(_vietnamese_letters()) == 146
    for name in (REGULAR, BOLD):
        font = ImageFont.truetype(str(font_file(name)), 25)
        box = _glyph_pixels(font, NOT_IN_ANY_FONT)
        missing = sorted(c for c in characters if _glyph_pixels(font, c) == box)
        assert missing == [], f"{name} has no glyph for {missing}"


def test_decomposed_text_is_drawn_like_precomposed(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    """A name typed with combining marks (NFD) prints the same as its precomposed form."""
    assert record.citizen_name is not None
    decomposed = replace(record, citizen_name=unicodedata.normalize("NFD", record.citizen_name))
    assert decomposed.citizen_name != record.citizen_name

    def pixels(visit: TransactionRecord) -> bytes:
        return render_receipt_image(
            visit, centre=CENTRE, catalogue=receipt_kiosk.catalogue
        ).tobytes()

    assert pixels(decomposed) == pixels(record)


def test_reprint_has_the_black_banner_and_the_same_input_gives_the_same_pixels(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    def render(reprint_at: datetime | None) -> Image.Image:
        return render_receipt_image(
            record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, reprint_at=reprint_at
        )

    def black_rows(image: Image.Image) -> int:
        return int((np.asarray(image.convert("L")) < 128).all(axis=1).sum())

    first, reprint = render(None), render(REPRINT_AT)
    assert first.tobytes() == render(None).tobytes()
    assert black_rows(first) == 0
    assert black_rows(reprint) > 10  # "BẢN IN LẠI" white on a full-width black band
    assert reprint.height > first.height


def test_a_long_unbroken_word_is_cut_to_the_head_width(receipt_kiosk: Kiosk) -> None:
    visit = finished_visit(receipt_kiosk, citizen=None)
    centre = CentreInfo("Trung tâm " + "Đ" * 80, counter_code="Q01")
    image = render_receipt_image(
        visit, centre=centre, catalogue=receipt_kiosk.catalogue, paper="58mm"
    )
    assert image.width == 384
    assert qr_payloads(image) == [visit.receipt_no]


def test_unfinished_visit_has_no_raster_either(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    with pytest.raises(InputError, match="chưa có biên nhận"):
        render_receipt_image(
            replace(record, receipt_no=None), centre=CENTRE, catalogue=receipt_kiosk.catalogue
        )
    with pytest.raises(ValueError, match="unknown receipt paper"):
        render_receipt_image(record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="a4")
