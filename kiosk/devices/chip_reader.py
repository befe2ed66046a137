"""Chip-card readers through PC/SC (pcscd on Linux, Smart Card service on Windows), pyscard.

No Qt and no ICAO here: list the readers, wait for a card, connect, send APDUs as bytes.
What goes wrong becomes a :class:`ChipReaderError` with a Vietnamese message.
"""

from __future__ import annotations

import logging
import time

from smartcard import scard  # type: ignore[import-untyped]
from smartcard.Exceptions import (  # type: ignore[import-untyped]
    CardConnectionException,
    NoCardException,
    SmartcardException,
)
from smartcard.pcsc.PCSCExceptions import BaseSCardException  # type: ignore[import-untyped]
from smartcard.System import readers as pcsc_readers  # type: ignore[import-untyped]

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

PCSC_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "chip",
    "Dịch vụ đầu đọc thẻ (PC/SC) chưa chạy trên máy này. Báo cán bộ kỹ thuật khởi động "
    "dịch vụ pcscd (Windows: Smart Card).",
)
NO_READER = QT_TRANSLATE_NOOP(
    "chip", "Không thấy đầu đọc chip nào. Kiểm tra dây cắm USB của đầu đọc."
)
NO_CARD = QT_TRANSLATE_NOOP("chip", "Chưa có thẻ trên đầu đọc. Đặt thẻ lên đầu đọc và giữ yên.")
CARD_REMOVED = QT_TRANSLATE_NOOP(
    "chip",
    "Thẻ đã rời đầu đọc trước khi đọc xong. Đặt lại thẻ và giữ yên cho đến khi đọc xong.",
)


class ChipReaderError(KioskError):
    """No PC/SC service, no reader, or no card on it."""


class CardRemovedError(ChipReaderError):
    """The card left the reader (or the reader was unplugged) during an exchange."""


def list_readers() -> list[str]:
    """Names of the PC/SC readers plugged in (empty when there are none)."""
    try:
        return [str(reader) for reader in pcsc_readers()]
    except BaseSCardException as exc:
        raise ChipReaderError(PCSC_UNAVAILABLE, detail=f"PC/SC: {exc}") from exc


def _reader(name: str | None) -> object:
    try:
        found = pcsc_readers()
    except BaseSCardException as exc:
        raise ChipReaderError(PCSC_UNAVAILABLE, detail=f"PC/SC: {exc}") from exc
    for reader in found:
        if name is None or str(reader) == name:
            return reader
    raise ChipReaderError(NO_READER, detail=f"reader {name!r} not among {len(found)} readers")


def card_state(reader: str) -> str:
    """What PC/SC says is in ``reader``: "empty", "card" (ready), "mute" (a card that does
    not answer, or one pulled out whose removal is not seen yet) or "unknown"."""
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        raise ChipReaderError(PCSC_UNAVAILABLE, detail=f"PC/SC context: {result:#x}")
    try:
        result, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
    finally:
        scard.SCardReleaseContext(context)
    if result != scard.SCARD_S_SUCCESS or not states:
        return "unknown"
    flags = int(states[0][1])
    if flags & scard.SCARD_STATE_EMPTY:
        return "empty"
    if flags & (scard.SCARD_STATE_MUTE | scard.SCARD_STATE_UNPOWERED):
        return "mute"
    return "card" if flags & scard.SCARD_STATE_PRESENT else "unknown"


def wait_for_card_state(reader: str, wanted: str, seconds: float) -> bool:
    """Poll :func:`card_state` until it is ``wanted`` or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while card_state(reader) != wanted:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class PcscCard:
    """A card on one reader: ``transmit`` sends an APDU and returns data + SW1 SW2."""

    def __init__(self, reader: str | None = None) -> None:
        self._reader = reader
        self._connection: object | None = None
        self.reader_name = ""

    def connect(self, wait_seconds: float = 0.0) -> bytes:
        """Connect to the card (waiting up to ``wait_seconds`` for one); returns its ATR."""
        reader = _reader(self._reader)
        self.reader_name = str(reader)
        if wait_seconds > 0 and not wait_for_card_state(self.reader_name, "card", wait_seconds):
            raise ChipReaderError(NO_CARD, detail="no card before the timeout")
        connection = reader.createConnection()  # type: ignore[attr-defined]
        try:
            connection.connect()
        except NoCardException as exc:
            raise ChipReaderError(NO_CARD, detail=f"no card: {exc}") from exc
        except (CardConnectionException, SmartcardException) as exc:
            raise ChipReaderError(NO_CARD, detail=f"connect failed: {exc}") from exc
        self._connection = connection
        return bytes(connection.getATR())

    def transmit(self, apdu: bytes) -> bytes:
        """Send one command APDU; the answer's data followed by SW1 SW2."""
        if self._connection is None:
            raise ChipReaderError(NO_CARD, detail="transmit before connect")
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))  # type: ignore[attr-defined]
        except (CardConnectionException, SmartcardException) as exc:
            self.close()
            raise CardRemovedError(CARD_REMOVED, detail=f"transmit failed: {exc}") from exc
        return bytes(data) + bytes([sw1, sw2])

    def close(self) -> None:
        """Disconnect from the card (safe to call twice)."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.disconnect()  # type: ignore[attr-defined]
            connection.release()  # type: ignore[attr-defined]
        except (SmartcardException, BaseSCardException) as exc:
            log.debug("disconnect: %s", exc)

    def __enter__(self) -> PcscCard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def wait_for_reader(seconds: float) -> list[str]:
    """The readers, polling until at least one is listed or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            names = list_readers()
        except ChipReaderError:
            names = []
        if names or time.monotonic() > deadline:
            return names
        time.sleep(0.1)
