"""Where export rows go: a CSV file or an XLSX workbook, written as they come.

**CSV** is UTF-8 with a BOM (Excel then shows "Nguyễn"), comma-separated. **XLSX** has real
dates and times, a frozen header, column widths, and the "Tổng hợp" sheet (:mod:`.summary`)
after the rows.

Formula injection (OWASP "CSV Injection"): any text cell, of any column (a helper's name, a
catalogue label an administrator edited, a dossier code, free text), that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe in a CSV, so a
spreadsheet shows it as text instead of running it; in a workbook such a cell is a string cell
(never a formula) with Excel's own quote prefix (the apostrophe kept as a style, the value
unchanged), so it stays text when a person edits it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import operator
import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from datetime import time as time_of_day
from pathlib import Path
from typing import Any, Protocol

from kiosk.services.reporting.export.columns import (
    DATA_SHEET,
    DATE_FORMAT,
    SUMMARY_SHEET,
    TIME_FORMAT,
    Column,
)
from kiosk.services.reporting.export.summary import SummaryRow

BUFFER = 1 << 20  # the CSV's write buffer: a 100,000-row file is about 30 MB


class Sink(Protocol):
    """What an export writes into: typed dates and times, rows, then the summary."""

    def day(self, value: date) -> Any:
        """How a date is written."""

    def time(self, moment: datetime) -> Any:
        """How a local time of day is written."""

    def write_row(self, values: Sequence[Any]) -> None: ...

    def finish(self, summary: list[SummaryRow] | None) -> None: ...

    def close(self) -> None: ...


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a formula-looking cell starts with
_FORMULA_FIRST = frozenset(FORMULA_START)
# a cell starting like a formula, in text cells joined by NUL (a false alarm costs time only)
_ANY_FORMULA = re.compile("\x00[=+\\-@\t\r]")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (OWASP's leading characters)."""
    return text.startswith(FORMULA_START)


class FormulaCells:
    """Which of a row's text cells (at ``columns``) a spreadsheet would take for a formula.

    The row's text cells are joined once (in C) and searched with one regular expression;
    only a row where it finds something (rare) is looked at cell by cell.
    """

    def __init__(self, columns: Sequence[int]) -> None:
        self.columns = list(columns)
        only = self.columns[0] if len(self.columns) == 1 else None
        self.pick: Callable[[Sequence[Any]], Any] = (
            operator.itemgetter(*self.columns) if only is None else lambda row: (row[only],)
        )

    def __call__(self, values: Sequence[Any]) -> list[int]:
        cells = map(str, self.pick(values)) if self.columns else ()
        if not _ANY_FORMULA.search("\x00" + "\x00".join(cells)):
            return []
        first = _FORMULA_FIRST
        return [i for i in self.columns if isinstance(v := values[i], str) and v[:1] in first]


