"""Handheld scanners in keyboard-emulation ("wedge") mode: telling them from a person typing.

A wedge scanner types its payload as key presses, far faster than any person (a few ms
apart) and ends with Enter. :class:`WedgeDetector` holds each typed key until it is clear
whether it belongs to such a burst: a burst of at least ``min_chars`` keys, each at most
``max_gap_s`` after the last, ending in Enter, is a scan; anything else is handed back to be
delivered as typed. It stores whatever the caller wants released (Qt key events in
:mod:`kiosk.ui.wedge_filter`) next to each key's text.

The OS keyboard layout mangles Vietnamese typed this way (``Nữ`` → ``N?`` or ``Nu``, ``ễ`` →
Telex keys ``eex``): :func:`looks_garbled` recognises it, and :func:`refuse_if_garbled`
raises the identity layer's :class:`PayloadEncodingError` telling the helper to switch the
scanner to serial (USB-COM) mode, where bytes pass intact. No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.services.identity import IdentityField, PayloadEncodingError
from kiosk.services.identity.payload import QR_ORDER, refuse_scanner_damage
from kiosk.services.identity.text import decode_payload, trim

T = TypeVar("T")

MIN_BURST_CHARS = 20
MAX_GAP_S = 0.035

WEDGE_GARBLED = QT_TRANSLATE_NOOP(
    "scanner",
    "Máy quét cầm tay đang ở chế độ bàn phím nên chữ tiếng Việt bị đọc sai. Hãy chuyển máy "
    "quét sang chế độ cổng COM (USB-COM) theo sách hướng dẫn của máy, hoặc nhập tay.",
)

# Telex keys left where a letter with diacritics should be: doubled vowels or "dd"
# (â ê ô đ), a "w" after a vowel (ă ơ ư), a tone key (f j x) ending a word. Vietnamese
# spelling has none of these in plain ASCII words, and no word ends in f, j or x.
_TELEX = re.compile(r"(?:aa|ee|oo|dd|[aou]w|[aeiouy][fjx]\b)", re.IGNORECASE)
_NAME = QR_ORDER.index(IdentityField.FULL_NAME)
_ADDRESS = QR_ORDER.index(IdentityField.ADDRESS)


@dataclass
class WedgeDetector(Generic[T]):
    """Decides, key by key, whether typed keys are a scanner's burst or a person's typing."""

    min_chars: int = MIN_BURST_CHARS
    max_gap_s: float = MAX_GAP_S
    _held: list[tuple[T, str]] = field(default_factory=list, init=False, repr=False)
    _last_at: float | None = field(default=None, init=False, repr=False)

    @property
    def holding(self) -> bool:
        """Whether keys are held, waiting to be told apart."""
        return bool(self._held)

    def key(self, item: T, text: str, at: float) -> list[T]:
        """Hold a typed key (``at`` in seconds); return earlier keys to release now, in order.

        A gap longer than ``max_gap_s`` before this key means the held ones were typed by
        a person: they are returned, and this key may start a new burst.
        """
        released = self.release() if self._too_slow(at) else []
        self._held.append((item, text))
        self._last_at = at
        return released

    def enter(self, at: float) -> str | None:
        """Enter pressed at ``at``: the scanned payload, or ``None`` if it is not a burst.

        On ``None`` the caller releases :meth:`release` before letting Enter through.
        """
        if self._held and len(self._held) >= self.min_chars and not self._too_slow(at):
            payload = "".join(text for _, text in self._held)
            self._held.clear()
            self._last_at = None
            return payload
        return None

    def release(self) -> list[T]:
        """Give up on every held key (a pause, a non-text key): return them, in order."""
        released = [item for item, _ in self._held]
        self._held.clear()
        self._last_at = None
        return released

    def _too_slow(self, at: float) -> bool:
        return self._last_at is not None and at - self._last_at > self.max_gap_s


def detect_burst(keys: Iterable[tuple[float, str]], **limits: float) -> str | None:
    """The payload if timestamped keys (``"\\r"``/``"\\n"`` for Enter) end in a scanner burst.

    ``limits`` are :class:`WedgeDetector`'s ``min_chars`` and ``max_gap_s``.
    """
    detector: WedgeDetector[None] = WedgeDetector(
        min_chars=int(limits.get("min_chars", MIN_BURST_CHARS)),
        max_gap_s=limits.get("max_gap_s", MAX_GAP_S),
    )
    payload = None
    for at, text in keys:
        if text in ("\r", "\n"):
            payload = detector.enter(at)
            detector.release()
        else:
            payload = None
            detector.key(None, text, at)
    return payload


def looks_garbled(text: str) -> bool:
    """Whether wedge output shows Vietnamese mangled by the keyboard layout.

    Uses the identity layer's checks (U+FFFD, mojibake, ``Nu``/``N?`` as gender, ``?`` in
    the name) and adds what only typing produces: ``?`` anywhere, Telex key remnants in the
    name (``Nguyeenx``), and a name and address with every diacritic gone.
    """
    try:
        decoded = decode_payload(text)
    except PayloadEncodingError:
        return True
    if "?" in decoded:
        return True
    fields = [trim(part) for part in decoded.split("|")]
    if len(fields) < len(QR_ORDER):
        return False
    try:
        refuse_scanner_damage(fields)
    except PayloadEncodingError:
        return True
    name, address = fields[_NAME], fields[_ADDRESS]
    if _TELEX.search(name):
        return True
    return bool(address) and (name + address).isascii()


def refuse_if_garbled(text: str) -> None:
    """Raise :class:`PayloadEncodingError` telling to switch to USB-COM mode, if garbled."""
    if looks_garbled(text):
        raise PayloadEncodingError(
            WEDGE_GARBLED, detail="keyboard-wedge scanner mangled Vietnamese letters"
        )
