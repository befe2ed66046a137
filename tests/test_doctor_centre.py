"""``kiosk doctor`` on the link to the centre's database and the counter's queue."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.app import engine_for
from kiosk.services.upkeep.doctor.centre import check_centre
from kiosk.settings import load_settings
from tests.conftest import START, CounterFactory, sync_of, through
from tests.factories import finished_visit
from tests.netproxy import TcpProxy


def test_a_counter_without_a_centre_is_fine() -> None:
    check = check_centre(load_settings(), engine_for)
    assert check.ok and "độc lập" in check.message and not check.required


def test_a_counter_that_never_ran_is_checked_without_creating_anything(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as closed:  # a port where nothing listens
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", f"postgresql://quayso@127.0.0.1:{port}/c")
    check = check_centre(load_settings(), engine_for)
    assert not check.ok and "không kết nối được PostgreSQL" in check.message
    assert "0 mục chờ gửi" in check.message
    assert sorted(p.name for p in isolated_dirs.iterdir()) == []  # no data dir, no database


def test_the_link_and_the_queue_are_reported(
    make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy
) -> None:
    q01 = make_counter("Q01", through(proxy, pg_schema_url))
    finished_visit(q01)

    waiting = check_centre(q01.settings, engine_for, now=START + timedelta(minutes=1))
    assert waiting.ok and "1 mục chờ gửi (cũ nhất lúc 23/11/2026 09:30)" in waiting.message

    proxy.cut()
    offline = check_centre(q01.settings, engine_for, now=START + timedelta(minutes=1))
    assert not offline.ok and "không kết nối được PostgreSQL" in offline.message
    assert "Quầy vẫn làm việc" in offline.message

    proxy.restore()
    stale = check_centre(q01.settings, engine_for, now=START + timedelta(hours=2))
    assert not stale.ok and "kiosk sync send" in stale.fix
    sync_of(q01).drain()
    assert check_centre(q01.settings, engine_for).message.endswith("kết nối được; 0 mục chờ gửi")


def test_conflicts_need_a_person(make_counter: CounterFactory, pg_schema_url: str) -> None:
    first = make_counter("Q01", pg_schema_url, local="pc1")
    second = make_counter("Q01", pg_schema_url, local="pc2")
    finished_visit(first)
    finished_visit(second)
    sync_of(first).drain()
    sync_of(second).drain()

    check = check_centre(second.settings, engine_for)

    assert not check.ok and "1 mục bị máy chủ từ chối" in check.message
    assert "kiosk sync conflicts" in check.fix
