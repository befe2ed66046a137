"""Use case: read a citizen's identity from a photo or camera frame of the ID card's QR code.

Decoding is :mod:`kiosk.devices` (the cascade), validation is
:func:`~kiosk.services.identity.parse_id_payload`; this joins them and turns every way a
scan can fail into a :class:`ScanResult` carrying the error that names it: not an image, no
QR code, a QR code that is not an ID card (saying what it is), an invalid ID… The raw
payload is handed back for the caller to use and forget: it is never logged or stored.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kiosk.devices import Effort, ImageFileError, QrRead, load_image
from kiosk.devices.qr_cascade import Accept, QrCascade
from kiosk.devices.qr_decoders import DEFAULT_DECODERS, load_decoders
from kiosk.devices.qr_presence import LiveReader
from kiosk.domain.clock import Clock, SystemClock, format_day, local_day
from kiosk.errors import QT_TRANSLATE_NOOP, InputError, KioskError
from kiosk.services.identity import (
    CitizenIdentity,
    IdentityError,
    NotIdCardError,
    parse_id_payload,
)
from kiosk.services.people.privacy import mask_id_number

log = logging.getLogger(__name__)


class NoQrCodeError(InputError):
    """No QR code could be read in the image."""

    exit_code = 1


NO_QR_CODE = QT_TRANSLATE_NOOP(
    "scanning",
    "Không tìm thấy mã QR trong ảnh. Hãy đưa mã QR trên thẻ lại gần camera, giữ yên và "
    "tránh lóa sáng, hoặc nhập tay.",
)


class FrameReader(Protocol):
    """What the scanner needs from the QR cascade (a fake in tests)."""

    def read(
        self,
        image: np.ndarray,
        *,
        effort: Effort = ...,
        deadline_ms: float | None = ...,
        accept: Accept | None = ...,
    ) -> QrRead:
        """Payloads of the QR codes in ``image``; a read ``accept`` refuses does not end it."""
        ...


@dataclass(frozen=True)
class ScanResult:
    """A scan's outcome: the identity, or the error saying why there is none."""

    identity: CitizenIdentity | None
    error: KioskError | None = None
    payload: bytes | None = None  # the code the identity or the error is about
    read: QrRead | None = None  # which decoder and step, how long: for diagnostics

    @property
    def ok(self) -> bool:
        """Whether a valid identity was read."""
        return self.identity is not None


class Scanner:
    """Reads ID cards from images; ``clock`` gives today's date in Vietnam for validation."""

    def __init__(self, reader: FrameReader, *, clock: Clock | None = None) -> None:
        self._reader = reader
        self._clock = clock or SystemClock()

    def scan_frame(
        self, image: np.ndarray, *, effort: Effort = Effort.FAST, deadline_ms: float | None = None
    ) -> ScanResult:
        """Scan a camera frame (greyscale or BGR); fast by default to keep the preview fluid.

        A thorough scan (a file) goes on past codes that are not a valid ID card, in case the
        card's own code is read later; the camera's fast one stops at the first code, as the
        next frame gets its own look and a payload counts only when two frames agree.
        """
        today = local_day(self._clock.now())
        accept = valid_id_card(today) if effort is Effort.THOROUGH else None
        read = self._reader.read(image, effort=effort, deadline_ms=deadline_ms, accept=accept)
        result = choose(read.payloads, today, read)
        log.debug(
            "scan: %s by %s at step %s in %.1f ms",
            type(result.error).__name__ if result.error else "identity",
            read.decoder or "-",
            read.step or "-",
            read.elapsed_ms,
        )
        return result

    def scan_file(self, path: Path) -> ScanResult:
        """Scan an image file thoroughly; a missing or non-image file is a failed result."""
        try:
            image = load_image(path)
        except ImageFileError as exc:  # the path may hold a name: not logged
            log.debug("scan: the file is not a readable image")
            return ScanResult(None, exc)
        return self.scan_frame(image, effort=Effort.THOROUGH)


def choose(payloads: Sequence[bytes], today: date, read: QrRead | None = None) -> ScanResult:
    """The first payload that is a valid ID card; else the most telling refusal.

    A frame can hold several codes (a bank sticker beside the card): an ID-shaped payload
    that fails validation says more than "this is a bank code", so it is reported first.
    """
    if not payloads:
        return ScanResult(None, NoQrCodeError(NO_QR_CODE, detail="no QR code read"), None, read)
    refusals: list[tuple[bytes, IdentityError]] = []
    for payload in payloads:
        try:
            return ScanResult(parse_id_payload(payload, today=today), None, payload, read)
        except IdentityError as exc:
            refusals.append((payload, exc))
    refusals.sort(key=lambda pair: isinstance(pair[1], NotIdCardError))
    payload, error = refusals[0]
    return ScanResult(None, error, payload, read)


