"""Doctor checks of the scanning devices and what they need: the QR decoders, OpenCV,
the camera, and a font that draws Vietnamese."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.services.upkeep.doctor.report import COMMAND_TIMEOUT_SECONDS, Check

log = logging.getLogger(__name__)

ZXING = "Giải mã QR zxing-cpp"
ZBAR = "Giải mã QR zbar"
OPENCV = "OpenCV"
FONTS = "Phông chữ tiếng Việt"
CAMERA = "Camera"

CAMERA_TIMEOUT_SECONDS = 5.0
# Letters a Vietnamese font must draw: every vowel with its tone marks is too many to list,
# these cover the stacked diacritics that fonts most often lack.
VIETNAMESE_SAMPLE = "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẶặỆệỮữỰựỸỹ"
FONT_FILES = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "C:/Windows/Fonts/segoeui.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


# -- QR decoders and OpenCV -------------------------------------------------------------------


def check_zxing() -> Check:
    """zxing-cpp imports and reads back a Vietnamese QR it has just drawn."""
    name = ZXING
    try:
        import zxingcpp
    except ImportError as exc:
        return Check(
            name, False, f"Không nạp được zxing-cpp ({exc}).", "pip install zxing-cpp", False
        )
    sample = "Nguyễn Thị Hồng Nhung|Nữ"
    barcode = zxingcpp.create_barcode(sample.encode("utf-8"), zxingcpp.BarcodeFormat.QRCode)
    results = zxingcpp.read_barcodes(barcode.to_image(scale=2))
    if not results or results[0].bytes.decode("utf-8", "replace") != sample:
        return Check(
            name,
            False,
            "zxing-cpp không đọc lại được mã QR thử.",
            "Cài lại: pip install --force-reinstall zxing-cpp",
            False,
        )
    return Check(name, True, "Đọc được mã QR thử có dấu tiếng Việt.", required=False)


def check_zbar() -> Check:
    """pyzbar imports (which loads libzbar) and decodes an image."""
    name = ZBAR
    try:
        from pyzbar import pyzbar
    except ImportError as exc:  # pyzbar raises ImportError when libzbar is missing
        fix = "apt-get install libzbar0" if "zbar" in str(exc).lower() else "pip install pyzbar"
        return Check(name, False, f"Không nạp được pyzbar/libzbar ({exc}).", fix, False)
    width = height = 16
    pyzbar.decode((bytes(width * height), width, height))
    return Check(name, True, "pyzbar và libzbar hoạt động (giải mã dự phòng).", required=False)


def check_opencv() -> Check:
    """OpenCV (camera capture) imports."""
    try:
        import cv2
    except ImportError as exc:
        return Check(
            OPENCV,
            False,
            f"Không nạp được OpenCV ({exc}); không dùng được camera.",
            "pip install opencv-python-headless (thiếu libGL thì: apt-get install libgl1)",
            False,
        )
    return Check(OPENCV, True, f"OpenCV {cv2.__version__}.", required=False)


# -- fonts ------------------------------------------------------------------------------------


def _draws_vietnamese(path: Path) -> bool:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        glyphs = TTFontFile(str(path)).charToGlyph
    except Exception:  # reportlab cannot read it (CFF outlines, damaged file): unusable for us
        log.warning("font %s cannot be read", path, exc_info=True)
        return False
    return all(ord(letter) in glyphs for letter in VIETNAMESE_SAMPLE)


def _bundled_fonts() -> list[Path]:
    from kiosk.resources import resource_path

    try:
        folder = resource_path("fonts")
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))


def _system_fonts() -> list[str]:
    """Families of installed fonts that cover Vietnamese (fontconfig, else known files)."""
    if shutil.which("fc-list"):
        listing = subprocess.run(
            ["fc-list", ":lang=vi", "family"],
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        ).stdout
        families = {line.split(",")[0].strip() for line in listing.splitlines() if line.strip()}
        return sorted(families)
    return [Path(p).stem for p in FONT_FILES if Path(p).is_file()]


def check_fonts() -> Check:
    """A TTF that draws Vietnamese: bundled in resources/fonts, or else a system font."""
    name = FONTS
    bundle_fix = "Chép một phông TTF đủ dấu tiếng Việt (giấy phép OFL) vào resources/fonts/."
    bundled = _bundled_fonts()
    good = [p.name for p in bundled if _draws_vietnamese(p)]
    if good:
        return Check(name, True, "Phông kèm theo: " + ", ".join(good) + ".", required=False)
    system = _system_fonts()
    lacking = f" ({', '.join(p.name for p in bundled)} thiếu dấu)" if bundled else ""
    if system:
        shown = ", ".join(system[:3])
        if len(system) > 3:
            shown += f" và {len(system) - 3} phông khác"
        return Check(
            name,
            True,
            f"Chưa có phông kèm theo{lacking}; dùng phông hệ thống: {shown}.",
            bundle_fix,
            False,
        )
    return Check(
        name,
        False,
        f"Không tìm thấy phông nào viết được tiếng Việt{lacking}.",
        bundle_fix + " Hoặc: apt-get install fonts-noto-core",
        False,
    )


# -- camera -----------------------------------------------------------------------------------


def _camera_source(camera: str) -> int | str:
    return int(camera) if camera.strip().isdigit() else camera.strip()


def check_camera(camera: str, *, timeout: float = CAMERA_TIMEOUT_SECONDS) -> Check:
    """Open the configured camera and read one frame, giving up after ``timeout`` seconds."""
    name = CAMERA
    source = _camera_source(camera)
    fix = (
        "Cắm camera USB rồi chạy lại, hoặc đặt camera.device (KIOSK_CAMERA) đúng thiết bị. "
        "Vẫn quét được bằng máy quét cầm tay hoặc nhập tay."
    )
    device = Path(f"/dev/video{source}") if isinstance(source, int) else Path(source)
    local = isinstance(source, int) or source.startswith("/dev/")
    if sys.platform.startswith("linux") and local and not device.exists():
        return Check(
            name, False, f"Không tìm thấy camera {camera} ({device} không có).", fix, False
        )
    outcome: dict[str, str] = {}

    def probe() -> None:
        try:
            outcome["result"] = _grab_frame(source, timeout)
        except Exception as exc:  # reported below
            outcome["error"] = f"{type(exc).__name__}: {exc}"

    # A driver can hang inside open(); a daemon thread lets the doctor give up on it.
    worker = threading.Thread(target=probe, name="doctor-camera", daemon=True)
    worker.start()
    worker.join(timeout + 1)
    if worker.is_alive():
        return Check(
            name, False, f"Camera {camera} không trả lời sau {timeout:.0f} giây.", fix, False
        )
    if outcome.get("result"):
        return Check(name, True, f"Camera {camera}: {outcome['result']}.", required=False)
    reason = outcome.get("error") or "không mở được hoặc không đọc được hình"
    return Check(name, False, f"Camera {camera}: {reason}.", fix, False)


def _grab_frame(source: int | str, timeout: float) -> str:
    import cv2

    logging_module = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging_module is not None:  # OpenCV prints its own warnings to stderr otherwise
        logging_module.setLogLevel(logging_module.LOG_LEVEL_ERROR)
    milliseconds = int(timeout * 1000)
    params = [
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
        milliseconds,
        cv2.CAP_PROP_READ_TIMEOUT_MSEC,
        milliseconds,
    ]
    capture = cv2.VideoCapture(source, cv2.CAP_ANY, params)
    try:
        if not capture.isOpened():
            return ""
        ok, frame = capture.read()
        if not ok or frame is None:
            return ""
        height, width = frame.shape[:2]
        return f"đọc được hình {width}x{height}"
    finally:
        capture.release()