class CsvSink:
    """UTF-8 CSV with a BOM; dates ``dd/mm/yyyy``, times ``HH:MM``."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        # utf-8 plus a hand-written BOM: the "utf-8-sig" codec encodes in Python, row by row.
        self.file: io.TextIOWrapper = path.open("w", encoding="utf-8", newline="", buffering=BUFFER)
        self.file.write("\ufeff")
        self.writer = csv.writer(self.file)
        self.writer.writerow([c.header for c in columns])
        self.formulas = FormulaCells(
            [i for i, c in enumerate(columns) if c.kind in ("text", "free")]
        )
        self.scratch = io.StringIO()  # one row at a time, for encode_row
        self.scratch_writer = csv.writer(self.scratch)

    @staticmethod
    def day(value: date) -> str:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"

    @staticmethod
    def time(moment: datetime) -> str:
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def _defused(self, values: Sequence[Any]) -> Sequence[Any]:
        risky = self.formulas(values)
        if risky:  # a spreadsheet would run "=…" as a formula
            values = list(values)
            for i in risky:
                values[i] = "'" + values[i]
        return values

    def write_row(self, values: Sequence[Any]) -> None:
        self.writer.writerow(self._defused(values))

    def encode_row(self, values: Sequence[Any]) -> bytes:
        """The bytes :meth:`write_row` would write for ``values`` (CRLF included)."""
        self.scratch.seek(0)
        self.scratch.truncate()
        self.scratch_writer.writerow(self._defused(values))
        return self.scratch.getvalue().encode("utf-8")

    def write_bytes(self, data: bytes) -> None:
        """Append CSV lines already encoded (UTF-8, CRLF), after what was written so far."""
        self.file.flush()
        self.file.buffer.write(data)

    def finish(self, summary: list[SummaryRow] | None) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # after a failure: the first error is the one to report
            self.file.close()


class XlsxSink:
    """A write-only workbook: typed dates and times, frozen header, then the summary sheet."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.path = path
        self.cell = WriteOnlyCell
        self.bold = Font(bold=True)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(DATA_SHEET)
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[_letter(index)].width = column.width
        self.sheet.freeze_panes = "A2"
        self.sheet.append([self._heading(self.sheet, c.header) for c in columns])
        # One styled cell per typed column, refilled row after row: a write-only sheet
        # serialises a row as soon as it is appended, so the cell is free again.
        formats = {"date": DATE_FORMAT, "time": TIME_FORMAT}
        self.typed = [
            (i, self._typed(self.sheet, None, formats[c.kind]))
            for i, c in enumerate(columns)
            if c.kind in formats
        ]
        self.free = [i for i, c in enumerate(columns) if c.kind == "free"]
        self.formulas = FormulaCells([i for i, c in enumerate(columns) if c.kind == "text"])

    @staticmethod
    def day(value: date) -> date:
        return value

    @staticmethod
    def time(moment: datetime) -> time_of_day:
        return moment.time().replace(microsecond=0)

    def _heading(self, sheet: Any, text: Any) -> Any:
        cell = self.cell(sheet, value=text)
        cell.font = self.bold
        return cell

    def _typed(self, sheet: Any, value: Any, number_format: str) -> Any:
        cell = self.cell(sheet, value=value)
        cell.number_format = number_format
        return cell

    def _text(self, sheet: Any, text: str) -> Any:
        cell = self.cell(sheet, value=_printable(text))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if looks_like_formula(text):
            cell.quotePrefix = True  # and Excel keeps it text when someone edits it
        return cell

    def write_row(self, values: Sequence[Any]) -> None:
        values = list(values)
        for i, cell in self.typed:
            if values[i] is not None:
                cell.value = values[i]
                values[i] = cell
        for i in self.free:
            if values[i]:
                values[i] = self._text(self.sheet, values[i])
        for i in self.formulas(values):  # only a formula-looking str is wrapped
            values[i] = self._text(self.sheet, values[i])
        self.sheet.append(values)

    def finish(self, summary: list[SummaryRow] | None) -> None:
        sheet = self.book.create_sheet(SUMMARY_SHEET)
        sheet.column_dimensions["A"].width = 46
        for index in range(2, 16):
            sheet.column_dimensions[_letter(index)].width = 16
        for heading, values in summary or []:
            sheet.append([self._summary_cell(sheet, v, heading) for v in values])
        self.book.save(self.path)

    def _summary_cell(self, sheet: Any, value: Any, heading: bool) -> Any:
        if heading:
            return self._heading(sheet, value)
        if isinstance(value, date):
            return self._typed(sheet, value, DATE_FORMAT)
        if isinstance(value, str):
            return self._text(sheet, value)
        return value

    def close(self) -> None:
        """Nothing to release: a write-only workbook holds only temporary files until saved."""


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _printable(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def open_sink(fmt: str, path: Path, columns: Sequence[Column]) -> Sink:
    """The writer of ``fmt`` ("csv" or "xlsx") into ``path``, its header row written."""
    return CsvSink(path, columns) if fmt == "csv" else XlsxSink(path, columns)
