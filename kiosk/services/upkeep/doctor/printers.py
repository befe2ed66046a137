"""Doctor check of the printer of ``printing.backend``: a CUPS queue, a printer Qt sees, or
an ESC/POS device. Nothing is printed."""

from __future__ import annotations

import errno
import importlib.util
import logging
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

from kiosk.services.upkeep.doctor.qt import qt_probe
from kiosk.services.upkeep.doctor.report import COMMAND_TIMEOUT_SECONDS, Check
from kiosk.settings import Settings

log = logging.getLogger(__name__)

PRINTER = "Máy in"

PRINTER_CONNECT_TIMEOUT = 2.0


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


def check_qt_printer(printer_name: str) -> Check:
    """The printers Qt's print support sees (the Windows spooler, or CUPS), asked in a child
    process so that the doctor stays Qt-free."""
    name = PRINTER
    if importlib.util.find_spec("PySide6") is None:
        return Check(name, False, "Chưa cài PySide6.", "pip install PySide6-Essentials", False)
    probe, reason = qt_probe(_QT_PRINTERS_PROBE)
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


def connection_failure(exc: OSError, timeout: float) -> str:
    """Why a TCP connection failed, in Vietnamese (the OS's own text is English)."""
    if isinstance(exc, socket.gaierror):
        return "không tìm thấy máy có tên này trên mạng"
    if isinstance(exc, TimeoutError):
        return f"không trả lời trong {timeout:g} giây"
    if isinstance(exc, ConnectionRefusedError):
        return "máy trả lời nhưng không nhận kết nối ở cổng này"
    if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN):
        return "không tới được máy qua mạng"
    code = errno.errorcode.get(exc.errno or 0)
    return f"lỗi mạng {code}" if code else "lỗi mạng"


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
                f"Không kết nối được máy in nhiệt ở {target.where} "
                f"({connection_failure(exc, timeout)}).",
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
