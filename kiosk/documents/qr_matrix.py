"""The receipt's QR code as a grid of modules, encoded by zxing-cpp.

Both receipt renderings (the PDF and the thermal raster) draw from this grid. zxing-cpp's
C++ encoder takes under a millisecond; reportlab's pure-Python encoder, used before, took
5–25 ms a receipt, most of it choosing the mask pattern. Error correction is level M (15 %
of the symbol can be lost: a receipt kept folded in a wallet), and the quiet zone is the
4 modules ISO/IEC 18004 asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

import zxingcpp

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004, 7.3.8)


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol: ``rows[r][c]`` is True for a dark module; no quiet zone included."""

    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side (21 for version 1, 4 more per version)."""
        return len(self.rows)

    def dark_runs(self) -> Iterator[tuple[int, int, int]]:
        """``(row, first column, length)`` of every horizontal run of dark modules."""
        for row_number, row in enumerate(self.rows):
            column = 0
            for dark, run in groupby(row):
                length = sum(1 for _ in run)
                if dark:
                    yield row_number, column, length
                column += length


def qr_matrix(text: str) -> QrMatrix:
    """``text`` (UTF-8) as a level-M QR symbol of the smallest version that holds it."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    pixels = bytes(memoryview(image))  # type: ignore[arg-type]  # a buffer; the stub omits it
    return QrMatrix(
        tuple(
            tuple(value < 128 for value in pixels[row * width : (row + 1) * width])
            for row in range(height)
        )
    )
