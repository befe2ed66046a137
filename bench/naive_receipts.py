"""Naive receipts for bench_receipts.py: what a first version with the libraries' plain
APIs would do, on the same blocks, fonts, sizes and paper as the kiosk's receipts."""

from __future__ import annotations

import io
from functools import cache

import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from kiosk.documents.fonts import BOLD, REGULAR, font_file, register_fonts
from kiosk.documents.receipt import PAPERS
from kiosk.documents.receipt_content import Block

_SCALE = {"title": 1.25, "heading": 1.0, "body": 1.0, "small": 0.85, "banner": 1.4}
_BOLD_STYLES = ("title", "heading", "banner")
DPI, WIDTH = 203, 576  # an 80 mm thermal head


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(name)), size)  # loaded once, as anyone would


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def naive_raster_png(blocks: list[Block]) -> bytes:
    """An 80 mm receipt drawn with ``ImageDraw.text``, thresholded, saved as PNG."""
    spec, scale = PAPERS["80mm"], DPI / 72
    rows: list[tuple[str, int, str, ImageFont.FreeTypeFont | None, bool]] = []
    for block in blocks:
        if block.kind == "text":
            size = round(spec.body * _SCALE[block.style] * scale)
            name = BOLD if block.style in _BOLD_STYLES else REGULAR
            font = _font(name, size)
            for line in _wrap(block.text, font, WIDTH):
                rows.append(("text", round(size * 1.3), line, font, block.centred))
        elif block.kind == "qr":
            rows.append(("qr", round(spec.qr * scale), block.text, None, True))
        else:
            rows.append((block.kind, round(spec.body * scale), "", None, False))
    margin = round(spec.margin_y * scale)
    image = Image.new("L", (WIDTH, sum(row[1] for row in rows) + 2 * margin), 255)
    draw = ImageDraw.Draw(image)
    top = margin
    for kind, height, text, font, centred in rows:
        if kind == "text" and font is not None:
            x = (WIDTH - font.getlength(text)) / 2 if centred else 0
            draw.text((x, top), text, font=font, fill=0)
        elif kind == "rule":
            draw.line((0, top + height // 2, WIDTH, top + height // 2), fill=0, width=2)
        elif kind == "qr":
            symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
            code = Image.fromarray(symbol.to_image(scale=1, add_quiet_zones=True))  # type: ignore[call-overload]
            code = code.resize((height, height), Image.Resampling.NEAREST)
            image.paste(code, ((WIDTH - height) // 2, top))
        top += height
    buffer = io.BytesIO()
    image.point(lambda value: 255 if value > 160 else 0).convert("1").save(buffer, format="PNG")
    return buffer.getvalue()


def naive_pdf(blocks: list[Block]) -> bytes:
    """An 80 mm receipt PDF: ``drawString`` per line and reportlab's QR widget."""
    register_fonts()
    spec = PAPERS["80mm"]
    height = 40.0 * len(blocks) + spec.qr
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(spec.width, height), pageCompression=1)
    margin = (spec.width - spec.printable) / 2
    y = height - spec.margin_y
    for block in blocks:
        if block.kind == "text":
            size = spec.body * _SCALE[block.style]
            font = BOLD if block.style in _BOLD_STYLES else REGULAR
            canvas.setFont(font, size)
            for line in simpleSplit(block.text, font, size, spec.printable):
                y -= size * 1.3
                canvas.drawString(margin, y, line)
        elif block.kind == "qr":
            widget = QrCodeWidget(block.text, barLevel="M", barWidth=spec.qr, barHeight=spec.qr)
            drawing = Drawing(spec.qr, spec.qr)
            drawing.add(widget)
            y -= spec.qr
            renderPDF.draw(drawing, canvas, (spec.width - spec.qr) / 2, y)
        else:
            y -= spec.body
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
