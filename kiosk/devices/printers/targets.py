"""Where an ESC/POS printer's bytes go: ``printing.device`` parsed into a :class:`DeviceTarget`.

* ``tcp://192.168.1.50:9100`` — a network printer's raw port (9100 if omitted);
* ``/dev/usb/lp0`` (or ``file:/dev/usb/lp0``) — a USB printer through the kernel's usblp;
* ``serial:/dev/ttyUSB0?baud=19200`` (``COM3`` on Windows; ``&rtscts=1`` or ``&xonxoff=1``
  for flow control).

:mod:`kiosk.settings` checks ``printing.device`` with :func:`parse_target`, so this module
stays below the settings: it imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs

from kiosk.errors import QT_TRANSLATE_NOOP

# The reasons a printer address is refused (the settings loader puts the key before them).
BAD_FLAG = QT_TRANSLATE_NOOP("printers", "tùy chọn {name} phải là 0 hoặc 1")
NO_HOST = QT_TRANSLATE_NOOP(
    "printers", "phải có tên hoặc địa chỉ IP máy in, ví dụ tcp://192.168.1.50:9100"
)
BAD_TCP_PORT = QT_TRANSLATE_NOOP("printers", "có cổng TCP không hợp lệ: {port} (1–65535)")
NO_SERIAL_PORT = QT_TRANSLATE_NOOP(
    "printers", "phải có tên cổng, ví dụ serial:/dev/ttyUSB0?baud=19200, serial:COM3"
)
BAD_BAUD = QT_TRANSLATE_NOOP("printers", "có tốc độ baud không hợp lệ: {baud} (1200–921600)")
UNKNOWN_OPTIONS = QT_TRANSLATE_NOOP("printers", "có tùy chọn không hỗ trợ: {options}")
BAD_ADDRESS = QT_TRANSLATE_NOOP(
    "printers",
    "phải là tcp://máy:9100, đường dẫn thiết bị như /dev/usb/lp0, "
    "hoặc serial:/dev/ttyUSB0?baud=19200",
)

DEFAULT_PORT = 9100
DEFAULT_BAUD = 19200

TargetKind = Literal["tcp", "file", "serial"]


@dataclass(frozen=True)
class DeviceTarget:
    """A parsed ``printing.device``."""

    kind: TargetKind
    address: str  # host name, device file path or serial port
    port: int = DEFAULT_PORT
    baudrate: int = DEFAULT_BAUD
    rtscts: bool = False
    xonxoff: bool = False

    def __str__(self) -> str:
        if self.kind == "tcp":
            host = f"[{self.address}]" if ":" in self.address else self.address
            return f"tcp://{host}:{self.port}"
        if self.kind == "serial":
            return f"serial:{self.address}?baud={self.baudrate}"
        return self.address

    @property
    def where(self) -> str:
        """How a message names the printer's place: ``192.168.1.50:9100``, ``COM3``."""
        if self.kind == "tcp":
            host = f"[{self.address}]" if ":" in self.address else self.address
            return f"{host}:{self.port}"
        return self.address


def _number(text: str) -> int | None:
    """``text`` as a number when it is plain ASCII digits (``str.isdigit`` also takes "²",
    which ``int`` refuses), else ``None``."""
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _flag(options: dict[str, list[str]], name: str) -> bool:
    value = options.pop(name, ["0"])[-1].lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise ValueError(BAD_FLAG.format(name=name))
    return value in ("1", "true", "yes")


def parse_target(text: str) -> DeviceTarget:
    """Parse ``tcp://host[:port]``, ``serial:PORT[?baud=N&rtscts=1]``, or a device file path.

    Raises ``ValueError`` with a Vietnamese explanation (the settings loader adds the key).
    """
    text = text.strip()
    if text.startswith("tcp://"):
        rest = text.removeprefix("tcp://").rstrip("/")
        host, port_text = rest, ""
        if rest.startswith("["):  # [IPv6]:port
            host, _, tail = rest[1:].partition("]")
            port_text = tail.removeprefix(":")
        elif rest.count(":") == 1:
            host, port_text = rest.split(":")
        if not host:
            raise ValueError(NO_HOST)
        port = DEFAULT_PORT
        if port_text:
            number = _number(port_text)
            if number is None or not 1 <= number <= 65535:
                raise ValueError(BAD_TCP_PORT.format(port=repr(port_text)))
            port = number
        return DeviceTarget("tcp", host, port=port)
    if text.startswith("serial:"):
        port_name, _, query = text.removeprefix("serial:").partition("?")
        if not port_name:
            raise ValueError(NO_SERIAL_PORT)
        options = parse_qs(query, keep_blank_values=True)
        baud_text = options.pop("baud", [str(DEFAULT_BAUD)])[-1]
        baud = _number(baud_text)
        if baud is None or not 1200 <= baud <= 921_600:
            raise ValueError(BAD_BAUD.format(baud=repr(baud_text)))
        rtscts, xonxoff = _flag(options, "rtscts"), _flag(options, "xonxoff")
        if options:
            raise ValueError(UNKNOWN_OPTIONS.format(options=", ".join(sorted(options))))
        return DeviceTarget("serial", port_name, baudrate=baud, rtscts=rtscts, xonxoff=xonxoff)
    path = text.removeprefix("file:")
    if "://" in path or not path:
        raise ValueError(BAD_ADDRESS)
    return DeviceTarget("file", path)
