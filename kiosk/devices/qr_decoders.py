"""QR decoders behind one small interface: zxing-cpp, zbar (through pyzbar) and OpenCV.

A decoder takes an 8-bit greyscale frame and returns the raw payload bytes of every QR code
it reads, never text: the ID card's payload is UTF-8 in byte mode without an ECI marker, and
each library's charset guess mangles it (zxing-cpp's ``.text`` reads it as ISO-8859-1, zbar
turns short codes into Shift-JIS). Native libraries are imported when a decoder is built, so
a missing one makes that decoder unavailable (:class:`DecoderUnavailableError`), never a
crash at start.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

GrayImage = npt.NDArray[np.uint8]

ZXING = "zxing"
ZBAR = "zbar"
OPENCV = "opencv"
OPENCV_ARUCO = "opencv-aruco"
# The trust order: what the cascade asks first, and whose answer wins (see qr_cascade).
DEFAULT_DECODERS = (ZXING, ZBAR)

_ZBAR_QRCODE = 64  # zbar_symbol_type_e
_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4  # recent libzbar (Debian 12's 0.23 has it): bytes, no charset guess
_ZBAR_Y800 = 0x30303859  # fourcc of 8-bit greyscale


class QrDecoder(Protocol):
    """Reads every QR code in a greyscale frame; returns their payloads as raw bytes."""

    name: str

    def decode(self, gray: GrayImage) -> list[bytes]:
        """Payloads of the QR codes found in ``gray`` (2-D uint8), in reading order."""
        ...


class DecoderUnavailableError(KioskError):
    """A QR decoding library is missing or broken: scanning falls back to the others."""


class ScannerUnavailableError(KioskError):
    """No QR decoder can be loaded at all: only manual entry is left."""


SCANNER_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "devices",
    "Bộ giải mã QR không khả dụng trên máy này. Hãy nhập tay thông tin trên thẻ và báo cán "
    "bộ CNTT chạy 'kiosk doctor'.",
)
DECODER_UNAVAILABLE = QT_TRANSLATE_NOOP("devices", "Bộ giải mã QR {name} không khả dụng.")


def _unavailable(name: str, exc: BaseException) -> DecoderUnavailableError:
    return DecoderUnavailableError(
        DECODER_UNAVAILABLE.format(name=name),
        detail=f"QR decoder {name} cannot be loaded: {type(exc).__name__}: {exc}",
    )


def _unique(payloads: Iterable[bytes]) -> list[bytes]:
    return list(dict.fromkeys(p for p in payloads if p))


class ZxingDecoder:
    """zxing-cpp: the strongest and fastest here; reads mirrored and inverted codes.

    Each binarizer in ``binarizers`` is tried in turn until one reads something: zxing's
    default local-average threshold, then a fixed mid-grey threshold, which reads a share
    of the blurred and low-contrast frames the first misses for under a millisecond
    (bench/qr/RESULTS.md). ``try_rotate`` finds nothing more on card photos and costs time;
    ``try_downscale`` costs about 0.3 ms a 1280x720 frame for nothing, but reads more of
    the large noisy photos, so it is on only above ``downscale_above`` pixels.
    """

    name = ZXING

    def __init__(
        self,
        *,
        binarizers: Sequence[str] = ("LocalAverage", "FixedThreshold"),
        try_rotate: bool = False,
        downscale_above: int = 1600,
    ) -> None:
        try:
            import zxingcpp
        except ImportError as exc:
            raise _unavailable(self.name, exc) from exc
        self._read = zxingcpp.read_barcodes
        self._binarizers = [getattr(zxingcpp.Binarizer, b) for b in binarizers]
        self._downscale_above = downscale_above
        self._options: dict[str, Any] = {
            "formats": zxingcpp.BarcodeFormat.QRCode,
            "try_rotate": try_rotate,
            "try_invert": True,
            "text_mode": zxingcpp.TextMode.Plain,
        }

    def decode(self, gray: GrayImage) -> list[bytes]:
        """Payloads as ``Barcode.bytes``: ``.text`` applies a charset guess to byte mode."""
        image = np.ascontiguousarray(gray)
        downscale = max(image.shape) > self._downscale_above
        for binarizer in self._binarizers:
            results = self._read(
                image, binarizer=binarizer, try_downscale=downscale, **self._options
            )
            payloads = _unique(bytes(r.bytes) for r in results if r.valid)
            if payloads:
                return payloads
        return []


class ZbarDecoder:
    """zbar through pyzbar's loaded library, with ``ZBAR_CFG_BINARY`` so bytes stay bytes.

    pyzbar's own ``decode()`` cannot set that option, so this calls libzbar with pyzbar's
    prototypes. An older libzbar without the option (``binary`` is then false) returns text
    it converted from a guessed charset: short UTF-8 codes come back as Shift-JIS mojibake.
    Such results are repaired when the round trip is exact, else dropped: a wrong payload is
    worse than none.
    """

    name = ZBAR

    def __init__(self) -> None:
        try:
            from pyzbar import wrapper
        except ImportError as exc:  # pyzbar raises ImportError when libzbar is missing too
            raise _unavailable(self.name, exc) from exc
        self._zbar = wrapper
        self.binary = self._probe_binary()

    def _probe_binary(self) -> bool:
        scanner = self._zbar.zbar_image_scanner_create()
        try:
            return bool(
                self._zbar.zbar_image_scanner_set_config(scanner, _ZBAR_QRCODE, _ZBAR_CFG_BINARY, 1)
                == 0
            )
        finally:
            self._zbar.zbar_image_scanner_destroy(scanner)

    def decode(self, gray: GrayImage) -> list[bytes]:
        """Payloads of the QR codes zbar finds (other symbologies are switched off)."""
        zbar = self._zbar
        height, width = gray.shape
        pixels = np.ascontiguousarray(gray)  # zbar reads it in place: keep it referenced
        scanner = zbar.zbar_image_scanner_create()
        image = zbar.zbar_image_create()
        try:
            zbar.zbar_image_scanner_set_config(scanner, 0, _ZBAR_CFG_ENABLE, 0)
            zbar.zbar_image_scanner_set_config(scanner, _ZBAR_QRCODE, _ZBAR_CFG_ENABLE, 1)
            if self.binary:
                zbar.zbar_image_scanner_set_config(scanner, _ZBAR_QRCODE, _ZBAR_CFG_BINARY, 1)
            zbar.zbar_image_set_format(image, _ZBAR_Y800)
            zbar.zbar_image_set_size(image, width, height)
            zbar.zbar_image_set_data(
                image, pixels.ctypes.data_as(ctypes.c_void_p), pixels.size, None
            )
            if zbar.zbar_scan_image(scanner, image) <= 0:
                return []
            return _unique(self._payloads(image))
        finally:
            zbar.zbar_image_destroy(image)
            zbar.zbar_image_scanner_destroy(scanner)

    def _payloads(self, image: Any) -> Iterable[bytes]:
        zbar = self._zbar
        symbol = zbar.zbar_image_first_symbol(image)
        while symbol:
            data = ctypes.string_at(
                zbar.zbar_symbol_get_data(symbol), zbar.zbar_symbol_get_data_length(symbol)
            )
            payload = data if self.binary else _undo_charset_guess(data)
            if payload is not None:
                yield payload
            symbol = zbar.zbar_symbol_next(symbol)


_MOJIBAKE = re.compile("[\u3000-\uffef]|[\u00c2-\u00ef][\u0080-\u00bf]")


def _undo_charset_guess(data: bytes) -> bytes | None:
    """Old zbar's UTF-8 output back to the symbol's bytes, or ``None`` when unsure."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.isascii():
        return data
    for codec in ("shift_jis", "cp932"):
        try:
            original = text.encode(codec)
            original.decode("utf-8")
        except UnicodeError:
            continue
        return original
    # Not Shift-JIS mojibake as a whole. zbar guesses per segment, so it may still hold some
    # (kana, kanji) or ISO-8859-1 mojibake (a UTF-8 lead byte read as Ã or á, then a
    # continuation byte read as a C1 control or symbol: "Lê" → "LÃª"): drop those.
    return None if _MOJIBAKE.search(text) else data


