"""A long loop of acyclic values pauses the cyclic collector (kiosk/pacing.py)."""

from __future__ import annotations

import gc

import pytest

from kiosk.pacing import collector_paused


def test_the_collector_is_paused_in_the_block_and_back_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the inner block leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("a read failed half way")
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
