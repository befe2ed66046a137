"""Helper mode through the real window: sign-in and lockout, the helper's home (resume,
correct, reprint, close the day), the dashboard, managing accounts, and the kiosk's exit."""

from __future__ import annotations

import dataclasses
import threading
import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import HelperInfo, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.services.people import audit
from kiosk.services.reporting.figures import Figures, compute_figures
from kiosk.services.reporting.reports import TargetProgress, period_figures, target_progress
from kiosk.ui.helper_mode import HelperMode
from kiosk.ui.main_window import KioskGui
from kiosk.ui.screens.dashboard import TILE_FIGURES, format_count
from kiosk.ui.screens.helper_home import CORRECTION_REASONS, PAGE_ROWS
from tests.conftest import GuiFactory
from tests.factories import BA_TU, BA_TU_CARD, BINH, NHUNG, finished_visit
from tests.gui_helpers import settle

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

ADMIN_PIN, HELPER_PIN = "482916", "730518"


@pytest.fixture
def accounts(kiosk: Kiosk) -> tuple[HelperInfo, HelperInfo]:
    """An admin (staff) and a plain volunteer."""
    admin = kiosk.helpers.add("lan", "Nguyễn Thị Lan", ADMIN_PIN, kind="staff", role="admin")
    helper = kiosk.helpers.add("minh", "Trần Quang Minh", HELPER_PIN)
    return admin, helper


@pytest.fixture
def gui(kiosk: Kiosk, accounts: object, make_gui: GuiFactory) -> KioskGui:
    """The kiosk window without a camera, printing into a folder."""
    return make_gui(kiosk)


@pytest.fixture
def mode(gui: KioskGui) -> HelperMode:
    """The helper mode installed in the window."""
    return gui.helper_mode


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on the middle of ``widget``."""
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def type_pin(qtbot: QtBot, mode: HelperMode, username: str, pin: str) -> None:
    """On the sign-in screen: tap the name (once the names are read), the PIN's keys and
    "Đăng nhập", then wait for the PIN's check."""
    login = mode.screens.login
    assert mode.screens.login.isVisible()
    qtbot.waitUntil(
        lambda: username in login.name_buttons and login.name_buttons[username].isVisible(),
        timeout=10_000,
    )
    tap(qtbot, login.name_buttons[username])
    for digit in pin:
        tap(qtbot, login.keypad.key(digit))
    tap(qtbot, login.sign_in)
    home = mode.screens.home  # its list is read after a sign-in
    qtbot.waitUntil(lambda: not login.checking and not home.loading, timeout=10_000)


def sign_in(qtbot: QtBot, gui: KioskGui, username: str, pin: str) -> HelperMode:
    """ "Tình nguyện viên" in the top bar, then the PIN."""
    mode = gui.helper_mode
    tap(qtbot, gui.shell.top_bar.helper_button)
    type_pin(qtbot, mode, username, pin)
    return mode


def close_day_with_the_admins_pin(qtbot: QtBot, gui: KioskGui, kiosk: Kiosk) -> HelperMode:
    """A finished visit, then the admin signs in, taps "Chốt sổ", confirms and gives the
    PIN again (the day starts closing)."""
    finished_visit(kiosk, ServiceOutcome("portal_account", "done"))
    mode = sign_in(qtbot, gui, "lan", ADMIN_PIN)
    home = mode.screens.home
    tap(qtbot, home.close_day)
    tap(qtbot, home.close_confirm)
    type_pin(qtbot, mode, "lan", ADMIN_PIN)
    return mode


def test_sign_in_puts_the_helper_on_duty_until_sign_out(
    gui: KioskGui, qtbot: QtBot, accounts: tuple[HelperInfo, HelperInfo]
) -> None:
    _, helper = accounts
    shell = gui.shell
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    assert shell.current_screen is home
    assert shell.top_bar.helper.text() == "TNV: Trần Quang Minh"
    assert mode.helper_id() == helper.id
    # a plain helper sees no admin buttons
    assert home.dashboard.isVisible()
    assert not home.manage.isVisible() and not home.close_day.isVisible()
    # "Về màn hình chính" locks helper mode but keeps the helper on duty
    tap(qtbot, home.home)
    assert shell.current_screen is gui.screens.welcome
    assert not mode.unlocked and mode.helper_id() == helper.id
    tap(qtbot, gui.screens.welcome.start)
    assert gui.flow.session is not None and gui.flow.session.helper_id == helper.id
    gui.flow.end_visit()
    tap(qtbot, shell.top_bar.helper_button)  # a PIN again
    assert shell.current_screen is mode.screens.login
    type_pin(qtbot, mode, "minh", HELPER_PIN)
    tap(qtbot, home.sign_out)
    assert shell.current_screen is gui.screens.welcome
    assert mode.helper_id() is None and shell.top_bar.helper.text() == ""