def valid_id_card(today: date) -> Accept:
    """Whether a payload is a valid ID card on ``today``: what a scan looks for in a file."""

    def accept(payload: bytes) -> bool:
        return choose((payload,), today).ok

    return accept


def build_scanner(
    decoder_names: Sequence[str] = DEFAULT_DECODERS, *, clock: Clock | None = None
) -> Scanner:
    """A scanner over every decoder of ``decoder_names`` that loads here.

    Camera frames (fast effort) get a cheap first look before the cascade (see
    :mod:`kiosk.devices.qr_presence`); files get the whole cascade. Raises
    :class:`~kiosk.devices.ScannerUnavailableError` when no decoder loads.
    """
    decoders, _ = load_decoders(decoder_names)
    return Scanner(LiveReader(QrCascade(decoders)), clock=clock)


# -- reports (kiosk scan) ---------------------------------------------------------------------


def scan_text(path: Path, result: ScanResult) -> str:
    """Human lines for one image: the fields with the ID numbers masked, or the reason."""
    if result.identity is None:
        message = result.error.message if result.error else NO_QR_CODE
        return f"LỖI  {path}: {message}"
    who = result.identity
    lines = [f"OK   {path}: thẻ hợp lệ", f"     Số định danh: {who.masked_id}"]
    if who.province_name:
        lines[-1] += f" (đăng ký khai sinh tại {who.province_name})"
    if who.old_id_number and len(who.old_id_number) == 12:
        lines.append(f"     Số định danh đã hủy: {mask_id_number(who.old_id_number)}")
    elif who.old_id_number:
        lines.append(f"     Số CMND cũ: {'*' * 6}{who.old_id_number[-3:]}")
    lines += [
        f"     Họ và tên: {who.full_name}",
        f"     Ngày sinh: {format_day(who.birth_date)}   Giới tính: {who.gender}",
    ]
    if who.address:
        # The Căn cước card prints "Nơi cư trú" (Circular 16/2024/TT-BCA), a CCCD "Nơi thường trú".
        label = "Nơi cư trú" if who.is_identity_card else "Nơi thường trú"
        lines.append(f"     {label}: {who.address}")
    if who.issue_date:
        lines.append(f"     Ngày cấp: {format_day(who.issue_date)}")
    return "\n".join(lines)


def scan_record(path: Path, result: ScanResult) -> dict[str, Any]:
    """Everything about one image, unmasked (for administrators): fields, payload, error."""
    record: dict[str, Any] = {"file": str(path), "ok": result.ok}
    record.update(_payload_fields(result.payload))
    record["identity"] = _identity_fields(result.identity) if result.identity else None
    record["error"] = _error_fields(result.error) if result.error else None
    if result.read is not None:
        record["decoder"] = result.read.decoder or None
        record["step"] = result.read.step or None
        record["elapsed_ms"] = round(result.read.elapsed_ms, 1)
    return record


def scan_json(path: Path, result: ScanResult) -> str:
    """:func:`scan_record` as one line of JSON, Vietnamese letters kept as they are."""
    return json.dumps(scan_record(path, result), ensure_ascii=False)


def _payload_fields(payload: bytes | None) -> dict[str, Any]:
    if payload is None:
        return {"payload": None}
    try:
        return {"payload": payload.decode("utf-8")}
    except UnicodeDecodeError:
        return {"payload": None, "payload_base64": base64.b64encode(payload).decode("ascii")}


def _identity_fields(who: CitizenIdentity) -> dict[str, Any]:
    return {
        "id_number": who.id_number,
        "old_id_number": who.old_id_number,
        "full_name": who.full_name,
        "birth_date": who.birth_date.isoformat(),
        "gender": who.gender,
        "address": who.address,
        "issue_date": who.issue_date.isoformat() if who.issue_date else None,
        "extra_fields": list(who.extra_fields),
        "province_code": who.province_code,
        "province_name": who.province_name,
    }


def _error_fields(error: KioskError) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": type(error).__name__, "message": error.message}
    if isinstance(error, NotIdCardError):
        fields["kind"] = str(error.kind)
    if isinstance(error, IdentityError):
        fields["fields"] = [str(f) for f in error.fields]
    return fields
