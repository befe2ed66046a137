"""Export of the transaction log to CSV or XLSX, streamed so memory stays flat.

One row per transaction whose business day is in the period, finished or not; a correction
is a row of its own whose "Điều chỉnh cho" names the receipt of the visit it corrects. The
last column, "Gói hướng dẫn", is the version of the guide pack the visit was recorded with.

- **Masked by default** (:mod:`.rows`): a masked export has no "Họ tên", "Ghi chú" or "Lý
  do điều chỉnh" column at all, shows the ID number masked as stored (``001******345``: the
  full number is never stored) and the follow-up phone masked. Leaving the columns out,
  rather than empty, means a masked file visibly cannot hold a name.
- **Streaming** (:mod:`.queries`): two Core selects in one snapshot, ``yield_per`` rows at a
  time, merged per visit; no ORM objects. Helper names, counter codes and catalogue labels
  are loaded once.
- **No half-written file** (:mod:`.files`): rows go to a hidden temporary file beside
  ``out``, which replaces ``out`` only once complete and audited.
- **Writers** (:mod:`.writers`): CSV (UTF-8 with a BOM, formula-looking text defused) and
  XLSX (typed dates and times, frozen header, and the "Tổng hợp" sheet of :mod:`.summary`).
- **Masked CSV on PostgreSQL** (:mod:`.server_csv`): the server formats the cells by the same
  rules and ``COPY`` streams the lines, the same bytes as the Python path.

:func:`export_transactions` (:mod:`.use_case`) is the one entry point.
"""

from kiosk.services.reporting.export.columns import (
    COLUMNS,
    FIGURE_LABELS,
    FORMATS,
    KIND_LABELS,
    STATUS_LABELS,
    Column,
)
from kiosk.services.reporting.export.use_case import ExportResult, export_transactions

__all__ = [
    "COLUMNS",
    "FIGURE_LABELS",
    "FORMATS",
    "KIND_LABELS",
    "STATUS_LABELS",
    "Column",
    "ExportResult",
    "export_transactions",
]
