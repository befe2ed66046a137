"""Handheld 2D scanners in serial (USB CDC / COM port) mode, read through pyserial.

In this mode the scanner sends the QR code's bytes untouched, so Vietnamese arrives intact
(keyboard-emulation mode mangles it, see :mod:`kiosk.services.identity.wedge`). A payload
ends with a suffix the scanner is set to send (CR, LF or CRLF by default) or, for scanners
set to send none, with an idle gap. Payloads are returned as raw bytes: decoding is the identity
layer's job (:func:`kiosk.services.identity.parse_id_payload`).

No Qt here; pyserial is imported only when a port is opened.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

# An ID card's QR code holds far less; a frame this long without a suffix is line noise.
MAX_FRAME_BYTES = 8192
DEFAULT_IDLE_GAP_S = 0.15

SCANNER_NOT_FOUND = QT_TRANSLATE_NOOP(
    "scanner",
    "Không mở được máy quét cầm tay ở cổng COM. Kiểm tra dây cắm USB, cổng đã chọn trong "
    "cài đặt, hoặc ứng dụng khác đang dùng cổng này; vẫn có thể quét bằng camera hoặc "
    "nhập tay.",
)
SCANNER_LOST = QT_TRANSLATE_NOOP(
    "scanner", "Mất kết nối với máy quét cầm tay. Kiểm tra dây cắm USB rồi quét lại."
)


class ScannerUnavailableError(KioskError):
    """The scanner's port cannot be opened or stopped answering (unplugged, busy)."""


class SerialPort(Protocol):
    """The part of ``serial.Serial`` the scanner uses; pyserial's ``loop://`` in tests."""

    timeout: float | None

    @property
    def in_waiting(self) -> int:
        """Bytes received and not read yet."""
        ...

    def read(self, size: int = 1) -> bytes:
        """Up to ``size`` bytes, waiting at most ``timeout`` for the first; ``b""`` if none."""
        ...

    def close(self) -> None:
        """Release the port."""
        ...


PortOpener = Callable[[str, int], SerialPort]


def open_pyserial(url: str, baudrate: int) -> SerialPort:
    """Open ``url`` (``COM3``, ``/dev/ttyACM0``, any pyserial URL) with pyserial."""
    try:
        import serial
    except ImportError as exc:
        raise ScannerUnavailableError(SCANNER_NOT_FOUND, detail=f"pyserial: {exc}") from exc
    try:
        port: SerialPort = serial.serial_for_url(url, baudrate=baudrate, timeout=0)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise ScannerUnavailableError(
            SCANNER_NOT_FOUND, detail=f"cannot open serial port {url}: {exc}"
        ) from exc
    return port


class Framer:
    """Cuts a byte stream into payloads at a suffix; no I/O, so it is easy to test.

    ``suffix=None`` ends a frame at CR, LF or CRLF (whichever the scanner sends); explicit
    bytes (``b"\\x03"``, ``b"\\r\\n"``) end it at exactly that sequence; ``b""`` leaves the
    framing to idle gaps (:meth:`flush`). Empty frames are dropped.
    """

    def __init__(self, suffix: bytes | None = None, *, max_bytes: int = MAX_FRAME_BYTES) -> None:
        self._suffix = suffix
        self._max_bytes = max_bytes
        self._buffer = bytearray()

    @property
    def pending(self) -> bool:
        """Whether bytes of an unfinished frame are waiting."""
        return bool(self._buffer)

    def feed(self, data: bytes) -> list[bytes]:
        """Add received bytes; return the frames they complete, suffix removed."""
        self._buffer += data
        frames: list[bytes] = []
        while True:
            end, skip = self._find_end()
            if end < 0:
                break
            frames.append(bytes(self._buffer[:end]))
            del self._buffer[: end + skip]
        if len(self._buffer) > self._max_bytes:
            log.warning("serial scanner: %d bytes without a suffix dropped", len(self._buffer))
            self._buffer.clear()
        return [frame for frame in frames if frame]

    def flush(self) -> bytes | None:
        """The unfinished frame, after an idle gap; ``None`` when there is none."""
        frame, self._buffer = bytes(self._buffer), bytearray()
        return frame or None

    def _find_end(self) -> tuple[int, int]:
        """Where the first complete frame ends and how long its suffix is; ``(-1, 0)``."""
        if self._suffix is not None:
            if not self._suffix:
                return -1, 0
            return self._buffer.find(self._suffix), len(self._suffix)
        ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
        if not ends:
            return -1, 0
        end = min(ends)
        return end, 1  # a CRLF's LF then ends an empty frame, which is dropped


class SerialScanner:
    """A handheld scanner on a serial port, read one payload at a time (blocking).

    Meant to run on a worker thread. ``opener`` defaults to pyserial; tests pass one that
    returns pyserial's ``loop://`` port.
    """

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        suffix: bytes | None = None,
        idle_gap_s: float = DEFAULT_IDLE_GAP_S,
        opener: PortOpener = open_pyserial,
    ) -> None:
        self.name = url
        self._baudrate = baudrate
        self._idle_gap_s = idle_gap_s
        self._opener = opener
        self._framer = Framer(suffix)
        self._ready: deque[bytes] = deque()
        self._port: SerialPort | None = None

    @property
    def is_open(self) -> bool:
        """Whether the port is open."""
        return self._port is not None

    def open(self) -> None:
        """Open the port; raise :class:`ScannerUnavailableError` with a Vietnamese message."""
        if self._port is not None:
            return
        port = self._opener(self.name, self._baudrate)
        port.timeout = self._idle_gap_s  # a read that times out is an idle gap
        self._port = port
        log.info("serial scanner %s opened", self.name)

    def read_payload(self, timeout_s: float | None = None) -> bytes | None:
        """The next payload's raw bytes, or ``None`` if none came within ``timeout_s``.

        ``None`` as ``timeout_s`` waits until a payload arrives. Raises
        :class:`ScannerUnavailableError` when the port goes away.
        """
        if self._ready:
            return self._ready.popleft()
        port = self._port
        if port is None:
            raise ScannerUnavailableError(SCANNER_NOT_FOUND, detail="serial scanner not open")
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            chunk = self._read_chunk(port)
            if chunk:
                self._ready.extend(self._framer.feed(chunk))
            elif self._framer.pending:  # an idle gap ends a frame with no suffix
                frame = self._framer.flush()
                if frame:
                    self._ready.append(frame)
            if self._ready:
                return self._ready.popleft()
            if deadline is not None and time.monotonic() >= deadline:
                return None

    def close(self) -> None:
        """Release the port (safe to call twice)."""
        if self._port is not None:
            port, self._port = self._port, None
            self._framer.flush()
            try:
                port.close()
            except OSError as exc:  # already gone: nothing left to release
                log.debug("serial scanner %s close: %s", self.name, exc)

    def _read_chunk(self, port: SerialPort) -> bytes:
        try:
            return port.read(max(1, port.in_waiting))
        except (OSError, ValueError) as exc:  # serial.SerialException is an OSError
            self.close()
            raise ScannerUnavailableError(
                SCANNER_LOST, detail=f"serial port {self.name} lost: {exc}"
            ) from exc