def test_wrong_pins_say_the_tries_left_then_the_lockout(
    gui: KioskGui, qtbot: QtBot, clock: FixedClock
) -> None:
    mode = gui.helper_mode
    login = mode.screens.login
    tap(qtbot, gui.shell.top_bar.helper_button)
    for left in (4, 3, 2, 1):
        type_pin(qtbot, mode, "minh", "111222")
        assert f"Còn {left} lần thử" in login.message.text()
        assert login.pin.text() == ""  # wiped for the next try
    type_pin(qtbot, mode, "minh", "111222")
    locked = "Tài khoản tạm khóa vì nhập sai mã PIN nhiều lần; thử lại sau 09:31"  # 1 minute
    assert locked in login.message.text()
    type_pin(qtbot, mode, "minh", HELPER_PIN)  # the right PIN does not open a locked account
    assert locked in login.message.text() and gui.shell.current_screen is login
    clock.advance(minutes=1)
    type_pin(qtbot, mode, "minh", "111222")  # the next wrong PIN waits longer: 5 minutes
    assert "thử lại sau 09:36" in login.message.text()
    assert not gui.shell.findChildren(QDialog)  # inline text, never a dialog
    clock.advance(minutes=16)
    type_pin(qtbot, mode, "minh", HELPER_PIN)
    assert gui.shell.current_screen is mode.screens.home


def test_an_admin_sees_the_admin_buttons_and_idle_locks_helper_mode(
    gui: KioskGui, qtbot: QtBot, accounts: tuple[HelperInfo, HelperInfo]
) -> None:
    admin, _ = accounts
    mode = sign_in(qtbot, gui, "lan", ADMIN_PIN)
    home = mode.screens.home
    assert home.manage.isVisible() and home.close_day.isVisible()
    gui.shell.idle_expired.emit()  # the countdown ran out on the helper's screen
    assert gui.shell.current_screen is gui.screens.welcome
    assert not mode.unlocked and mode.helper_id() == admin.id  # still on duty
    assert home.rows == []
    tap(qtbot, gui.shell.top_bar.helper_button)
    assert gui.shell.current_screen is mode.screens.login


def test_a_helper_steps_into_a_visit_and_back(gui: KioskGui, qtbot: QtBot) -> None:
    tap(qtbot, gui.screens.welcome.start)
    assert gui.shell.current_screen is gui.screens.scan
    session = gui.flow.session
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    tap(qtbot, home.return_to_visit)
    assert gui.shell.current_screen is gui.screens.scan and gui.flow.session is session
    # The citizen has the screen again: "Tình nguyện viên" asks for the PIN, and the admin
    # home with "Chốt sổ" is not one tap away for whoever stands at the kiosk.
    assert not mode.unlocked and home.rows == []
    tap(qtbot, gui.shell.top_bar.helper_button)
    assert gui.shell.current_screen is mode.screens.login


def test_helper_mode_locks_at_the_end_of_every_visit(gui: KioskGui, qtbot: QtBot) -> None:
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    settle(qtbot, gui)
    tap(qtbot, mode.screens.home.home)  # back to the welcome: locked, still on duty
    tap(qtbot, gui.screens.welcome.start)
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)  # the volunteer steps in...
    assert mode.unlocked
    gui.flow.end_visit()  # ...and the visit ends (the citizen is done, or walks away)
    assert not mode.unlocked and mode.helper_id() is not None
    tap(qtbot, gui.shell.top_bar.helper_button)
    assert gui.shell.current_screen is mode.screens.login


def _select(qtbot: QtBot, mode: HelperMode, transaction_id: uuid.UUID) -> None:
    row = next(r for r in mode.screens.home.rows if r.record.id == transaction_id)
    qtbot.waitUntil(row.isVisible)  # rows added to a shown list are shown by the event loop
    tap(qtbot, row)


