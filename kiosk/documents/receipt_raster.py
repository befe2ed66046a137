"""Receipts as 1-bit images for thermal heads (ESC/POS) and the Qt print path, drawn with Pillow.

The words are :func:`~kiosk.documents.receipt_content.receipt_blocks`, the same as the PDF's;
the type sizes and spacing are those of :data:`kiosk.documents.receipt.PAPERS`, converted
from points to dots at the device's resolution (9 pt body text is 25 dots at 203 dpi, the
height of a thermal printer's own Font A). Lines are wrapped with Pillow's metrics of the
bundled Noto Sans at that size, the ones the pixels are drawn with, so no line runs off
the head. Text is drawn anti-aliased in grey and then thresholded slightly on the dark
side, which keeps the thin strokes of Vietnamese diacritics (ễ, ặ, ữ) on paper; the QR code
is drawn module by module on whole dots, so its edges stay sharp.

The image covers the printable width only (576 dots on an 80 mm roll at 203 dpi, 384 on
58 mm) and is as long as the content plus the paper's top and bottom margin. Same input,
same pixels.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from kiosk.documents.fonts import BOLD, REGULAR, font_file
from kiosk.documents.qr_matrix import QUIET_ZONE, qr_matrix

# The layout constants of the PDF receipt, so both renderings keep the same proportions.
from kiosk.documents.receipt import _LEADING, _RULE_SPACE, _SCALE, PAPERS, PaperSpec
from kiosk.documents.receipt_content import BULLET, Block, receipt_blocks
from kiosk.domain.catalogue import Catalogue
from kiosk.domain.centre import CentreInfo
from kiosk.domain.values import TransactionRecord

__all__ = [
    "SHEET_DPI",
    "THERMAL_DPI",
    "image_dpi",
    "png_bytes",
    "raster_dpi",
    "render_receipt_image",
    "width_dots_for",
]

THERMAL_DPI = 203  # 8 dots/mm: the head of nearly every 58/80 mm receipt printer
SHEET_DPI = 300  # A5 sheets go to office printers
_ROLLS = ("80mm", "58mm")
_THRESHOLD = 160  # grey levels above are white; a little darker than half keeps hairlines
_DASH_PT, _RULE_PT = 2.0, 0.6

_render_lock = threading.Lock()  # FreeType faces are not safe to share between threads


def raster_dpi(paper: str) -> int:
    """The resolution a receipt on ``paper`` is rendered at: 203 dpi for rolls, else 300."""
    return THERMAL_DPI if paper in _ROLLS else SHEET_DPI


def width_dots_for(paper: str, dpi: int) -> int:
    """The printable width of ``paper`` at ``dpi``, rounded to whole bytes of 8 dots.

    576 for 80 mm and 384 for 58 mm at 203 dpi, the widths of their thermal heads.
    """
    spec = _spec(paper)
    dots = spec.printable / 72 * dpi
    return max(8, round(dots / 8) * 8)


def _spec(paper: str) -> PaperSpec:
    try:
        return PAPERS[paper]
    except KeyError:
        raise ValueError(f"unknown receipt paper {paper!r}; known: {', '.join(PAPERS)}") from None


@lru_cache(maxsize=32)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same result with or without libraqm on the machine; Vietnamese needs
    # no shaping once its text is NFC (every letter is one precomposed glyph in Noto Sans).
    return ImageFont.truetype(str(font_file(name)), size, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class _Row:
    """One drawable row in dots: a line of text, a rule, a gap or the QR code."""

    kind: str
    height: int
    text: str = ""
    font: ImageFont.FreeTypeFont | None = None
    centred: bool = False
    banner: bool = False
    indent: int = 0


@dataclass(frozen=True)
class _Glyph:
    """One character of one font, rendered once: its coverage mask, offset and advance."""

    mask: Image.Image | None  # None for a blank (space)
    left: int  # from the pen position to the mask's left edge
    top: int  # from the baseline to the mask's top edge (negative: above)
    advance: float


@lru_cache(maxsize=2048)
def _glyph(font: ImageFont.FreeTypeFont, char: str) -> _Glyph:
    # Pillow renders and measures a whole string glyph by glyph on every call (0.7 ms to
    # measure a line, 3 ms to draw it); a receipt repeats a few dozen characters, so each is
    # rendered once and pasted: the same pixels as basic layout, about 5x faster overall.
    advance = font.getlength(char)
    left, top, right, bottom = (round(edge) for edge in font.getbbox(char, anchor="ls"))
    if right <= left or bottom <= top:
        return _Glyph(None, 0, 0, advance)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=255, anchor="ls")
    return _Glyph(mask, left, top, advance)


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    return sum(_glyph(font, char).advance for char in text)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by the font's own advance widths; a word too long is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _length(font, candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:  # a word wider than the line: cut it where it overflows
            if current and _length(font, current + char) > width:
                lines.append(current)
                current = ""
            current += char
    return [*lines, current] if current or not lines else lines


def _paste_text(
    image: Image.Image, x: float, baseline: int, text: str, font: ImageFont.FreeTypeFont, fill: int
) -> None:
    pen = x
    for char in text:
        glyph = _glyph(font, char)
        if glyph.mask is not None:
            image.paste(fill, (round(pen) + glyph.left, baseline + glyph.top), glyph.mask)
        pen += glyph.advance


def _rows(blocks: list[Block], spec: PaperSpec, scale: float, width: int) -> Iterator[_Row]:
    for block in blocks:
        if block.kind == "rule":
            yield _Row("rule", round(_RULE_SPACE * scale))
        elif block.kind == "gap":
            yield _Row("gap", round(spec.body * 0.6 * scale))
        elif block.kind == "qr":
            yield _Row("qr", round(spec.qr * scale), text=block.text)
        else:
            size = spec.body * _SCALE[block.style] * scale
            bold = block.style in ("title", "heading", "banner")
            font = _font(BOLD if bold else REGULAR, round(size))
            banner = block.style == "banner"
            height = round(size * (1.6 if banner else _LEADING))
            text = unicodedata.normalize("NFC", block.text)
            bullet = text.startswith(BULLET)
            indent = round(_length(font, BULLET)) if bullet else 0
            text = text.removeprefix(BULLET)
            for number, line in enumerate(_wrap(text, font, width - indent)):
                if bullet and number == 0:
                    line = BULLET + line
                shift = indent if bullet and number else 0
                yield _Row("text", height, line, font, block.centred, banner, shift)


def _draw_text(image: Image.Image, row: _Row, width: int, top: int) -> None:
    font = row.font
    assert font is not None
    baseline = top + round(font.size * (1.22 if row.banner else 1.02))
    fill = 0
    if row.banner:
        image.paste(0, (0, top, width, top + row.height))
        fill = 255
    x = (width - _length(font, row.text)) / 2 if row.centred else row.indent
    _paste_text(image, x, baseline, row.text, font, fill)


def _draw_rule(draw: ImageDraw.ImageDraw, row: _Row, width: int, top: int, scale: float) -> None:
    thickness = max(1, round(_RULE_PT * scale))
    dash = max(2, round(_DASH_PT * scale))
    y = top + row.height // 2 - thickness // 2
    for x in range(0, width, 2 * dash):
        draw.rectangle((x, y, min(x + dash, width) - 1, y + thickness - 1), fill=0)


def _draw_qr(draw: ImageDraw.ImageDraw, row: _Row, width: int, top: int) -> None:
    """The QR code (level M, 4-module quiet zone) on whole dots per module, centred."""
    code = qr_matrix(row.text)
    # Never below 2 dots a module: phones need edges.
    box = max(2, row.height // (code.size + 2 * QUIET_ZONE))
    left = (width - code.size * box) // 2
    upper = top + (row.height - code.size * box) // 2
    for r, column, length in code.dark_runs():
        x, y = left + column * box, upper + r * box
        draw.rectangle((x, y, x + length * box - 1, y + box - 1), fill=0)


def render_receipt_image(
    record: TransactionRecord,
    *,
    centre: CentreInfo,
    catalogue: Catalogue,
    paper: str = "80mm",
    dpi: int | None = None,
    width_dots: int | None = None,
    reprint_at: datetime | None = None,
    language: str = "vi",
) -> Image.Image:
    """The receipt of a finished visit as a 1-bit image (mode ``"1"``, black = 0).

    ``dpi`` defaults to :func:`raster_dpi` of ``paper`` and ``width_dots`` to the printable
    width at that resolution (576 for 80 mm, 384 for 58 mm); give ``width_dots`` for a head
    of another width (a 512-dot 80 mm printer): the type keeps its size, lines wrap sooner.
    The image's ``info["dpi"]`` records the resolution. ``reprint_at`` marks the copy
    "BẢN IN LẠI"; ``language`` is the citizen's. Raises
    :class:`~kiosk.errors.InputError` for a visit without a receipt.
    """
    spec = _spec(paper)
    dpi = dpi or raster_dpi(paper)
    width = width_dots or width_dots_for(paper, dpi)
    scale = dpi / 72  # points to dots
    blocks = receipt_blocks(record, centre, catalogue, reprint_at=reprint_at, language=language)
    with _render_lock:
        rows = list(_rows(blocks, spec, scale, width))
        margin = round(spec.margin_y * scale)
        height = sum(row.height for row in rows) + 2 * margin
        grey = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(grey)
        top = margin
        for row in rows:
            if row.kind == "text":
                _draw_text(grey, row, width, top)
            elif row.kind == "rule":
                _draw_rule(draw, row, width, top, scale)
            elif row.kind == "qr":
                _draw_qr(draw, row, width, top)
            top += row.height
    image = grey.point(lambda value: 255 if value > _THRESHOLD else 0, mode="1")
    image.info["dpi"] = (dpi, dpi)
    return image


def png_bytes(image: Image.Image) -> bytes:
    """``image`` as PNG bytes that keep its resolution (what the print queue stores)."""
    buffer = io.BytesIO()
    dpi = image.info.get("dpi", (THERMAL_DPI, THERMAL_DPI))
    # No ``optimize``: zlib's exhaustive search cost 6x the whole render for a file 4 %
    # smaller (bench/DOCUMENTS.md); a 1-bit receipt is a few kilobytes either way.
    image.save(buffer, format="PNG", dpi=dpi)
    return buffer.getvalue()


def image_dpi(image: Image.Image) -> int:
    """The horizontal resolution recorded in ``image`` (PNG rounds it; 203 if none)."""
    dpi = image.info.get("dpi")
    return round(float(dpi[0])) if dpi else THERMAL_DPI
