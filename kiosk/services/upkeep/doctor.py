"""``kiosk doctor``: one line per thing the kiosk depends on, and how to fix what fails.

Every check only reads: a missing SQLite file or key file is reported, never created.
Native libraries (QR decoders, OpenCV, Qt, cryptography) are imported inside their
own check, and each check runs guarded, so one broken library never hides the others.
``required`` marks what the kiosk cannot work without; the command exits 1 only
when such a check fails. A warning is a failed check that is not required.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from kiosk.domain.clock import Clock, SystemClock
from kiosk.errors import (
    DatabaseCorruptError,
    DatabaseUnavailableError,
    KioskError,
    StorageFullError,
)
from kiosk.services.upkeep.check import Check, database_place
from kiosk.services.upkeep.doctor_centre import CENTRE, check_centre
from kiosk.settings import Settings
from kiosk.storage.models import FINGERPRINT_KEY

log = logging.getLogger(__name__)

DATABASE = "Cơ sở dữ liệu"
KEY = "Khóa bảo vệ dữ liệu"
DISK = "Dung lượng đĩa"
ZXING = "Giải mã QR zxing-cpp"
ZBAR = "Giải mã QR zbar"
OPENCV = "OpenCV"
FONTS = "Phông chữ tiếng Việt"
CAMERA = "Camera"
PRINTER = "Máy in"
QT = "Thư viện Qt"
BACKUP = "Bản sao lưu"
BACKUP_DIR = "Thư mục sao lưu"
LOGS = "Tệp nhật ký"

BACKUP_WARN_HOURS = 26  # daily backups: a day and a little slack
PRINTER_CONNECT_TIMEOUT = 2.0

MB = 1024 * 1024
DISK_FAIL_BYTES = 100 * MB
DISK_WARN_BYTES = 500 * MB
CAMERA_TIMEOUT_SECONDS = 5.0
COMMAND_TIMEOUT_SECONDS = 10.0
QT_TIMEOUT_SECONDS = 30.0
# Letters a Vietnamese font must draw: every vowel with its tone marks is too many to list,
# these cover the stacked diacritics that fonts most often lack.
VIETNAMESE_SAMPLE = "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẶặỆệỮữỰựỸỹ"
FONT_FILES = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "C:/Windows/Fonts/segoeui.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
# Debian packages whose names do not follow "libfoo.so.N" → "libfooN".
_PACKAGE_OF = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


@dataclass(frozen=True)
class DatabaseFacts:
    """What the database check learnt that the key check needs."""

    check: Check
    readable: bool  # the database could be read (or does not exist yet)
    fingerprint: str | None  # the key fingerprint stored in kiosk_meta, if any


def run_checks(settings: Settings) -> list[Check]:
    """Run every check; none of them raises, each reports its own failure."""
    database = inspect_database(settings)
    checks = [database.check]
    # One line per check, in the order they are printed: (name, required, check).
    guarded: list[tuple[str, bool, Callable[[], Check]]] = [
        (KEY, True, lambda: check_key(settings, database)),
        (DISK, True, lambda: check_disk(settings)),
        (BACKUP, False, lambda: check_backup_age(settings)),
        (BACKUP_DIR, False, lambda: check_backup_dir(settings)),
        (LOGS, False, lambda: check_log_dir(settings)),
        (ZXING, False, check_zxing),
        (ZBAR, False, check_zbar),
        (OPENCV, False, check_opencv),
        (FONTS, False, check_fonts),
        (CAMERA, False, lambda: check_camera(settings.camera)),
        (PRINTER, False, lambda: check_configured_printer(settings)),
        (CENTRE, False, lambda: check_centre(settings)),
        (QT, True, check_qt),
    ]
    for name, required, run in guarded:
        checks.append(_guard(name, required, run))
    return checks


def _guard(name: str, required: bool, run: Callable[[], Check]) -> Check:
    try:
        return run()
    except Exception as exc:  # a check must never stop the others
        return _crashed(name, required, exc)


def _crashed(name: str, required: bool, exc: Exception) -> Check:
    log.exception("doctor check %s crashed", name)
    return Check(
        name,
        False,
        f"Không kiểm tra được ({type(exc).__name__}: {exc}).",
        "Xem chi tiết trong tệp nhật ký kiosk.log và báo cán bộ CNTT.",
        required,
    )


# -- database ---------------------------------------------------------------------------------


def inspect_database(settings: Settings) -> DatabaseFacts:
    """Backend, schema revision and owner of the configured database, read without writing."""
    try:
        return _read_database(settings.effective_database_url)
    except Exception as exc:  # reported like any other check that crashed
        return DatabaseFacts(_crashed(DATABASE, True, exc), False, None)


def _read_database(url: str) -> DatabaseFacts:
    from kiosk.storage.database import check_is_ours, create_kiosk_engine

    where = database_place(url)
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.exists():
            message = f"{where}: chưa có tệp; sẽ được tạo khi khởi động lần đầu."
            return DatabaseFacts(Check(DATABASE, True, message), True, None)
        if not path.is_file():
            return DatabaseFacts(
                Check(
                    DATABASE,
                    False,
                    f"{where} không phải là một tệp.",
                    "Sửa database.url (hoặc KIOSK_DATABASE_URL) cho trỏ tới một tệp.",
                ),
                False,
                None,
            )
    # Reads take no write lock, so a running kiosk is never held up by the doctor.
    options = {"execution_options": {"sqlite_begin": "DEFERRED"}} if sqlite else {}
    engine = create_kiosk_engine(url, **options)
    try:
        check_is_ours(engine)
        revision, fingerprint = _revision_and_fingerprint(engine)
    except KioskError as exc:
        return DatabaseFacts(
            Check(DATABASE, False, exc.message, _database_fix(exc, sqlite)),
            False,
            None,
        )
    finally:
        engine.dispose()
    return DatabaseFacts(_judge_revision(where, revision), True, fingerprint)


def _revision_and_fingerprint(engine: Engine) -> tuple[str | None, str | None]:
    from kiosk.storage.database import database_errors

    with database_errors(engine), engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        fingerprint = None
        if "kiosk_meta" in tables:
            fingerprint = connection.execute(
                text("SELECT value FROM kiosk_meta WHERE key = :key"), {"key": FINGERPRINT_KEY}
            ).scalar()
    return revision, fingerprint


def _judge_revision(where: str, revision: str | None) -> Check:
    from alembic.script import ScriptDirectory

    from kiosk.storage.database import MIGRATIONS_DIR, head_revision

    head = head_revision()
    if revision is None:
        return Check(DATABASE, True, f"{where}: trống; lược đồ sẽ được tạo khi khởi động.")
    if revision == head:
        return Check(DATABASE, True, f"{where}: của Quầy Số, lược đồ {revision} (mới nhất).")
    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if revision in known:
        return Check(
            DATABASE,
            True,
            f"{where}: của Quầy Số, lược đồ {revision}; sẽ tự nâng cấp lên {head} khi khởi động.",
        )
    return Check(
        DATABASE,
        False,
        f"{where}: lược đồ {revision} không có trong phiên bản Quầy Số này (mới nhất: {head}); "
        "có lẽ nó do một phiên bản mới hơn tạo ra.",
        "Cập nhật Quầy Số lên phiên bản mà các quầy khác đang dùng.",
    )


def _database_fix(error: KioskError, sqlite: bool) -> str:
    if isinstance(error, StorageFullError):
        return "Giải phóng dung lượng ổ đĩa chứa cơ sở dữ liệu."
    if isinstance(error, DatabaseCorruptError):
        return (
            "Khôi phục tệp từ bản sao lưu, hoặc đặt database.url (KIOSK_DATABASE_URL) "
            "sang một tệp hay cơ sở dữ liệu trống."
        )
    if isinstance(error, DatabaseUnavailableError) and not sqlite:
        return (
            "Kiểm tra máy chủ PostgreSQL đang chạy, mạng tới máy chủ, và địa chỉ, tên người "
            "dùng trong database.url (KIOSK_DATABASE_URL)."
        )
    return "Kiểm tra quyền đọc ghi tệp cơ sở dữ liệu và thư mục chứa nó."


# -- privacy key ------------------------------------------------------------------------------


def check_key(settings: Settings, database: DatabaseFacts) -> Check:
    """The key file: present, readable, private (0600) and the one the database was bound to."""
    from kiosk.services.people.privacy import PrivacyVault

    path = settings.key_file
    stored = database.fingerprint
    restore = f"Chép đúng tệp khóa của trung tâm (mã {stored}) vào {path}; đừng tạo khóa mới."
    if not path.exists():
        if stored:
            return Check(
                KEY,
                False,
                f"Không có tệp khóa {path}, mà cơ sở dữ liệu đã gắn với khóa mã {stored}: "
                "họ tên và ghi chú đã mã hóa sẽ không đọc được.",
                restore,
            )
        return Check(KEY, True, f"Chưa có tệp {path}; sẽ được tạo (quyền 600) khi khởi động.")
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        fix = (
            restore
            if stored
            else f"Chép lại tệp khóa từ bản sao lưu, hoặc xóa {path} nếu máy chưa có dữ liệu."
        )
        return Check(KEY, False, f"Tệp khóa {path} bị hỏng hoặc không đọc được.", fix)
    fingerprint = PrivacyVault(raw).fingerprint
    if stored and stored != fingerprint:
        return Check(
            KEY,
            False,
            f"Tệp khóa {path} (mã {fingerprint}) không khớp với cơ sở dữ liệu (mã {stored}).",
            restore,
        )
    mode = path.stat().st_mode & 0o777
    if os.name == "posix" and mode & 0o077:
        return Check(
            KEY,
            False,
            f"Tệp khóa {path} có quyền {mode:o}: người dùng khác trên máy đọc được.",
            f"chmod 600 {path}",
        )
    if stored:
        return Check(KEY, True, f"{path} hợp lệ, quyền 600, khớp với cơ sở dữ liệu (mã {stored}).")
    if database.readable:
        return Check(KEY, True, f"{path} hợp lệ (mã {fingerprint}); cơ sở dữ liệu chưa gắn khóa.")
    return Check(
        KEY,
        True,
        f"{path} hợp lệ (mã {fingerprint}); chưa so được với cơ sở dữ liệu (xem dòng trên).",
    )


# -- disk -------------------------------------------------------------------------------------


def _size(free: int) -> str:
    if free >= 1024 * MB:
        return f"{free / (1024 * MB):.1f} GB".replace(".", ",")
    return f"{free // MB} MB"


def _existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists (the data dir may not be made yet)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(settings: Settings) -> Check:
    """Free space where the kiosk writes: the data dir and a SQLite file kept elsewhere."""
    places = [settings.data_dir]
    parsed = make_url(settings.effective_database_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        places.append(Path(str(parsed.database)).parent)
    free, where = min((shutil.disk_usage(_existing(p)).free, p) for p in places)
    return disk_verdict(free, where)


def disk_verdict(free: int, where: Path) -> Check:
    """Fail under 100 MB free, warn (a failure that is not required) under 500 MB."""
    left = f"Còn trống {_size(free)} tại {where}"
    fix = "Xóa tệp không cần thiết hoặc chuyển thư mục dữ liệu (KIOSK_DATA_DIR) sang ổ khác."
    if free < DISK_FAIL_BYTES:
        return Check(DISK, False, f"{left}: quá ít, sẽ không ghi được giao dịch.", fix)
    if free < DISK_WARN_BYTES:
        return Check(DISK, False, f"{left}: sắp đầy.", fix, required=False)
    return Check(DISK, True, f"{left}.")


# -- backups and logs -------------------------------------------------------------------------


def _age(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return "chưa tới 1 giờ"
    if hours < 48:
        return f"{hours} giờ"
    return f"{hours // 24} ngày"


def check_backup_age(settings: Settings, clock: Clock | None = None) -> Check:
    """The newest backup of the embedded database: a warning when none or over 26 hours old."""
    from kiosk.services.upkeep.backup import embedded_database, newest_backup

    clock = clock or SystemClock()
    database = embedded_database(settings)
    if database is None:
        return Check(
            BACKUP,
            True,
            "Cơ sở dữ liệu trên máy chủ PostgreSQL: quản trị viên máy chủ sao lưu bằng pg_dump.",
            required=False,
        )
    newest = newest_backup(settings, clock)
    run = "Chạy: kiosk backup (kiosk đang mở tự sao lưu mỗi ngày); lỗi thì xem kiosk.log."
    if newest is None:
        if not database.exists():
            return Check(BACKUP, True, "Chưa có dữ liệu để sao lưu.", required=False)
        return Check(
            BACKUP, False, f"Chưa có bản sao lưu nào trong {settings.backup_dir}.", run, False
        )
    age = clock.now() - newest.created_at
    text = f"Bản mới nhất {newest.path.name}, cách đây {_age(age)}"
    if age > timedelta(hours=BACKUP_WARN_HOURS):
        return Check(BACKUP, False, f"{text}: đã quá {BACKUP_WARN_HOURS} giờ.", run, False)
    return Check(BACKUP, True, f"{text}.", required=False)


def _write_problem(folder: Path) -> str:
    """Why a file cannot be made in ``folder`` ("" when it can); leaves nothing behind."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0")
            probe.flush()
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""


