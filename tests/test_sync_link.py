"""The GUI's sender: off the GUI thread, and a discreet note on screen while offline."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.ui.sync_link import SyncLink
from kiosk.ui.widgets.top_bar import TopBar
from tests.conftest import CounterFactory, GuiFactory, sync_of, through
from tests.factories import finished_visit
from tests.gui_helpers import settle
from tests.netproxy import TcpProxy


def test_the_top_bar_says_offline_while_the_centre_is_away_and_clears_after(
    qtbot: QtBot, make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy
) -> None:
    q01 = make_counter("Q01", through(proxy, pg_schema_url))
    bar = TopBar("Trung tâm · Q01")
    qtbot.addWidget(bar)
    bar.show()
    link = SyncLink(sync_of(q01), interval_s=0.2)
    link.status_changed.connect(bar.show_sync)
    proxy.cut()
    finished_visit(q01)
    link.start()
    try:
        qtbot.waitUntil(lambda: bar.sync_state.isVisible(), timeout=10_000)
        assert bar.sync_state.text() == "Ngoại tuyến · 1 chờ gửi"

        proxy.restore()
        link.nudge()
        qtbot.waitUntil(lambda: not bar.sync_state.isVisible(), timeout=10_000)
        assert link.status is not None and link.status.pending == 0
    finally:
        assert link.stop()


def test_the_kiosk_window_sends_visits_and_shows_the_note_while_offline(
    qtbot: QtBot,
    make_counter: CounterFactory,
    pg_schema_url: str,
    proxy: TcpProxy,
    make_gui: GuiFactory,
) -> None:
    q01 = make_counter("Q01", through(proxy, pg_schema_url))
    proxy.cut()
    finished_visit(q01)
    gui = make_gui(q01)
    note = gui.shell.top_bar.sync_state
    qtbot.waitUntil(note.isVisible, timeout=10_000)
    assert note.text() == "Ngoại tuyến · 1 chờ gửi"
    proxy.restore()
    assert gui.sync_link is not None
    gui.sync_link.nudge()
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=10_000)
    assert sync_of(q01).status().pending == 0


def test_the_dashboard_shows_the_whole_centre_on_request(
    qtbot: QtBot,
    make_counter: CounterFactory,
    pg_schema_url: str,
    make_gui: GuiFactory,
) -> None:
    q01, q02 = make_counter("Q01", pg_schema_url), make_counter("Q02", pg_schema_url)
    finished_visit(q01)
    for _ in range(2):
        finished_visit(q02)
    sync_of(q01).drain()
    sync_of(q02).drain()
    gui = make_gui(q01, show=False)
    mode = gui.helper_mode
    dashboard = mode.screens.dashboard

    mode.show_dashboard("day")
    settle(qtbot, gui)  # the figures are read off the GUI thread
    assert dashboard.tiles["transactions"].value.text() == "1"
    assert dashboard.centre.isVisibleTo(dashboard)

    dashboard.centre.click()
    settle(qtbot, gui)
    assert dashboard.tiles["transactions"].value.text() == "3"
    assert dashboard.title.text() == "Số liệu toàn trung tâm"
    dashboard.month.click()  # the scope stays
    settle(qtbot, gui)
    assert dashboard.data is not None and dashboard.data.centre
    dashboard.centre.click()
    settle(qtbot, gui)
    assert dashboard.tiles["transactions"].value.text() == "1"
