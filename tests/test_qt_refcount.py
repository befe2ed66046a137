"""Guards against a PySide6 build that leaks references to None (6.12.0 on CPython 3.11).

Such a build decrements None's reference count on every Qt call that returns nothing; a
kiosk that runs for hours then aborts with "Fatal Python error: none_dealloc". pytest
holds thousands of references to None, so ordinary tests never notice: this one counts.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_returning_nothing_keep_none_alive() -> None:
    target = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        target.setObjectName("x")
    assert sys.getrefcount(None) >= before - 5