class OpenCvDecoder:
    """OpenCV's ``QRCodeDetector`` (or the ArUco-based one), as bytes when OpenCV allows."""

    def __init__(self, *, aruco: bool = False) -> None:
        try:
            import cv2
        except ImportError as exc:
            raise _unavailable(OPENCV_ARUCO if aruco else OPENCV, exc) from exc
        self.name = OPENCV_ARUCO if aruco else OPENCV
        _quiet_opencv(cv2)
        self._error = cv2.error
        self._detector = cv2.QRCodeDetectorAruco() if aruco else cv2.QRCodeDetector()

    def decode(self, gray: GrayImage) -> list[bytes]:
        """One payload at most; OpenCV's own errors on odd symbols count as nothing read."""
        try:
            by_bytes = getattr(self._detector, "detectAndDecodeBytes", None)
            if by_bytes is not None:  # newer OpenCV (5.0 has it)
                data = by_bytes(gray)[0]
                return _unique([bytes(data)])
            # Older OpenCV decodes the bytes as strict UTF-8 into str: the round trip is exact,
            # and a payload that is not UTF-8 raises (it could not be an ID card anyway).
            return _unique([self._detector.detectAndDecode(gray)[0].encode("utf-8")])
        except (self._error, UnicodeError) as exc:
            log.debug("OpenCV could not decode: %s", exc)
            return []


