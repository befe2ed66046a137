"""The Z-report of a closed day as an A4 PDF: totals, tables and two charts, in Vietnamese.

Laid out with reportlab's platypus (tables wrap their text and continue on the next page);
the charts are reportlab drawings (:mod:`kiosk.documents.z_report_charts`). The document is
written with ``invariant=1``: the same :class:`~kiosk.domain.z_report_facts.ZReportFacts` give
byte-identical PDFs, so a regenerated report can be compared with the one printed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from kiosk.documents.fonts import register_fonts
from kiosk.documents.z_report_charts import hours_chart, services_chart
from kiosk.domain.clock import format_day, format_local
from kiosk.domain.z_report_facts import FIRST_HOUR, LAST_HOUR, ZReportFacts

__all__ = ["render_z_report"]

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
HEADER_FILL = colors.HexColor("#E8EEF6")
GRID = colors.HexColor("#9AA5B1")
INDENT = "\u00a0" * 4  # a "trong đó" row, set in under its figure


def _number(value: float | int) -> str:
    """Vietnamese digit grouping: 10.000; decimals with a comma: 4,35."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:.2f}".replace(".", ",")


class _Styles:
    """Paragraph styles in the bundled font."""

    def __init__(self) -> None:
        regular, bold = register_fonts()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=15, leading=19, alignment=TA_CENTER
        )
        self.centre = ParagraphStyle(
            "centre", fontName=bold, fontSize=11, leading=14, alignment=TA_CENTER
        )
        self.line = ParagraphStyle(
            "line", fontName=regular, fontSize=10, leading=13, alignment=TA_CENTER
        )
        self.heading = ParagraphStyle(
            "heading", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        )
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11.5)
        self.head = ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5)
        self.note = ParagraphStyle(
            "note", fontName=regular, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")
        )


def _table(
    styles: _Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    total: bool = False,
) -> Table:
    """A grid table: wrapped first column, right-aligned numbers, optional bold last row."""
    data: list[list[Paragraph | str]] = [[Paragraph(escape(h), styles.head) for h in header]]
    data += [[Paragraph(escape(row[0]), styles.cell), *row[1:]] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.regular, 9),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if total:
        commands.append(("FONT", (1, -1), (-1, -1), styles.bold, 9))
    table.setStyle(TableStyle(commands))
    return table


