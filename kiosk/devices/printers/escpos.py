"""Raw ESC/POS for receipt printers: the receipt raster sent straight to the printer.

The system route (a vendor driver behind CUPS or the Windows spooler) is often missing,
slow or wrong on cheap 58/80 mm printers, while almost all of them speak ESC/POS. A job is
``ESC @`` (initialise), the image as ``GS v 0`` raster bands, then ``GS V 66 0`` (feed to
the cutter and cut, leaving a hinge). A band is at most 255 rows: every model takes
``yH = 0`` and the band stays well inside small receive buffers; the width is at most
128 bytes (1024 dots), the limit of the command on Epson's TM series.

Where the bytes go is a :class:`~kiosk.devices.printers.targets.DeviceTarget` parsed from
``printing.device`` (a network printer's raw TCP port, a USB device file or a serial port).

Over TCP and serial the printer is first asked for its paper sensor (``DLE EOT 4``); a
printer out of paper is reported as such and the job stays queued. A printer that does not
answer within half a second is printed to anyway. Every failure to reach the printer is a
:class:`~kiosk.devices.printers.base.PrinterUnavailableError` with one Vietnamese message.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
import select
import socket
import time
from typing import TYPE_CHECKING, Any

from kiosk.devices.printers.base import (
    DocumentFormat,
    DocumentRejectedError,
    PrintDocument,
    PrinterUnavailableError,
    check_format,
)
from kiosk.devices.printers.targets import DeviceTarget
from kiosk.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

INIT = b"\x1b@"  # ESC @
PARTIAL_CUT = b"\x1dVB\x00"  # GS V 66 0: feed to the cutting position, partial cut
PAPER_STATUS = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor status
RASTER = b"\x1dv0\x00"  # GS v 0, m = 0 (normal density)
BAND_ROWS = 255
MAX_WIDTH_BYTES = 128
CONNECT_TIMEOUT = 3.0
IO_TIMEOUT = 10.0
STATUS_TIMEOUT = 0.5
EOF_WAIT = 2.0
_INVERT = bytes(255 - value for value in range(256))

MSG_TCP_DOWN = QT_TRANSLATE_NOOP(
    "Errors",
    "Không kết nối được máy in nhiệt ở {where} (máy in tắt, tuột dây mạng hoặc sai địa chỉ). "
    "Hãy bật máy in, kiểm tra dây mạng rồi bấm In lại; biên nhận vẫn được giữ.",
)
MSG_USB_MISSING = QT_TRANSLATE_NOOP(
    "Errors",
    "Không thấy máy in nhiệt ở {where} (chưa cắm cáp USB hoặc máy in đang tắt). "
    "Hãy cắm cáp, bật máy in rồi bấm In lại; biên nhận vẫn được giữ.",
)
MSG_NO_PERMISSION = QT_TRANSLATE_NOOP(
    "Errors",
    "Kiosk không có quyền gửi lệnh in tới {where}. Báo cán bộ CNTT (thêm tài khoản chạy "
    "kiosk vào nhóm lp hoặc dialout); biên nhận vẫn được giữ.",
)
MSG_SERIAL_DOWN = QT_TRANSLATE_NOOP(
    "Errors",
    "Không mở được cổng {where} của máy in nhiệt (chưa cắm cáp hoặc cổng đang bận). "
    "Hãy kiểm tra cáp, bật máy in rồi bấm In lại; biên nhận vẫn được giữ.",
)
MSG_LOST = QT_TRANSLATE_NOOP(
    "Errors",
    "Mất kết nối với máy in nhiệt ở {where} khi đang in; biên nhận có thể chưa in hết. "
    "Hãy kiểm tra máy in và giấy rồi bấm In lại; biên nhận vẫn được giữ.",
)
MSG_PAPER_OUT = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy in nhiệt ở {where} hết giấy. Hãy thay cuộn giấy mới rồi bấm In lại; "
    "biên nhận vẫn được giữ.",
)
MSG_BAD_IMAGE = QT_TRANSLATE_NOOP(
    "Errors", "Ảnh biên nhận trong hàng in bị hỏng nên không in được. Báo cán bộ CNTT."
)


# -- encoding ---------------------------------------------------------------------------------


def raster_commands(image: Image.Image, *, band_rows: int = BAND_ROWS, cut: bool = True) -> bytes:
    """A complete ESC/POS job printing ``image`` (any mode; black where it is dark).

    The width is padded with white to whole bytes; each ``GS v 0`` band carries at most
    ``band_rows`` rows, most significant bit = leftmost dot, 1 = burn.
    """
    from PIL import Image as PILImage

    if not 1 <= band_rows <= 2303:
        raise ValueError(f"band_rows must be 1..2303, not {band_rows}")
    mono = image if image.mode == "1" else image.convert("L").point(lambda v: 255 * (v > 127))
    mono = mono.convert("1")
    width_bytes = (mono.width + 7) // 8
    if not 1 <= width_bytes <= MAX_WIDTH_BYTES:
        raise ValueError(f"image is {mono.width} dots wide; ESC/POS raster takes 8–1024")
    if mono.width % 8:
        padded = PILImage.new("1", (width_bytes * 8, mono.height), 255)
        padded.paste(mono, (0, 0))
        mono = padded
    # Pillow packs mode "1" with 1 = white; the printer burns the 1 bits.
    data = mono.tobytes().translate(_INVERT)
    out = io.BytesIO()
    out.write(INIT)
    for first in range(0, mono.height, band_rows):
        rows = min(band_rows, mono.height - first)
        out.write(RASTER)
        out.write(bytes((width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, rows >> 8)))
        out.write(data[first * width_bytes : (first + rows) * width_bytes])
    if cut:
        out.write(PARTIAL_CUT)
    return out.getvalue()


def paper_out(status: int) -> bool | None:
    """Whether a ``DLE EOT 4`` reply says the roll is empty (``None``: not such a reply)."""
    if status & 0x93 != 0x12:  # bits 0 and 7 are 0, bits 1 and 4 are 1 in every reply
        return None
    return status & 0x60 == 0x60


# -- the printer ------------------------------------------------------------------------------


class EscPosPrinter:
    """A thermal printer driven with raw ESC/POS at ``target``; prints PNG raster jobs."""

    formats: tuple[DocumentFormat, ...] = ("png",)

    def __init__(
        self,
        target: DeviceTarget,
        *,
        timeout: float = IO_TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
        ask_status: bool = True,
    ) -> None:
        self._target = target
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._ask_status = ask_status

    @property
    def name(self) -> str:
        """The target as configured (``tcp://…``, a device path, ``serial:…``)."""
        return str(self._target)

    @property
    def target(self) -> DeviceTarget:
        """Where the bytes go."""
        return self._target

    def print_document(self, document: PrintDocument) -> None:
        """Decode the stored PNG, encode it as ESC/POS and send it."""
        from PIL import Image as PILImage

        check_format(self, document)
        try:
            with PILImage.open(io.BytesIO(document.data)) as image:
                job = raster_commands(image)
        except (OSError, ValueError) as exc:
            raise DocumentRejectedError(MSG_BAD_IMAGE, detail=f"raster job: {exc}") from exc
        self.send(job)
        log.info("printed %s on %s: %d bytes of ESC/POS", document.title, self.name, len(job))

    def send(self, job: bytes) -> None:
        """Write ``job`` to the printer, or raise :class:`PrinterUnavailableError`."""
        if self._target.kind == "tcp":
            self._send_tcp(job)
        elif self._target.kind == "serial":
            self._send_serial(job)
        else:
            self._send_file(job)

    def _error(self, message: str, exc: BaseException | str) -> PrinterUnavailableError:
        return PrinterUnavailableError(
            message.format(where=self._target.where), detail=f"{self.name}: {exc}"
        )

    def _check_paper(self, answer: bytes) -> None:
        if not answer:
            log.debug("%s did not answer DLE EOT 4; printing anyway", self.name)
            return
        if paper_out(answer[-1]):
            raise self._error(MSG_PAPER_OUT, f"paper end (status 0x{answer[-1]:02x})")

    def _send_tcp(self, job: bytes) -> None:
        target = self._target
        try:
            sock = socket.create_connection(
                (target.address, target.port), timeout=self._connect_timeout
            )
        except OSError as exc:  # refused, unreachable, timed out, unknown host
            raise self._error(MSG_TCP_DOWN, exc) from exc
        with sock:
            try:
                if self._ask_status:
                    sock.sendall(PAPER_STATUS)
                    self._check_paper(_recv_within(sock, STATUS_TIMEOUT))
                sock.settimeout(self._timeout)
                sock.sendall(job)
                sock.shutdown(socket.SHUT_WR)
                # Like CUPS' socket backend: wait for the printer to close (it has read
                # everything); closing first with unread replies could reset the connection.
                _drain_until_eof(sock, EOF_WAIT)
            except OSError as exc:
                raise self._error(MSG_LOST, exc) from exc

    def _send_file(self, job: bytes) -> None:
        path = self._target.address
        nonblocking = getattr(os, "O_NONBLOCK", 0)
        try:
            # No O_CREAT: a missing /dev/usb/lp0 must not become a regular file. O_NONBLOCK
            # so a FIFO without reader fails at once and a stalled printer cannot hang us.
            fd = os.open(path, os.O_WRONLY | nonblocking | getattr(os, "O_NOCTTY", 0))
        except PermissionError as exc:
            raise self._error(MSG_NO_PERMISSION, exc) from exc
        except OSError as exc:  # ENOENT, ENODEV, ENXIO: unplugged or off
            raise self._error(MSG_USB_MISSING, exc) from exc
        try:
            _write_all(fd, job, self._timeout, polled=bool(nonblocking))
        except TimeoutError as exc:
            raise self._error(MSG_LOST, exc) from exc
        except OSError as exc:
            message = MSG_USB_MISSING if exc.errno in (errno.ENODEV, errno.ENXIO) else MSG_LOST
            raise self._error(message, exc) from exc
        finally:
            os.close(fd)

    def _send_serial(self, job: bytes) -> None:
        import serial

        target = self._target
        # 10 bits a byte on the wire; a flow-controlled printer may pause us while it burns.
        write_timeout = self._timeout + 1.5 * len(job) * 10 / target.baudrate
        try:
            port: Any = serial.Serial(
                target.address,
                baudrate=target.baudrate,
                timeout=STATUS_TIMEOUT,
                write_timeout=write_timeout,
                rtscts=target.rtscts,
                xonxoff=target.xonxoff,
            )
        except PermissionError as exc:
            raise self._error(MSG_NO_PERMISSION, exc) from exc
        except (serial.SerialException, OSError, ValueError) as exc:
            if isinstance(exc.__context__, PermissionError) or "ermission" in str(exc):
                raise self._error(MSG_NO_PERMISSION, exc) from exc
            raise self._error(MSG_SERIAL_DOWN, exc) from exc
        try:
            if self._ask_status:
                port.reset_input_buffer()
                port.write(PAPER_STATUS)
                port.flush()
                self._check_paper(port.read(1))
            port.write(job)
            port.flush()
        except (serial.SerialException, OSError) as exc:  # SerialTimeoutException included
            raise self._error(MSG_LOST, exc) from exc
        finally:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()


def _recv_within(sock: socket.socket, seconds: float) -> bytes:
    """Whatever the printer says within ``seconds`` (b"" if nothing)."""
    sock.settimeout(seconds)
    try:
        return sock.recv(64)
    except TimeoutError:
        return b""


def _drain_until_eof(sock: socket.socket, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if not sock.recv(4096):
                return
        except TimeoutError:
            break
    log.debug("printer kept the connection open after the job; closing it")


def _write_all(fd: int, data: bytes, seconds: float, *, polled: bool) -> None:
    """Write all of ``data``; with ``polled``, give up after ``seconds`` without progress."""
    view = memoryview(data)
    while view:
        if polled:
            _, writable, _ = select.select([], [fd], [], seconds)
            if not writable:
                raise TimeoutError(f"device took no data for {seconds:.0f} s")
        try:
            written = os.write(fd, view[:65536])
        except BlockingIOError:
            continue
        view = view[written:]