def _quiet_opencv(cv2: Any) -> None:
    """OpenCV prints warnings ("ECI is not supported properly") to stderr otherwise."""
    logging_module = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging_module is not None:
        logging_module.setLogLevel(logging_module.LOG_LEVEL_ERROR)


_FACTORIES: dict[str, Callable[[], QrDecoder]] = {
    ZXING: ZxingDecoder,
    ZBAR: ZbarDecoder,
    OPENCV: OpenCvDecoder,
    OPENCV_ARUCO: lambda: OpenCvDecoder(aruco=True),
}
KNOWN_DECODERS = tuple(_FACTORIES)


@dataclass(frozen=True)
class DecoderStatus:
    """Whether a decoder loads here, and if not the Vietnamese reason and the log detail."""

    name: str
    available: bool
    message: str = ""
    detail: str = ""


def create_decoder(name: str) -> QrDecoder:
    """Build the decoder called ``name``; :class:`DecoderUnavailableError` if it cannot load."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ValueError(f"unknown QR decoder {name!r}; known: {KNOWN_DECODERS}") from None
    try:
        return factory()
    except DecoderUnavailableError:
        raise
    except (OSError, AttributeError) as exc:  # a broken shared library or an odd build
        raise _unavailable(name, exc) from exc


def load_decoders(
    names: Sequence[str] = DEFAULT_DECODERS,
) -> tuple[list[QrDecoder], list[DecoderStatus]]:
    """Every decoder of ``names`` that loads, in order, and the status of each."""
    decoders: list[QrDecoder] = []
    statuses: list[DecoderStatus] = []
    for name in names:
        try:
            decoders.append(create_decoder(name))
        except DecoderUnavailableError as exc:
            log.warning("%s", exc.detail)
            statuses.append(DecoderStatus(name, False, exc.message, exc.detail))
        else:
            statuses.append(DecoderStatus(name, True))
    return decoders, statuses


def available_decoders(names: Sequence[str] = KNOWN_DECODERS) -> list[DecoderStatus]:
    """Which decoders load on this machine, and why the others do not."""
    return load_decoders(names)[1]
