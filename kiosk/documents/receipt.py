"""Receipt PDFs for thermal rolls (80 mm, 58 mm) and A5 sheets, drawn with reportlab.

The words come from :mod:`kiosk.documents.receipt_content`; this module wraps them to the
printable width, sizes a thermal page to its content (a roll has no page length) and draws
the QR code at a size a phone reads easily. The same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.documents.fonts import register_fonts
from kiosk.documents.qr_matrix import QUIET_ZONE, qr_matrix
from kiosk.documents.receipt_content import BULLET, Block, Style, receipt_blocks
from kiosk.documents.receipt_texts import receipt_text
from kiosk.domain.catalogue import Catalogue
from kiosk.domain.centre import CentreInfo
from kiosk.domain.values import TransactionRecord

Paper = Literal["80mm", "58mm", "a5"]
__all__ = ["PAPERS", "Paper", "PaperSpec", "render_receipt"]


@dataclass(frozen=True)
class PaperSpec:
    """Page geometry and type sizes of one paper (lengths in points)."""

    width: float
    printable: float
    height: float | None  # None: a roll, as long as the content
    margin_y: float
    body: float  # font size of body text; the other styles scale from it
    qr: float  # side of the QR code, quiet zone included

    @property
    def margin_x(self) -> float:
        """Left (and right) margin that centres the printable width."""
        return (self.width - self.printable) / 2


PAPERS: dict[str, PaperSpec] = {
    "80mm": PaperSpec(80 * mm, 72 * mm, None, 4 * mm, 9, 34 * mm),
    "58mm": PaperSpec(58 * mm, 48 * mm, None, 4 * mm, 7.5, 30 * mm),
    "a5": PaperSpec(A5[0], A5[0] - 24 * mm, A5[1], 12 * mm, 10, 36 * mm),
}
_SCALE: dict[Style, float] = {"title": 1.25, "heading": 1.0, "body": 1.0, "small": 0.85}
_SCALE["banner"] = 1.4
_LEADING = 1.3
_RULE_SPACE = 2.5 * mm


@dataclass(frozen=True)
class _Item:
    """One drawable row: a line of text, a rule, a gap or the QR code, and its height."""

    kind: str
    height: float
    text: str = ""
    font: str = ""
    size: float = 0.0
    centred: bool = False
    banner: bool = False
    indent: float = 0.0


def _break_long_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` split into lines no wider than ``width``; words too long are cut."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width) or [""]:
        if stringWidth(line, font, size) <= width:
            lines.append(line)
        else:
            for word in line.split(" "):
                lines += _break_long_word(word, font, size, width)
    return lines


def _items(blocks: list[Block], spec: PaperSpec) -> Iterator[_Item]:
    regular, bold = register_fonts()
    for block in blocks:
        if block.kind == "rule":
            yield _Item("rule", _RULE_SPACE)
        elif block.kind == "gap":
            yield _Item("gap", spec.body * 0.6)
        elif block.kind == "qr":
            yield _Item("qr", spec.qr, text=block.text)
        else:
            size = spec.body * _SCALE[block.style]
            font = bold if block.style in ("title", "heading", "banner") else regular
            banner = block.style == "banner"
            leading = size * (1.6 if banner else _LEADING)
            bullet = block.text.startswith(BULLET)
            indent = stringWidth(BULLET, font, size) if bullet else 0.0
            text = block.text.removeprefix(BULLET)
            for number, line in enumerate(wrap(text, font, size, spec.printable - indent)):
                if bullet and number == 0:
                    line = BULLET + line
                shift = indent if bullet and number else 0.0
                yield _Item("text", leading, line, font, size, block.centred, banner, shift)


def _draw_text(canvas: Canvas, item: _Item, spec: PaperSpec, top: float) -> None:
    baseline = top - item.size * (1.22 if item.banner else 1.02)
    if item.banner:
        canvas.rect(spec.margin_x, top - item.height, spec.printable, item.height, 0, 1)
        canvas.setFillGray(1)
    canvas.setFont(item.font, item.size)
    if item.centred:
        canvas.drawCentredString(spec.width / 2, baseline, item.text)
    else:
        canvas.drawString(spec.margin_x + item.indent, baseline, item.text)
    canvas.setFillGray(0)


def _draw_qr(canvas: Canvas, payload: str, spec: PaperSpec, top: float) -> None:
    """The QR code, ``spec.qr`` wide with its quiet zone, centred under ``top``.

    Its dark runs are drawn as one canvas path instead of a Drawing of thousands of
    validated shapes: same geometry, about 10 ms less per receipt.
    """
    code = qr_matrix(payload)
    box = spec.qr / (code.size + 2 * QUIET_ZONE)
    left = (spec.width - spec.qr) / 2 + QUIET_ZONE * box
    upper = top - QUIET_ZONE * box
    path = canvas.beginPath()
    for row_number, column, length in code.dark_runs():
        path.rect(left + column * box, upper - (row_number + 1) * box, length * box, box)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw(canvas: Canvas, item: _Item, spec: PaperSpec, top: float) -> None:
    if item.kind == "text":
        _draw_text(canvas, item, spec, top)
    elif item.kind == "rule":
        y = top - item.height / 2
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        canvas.line(spec.margin_x, y, spec.margin_x + spec.printable, y)
        canvas.setDash()
    elif item.kind == "qr":
        _draw_qr(canvas, item.text, spec, top)


def render_receipt(
    record: TransactionRecord,
    *,
    centre: CentreInfo,
    catalogue: Catalogue,
    paper: Paper | str = "80mm",
    reprint_at: datetime | None = None,
    language: str = "vi",
) -> bytes:
    """The receipt of a finished visit as PDF bytes on ``paper`` (``80mm``, ``58mm``, ``a5``).

    A roll's page is as long as its content; A5 continues on a second page if needed.
    ``reprint_at`` marks the copy "BẢN IN LẠI" with the time it was printed again;
    ``language`` is the citizen's (``vi`` or ``en``). Raises
    :class:`~kiosk.errors.InputError` for a visit without a receipt number.
    """
    try:
        spec = PAPERS[paper]
    except KeyError:
        raise ValueError(f"unknown receipt paper {paper!r}; known: {', '.join(PAPERS)}") from None
    blocks = receipt_blocks(record, centre, catalogue, reprint_at=reprint_at, language=language)
    items = list(_items(blocks, spec))
    height = spec.height or sum(i.height for i in items) + 2 * spec.margin_y
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(spec.width, height), invariant=1, pageCompression=1)
    canvas.setTitle(receipt_text(language, "document_title", number=record.receipt_no))
    canvas.setAuthor(centre.name)
    canvas.setCreator("Quầy Số")
    top = start = height - spec.margin_y
    for item in items:
        if spec.height and top - item.height < spec.margin_y - 0.01 and top < start:
            canvas.showPage()
            top = start
        _draw(canvas, item, spec, top)
        top -= item.height
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