def _header(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    by = facts.closed_by
    return [
        Paragraph(escape(facts.centre_name), styles.centre),
        Paragraph(escape(facts.counter_line), styles.line),
        Spacer(0, 3 * mm),
        Paragraph("BÁO CÁO CUỐI NGÀY (BÁO CÁO Z)", styles.title),
        Paragraph(f"Ngày làm việc: <b>{format_day(facts.day)}</b>", styles.line),
        Paragraph(
            f"Chốt sổ lúc {format_local(facts.closed_at)} · Người chốt sổ: {escape(by)}",
            styles.line,
        ),
        Spacer(0, 2 * mm),
    ]


def _totals(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    rating = "—"
    if facts.satisfaction_avg is not None:
        rating = f"{_number(facts.satisfaction_avg)} / 5 ({_number(facts.rated)} lượt đánh giá)"
    rows = [
        ("Lượt hỗ trợ", _number(facts.transactions)),
        ("Đã hoàn tất", _number(facts.finished)),
        ("Chưa hoàn tất", _number(facts.unfinished)),
        ("Trong đó: bỏ dở khi chốt sổ", _number(facts.abandoned)),
        ("Số người dân được hỗ trợ", _number(facts.people_helped)),
        ("Mức hài lòng trung bình", rating),
    ]
    return [
        Paragraph("1. Tổng hợp", styles.heading),
        _table(styles, ("Chỉ tiêu", "Số lượng"), rows, (WIDTH * 0.7, WIDTH * 0.3)),
    ]


def _cell(value: int | str) -> str:
    return _number(value) if isinstance(value, int) else value


def _figures(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    """Services done (lượt; dossiers for filings) and distinct people, per kind of service."""
    rows = [
        (INDENT + row.label if row.sub else row.label, _cell(row.services), _cell(row.people))
        for row in facts.figures
    ]
    header = ("Chỉ tiêu", "Lượt (hồ sơ)", "Người")
    parts: list[Flowable] = [
        Paragraph("2. Kết quả theo loại dịch vụ", styles.heading),
        _table(styles, header, rows, (WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2)),
    ]
    if facts.note:
        parts.append(Paragraph(escape(facts.note), styles.note))
    return parts


def _services(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    heading = Paragraph("3. Dịch vụ theo kết quả", styles.heading)
    if not facts.services:
        return [heading, Paragraph("Không có dịch vụ nào trong ngày.", styles.cell)]
    count = len(facts.outcomes)
    first = WIDTH * 0.36
    rest = (WIDTH - first) / (count + 1)
    rows = [
        (label, *map(_number, counts), _number(sum(counts))) for label, counts in facts.services
    ]
    totals = [sum(counts[i] for _, counts in facts.services) for i in range(count)]
    rows.append(("Tổng cộng", *map(_number, totals), _number(sum(totals))))
    header = ("Dịch vụ", *facts.outcomes, "Cộng")
    return [heading, _table(styles, header, rows, (first, *[rest] * (count + 1)), total=True)]


def _reasons_and_helpers(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("4. Lý do chưa hoàn thành", styles.heading)]
    if facts.reasons:
        rows = [(label, _number(n)) for label, n in facts.reasons]
        parts.append(_table(styles, ("Lý do", "Số lượt"), rows, (WIDTH * 0.8, WIDTH * 0.2)))
    else:
        parts.append(Paragraph("Không có.", styles.cell))
    parts.append(Paragraph("5. Người hỗ trợ", styles.heading))
    if facts.helpers:
        people = [(h.name, _number(h.visits), _number(h.hours)) for h in facts.helpers]
        widths = (WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2)
        parts.append(_table(styles, ("Họ tên", "Lượt hỗ trợ", "Số giờ"), people, widths))
    else:
        parts.append(Paragraph("Không có lượt hỗ trợ nào gắn với người hỗ trợ.", styles.cell))
    return parts


def _charts(facts: ZReportFacts, styles: _Styles) -> list[Flowable]:
    title = f"Lượt hỗ trợ bắt đầu theo giờ ({FIRST_HOUR:02d}h–{LAST_HOUR:02d}h)"
    parts: list[Flowable] = [
        Paragraph("6. Biểu đồ", styles.heading),
        hours_chart(facts.hours, FIRST_HOUR, WIDTH, title),
    ]
    if facts.outside_hours:
        parts.append(
            Paragraph(f"Ngoài khung giờ trên: {_number(facts.outside_hours)} lượt.", styles.note)
        )
    by_service = [(label, sum(counts)) for label, counts in facts.services]
    parts += [Spacer(0, 4 * mm), services_chart(by_service, WIDTH, "Số lượt dịch vụ theo loại")]
    return [KeepTogether(parts[:3]), *parts[3:]]


def _footer(canvas: object, document: SimpleDocTemplate, text: str) -> None:
    regular, _ = register_fonts()
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(regular, 8)  # type: ignore[attr-defined]
    canvas.drawString(MARGIN, 8 * mm, text)  # type: ignore[attr-defined]
    page = f"Trang {document.page}"
    canvas.drawRightString(A4[0] - MARGIN, 8 * mm, page)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def render_z_report(facts: ZReportFacts) -> bytes:
    """The Z-report of ``facts`` as A4 PDF bytes; the same facts give the same bytes."""
    styles = _Styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Báo cáo Z {facts.counter_code} {format_day(facts.day)}",
        author=facts.centre_name,
        creator="Quầy Số",
        invariant=1,
        pageCompression=1,
    )
    story = [
        *_header(facts, styles),
        *_totals(facts, styles),
        *_figures(facts, styles),
        *_services(facts, styles),
        *_reasons_and_helpers(facts, styles),
        *_charts(facts, styles),
    ]
    footer = f"Quầy Số · {facts.file_stem}"

    def on_page(canvas: object, doc: SimpleDocTemplate) -> None:
        _footer(canvas, doc, footer)

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