def check_backup_dir(settings: Settings) -> Check:
    """The backup folder: there (a configured one is never created), writable, room for one
    more backup (and 100 MB left for the counter when it is on the database's disk)."""
    from kiosk.services.upkeep.backup import embedded_database, format_size, space_needed

    database = embedded_database(settings)
    if database is None:
        return Check(BACKUP_DIR, True, "Không dùng (cơ sở dữ liệu PostgreSQL).", required=False)
    folder = settings.backup_dir
    move = "Đặt backup.dir (KIOSK_BACKUP_DIR) sang một thư mục ghi được, tốt nhất ở ổ khác."
    if settings.backup_location and not folder.is_dir():
        return Check(
            BACKUP_DIR,
            False,
            f"Không thấy thư mục sao lưu {folder} (ổ USB hoặc ổ sao lưu chưa cắm?).",
            "Cắm ổ sao lưu hoặc tạo thư mục đó; hoặc sửa backup.dir (KIOSK_BACKUP_DIR).",
            False,
        )
    place = _existing(folder)
    problem = _write_problem(place)
    if problem:
        return Check(BACKUP_DIR, False, f"Không ghi được vào {place}: {problem}.", move, False)
    free = shutil.disk_usage(place).free
    size = sum(p.stat().st_size for p in (database, Path(f"{database}-wal")) if p.exists())
    left = f"{folder}: ghi được, còn trống {_size(free)}"
    if size and free < space_needed(place, database, size):
        return Check(
            BACKUP_DIR,
            False,
            f"{left}: không đủ cho bản sao lưu tiếp theo (khoảng {format_size(size)}).",
            "Xóa bớt tệp, giảm backup.keep_days, hoặc " + move[0].lower() + move[1:],
            False,
        )
    return Check(BACKUP_DIR, True, f"{left}.", required=False)


