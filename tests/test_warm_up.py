"""The warm-up: what the first receipt and close-day import is loaded while the kiosk waits,
then the start-up heap is frozen out of the garbage collector's scans."""

from __future__ import annotations

import gc
import importlib.util
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.ui.warm_up import MODULES
from tests.conftest import GuiFactory


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Whatever a test freezes goes back to the collector afterwards."""
    yield
    gc.unfreeze()


def test_every_module_named_exists() -> None:
    for name in MODULES:
        assert importlib.util.find_spec(name) is not None, name


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_window_warms_up_and_freezes_the_heap(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot, unfrozen: None
) -> None:
    gc.unfreeze()
    gui = make_gui(kiosk, warm_up_after_ms=0)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=20_000)
    assert all(name in sys.modules for name in MODULES)
    assert gui.tasks.pending == 0
