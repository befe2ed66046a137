"""Reading an ICAO 9303 chip (eMRTD application): select, BAC, then the files under secure
messaging (ICAO Doc 9303 parts 10 and 11), over any transport that sends APDUs.

The transport is :class:`kiosk.devices.chip_reader.PcscCard` at a counter, or anything
with the same ``transmit``; a card that leaves mid-read raises the transport's own error.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.services.chip import bac
from kiosk.services.chip.messaging import Command, SecureChannel, SecureMessagingError
from kiosk.services.chip.tlv import TlvError, parse, read_header

log = logging.getLogger(__name__)

MRTD_AID = bytes.fromhex("A0000002471001")
EF_COM, EF_SOD = 0x011E, 0x011D
# EF.COM's tag list (9303-10 4.6.1) → data group number.
GROUP_OF_TAG = {0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
                0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15,
                0x70: 16}  # fmt: skip
WANTED_GROUPS = (1, 2, 13, 14, 15)
SHORT_CHUNK = 0xDF  # 223 plain bytes: the protected answer still fits a short APDU (256)
MAX_OFFSET = 0x7FFF  # READ BINARY with an offset in P1-P2 (B0); larger files need B1

ACCESS_DENIED = QT_TRANSLATE_NOOP(
    "chip",
    "Chip từ chối mở: số giấy tờ, ngày sinh hoặc ngày hết hạn chưa đúng với thẻ. "
    "Kiểm tra lại ba thông tin này.",
)
NOT_A_TRAVEL_DOCUMENT = QT_TRANSLATE_NOOP(
    "chip", "Thẻ trên đầu đọc không có chip căn cước điện tử (ICAO) để đọc."
)
READ_FAILED = QT_TRANSLATE_NOOP(
    "chip", "Đọc chip không thành công (dữ liệu truyền bị lỗi). Đặt lại thẻ và thử lần nữa."
)


class ChipError(KioskError):
    """The chip refused access or answered something that cannot be read."""


class ChipAccessDeniedError(ChipError):
    """BAC failed: the key fields do not match the card."""


class Transport(Protocol):
    """Sends one command APDU, returns the answer's data followed by SW1 SW2."""

    def transmit(self, apdu: bytes) -> bytes: ...


@dataclass
class ReadStats:
    """What one read cost: commands, bytes each way, seconds."""

    apdus: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0


@dataclass
class ChipRead:
    """The files read from the chip: EF.COM, the data groups by number, EF.SOD."""

    com: bytes
    groups: dict[int, bytes]
    sod: bytes
    stats: ReadStats = field(default_factory=ReadStats)
    # active authentication's challenge and the chip's answer (b"": refused); None: no DG15
    internal_auth: tuple[bytes, bytes] | None = None


class _Counting:
    def __init__(self, transport: Transport, stats: ReadStats) -> None:
        self._transport = transport
        self.stats = stats

    def send(self, apdu: bytes) -> bytes:
        self.stats.apdus += 1
        self.stats.bytes_sent += len(apdu)
        answer = self._transport.transmit(apdu)
        self.stats.bytes_received += len(answer)
        return answer


def _sw(answer: bytes) -> int:
    return int.from_bytes(answer[-2:], "big") if len(answer) >= 2 else 0


def open_session(link: _Counting, key: bac.AccessKey) -> SecureChannel:
    """SELECT the eMRTD application, run BAC, return the secure channel."""
    answer = link.send(Command(0x00, 0xA4, 0x04, 0x0C, MRTD_AID).encode())
    if _sw(answer) != 0x9000:
        raise ChipError(NOT_A_TRAVEL_DOCUMENT, detail=f"SELECT AID: SW {_sw(answer):04X}")
    challenge = link.send(Command(0x00, 0x84, 0x00, 0x00, le=8).encode())
    if _sw(challenge) != 0x9000:
        raise ChipError(READ_FAILED, detail=f"GET CHALLENGE: SW {_sw(challenge):04X}")
    try:
        handshake = bac.start(key, challenge[:-2])
        answer = link.send(Command(0x00, 0x82, 0x00, 0x00, handshake.command_data, 40).encode())
        if _sw(answer) != 0x9000:
            raise ChipAccessDeniedError(
                ACCESS_DENIED, detail=f"EXTERNAL AUTHENTICATE: SW {_sw(answer):04X}"
            )
        return SecureChannel(bac.finish(key, handshake, answer[:-2]))
    except bac.BacError as exc:
        raise ChipAccessDeniedError(ACCESS_DENIED, detail=f"BAC: {exc}") from exc


