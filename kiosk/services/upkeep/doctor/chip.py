"""Doctor check of chip reading: the PC/SC readers plugged in, and the CSCA store."""

from __future__ import annotations

from kiosk.services.upkeep.doctor.report import Check
from kiosk.settings import Settings

CHIP = "Đầu đọc chip (PC/SC)"


def check_chip_readers(settings: Settings) -> Check:
    """The readers pcscd (or Windows' Smart Card service) lists, and the trust store's size."""
    name = CHIP
    try:
        from kiosk.devices.chip_reader import ChipReaderError, list_readers
    except ImportError as exc:  # pyscard or libpcsclite missing
        return Check(name, False, f"Không nạp được pyscard ({exc}).", "make setup", False)
    try:
        readers = list_readers()
    except ChipReaderError as exc:
        fix = "apt-get install pcscd; pcscd (Windows: bật dịch vụ Smart Card)"
        return Check(name, False, exc.message, fix, False)
    if not readers:
        return Check(
            name, False, "Không thấy đầu đọc chip nào.", "Cắm đầu đọc PC/SC vào cổng USB.", False
        )
    store_line = _store_line(settings)
    return Check(name, True, f"{'; '.join(readers)}. {store_line}", required=False)


def _store_line(settings: Settings) -> str:
    from kiosk.services.chip.trust import CscaStore, TrustStoreError

    path = settings.csca_store_path
    if path is None:
        return "Chưa cài kho CSCA ([chip] csca_store): đọc được chip nhưng chưa xác thực được."
    try:
        count = len(CscaStore.load(path).certificates)
    except TrustStoreError as exc:
        return exc.message
    return f"Kho CSCA {path}: {count} chứng thư."