def check_log_dir(settings: Settings) -> Check:
    """The log folder and kiosk.log are writable (the kiosk runs without them, blind)."""
    from kiosk.logging_setup import LOG_FILE

    folder = settings.log_dir
    log_file = folder / LOG_FILE
    fix = (
        "Cấp quyền ghi thư mục nhật ký cho tài khoản chạy kiosk (đừng chạy kiosk bằng sudo), "
        "hoặc chuyển thư mục dữ liệu (KIOSK_DATA_DIR)."
    )
    place = _existing(folder)
    problem = _write_problem(place)
    if not problem and log_file.exists() and not os.access(log_file, os.W_OK):
        problem = f"không có quyền ghi {log_file}"
    if problem:
        return Check(
            LOGS,
            False,
            f"Không ghi được nhật ký vào {place} ({problem}): kiosk vẫn chạy nhưng không ghi "
            "lại lỗi.",
            fix,
            False,
        )
    return Check(LOGS, True, f"{log_file}: ghi được (xoay vòng 5 tệp × 2 MB).", required=False)


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


# -- printer ----------------------------------------------------------------------------------

_PRINTER_LINE = re.compile(r"^printer (\S+) (?:is idle|now printing|is printing|disabled)")


def check_printer(printer_name: str) -> Check:
    """The configured (or default) CUPS queue exists and is enabled, asked through ``lpstat``."""
    name = PRINTER
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return Check(
            name,
            False,
            "Chưa cài dịch vụ in CUPS (không có lệnh lpstat).",
            "apt-get install cups, rồi thêm máy in bằng lpadmin.",
            False,
        )
    result = subprocess.run(
        [lpstat, "-p", "-d"],
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        check=False,
    )
    printers: dict[str, bool] = {}
    default = ""
    for line in result.stdout.splitlines():
        match = _PRINTER_LINE.match(line)
        if match:
            printers[match.group(1)] = " disabled" not in line
        elif line.startswith("system default destination:"):
            default = line.split(":", 1)[1].strip()
    if not printers:
        problem = (result.stderr or result.stdout).strip().splitlines()
        detail = problem[0] if problem else "không có máy in nào"
        if "no destinations" in detail.lower():
            return Check(
                name,
                False,
                "CUPS chưa có máy in nào.",
                "Thêm máy in: lpadmin -p <tên> -E -v <thiết bị> -m everywhere",
                False,
            )
        return Check(
            name,
            False,
            f"Không hỏi được dịch vụ in CUPS ({detail}).",
            "Khởi động CUPS: systemctl start cups (hoặc /usr/sbin/cupsd).",
            False,
        )
    wanted = printer_name or default
    listed = ", ".join(sorted(printers))
    if not wanted:
        return Check(
            name,
            False,
            f"Chưa chọn máy in và CUPS không có máy in mặc định (có: {listed}).",
            "Đặt printing.printer (KIOSK_PRINTER), hoặc: lpoptions -d <tên>",
            False,
        )
    if wanted not in printers:
        return Check(
            name,
            False,
            f"Không có máy in '{wanted}' (có: {listed}).",
            "Sửa printing.printer (KIOSK_PRINTER) cho đúng tên trong lpstat -p.",
            False,
        )
    label = f"'{wanted}'" + ("" if printer_name else " (mặc định)")
    if not printers[wanted]:
        return Check(
            name, False, f"Máy in {label} đang bị tắt trong CUPS.", f"cupsenable {wanted}", False
        )
    return Check(name, True, f"Máy in {label} sẵn sàng.", required=False)