def _exchange(link: _Counting, channel: SecureChannel, command: Command) -> tuple[bytes, int]:
    try:
        return channel.unprotect(link.send(channel.protect(command)))
    except SecureMessagingError as exc:
        raise ChipError(READ_FAILED, detail=f"secure messaging: {exc}") from exc


def read_file(link: _Counting, channel: SecureChannel, fid: int, chunk: int) -> bytes | None:
    """SELECT an elementary file and READ BINARY all of it; None when the chip has no such file."""
    _, sw = _exchange(link, channel, Command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big")))
    if sw == 0x6A82:
        return None
    if sw != 0x9000:
        raise ChipError(READ_FAILED, detail=f"SELECT {fid:04X}: SW {sw:04X}")
    head, sw = _exchange(link, channel, Command(0x00, 0xB0, 0x00, 0x00, le=chunk))
    if sw not in (0x9000, 0x6282):
        raise ChipError(READ_FAILED, detail=f"READ BINARY {fid:04X}: SW {sw:04X}")
    try:
        _, length, start = read_header(head)
    except TlvError as exc:
        raise ChipError(READ_FAILED, detail=f"file {fid:04X} is not TLV") from exc
    total = start + length
    content = bytearray(head[:total])
    while len(content) < total:
        offset = len(content)
        if offset > MAX_OFFSET:
            raise ChipError(READ_FAILED, detail=f"file {fid:04X} too large ({total} bytes)")
        want = min(chunk, total - offset)
        part, sw = _exchange(
            link, channel, Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=want)
        )
        if sw not in (0x9000, 0x6282) or not part:
            raise ChipError(READ_FAILED, detail=f"READ BINARY {fid:04X}@{offset}: SW {sw:04X}")
        content += part
    return bytes(content[:total])


def read_chip(
    transport: Transport,
    key: bac.AccessKey,
    *,
    chunk: int = SHORT_CHUNK,
    wanted: tuple[int, ...] = WANTED_GROUPS,
) -> ChipRead:
    """Open the chip with ``key`` and read EF.COM, the wanted data groups it lists, EF.SOD.

    ``chunk`` is the plain bytes asked for by each READ BINARY: 223 fits every reader;
    a reader and chip with extended length take more (e.g. 1024) in fewer commands.
    """
    stats = ReadStats()
    started = time.perf_counter()
    link = _Counting(transport, stats)
    channel = open_session(link, key)
    com = read_file(link, channel, EF_COM, chunk)
    if com is None:
        raise ChipError(READ_FAILED, detail="no EF.COM")
    try:
        tag_list = next(v for t, v in parse(parse(com)[0][1]) if t == 0x5C)
    except (TlvError, StopIteration, IndexError) as exc:
        raise ChipError(READ_FAILED, detail="EF.COM has no tag list") from exc
    listed = [GROUP_OF_TAG[t] for t in tag_list if t in GROUP_OF_TAG]
    groups: dict[int, bytes] = {}
    for number in (n for n in wanted if n in listed):
        content = read_file(link, channel, 0x0100 + number, chunk)
        if content is not None:
            groups[number] = content
    sod = read_file(link, channel, EF_SOD, chunk)
    if sod is None:
        raise ChipError(READ_FAILED, detail="no EF.SOD")
    internal_auth = internal_authenticate(link, channel) if 15 in groups else None
    stats.seconds = time.perf_counter() - started
    log.info(
        "chip read: %d APDUs, %d bytes sent, %d received, %.3f s, groups %s",
        stats.apdus, stats.bytes_sent, stats.bytes_received, stats.seconds, sorted(groups),
    )  # fmt: skip
    return ChipRead(com, groups, sod, stats, internal_auth)


def internal_authenticate(link: _Counting, channel: SecureChannel) -> tuple[bytes, bytes]:
    """INTERNAL AUTHENTICATE with 8 fresh random bytes (9303-11 6.1): the challenge and the
    chip's signature (``b""`` when the chip refuses)."""
    challenge = os.urandom(8)
    answer, sw = _exchange(link, channel, Command(0x00, 0x88, 0x00, 0x00, challenge, le=256))
    if sw != 0x9000:
        log.warning("INTERNAL AUTHENTICATE: SW %04X", sw)
        return challenge, b""
    return challenge, answer