def test_resume_an_unfinished_visit(gui: KioskGui, kiosk: Kiosk, qtbot: QtBot) -> None:
    transaction_id = kiosk.transactions.start(
        helper_id=None, citizen=BINH, services=["portal_account"]
    )
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    row = home.rows[0]
    assert row.status.text() == "chưa xong" and row.citizen.text() == "079******567"
    assert "Trần Văn Bình" not in " ".join(cell.text() for cell in row.cells)
    _select(qtbot, mode, transaction_id)
    assert not home.correct.isVisible()
    tap(qtbot, home.resume)
    settle(qtbot, gui)
    session = gui.flow.session
    assert session is not None and session.transaction_id == transaction_id
    assert gui.shell.current_screen in (gui.screens.guide, gui.screens.outcome)


def test_resume_continues_at_the_page_and_text_size_the_citizen_had(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)  # 78 years old: large text by itself
    tap(qtbot, s.confirm.agree)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.services)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.guide)
    tap(qtbot, s.guide.next)
    tap(qtbot, s.guide.next)
    tap(qtbot, gui.shell.top_bar.text_size_button)  # larger still
    assert (s.guide.position, gui.shell.theme.text_step) == (2, 2)
    gui.flow.end_visit()  # she walks away to fetch her phone
    assert gui.shell.theme.text_step == 0
    [left] = kiosk.transactions.list_unfinished()

    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    _select(qtbot, mode, left.id)
    tap(qtbot, mode.screens.home.resume)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.guide)
    assert (s.guide.position, gui.shell.theme.text_step) == (2, 2)


def test_a_senior_visit_resumed_after_a_restart_gets_large_text(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    # recorded by a kiosk that has restarted since: nothing of the visit is kept in memory
    transaction_id = kiosk.transactions.start(helper_id=None, citizen=BA_TU, services=["vssid"])
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    _select(qtbot, mode, transaction_id)
    tap(qtbot, mode.screens.home.resume)
    qtbot.waitUntil(lambda: gui.shell.current_screen is gui.screens.guide)
    assert gui.screens.guide.position == 0 and gui.shell.theme.text_step == 1


def test_a_correction_is_recorded_as_a_new_entry(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, accounts: tuple[HelperInfo, HelperInfo]
) -> None:
    _, helper = accounts
    original = finished_visit(kiosk, ServiceOutcome("portal_account", "done"))
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    _select(qtbot, mode, original.id)
    tap(qtbot, home.reprint)
    settle(qtbot, gui)
    assert original.receipt_no is not None and original.receipt_no in home.notice.text()
    tap(qtbot, home.correct)
    pages = home.correction
    assert pages.service_buttons["portal_account"].isChecked()  # the visit's only service
    tap(qtbot, pages.reason_buttons[0])
    tap(qtbot, pages.next)
    tap(qtbot, pages.outcome.outcomes["not_possible"])
    tap(qtbot, pages.outcome.reasons["otp_not_received"])
    tap(qtbot, pages.outcome.save)
    settle(qtbot, gui)
    entries = kiosk.transactions.list_day()
    assert len(entries) == 2
    fixed = entries[1]
    assert fixed.corrects_id == original.id and fixed.correction_reason == CORRECTION_REASONS[0]
    assert fixed.services == (ServiceOutcome("portal_account", "not_possible", "otp_not_received"),)
    assert kiosk.transactions.get(original.id).services[0].outcome == "done"  # untouched
    assert fixed.receipt_no is not None and fixed.receipt_no in home.notice.text()
    statuses = {row.record.id: row.status.text() for row in home.rows}
    assert statuses == {original.id: "đã điều chỉnh", fixed.id: "bản điều chỉnh"}
    with kiosk.db.unit_of_work() as uow:
        line = audit.read(uow.session, "transaction.correct")[0]
    assert line.actor == helper.username


def test_close_day_writes_the_reports_and_refuses_twice(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    finished_visit(kiosk, ServiceOutcome("portal_account", "done"))
    mode = sign_in(qtbot, gui, "lan", ADMIN_PIN)
    home = mode.screens.home
    tap(qtbot, home.close_day)
    folder = kiosk.settings.data_dir / "reports" / "2026-11-23"
    assert str(folder) in home.close_notice.text()
    tap(qtbot, home.close_confirm)
    assert gui.shell.current_screen is mode.screens.login  # the admin's PIN again
    type_pin(qtbot, mode, "lan", ADMIN_PIN)
    settle(qtbot, gui)
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "Z-Q01-20261123.pdf",
        "giao-dich-Q01-20261123.csv",
        "giao-dich-Q01-20261123.xlsx",
    ]
    assert (folder / "Z-Q01-20261123.pdf").read_bytes().startswith(b"%PDF")
    assert all(name in home.close_result.text() for name in names)
    assert not home.close_confirm.isVisible()
    tap(qtbot, home.close_back)
    settle(qtbot, gui)
    tap(qtbot, home.close_day)
    tap(qtbot, home.close_confirm)
    type_pin(qtbot, mode, "lan", ADMIN_PIN)
    settle(qtbot, gui)
    assert "đã được chốt sổ" in home.close_error.text()


def test_the_dashboard_shows_the_z_report_figures(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, clock: FixedClock
) -> None:
    finished_visit(
        kiosk,
        ServiceOutcome("vneid_level2", "done"),
        ServiceOutcome("online_filing", "partial", "needs_in_person"),
        details=VisitDetails(satisfaction=5),
    )
    finished_visit(kiosk, ServiceOutcome("online_filing", "done"), citizen=BINH)
    clock.advance(days=1)  # the month keeps yesterday, today does not
    finished_visit(
        kiosk,
        ServiceOutcome("signature_vnpt_smartca", "done"),
        citizen=NHUNG,
        details=VisitDetails(satisfaction=4),
    )
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    tap(qtbot, mode.screens.home.dashboard)
    settle(qtbot, gui)
    screen = mode.screens.dashboard
    assert gui.shell.current_screen is screen
    today = clock.now().date()
    for period, button, first in (
        ("day", screen.today, today),
        ("month", screen.month, today.replace(day=1)),
    ):
        tap(qtbot, button)
        settle(qtbot, gui)
        with kiosk.db.unit_of_work() as uow:
            expected = compute_figures(
                uow.session, kiosk.catalogue, first, today, counter_id=kiosk.counter_id
            )[None]
        tiles = screen.tiles
        assert screen.data is not None and screen.data.period == period
        assert tiles["people_helped"].value.text() == format_count(expected.people_helped)
        assert tiles["transactions"].value.text() == format_count(expected.transactions)
        for name in TILE_FIGURES:
            assert tiles[name].value.text() == format_count(expected.by_figure[name]), name
        bars = {bar.label: bar.text for bar in screen.figures_chart.bars}
        assert bars["Chữ ký số cá nhân"] == "{} lượt · {} người".format(
            format_count(expected.by_figure["digital_signatures"]),
            format_count(expected.people_by_figure["digital_signatures"]),
        )
    assert tiles["satisfaction"].value.text() == "4,50 / 5"
    assert "Chưa cấu hình mục tiêu" in screen.targets_notes.text()


def test_target_progress_never_draws_a_share_the_counter_cannot_compute(
    kiosk: Kiosk,
) -> None:
    finished_visit(kiosk, ServiceOutcome("online_filing", "done", dossier_code="H01.1-0001"))
    finished_visit(
        kiosk,
        ServiceOutcome("online_filing", "partial", "needs_in_person", dossier_code="H01.1-0002"),
        citizen=BINH,
    )
    finished_visit(kiosk, ServiceOutcome("online_filing", "not_possible", "system_error"))
    finished_visit(kiosk, ServiceOutcome("signature_viettel_mysign", "done"))
    with kiosk.db.unit_of_work() as uow:
        figures = compute_figures(
            uow.session, kiosk.catalogue, kiosk.clock.now().date(), kiosk.clock.now().date()
        )[None]
    targets = {
        "online_filing_share": 0.8,
        "adults_with_signature": 0.5,
        "dossiers_filed_online": 4,
        "made_up": 0.3,
    }
    filing, signatures, dossiers, unknown = target_progress(figures, targets)
    # a share: the counter's dossiers (both with a code), never a success rate against 80 %
    assert filing == TargetProgress("online_filing_share", 0.8, 2, "dossiers")
    assert filing.progress is None and not filing.reached
    assert signatures == TargetProgress("adults_with_signature", 0.5, 1, "adults")
    assert signatures.progress is None
    # a count: progress toward it
    assert dossiers == TargetProgress("dossiers_filed_online", 4, 2, "dossiers")
    assert dossiers.progress == 0.5 and not dossiers.reached
    assert unknown == TargetProgress("made_up", 0.3, None)


def test_the_dashboard_shows_targets_without_inventing_denominators(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    finished_visit(kiosk, ServiceOutcome("online_filing", "done", dossier_code="H01.1-0001"))
    finished_visit(kiosk, ServiceOutcome("online_filing", "not_possible", "system_error"))
    targets = {"online_filing_share": 0.8, "adults_with_signature": 0.5, "portal_accounts": 200}
    configured = dataclasses.replace(
        kiosk, settings=dataclasses.replace(kiosk.settings, targets=targets)
    )
    gui = make_gui(configured, show=False)
    mode = gui.helper_mode
    mode.show_dashboard("day")
    settle(qtbot, gui)
    screen = mode.screens.dashboard
    (bar,) = screen.targets_chart.bars  # only the count target has a bar
    assert bar.text == "0 / mục tiêu 200 người (0%)"
    notes = screen.targets_notes.text()
    assert "đạt" not in notes  # done ÷ attempts at the counter is not the province's share
    assert "Tỉ lệ hồ sơ nộp trực tuyến (mục tiêu 80%): quầy đã hỗ trợ 1 hồ sơ" in notes
    assert "Quyết định 766/QĐ-TTg" in notes
    assert "Người trưởng thành có chữ ký số (mục tiêu 50%): quầy đã hỗ trợ 0 người" in notes


def test_an_admin_manages_accounts(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, accounts: tuple[HelperInfo, HelperInfo]
) -> None:
    admin, _ = accounts
    mode = sign_in(qtbot, gui, "lan", ADMIN_PIN)
    tap(qtbot, mode.screens.home.manage)
    type_pin(qtbot, mode, "lan", ADMIN_PIN)  # an admin's power: the PIN again
    settle(qtbot, gui)
    screen = mode.screens.admin
    assert set(screen.rows) == {"lan", "minh"}
    tap(qtbot, screen.rows["lan"])
    assert not screen.toggle_active.isEnabled()  # an admin cannot stop their own account
    # add "Đinh Hà" by the on-screen keyboard and keypad
    tap(qtbot, screen.add)
    qtbot.mouseClick(screen.name_field, Qt.MouseButton.LeftButton)
    keyboard = screen.keyboard
    for key in ("shift", "d", "d", "i", "n", "h", "space", "shift", "h", "a", "f"):
        tap(qtbot, keyboard.key(key))
    assert screen.typing.text() == "Đinh Hà"
    tap(qtbot, keyboard.key("done"))
    assert screen.username_field.text() == "had"
    tap(qtbot, screen.form_next)
    for field in screen.pin_fields:
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        for digit in "2580" if field is screen.pin_fields[0] else "2581":
            tap(qtbot, screen.keypad.key(digit))
    tap(qtbot, screen.pin_save)
    assert "không khớp" in screen.pin_message.text()
    for field in screen.pin_fields:
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        for digit in "2580":
            tap(qtbot, screen.keypad.key(digit))
    tap(qtbot, screen.pin_save)
    settle(qtbot, gui)
    added = kiosk.helpers.get("had")
    assert added.full_name == "Đinh Hà" and added.role == "helper" and added.kind == "volunteer"
    assert "Đinh Hà" in screen.done.text()
    # reset Minh's PIN, then stop the account
    tap(qtbot, screen.rows["minh"])
    tap(qtbot, screen.reset)
    for field in screen.pin_fields:
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        for digit in "913572":
            tap(qtbot, screen.keypad.key(digit))
    tap(qtbot, screen.pin_save)
    settle(qtbot, gui)
    assert kiosk.helpers.authenticate("minh", "913572").username == "minh"
    tap(qtbot, screen.rows["minh"])
    tap(qtbot, screen.toggle_active)
    settle(qtbot, gui)
    assert not kiosk.helpers.get("minh").active
    with kiosk.db.unit_of_work() as uow:
        newest_first = audit.read(uow.session)
    actors: dict[str, str] = {}
    for line in newest_first:
        actors.setdefault(line.action, line.actor)
    assert actors["helper.reset_pin"] == actors["helper.deactivate"] == admin.username
    assert actors["helper.add"] == admin.username


def test_leaving_kiosk_mode_needs_an_admin_pin(gui: KioskGui, qtbot: QtBot) -> None:
    shell = gui.shell
    mode = gui.helper_mode
    shell.close()  # Alt+F4 through the window manager
    assert shell.isVisible() and shell.current_screen is mode.screens.login
    login = mode.screens.login
    assert login.admin_only
    qtbot.waitUntil(lambda: not login.loading, timeout=10_000)
    assert set(login.name_buttons) == {"lan"}  # only the admins are offered
    login.sign_in_requested.emit("minh", HELPER_PIN)  # a helper's PIN, however it came
    qtbot.waitUntil(lambda: not login.checking, timeout=10_000)
    assert "chỉ dành cho quản trị viên" in login.message.text()
    assert shell.isVisible()
    tap(qtbot, mode.screens.login.back)
    assert shell.current_screen is gui.screens.welcome and shell.isVisible()
    shell.close()
    type_pin(qtbot, mode, "lan", ADMIN_PIN)
    assert not shell.isVisible()


# -- off the GUI thread: loading states, late answers, double taps -----------------------------


def test_the_pin_is_checked_off_the_gui_thread_and_once(
    gui: KioskGui, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = gui.kiosk.helpers
    real = accounts.authenticate
    release = threading.Event()
    threads: list[int] = []

    def slow(username: str, pin: str) -> HelperInfo:
        threads.append(threading.get_ident())
        release.wait(10)
        return real(username, pin)

    monkeypatch.setattr(accounts, "authenticate", slow)
    mode = gui.helper_mode
    login = mode.screens.login
    tap(qtbot, gui.shell.top_bar.helper_button)
    qtbot.waitUntil(lambda: "minh" in login.name_buttons and login.name_buttons["minh"].isVisible())
    tap(qtbot, login.name_buttons["minh"])
    for digit in HELPER_PIN:
        tap(qtbot, login.keypad.key(digit))
    tap(qtbot, login.sign_in)
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert login.checking and login.status.text() == "Đang kiểm tra mã PIN…"
    assert not login.sign_in.isEnabled()
    login.pin.returnPressed.emit()  # Enter while checking: not a second check
    assert threads[0] != threading.get_ident()
    assert gui.shell.current_screen is login  # the window goes on meanwhile
    release.set()
    qtbot.waitUntil(lambda: gui.shell.current_screen is mode.screens.home)
    settle(qtbot, gui)
    assert len(threads) == 1 and mode.on_duty.name == "Trần Quang Minh"


def test_a_late_list_does_not_come_back_after_helper_mode_is_locked(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    finished_visit(kiosk, ServiceOutcome("portal_account", "done"))
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    assert len(home.rows) == 1
    real = kiosk.transactions.list_day
    release = threading.Event()

    def slow(day: date | None = None) -> list[TransactionRecord]:
        release.wait(10)
        return real(day)

    monkeypatch.setattr(kiosk.transactions, "list_day", slow)
    tap(qtbot, home.dashboard)
    settle(qtbot, gui)
    tap(qtbot, mode.screens.dashboard.back)  # the list again: read off the GUI thread
    assert gui.shell.current_screen is home and home.loading and home.rows == []
    assert home.empty.text() == "Đang tải danh sách lượt hỗ trợ…"
    tap(qtbot, home.home)  # "Về màn hình chính" before the list came
    assert gui.shell.current_screen is gui.screens.welcome
    release.set()
    settle(qtbot, gui)
    assert home.rows == [] and not home.loading  # wiped, and stays wiped


def test_the_newest_dashboard_request_wins(
    gui: KioskGui, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui.helper_mode import dashboard as reads

    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    real = period_figures  # what reads calls, replaced below
    release = threading.Event()
    asked: list[object] = []

    def slow(kiosk: Kiosk, first: date, last: date) -> Figures:
        asked.append(first)
        if len(asked) == 1:
            release.wait(10)
        return real(kiosk, first, last)

    monkeypatch.setattr(reads, "period_figures", slow)
    screen = mode.screens.dashboard
    mode.show_dashboard("day")
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert gui.shell.current_screen is screen and screen.loading
    assert screen.period_text.text() == "Đang tải số liệu…"
    mode.show_dashboard("month")  # before the day's figures came: waits, one read at a time
    assert screen.month.isChecked() and len(asked) == 1
    release.set()
    settle(qtbot, gui)
    today = gui.kiosk.clock.now().date()
    assert asked == [today, today.replace(day=1)]
    assert screen.data is not None and screen.data.period == "month" and not screen.loading


def test_a_double_tap_closes_the_day_once(gui: KioskGui, kiosk: Kiosk, qtbot: QtBot) -> None:
    mode = close_day_with_the_admins_pin(qtbot, gui, kiosk)
    home = mode.screens.home
    assert not home.close_confirm.isEnabled() and home.close_busy.text() == "Đang chốt sổ…"
    home.close_day_requested.emit()  # a second tap that got through: refused while closing
    settle(qtbot, gui)
    assert "Đã chốt sổ ngày" in home.close_result.text()
    assert home.close_error.text() == "" and not home.close_busy.isVisible()
    with kiosk.db.unit_of_work() as uow:
        closings = [line for line in audit.read(uow.session) if line.action == "day.close"]
    assert len(closings) == 1


def test_a_long_day_lists_the_newest_visits_first_then_more(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    for _ in range(PAGE_ROWS + 3):
        kiosk.transactions.start(helper_id=None, services=["vssid"])
    mode = sign_in(qtbot, gui, "minh", HELPER_PIN)
    home = mode.screens.home
    assert len(home.rows) == PAGE_ROWS
    assert home.title.text().endswith(f"{PAGE_ROWS + 3} lượt hỗ trợ")
    assert home.more.text() == "Xem thêm 3 lượt cũ hơn"
    assert home.rows[0].record.id == kiosk.transactions.list_day()[-1].id  # the newest
    tap(qtbot, home.more)
    qtbot.waitUntil(lambda: not home.loading)
    assert len(home.rows) == PAGE_ROWS + 3 and not home.more.isVisible()


def test_the_volunteer_on_duty_is_one_object(gui: KioskGui, qtbot: QtBot) -> None:
    on_duty = gui.helper_mode.on_duty
    with qtbot.waitSignal(on_duty.changed) as started:
        sign_in(qtbot, gui, "lan", ADMIN_PIN)
    assert started.args is not None and started.args[0].username == "lan"
    assert on_duty.is_admin and on_duty.role == "admin" and gui.flow is not None
    tap(qtbot, gui.helper_mode.screens.home.home)
    tap(qtbot, gui.screens.welcome.start)
    assert gui.flow.session is not None and gui.flow.session.helper_id == on_duty.helper_id()
    gui.flow.end_visit()
    with qtbot.waitSignal(on_duty.changed) as ended:
        gui.helper_mode.sign_out()
    assert ended.args == [None] and on_duty.helper_id() is None


def test_after_close_day_the_welcome_says_so_and_no_visit_begins(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, clock: FixedClock
) -> None:
    """No dead end: before, a citizen who began after close-day was stuck at consent
    ("Ngày … đã chốt sổ"), agreeing or not. Now the welcome says so before anything is
    entered; the next day the kiosk takes visits again."""
    mode = close_day_with_the_admins_pin(qtbot, gui, kiosk)
    home = mode.screens.home
    settle(qtbot, gui)
    assert "Đã chốt sổ ngày" in home.close_result.text()
    tap(qtbot, home.close_back)
    settle(qtbot, gui)
    tap(qtbot, home.home)
    welcome = gui.screens.welcome
    settle(qtbot, gui)
    assert gui.shell.current_screen is welcome
    assert welcome.closed_notice.isVisible() and "đã chốt sổ" in welcome.closed_notice.text()
    assert not welcome.start.isVisible()
    gui.flow.begin()  # however a visit is asked for: none begins
    settle(qtbot, gui)
    assert gui.flow.session is None and gui.shell.current_screen is welcome
    clock.advance(days=1)  # the next morning
    gui.flow.begin()  # the check is read again: a new day is open
    settle(qtbot, gui)
    assert not welcome.closed and welcome.start.isVisible()
    tap(qtbot, welcome.start)
    assert gui.shell.current_screen is gui.screens.scan