def check_configured_printer(settings: Settings) -> Check:
    """The printer of ``printing.backend``: a CUPS queue, a Qt (system) printer or an
    ESC/POS device."""
    if settings.print_backend == "qt":
        return check_qt_printer(settings.printer_name)
    if settings.print_backend == "escpos":
        return check_escpos_printer(settings.print_device)
    return check_printer(settings.printer_name)


_QT_PRINTERS_PROBE = (
    "from PySide6.QtCore import QCoreApplication\n"
    "from PySide6.QtPrintSupport import QPrinterInfo\n"
    "app = QCoreApplication(['kiosk-doctor'])\n"
    "print(QPrinterInfo.defaultPrinterName())\n"
    "for name in QPrinterInfo.availablePrinterNames():\n"
    "    print(name)\n"
)


def _qt_probe(code: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run ``code`` in a child Python so the doctor stays Qt-free; on failure, the last line
    of its error output (or its exit code) as the reason, else ``""``."""
    probe = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=QT_TIMEOUT_SECONDS,
        check=False,
    )
    if probe.returncode == 0:
        return probe, ""
    lines = probe.stderr.strip().splitlines()
    return probe, lines[-1] if lines else f"mã thoát {probe.returncode}"


def check_qt_printer(printer_name: str) -> Check:
    """The printers Qt's print support sees (the Windows spooler, or CUPS), asked in a child
    process so that the doctor stays Qt-free."""
    name = PRINTER
    if importlib.util.find_spec("PySide6") is None:
        return Check(name, False, "Chưa cài PySide6.", "pip install PySide6-Essentials", False)
    probe, reason = _qt_probe(_QT_PRINTERS_PROBE)
    if reason:
        return Check(
            name,
            False,
            f"Không hỏi được danh sách máy in qua Qt ({reason}).",
            "Xem dòng Thư viện Qt bên dưới.",
            False,
        )
    default, *printers = [*probe.stdout.splitlines(), ""]
    printers = [p for p in printers if p]
    fix = "Thêm máy in trong hệ điều hành, rồi đặt printing.printer (KIOSK_PRINTER) đúng tên."
    if not printers:
        return Check(name, False, "Qt không thấy máy in nào trong hệ điều hành.", fix, False)
    wanted = printer_name or default
    listed = ", ".join(sorted(printers))
    if not wanted:
        return Check(
            name,
            False,
            f"Chưa chọn máy in và hệ điều hành không có máy in mặc định (có: {listed}).",
            "Đặt printing.printer (KIOSK_PRINTER) là một trong các tên trên.",
            False,
        )
    if wanted not in printers:
        return Check(name, False, f"Không có máy in '{wanted}' (có: {listed}).", fix, False)
    label = f"'{wanted}'" + ("" if printer_name else " (mặc định)")
    return Check(name, True, f"Máy in {label} có trong hệ điều hành (qua Qt).", required=False)


def check_escpos_printer(device: str, *, timeout: float = PRINTER_CONNECT_TIMEOUT) -> Check:
    """An ESC/POS target answers: a TCP connect, or a device file or serial port present and
    writable. Nothing is sent to the printer."""
    from kiosk.devices.printers.targets import parse_target

    name = PRINTER
    example = "ví dụ tcp://192.168.1.50:9100, /dev/usb/lp0 hoặc serial:/dev/ttyUSB0?baud=19200"
    if not device:
        return Check(
            name,
            False,
            "Chưa đặt thiết bị cho máy in ESC/POS.",
            f"Đặt printing.device (KIOSK_PRINT_DEVICE), {example}.",
            False,
        )
    try:
        target = parse_target(device)
    except ValueError as exc:
        return Check(name, False, f"printing.device {exc}.", example, False)
    if target.kind == "tcp":
        try:
            socket.create_connection((target.address, target.port), timeout=timeout).close()
        except OSError as exc:
            return Check(
                name,
                False,
                f"Không kết nối được máy in nhiệt ở {target.where} ({exc.strerror or exc}).",
                "Bật máy in, kiểm tra dây mạng và địa chỉ IP trong printing.device.",
                False,
            )
        return Check(name, True, f"Máy in nhiệt ở {target.where} trả lời.", required=False)
    present = Path(target.address).exists()
    if not present and target.kind == "serial":
        from serial.tools import list_ports  # COM3 on Windows is no file

        present = target.address in {port.device for port in list_ports.comports()}
    if not present:
        return Check(
            name,
            False,
            f"Không thấy máy in nhiệt ở {target.address} (chưa cắm cáp hoặc máy in đang tắt).",
            "Cắm cáp, bật máy in; kiểm tra printing.device.",
            False,
        )
    if (
        os.name == "posix"
        and Path(target.address).exists()
        and not os.access(target.address, os.W_OK)
    ):
        return Check(
            name,
            False,
            f"Kiosk không có quyền ghi vào {target.address}.",
            "Thêm tài khoản chạy kiosk vào nhóm lp (USB) hoặc dialout (cổng nối tiếp).",
            False,
        )
    return Check(name, True, f"Máy in nhiệt ở {target.address} sẵn sàng.", required=False)


# -- Qt ---------------------------------------------------------------------------------------

_QT_PROBE = (
    "import PySide6, PySide6.QtWidgets, PySide6.QtPrintSupport\n"
    "from PySide6.QtCore import QLibraryInfo\n"
    "print(PySide6.__version__)\n"
    "print(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))\n"
)


def debian_package(soname: str) -> str:
    """The Debian package that usually ships ``soname`` (``libxcb-cursor.so.0`` → ``…0``)."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    match = re.match(r"^(lib[\w.+-]+?)\.so\.(\d+)", soname)
    if not match:
        return soname
    stem, version = match.group(1).lower(), match.group(2)
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def missing_libraries(ldd_output: str) -> list[str]:
    """Shared libraries ``ldd`` reports as ``not found``."""
    return sorted(
        {
            line.split()[0]
            for line in ldd_output.splitlines()
            if "not found" in line and line.split()
        }
    )


def _bundle_library_env() -> dict[str, str] | None:
    """In the packaged app, let ``ldd`` find the libraries the bundle carries (xcb-cursor…)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return None
    paths = [bundle, os.environ.get("LD_LIBRARY_PATH", "")]
    return {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(p for p in paths if p)}


def check_qt() -> Check:
    """PySide6 imports in a child process (the doctor stays Qt-free) and its xcb plugin links."""
    name = QT
    if importlib.util.find_spec("PySide6") is None:
        return Check(name, False, "Chưa cài PySide6.", "pip install PySide6-Essentials")
    probe, reason = _qt_probe(_QT_PROBE)
    if reason:
        libraries = re.findall(r"(lib[\w.+-]+\.so[\d.]*)", reason)
        fix = "apt-get install " + " ".join(debian_package(lib) for lib in libraries)
        if not libraries:
            fix = "Cài lại: pip install --force-reinstall PySide6-Essentials"
        return Check(name, False, f"Không nạp được PySide6 ({reason}).", fix)
    version, plugins = [*probe.stdout.splitlines(), "", ""][:2]
    xcb = Path(plugins) / "platforms" / "libqxcb.so"
    if sys.platform.startswith("linux") and xcb.is_file() and shutil.which("ldd"):
        linked = subprocess.run(
            ["ldd", str(xcb)],
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
            env=_bundle_library_env(),
        )
        missing = missing_libraries(linked.stdout)
        if missing:
            packages = sorted({debian_package(lib) for lib in missing})
            return Check(
                name,
                False,
                f"PySide6 {version} thiếu thư viện để mở cửa sổ (xcb): {', '.join(missing)}.",
                "apt-get install " + " ".join(packages),
            )
    return Check(name, True, f"PySide6 {version}: nạp được, đủ thư viện hiển thị.")
