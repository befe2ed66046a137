"""The chip reader as one more ID source of the scan screen, read on a worker thread.

The loop lists the PC/SC readers, watches the first (or the configured) one for a card,
and once a card lies on it and the BAC key is known (typed, or derived from the QR), reads
and verifies the chip. A card pulled out mid-read, a wrong key, a reader unplugged and
plugged back, pcscd not running: each becomes a status or a failure by signal, in plain
Vietnamese, and the loop goes on. A card is read once; it is read again only when it is
put back or another key is given. The chip's data is MAC-protected end to end by secure
messaging, so there is no "two equal reads" consensus as with the camera.

pyscard is imported on the worker's thread at the first step: a machine without it (or
without pcscd) has no chip source, quietly (a status line), and the QR paths work.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Signal

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.services.chip.bac import AccessKey
from kiosk.services.chip.card_read import load_store, read_card
from kiosk.services.chip.session import SHORT_CHUNK, ChipAccessDeniedError
from kiosk.services.chip.trust import CscaStore
from kiosk.ui.worker_thread import LoopWorker, WorkerOwner

log = logging.getLogger(__name__)

# states the worker reports (with a message to show)
ABSENT = "absent"  # no PC/SC service, no reader, or pyscard missing
READY = "ready"  # a reader, no card on it
CARD = "card"  # a card on the reader, waiting for the key
READING = "reading"
READ = "read"  # this card was read (or refused): take it off to read it again

PLACE_CARD = QT_TRANSLATE_NOOP("chip", "Đặt thẻ lên đầu đọc chip và giữ yên.")
NEEDS_KEY = QT_TRANSLATE_NOOP(
    "chip",
    "Đã có thẻ trên đầu đọc. Chạm «Đọc chip trên thẻ» và nhập số thẻ, ngày sinh, ngày hết "
    "hạn in trên thẻ.",
)
READING_CHIP = QT_TRANSLATE_NOOP("chip", "Đang đọc chip… giữ yên thẻ trên đầu đọc.")
READ_DONE = QT_TRANSLATE_NOOP("chip", "Đã đọc chip. Có thể nhấc thẻ ra.")
TRY_AGAIN = QT_TRANSLATE_NOOP(
    "chip", "Thẻ vẫn trên đầu đọc: sửa thông tin rồi chạm «Đọc chip», hoặc đặt lại thẻ."
)
NO_PYSCARD = QT_TRANSLATE_NOOP("chip", "Máy này chưa cài phần đọc chip (pyscard).")

# failure kinds
WRONG_KEY = "key"
REMOVED = "removed"
FAILED = "failed"


class _Stopped(KioskError):
    """The worker was asked to stop during a read: the read ends at the next command."""


class _StoppableCard:
    """The card, refusing the next command once the worker is stopping (leaving the scan
    screen waits one APDU, not a whole read)."""

    def __init__(self, card: object, worker: LoopWorker) -> None:
        self._card = card
        self._worker = worker

    def transmit(self, apdu: bytes) -> bytes:
        if self._worker.stopping:
            raise _Stopped("", detail="stopped during a chip read")
        return self._card.transmit(apdu)  # type: ignore[attr-defined, no-any-return]


class ChipWorker(LoopWorker):
    """Watches one PC/SC reader and reads the card put on it; lives on its own QThread."""

    status = Signal(str, str)  # state, message (a Vietnamese template: translate on show)
    card_read = Signal(object)  # ChipResult
    read_failed = Signal(str, str)  # kind (WRONG_KEY, REMOVED, FAILED), message

    def __init__(
        self,
        csca_store: Path | None,
        *,
        reader: str | None = None,
        absent_retry_s: float = 3.0,
        poll_s: float = 0.15,
        chunk: int = SHORT_CHUNK,
    ) -> None:
        super().__init__()
        self._store_path = csca_store
        self._store: CscaStore | None = None
        self._store_loaded = False
        self._reader = reader
        self._absent_retry_s = absent_retry_s
        self._poll_s = poll_s
        self._chunk = chunk
        self._lock = threading.Lock()
        self._key: AccessKey | None = None
        self._generation = 0  # bumped by each set_key
        self._tried: int | None = None  # the generation this card was read with
        self._last: tuple[str, str] | None = None

    def set_key(self, key: AccessKey | None) -> None:
        """Read the card with ``key`` (thread-safe); the card on the reader is read again."""
        with self._lock:
            self._key = key
            self._generation += 1
        self.wake()

    def _current_key(self) -> tuple[AccessKey | None, int]:
        with self._lock:
            return self._key, self._generation

    def _say(self, state: str, message: str) -> None:
        if self._last != (state, message):
            self._last = (state, message)
            self.status.emit(state, message)

    def step(self) -> float:
        """Find the reader, then watch it until it goes away."""
        try:
            from kiosk.devices import chip_reader
        except ImportError as exc:  # pyscard or libpcsclite missing
            log.warning("chip reader unavailable: %s", exc)
            self._say(ABSENT, NO_PYSCARD)
            return 600.0
        try:
            names = chip_reader.list_readers()
        except chip_reader.ChipReaderError as exc:
            self._say(ABSENT, exc.message)
            return self._absent_retry_s
        if self._reader:
            name = self._reader if self._reader in names else None
        else:
            name = names[0] if names else None
        if name is None:
            self._say(ABSENT, chip_reader.NO_READER)
            return self._absent_retry_s
        log.info("chip reader %s", name)
        self._watch(name)
        return 0.0

    def _watch(self, reader: str) -> None:
        from kiosk.devices import chip_reader

        while not self.stopping:
            try:
                state = chip_reader.card_state(reader)
            except chip_reader.ChipReaderError:
                return  # pcscd went away
            if state == "unknown":
                if reader not in self._listed():
                    log.warning("chip reader %s unplugged", reader)
                    return
            elif state == "empty":
                self._tried = None
                self._say(READY, PLACE_CARD)
            else:
                key, generation = self._current_key()
                if self._tried == generation:
                    pass  # this card was read with this key: wait for it to leave
                elif key is None:
                    self._say(CARD, NEEDS_KEY)
                else:
                    self._tried = generation
                    self._read(reader, key)
                    continue
            if not self.pause(self._poll_s):
                return

    def _listed(self) -> list[str]:
        from kiosk.devices import chip_reader

        try:
            return chip_reader.list_readers()
        except chip_reader.ChipReaderError:
            return []

    def _read(self, reader: str, key: AccessKey) -> None:
        from kiosk.devices.chip_reader import CardRemovedError, ChipReaderError, PcscCard

        self._say(READING, READING_CHIP)
        card = PcscCard(reader)
        try:
            card.connect()
            link = _StoppableCard(card, self)
            result = read_card(link, key, self._csca_store(), chunk=self._chunk)
        except _Stopped:
            log.info("chip read abandoned: the scan screen was left")
        except ChipAccessDeniedError as exc:
            log.warning("chip refused the key: %s", exc.detail)
            self._fail(WRONG_KEY, exc.message)
        except (CardRemovedError, ChipReaderError) as exc:
            log.warning("chip read interrupted: %s", exc.detail)
            self._fail(REMOVED, exc.message)
        except KioskError as exc:
            log.warning("chip read failed: %s", exc.detail)
            self._fail(FAILED, exc.message)
        else:
            log.info(
                "chip read: %s, %d APDUs, %d bytes, %.2f s",
                result.verification.outcome.value,
                result.stats.apdus,
                result.stats.bytes_received,
                result.stats.seconds,
            )
            self._say(READ, READ_DONE)
            self.card_read.emit(result)
        finally:
            card.close()

    def _fail(self, kind: str, message: str) -> None:
        self.read_failed.emit(kind, message)
        self._say(CARD, TRY_AGAIN)  # not "reading" any more; a card pulled out: "ready" next

    def _csca_store(self) -> CscaStore | None:
        """The CSCA store, loaded at the first read (a store that does not load is
        reported once, and the chip is read as "not verified")."""
        if not self._store_loaded:
            self._store_loaded = True
            try:
                self._store = load_store(self._store_path)
            except KioskError as exc:
                log.error("CSCA store %s: %s", self._store_path, exc.detail)
        return self._store

    def crashed(self) -> None:
        self.status.emit(ABSENT, "")


class ChipController(WorkerOwner):
    """Owns a :class:`ChipWorker`'s thread; its signals arrive on the GUI thread."""

    status = Signal(str, str)
    card_read = Signal(object)
    read_failed = Signal(str, str)

    worker: ChipWorker

    def __init__(self, worker: ChipWorker) -> None:
        super().__init__(worker, name="chip-worker", stop_timeout_ms=10_000)
        worker.status.connect(self.status)
        worker.card_read.connect(self.card_read)
        worker.read_failed.connect(self.read_failed)
