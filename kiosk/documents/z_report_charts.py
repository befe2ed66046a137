"""The two charts of a Z-report, drawn with reportlab's own graphics (no image files).

Both return a :class:`~reportlab.graphics.shapes.Drawing`, which is also a platypus flowable.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.documents.fonts import register_fonts

BAR_COLOUR = colors.HexColor("#1F5FA8")
LABEL_SIZE = 8
ELLIPSIS = "…"


def _step(top: int) -> int:
    """A tidy axis step giving about five gridlines up to ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return max(1, top // 5)


def _value_axis(axis: object, top: int, font: str) -> None:
    """Integer ticks from 0, one step above the largest value, never an empty range."""
    room = max(top, 1) * 1.08  # headroom for the value printed past the longest bar
    step = _step(max(top, 1))
    axis.valueMin = 0  # type: ignore[attr-defined]
    axis.valueMax = (int(room) // step + 1) * step  # type: ignore[attr-defined]
    axis.valueStep = step  # type: ignore[attr-defined]
    axis.labels.fontName = font  # type: ignore[attr-defined]
    axis.labels.fontSize = LABEL_SIZE  # type: ignore[attr-defined]
    axis.labelTextFormat = "%d"  # type: ignore[attr-defined]
    axis.visibleGrid = True  # type: ignore[attr-defined]
    axis.gridStrokeColor = colors.HexColor("#DDDDDD")  # type: ignore[attr-defined]


def shorten(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut with an ellipsis so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _caption(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(
        String(
            drawing.width / 2,
            drawing.height - 12,
            text,
            fontName=font,
            fontSize=10,
            textAnchor="middle",
        )
    )


def hours_chart(
    counts: Sequence[int], first_hour: int, width: float, title: str, height: float = 150
) -> Drawing:
    """Visits started per hour of the day, one vertical bar per hour from ``first_hour``."""
    regular, bold = register_fonts()
    drawing = Drawing(width, height)
    _caption(drawing, title, bold)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 22
    chart.width, chart.height = width - 44, height - 46
    chart.data = [list(counts)]
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 2
    chart.categoryAxis.categoryNames = [f"{first_hour + i:02d}h" for i in range(len(counts))]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    _value_axis(chart.valueAxis, max(counts, default=0), regular)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def services_chart(
    rows: Sequence[tuple[str, int]], width: float, title: str, bar: float = 14
) -> Drawing:
    """One horizontal bar per service (label, count), in the given order, top to bottom."""
    regular, bold = register_fonts()
    label_width = min(220.0, width * 0.45)
    height = max(len(rows), 1) * bar + 52
    drawing = Drawing(width, height)
    _caption(drawing, title, bold)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width + 6, 20
    chart.width, chart.height = width - label_width - 20, height - 46
    values = [count for _, count in reversed(rows)] or [0]
    chart.data = [values]
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [
        shorten(label, regular, LABEL_SIZE, label_width) for label, _ in reversed(rows)
    ] or [""]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    _value_axis(chart.valueAxis, max(values), regular)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing
