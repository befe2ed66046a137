"""End-to-end tests through the real kiosk window: scan, manual entry, guide, idle wipe,
language, kiosk lockdown. A fake camera plays image files; everything else is real."""

from __future__ import annotations

import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QThread, Slot, qWarning
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.services.identity.scanning import build_scanner
from kiosk.services.visits.transactions import FINISHED, OPEN
from kiosk.ui.main_window import KioskGui, build_gui
from kiosk.ui.scan_worker import ScanWorker
from tests.conftest import GuiFactory
from tests.factories import BA_TU_CARD
from tests.fakes import FolderPrinter, ImageFileCamera
from tests.gui_helpers import close_gui, settle

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

QR = Path(__file__).parent / "data" / "qr"
CARD_OWNER_MASKED = "012******636"  # tests/data/qr/card-ok.txt: a synthetic citizen


def _window_with_camera(make_gui: GuiFactory, kiosk: Kiosk, images: list[Path]) -> KioskGui:
    """The kiosk window whose camera plays ``images``."""

    def camera() -> ScanWorker:
        return ScanWorker(
            ImageFileCamera(images), build_scanner(clock=kiosk.clock), reconnect_seconds=0.05
        )

    return make_gui(kiosk, [camera], print_retry_seconds=0.2)


@pytest.fixture
def gui(kiosk: Kiosk, make_gui: GuiFactory) -> KioskGui:
    """The kiosk window with a camera that shows a synthetic ID card."""
    return _window_with_camera(make_gui, kiosk, [QR / "card-ok.jpg"])


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A finger on the middle of ``widget``."""
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def keyboard_key(keyboard: QWidget, name: str) -> QPushButton:
    """The on-screen keyboard's key called ``name``."""
    button = keyboard.findChild(QPushButton, name)
    assert button is not None, name
    return button


def shown(qtbot: QtBot, gui: KioskGui, screen: QWidget) -> None:
    """Wait for ``screen``: each step of a visit commits off the GUI thread first."""
    qtbot.waitUntil(lambda: gui.shell.current_screen is screen, timeout=5_000)


def agreed(qtbot: QtBot, gui: KioskGui) -> None:
    """A 78-year-old's card is read and she agrees to the notice: the services screen."""
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    tap(qtbot, gui.screens.confirm.agree)
    shown(qtbot, gui, gui.screens.services)


def test_a_scanned_visit_goes_from_welcome_to_receipt_and_back_clean(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, printer: FolderPrinter
) -> None:
    s = gui.screens
    tap(qtbot, s.welcome.start)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.confirm, timeout=10_000)
    assert s.confirm.values[1].text() == CARD_OWNER_MASKED
    assert "Phạm Hồng Ánh" in s.confirm.values[0].text()
    assert not gui.scan_hub.running  # the camera is off once the card is read
    tap(qtbot, s.confirm.agree)
    shown(qtbot, gui, s.services)

    tap(qtbot, s.services.tiles["vneid_level2"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    guide = s.guide.guide
    assert guide is not None and guide.service_code == "vneid_level2"
    tap(qtbot, s.guide.next)  # what to bring → step 1
    assert s.guide.progress_text.text() == f"Bước 1/{len(guide.steps)}"
    assert not s.guide.tip_frame.isVisible()  # helper tips are hidden from the citizen
    tap(qtbot, s.guide.stuck_button)
    assert s.guide.notice.isVisible()
    while gui.shell.current_screen is s.guide:
        tap(qtbot, s.guide.next)

    assert gui.shell.current_screen is s.outcome
    assert not s.outcome.save.isEnabled()
    tap(qtbot, s.outcome.outcomes["done"])
    tap(qtbot, s.outcome.save)
    shown(qtbot, gui, s.rating)
    tap(qtbot, s.rating.faces[4])

    shown(qtbot, gui, s.done)
    receipt_no = s.done.receipt.text()
    record = kiosk.transactions.find_by_receipt(receipt_no)
    assert record.status == FINISHED and record.satisfaction == 5
    assert record.citizen_id_masked == CARD_OWNER_MASKED
    assert [(o.service_code, o.outcome) for o in record.services] == [("vneid_level2", "done")]
    qtbot.waitUntil(lambda: not gui.tasks.is_running("visit-stuck"))
    stuck = kiosk.stuck_points.count(record.business_day, record.business_day)
    assert [(c.service_code, c.step_number) for c in stuck] == [("vneid_level2", 1)]
    qtbot.waitUntil(lambda: len(printer.printed()) == 1, timeout=10_000)
    (receipt,) = printer.printed()
    assert receipt.name.startswith(receipt_no) and receipt.read_bytes().startswith(b"%PDF-")
    qtbot.waitUntil(lambda: "in xong" in s.done.print_status.text())

    tap(qtbot, s.done.home)
    assert gui.shell.current_screen is s.welcome
    assert gui.flow.session is None
    assert s.confirm.values[0].text() == "" and s.done.receipt.text() == ""


def test_a_visit_in_english_prints_an_english_receipt(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, printer: FolderPrinter
) -> None:
    from tests.test_receipt import pdf_text

    s = gui.screens
    gui.set_language("en")
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    while gui.shell.current_screen is s.guide:
        tap(qtbot, s.guide.next)
    tap(qtbot, s.outcome.outcomes["done"])
    tap(qtbot, s.outcome.save)
    shown(qtbot, gui, s.rating)
    tap(qtbot, s.rating.faces[4])
    shown(qtbot, gui, s.done)
    qtbot.waitUntil(lambda: len(printer.printed()) == 1, timeout=10_000)
    text = pdf_text(printer.printed()[0])
    assert "SUPPORT RECEIPT" in text and "Nothing more to do." in text
    assert "BIÊN NHẬN" not in text


def test_manual_entry_by_touch_with_the_telex_keyboard(gui: KioskGui, qtbot: QtBot) -> None:
    s = gui.screens
    tap(qtbot, s.welcome.start)
    tap(qtbot, s.scan.manual)
    assert gui.shell.current_screen is s.manual and not gui.scan_hub.running
    form = s.manual.form
    for digit in "001198012345":
        tap(qtbot, form.keypad.key(digit))
    qtbot.mouseClick(form.name_field, Qt.MouseButton.LeftButton)
    assert s.manual.pages.currentWidget() is s.manual.name_page
    keyboard = s.manual.keyboard
    for index, word in enumerate(["nguyeenx", "thij", "hoongf", "nhung"]):
        if index:
            tap(qtbot, keyboard_key(keyboard, "key_space"))
        tap(qtbot, keyboard_key(keyboard, "key_shift"))  # one capital letter
        for char in word:
            tap(qtbot, keyboard_key(keyboard, f"key_{char}"))
    assert s.manual.name_field.text() == "Nguyễn Thị Hồng Nhung"
    tap(qtbot, keyboard_key(keyboard, "key_done"))
    assert form.name_field.text() == "Nguyễn Thị Hồng Nhung"
    qtbot.mouseClick(form.birth_field, Qt.MouseButton.LeftButton)
    for key in "15/08/1998":
        tap(qtbot, form.keypad.key(key))
    tap(qtbot, form.female_button)
    tap(qtbot, form.confirm_button)
    assert gui.shell.current_screen is s.confirm
    assert s.confirm.values[1].text() == "001******345"


def test_declining_consent_helps_anonymously(gui: KioskGui, kiosk: Kiosk, qtbot: QtBot) -> None:
    s = gui.screens
    tap(qtbot, s.welcome.start)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.confirm, timeout=10_000)
    tap(qtbot, s.confirm.decline)
    shown(qtbot, gui, s.services)
    assert s.confirm.values[0].text() == ""
    assert kiosk.transactions.list_day() == []  # stored with the first service chosen
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    (visit,) = kiosk.transactions.list_day()
    assert visit.citizen_id_masked is None and visit.citizen_name is None


def test_idle_time_out_wipes_the_screen_and_keeps_the_visit_to_resume(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    gui.shell.idle_watcher.set_timeout_ms(100)
    gui.shell.idle_overlay.set_tick_ms(20)
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    assert gui.shell.theme.text_step == 1  # 78 years old: large text by itself
    tap(qtbot, s.confirm.agree)
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    with qtbot.waitSignal(gui.flow.visit_ended, timeout=5_000) as ended:
        pass  # nobody touches the screen: time-out, countdown, wipe
    assert ended.args == [True]
    assert gui.shell.current_screen is s.welcome
    assert gui.shell.theme.text_step == 0 and gui.flow.session is None
    assert all(value.text() == "" for value in s.confirm.values)
    (unfinished,) = kiosk.transactions.list_unfinished()
    assert unfinished.status == OPEN and unfinished.services[0].service_code == "vssid"


def test_the_screens_address_the_citizen_as_the_card_says(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    """A 78-year-old woman is "bà" on every screen, in the idle question and in speech; the
    next citizen, before any card, is "quý khách" again."""
    s = gui.screens
    assert s.welcome.instructions.text().startswith("Quý khách cần làm tài khoản")
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    assert "hỗ trợ bà lần sau" in s.confirm.notice.text()
    tap(qtbot, s.confirm.agree)
    shown(qtbot, gui, s.services)
    assert s.services.title.text() == "Hôm nay bà cần hỗ trợ việc gì?"
    assert "bà cần hỗ trợ" in s.services.speech_text()
    assert gui.shell.idle_overlay.question.text() == "Bà còn đang dùng máy không?"
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    assert s.guide.notice.isHidden()
    gui.flow.end_visit()
    assert s.services.title.text() == "Hôm nay quý khách cần hỗ trợ việc gì?"
    assert gui.shell.idle_overlay.question.text() == "Quý khách còn đang dùng máy không?"


def test_a_double_tap_while_a_step_commits_counts_once(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    agreed(qtbot, gui)
    for late in (s.confirm.agree, s.confirm.decline, s.confirm.rescan):
        late.click()  # taps that reach the confirm screen after it has gone: refused
    assert gui.shell.current_screen is s.services and gui.flow.session is not None
    assert gui.flow.session.consented is True
    assert not gui.scan_hub.running  # the rescan was refused: no camera behind the services
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    settle(qtbot, gui)
    (visit,) = kiosk.transactions.list_day()
    assert visit.citizen_name == BA_TU_CARD.full_name
    assert [line.service_code for line in visit.services] == ["vssid"]


def test_a_slow_commit_says_so_and_the_window_keeps_answering(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    """Another connection holds the database's write lock: the visit's first commit (the
    consent and the services chosen) waits for it off the GUI thread, the screen says
    "Xin chờ một chút…" and the event loop keeps running."""
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vssid"])
    path = kiosk.settings.database_url.removeprefix("sqlite:///")
    locker = sqlite3.connect(path, timeout=30, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        tap(qtbot, s.services.proceed)
        note = gui.shell.busy_note
        qtbot.waitUntil(note.isVisible, timeout=5_000)
        assert note.text() == "Xin chờ một chút…"
        assert gui.shell.current_screen is s.services
        tap(qtbot, gui.shell.top_bar.text_size_button)  # the window answers meanwhile
        assert gui.shell.theme.text_step == 2
    finally:
        locker.execute("COMMIT")
        locker.close()
    shown(qtbot, gui, s.guide)
    qtbot.waitUntil(lambda: not gui.shell.busy_note.isVisible())
    assert len(kiosk.transactions.list_day()) == 1


def test_back_from_the_services_returns_to_the_details_and_records_nothing(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.back)
    shown(qtbot, gui, s.confirm)  # the visit goes on: the same citizen's details
    assert BA_TU_CARD.full_name in [value.text() for value in s.confirm.values]
    assert kiosk.transactions.list_day() == []
    tap(qtbot, s.confirm.decline)  # she changes her mind: helped without her details
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.back)
    shown(qtbot, gui, s.scan)  # no card any more: back to the scan
    assert gui.flow.session is not None and kiosk.transactions.list_day() == []


def test_un_ticking_a_service_after_its_guide_removes_it(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    assert s.guide.guide is not None and s.guide.guide.service_code == "vssid"
    tap(qtbot, s.guide.back)  # from the guide's first page: the services, as ticked
    shown(qtbot, gui, s.services)
    assert s.services.chosen() == ["vssid"]
    tap(qtbot, s.services.tiles["vssid"])  # not this one after all...
    tap(qtbot, s.services.tiles["e_health_book"])  # ...but this
    tap(qtbot, s.services.proceed)
    qtbot.waitUntil(lambda: s.guide.guide is not None and s.guide.guide.service_code != "vssid")
    assert s.guide.guide is not None and s.guide.guide.service_code == "e_health_book"
    (visit,) = kiosk.transactions.list_day()
    assert [line.service_code for line in visit.services] == ["e_health_book"]
    tap(qtbot, s.guide.back)
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.back)  # the visit is recorded: back to where it was, not home
    shown(qtbot, gui, s.guide)
    assert s.guide.guide is not None and s.guide.guide.service_code == "e_health_book"


def test_a_service_whose_outcome_is_recorded_stays_ticked(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot
) -> None:
    s = gui.screens
    gui.flow.begin()
    tap(qtbot, s.scan.anonymous)
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.tiles["e_health_book"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    s.guide.show_position(len(s.guide.guide.steps) if s.guide.guide else 0)
    tap(qtbot, s.guide.next)  # "Xong": how did it go?
    shown(qtbot, gui, s.outcome)
    tap(qtbot, s.outcome.outcomes["done"])
    tap(qtbot, s.outcome.save)
    qtbot.waitUntil(lambda: s.guide.guide is not None and s.guide.guide.service_code != "vssid")
    tap(qtbot, s.guide.back)
    shown(qtbot, gui, s.services)
    done = s.services.tiles["vssid"]
    assert done.isChecked() and not done.isEnabled() and "(đã xong)" in done.text()


def test_touching_the_screen_during_the_countdown_keeps_the_visit(
    gui: KioskGui, qtbot: QtBot
) -> None:
    s = gui.screens
    gui.shell.idle_watcher.set_timeout_ms(50)
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    qtbot.waitUntil(gui.shell.idle_overlay.isVisible, timeout=5_000)
    assert gui.shell.current_screen is s.confirm
    tap(qtbot, gui.shell.idle_overlay.stay)
    assert not gui.shell.idle_overlay.isVisible()
    assert gui.flow.session is not None and gui.flow.session.identity is BA_TU_CARD


def test_a_read_on_its_way_when_the_scan_stopped_does_not_replace_the_card(
    gui: KioskGui, qtbot: QtBot
) -> None:
    """The camera's thread read a frame while the first card was being shown: its late
    answer must not swap the details the citizen is reading (seen once in a loaded run)."""
    from tests.factories import BINH_CARD

    s = gui.screens
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    assert gui.shell.current_screen is s.confirm
    gui.scan_hub.identity_read.emit(BINH_CARD)  # the late answer
    assert gui.flow.session is not None and gui.flow.session.identity is BA_TU_CARD
    assert s.confirm.values[0].text() == BA_TU_CARD.full_name


def test_a_code_that_is_not_an_id_card_is_named_on_screen(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    gui = _window_with_camera(make_gui, kiosk, [QR / "vietqr.jpg"])
    tap(qtbot, gui.screens.welcome.start)
    message = gui.screens.scan.message
    qtbot.waitUntil(message.isVisible, timeout=10_000)
    assert "VietQR" in message.text() or "thanh toán" in message.text()
    assert gui.shell.current_screen is gui.screens.scan


def test_language_switches_every_screen_and_resets_after_the_visit(
    gui: KioskGui, qtbot: QtBot
) -> None:
    s = gui.screens
    tap(qtbot, gui.shell.top_bar.language)
    assert gui.language.language == "en"
    qtbot.waitUntil(lambda: s.welcome.start.text() == "Start")  # LanguageChange is posted
    assert gui.shell.top_bar.language.text() == "Tiếng Việt"
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    tap(qtbot, s.confirm.decline)
    shown(qtbot, gui, s.services)
    assert s.services.tiles["vssid"].text() == "VssID social insurance app"
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    guide = s.guide.guide
    assert guide is not None
    assert s.guide.guide_title.text() == guide.title.en
    tap(qtbot, gui.shell.top_bar.language)
    assert s.guide.guide_title.text() == guide.title.vi
    tap(qtbot, gui.shell.top_bar.language)
    gui.flow.end_visit()
    assert gui.language.language == "vi"
    qtbot.waitUntil(lambda: s.welcome.start.text() == "Bắt đầu")


def test_text_size_and_contrast_controls_restyle_and_reset(gui: KioskGui, qtbot: QtBot) -> None:
    tap(qtbot, gui.shell.top_bar.text_size_button)
    tap(qtbot, gui.shell.top_bar.contrast)
    assert gui.shell.theme.text_step == 1 and gui.shell.theme.high_contrast
    assert "#000000" in gui.shell.styleSheet()
    gui.flow.begin()
    gui.flow.end_visit()
    assert gui.shell.theme.text_step == 0 and not gui.shell.theme.high_contrast
    assert not gui.shell.top_bar.contrast.isChecked()


def test_escape_keys_are_blocked_in_kiosk_mode(gui: KioskGui, qtbot: QtBot) -> None:
    assert gui.shell.kiosk_mode
    with qtbot.waitSignal(gui.shell.exit_requested, timeout=2_000):
        qtbot.keySequence(gui.shell, QKeySequence("Ctrl+Q"))
    with qtbot.waitSignal(gui.shell.exit_requested, timeout=2_000):
        gui.shell.close()
    assert gui.shell.isVisible()


def test_a_wedge_scanner_burst_reads_the_card(gui: KioskGui, qtbot: QtBot) -> None:
    s = gui.screens
    gui.flow.begin()  # the scan screen listens to the camera and to wedge bursts
    payload = (QR / "card-ok.txt").read_text(encoding="utf-8").strip()
    gui.scan_hub.take_wedge_payload(payload)
    assert gui.shell.current_screen is s.confirm
    assert s.confirm.values[1].text() == CARD_OWNER_MASKED


def test_a_refused_code_stays_on_screen_while_the_camera_is_retried(
    gui: KioskGui, qtbot: QtBot
) -> None:
    """On a counter without a webcam the camera is tried again every few seconds; its
    "no camera" status must not wipe why the scanner's code was refused."""
    s = gui.screens
    gui.flow.begin()
    gui.scan_hub.take_wedge_payload("https://example.vn/khong-phai-the-can-cuoc")
    refused = s.scan.message.text()
    assert refused and s.scan.message.isVisible()
    gui.scan_hub.camera_status.emit(False, "Không tìm thấy camera.")  # the retry, 2 s later
    gui.scan_hub.camera_status.emit(True, "")
    assert s.scan.message.text() == refused
    tap(qtbot, s.scan.back)  # leaving the screen forgets it
    gui.flow.begin()
    gui.scan_hub.camera_status.emit(False, "Không tìm thấy camera.")
    assert s.scan.message.text() == "Không tìm thấy camera."


def test_a_second_card_scanned_mid_visit_is_answered(gui: KioskGui, qtbot: QtBot) -> None:
    s = gui.screens
    gui.flow.begin()
    tap(qtbot, s.scan.anonymous)
    shown(qtbot, gui, s.services)
    payload = (QR / "card-ok.txt").read_text(encoding="utf-8").strip()
    gui.scan_hub.take_wedge_payload(payload)  # another citizen's card, on the services screen
    assert gui.shell.current_screen is s.services  # the visit goes on
    assert gui.shell.banner.isVisible() and "không cần quét thẻ" in gui.shell.banner.text()


def test_an_earlier_receipts_printer_trouble_stays_off_the_next_citizens_screen(
    gui: KioskGui, qtbot: QtBot
) -> None:
    gui.flow.begin()  # the next citizen is typing
    gui.receipts.failed.emit("Q01-20261123-0001", "Máy in đang tắt hoặc hết giấy.")
    assert not gui.shell.banner.isVisible()  # not theirs: no banner every retry
    assert "hết giấy" in gui.shell.top_bar.printer_state.text()  # the volunteer sees it
    gui.receipts.printed.emit("Q01-20261123-0001")
    assert not gui.shell.top_bar.printer_state.isVisible()


def test_the_outcome_screen_goes_back_to_the_guides_last_step(gui: KioskGui, qtbot: QtBot) -> None:
    s = gui.screens
    gui.flow.begin()
    tap(qtbot, s.scan.anonymous)
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.tiles["portal_account"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    while gui.shell.current_screen is s.guide:
        tap(qtbot, s.guide.next)
    assert gui.shell.current_screen is s.outcome
    tap(qtbot, s.outcome.back)  # not a dead end: the last step again, nothing recorded
    guide = s.guide.guide
    assert gui.shell.current_screen is s.guide and guide is not None
    assert s.guide.position == len(guide.steps)
    tap(qtbot, s.guide.next)
    assert gui.shell.current_screen is s.outcome


def test_the_cameras_status_speaks_the_screens_language(gui: KioskGui) -> None:
    from kiosk.devices.camera import CAMERA_LOST

    gui.set_language("en")
    gui.flow.begin()
    gui.scan_hub.camera_status.emit(False, CAMERA_LOST)  # what the camera worker sends
    assert gui.screens.scan.message.text().startswith("Lost the camera signal")


def test_a_receipt_waits_for_a_printer_that_is_off(
    gui: KioskGui, kiosk: Kiosk, qtbot: QtBot, printer: FolderPrinter
) -> None:
    s = gui.screens
    printer.on = False
    gui.flow.begin()
    tap(qtbot, s.scan.anonymous)
    shown(qtbot, gui, s.services)
    tap(qtbot, s.services.tiles["other"])
    tap(qtbot, s.services.proceed)
    qtbot.waitUntil(lambda: gui.shell.current_screen in (s.guide, s.outcome), timeout=5_000)
    while gui.shell.current_screen is s.guide:
        tap(qtbot, s.guide.next)
    tap(qtbot, s.outcome.outcomes["done"])
    tap(qtbot, s.outcome.save)
    shown(qtbot, gui, s.rating)
    tap(qtbot, s.rating.skip)
    qtbot.waitUntil(lambda: "khi máy in sẵn sàng" in s.done.print_status.text(), timeout=10_000)
    # plain words for the citizen; the cause for the volunteer, in the top bar
    assert "tình nguyện viên sẽ đưa" in s.done.print_status.text()
    top_bar = gui.shell.top_bar
    assert top_bar.printer_state.isVisible() and "Máy in đang tắt" in top_bar.printer_state.text()
    # one sentence in the bar (the whole cause made it a column 336 px tall at 1366x768);
    # what to do next is in the tooltip
    assert top_bar.printer_state.text().count(". ") == 0
    assert top_bar.printer_state.toolTip().startswith(
        top_bar.printer_state.text()[len("Máy in: ") :]
    )
    from kiosk.devices.printers.base import MSG_PRINTER_OFF
    from kiosk.ui.widgets.top_bar import first_sentence

    cause = MSG_PRINTER_OFF.format(name="quay-so")
    assert (
        first_sentence(cause) == "Máy in đang tắt hoặc hết giấy (hàng in 'quay-so' đang tạm dừng)."
    )
    assert not gui.shell.banner.isVisible()
    assert printer.printed() == []
    printer.on = True  # the printer comes back: the queued receipt comes out by itself
    qtbot.waitUntil(lambda: len(printer.printed()) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "in xong" in s.done.print_status.text())
    assert not top_bar.printer_state.isVisible()
    tap(qtbot, s.done.reprint)
    qtbot.waitUntil(lambda: len(printer.printed()) == 2, timeout=10_000)


# -- errors reach people: uncaught exceptions anywhere, Qt's warnings ---------------------------


def _logged_with_traceback(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return any(
        record.exc_info is not None
        and text in "".join(traceback.format_exception(*record.exc_info))
        and "Traceback" in "".join(traceback.format_exception(*record.exc_info))
        for record in caplog.records
        if record.name == "kiosk.ui.error_hooks"
    )


def test_an_exception_in_a_slot_is_logged_shown_and_the_kiosk_goes_on(
    gui: KioskGui, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """pytest-qt's own capture is on: the test fails if the exception reaches it, so only
    the window's hook can have logged it and put it in the banner."""

    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    gui.shell.top_bar.text_size.connect(broken_slot)  # beside the real slot
    tap(qtbot, gui.shell.top_bar.text_size_button)  # a real click, a real signal
    assert _logged_with_traceback(caplog, "a bug in a slot")
    banner = gui.shell.banner
    assert banner.isVisible() and banner.text().startswith("Đã xảy ra lỗi ngoài dự kiến")
    assert gui.shell.theme.text_step == 1  # the real slot ran too
    tap(qtbot, gui.screens.welcome.start)  # still usable
    assert gui.shell.current_screen is gui.screens.scan


def test_an_exception_in_a_worker_thread_is_logged_and_shown(
    gui: KioskGui, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A Python thread (threading.excepthook) and a QThread's slot (sys.excepthook, called on
    the worker's thread: the banner is reached through a queued signal)."""

    def crash() -> None:
        raise ValueError("a bug in a thread")

    thread = threading.Thread(target=crash, name="crashing-thread")
    thread.start()
    thread.join(5)
    banner = gui.shell.banner
    qtbot.waitUntil(banner.isVisible, timeout=5_000)
    assert banner.text().startswith("Đã xảy ra lỗi ngoài dự kiến")
    assert _logged_with_traceback(caplog, "a bug in a thread")

    gui.shell.clear_error()

    class Crashing(QObject):
        @Slot()
        def run(self) -> None:
            raise LookupError("a bug in a QThread")

    worker, qthread = Crashing(), QThread()
    worker.moveToThread(qthread)
    qthread.started.connect(worker.run)
    qthread.start()
    try:
        qtbot.waitUntil(banner.isVisible, timeout=5_000)
    finally:
        qthread.quit()
        assert qthread.wait(5_000)
    assert _logged_with_traceback(caplog, "a bug in a QThread")
    tap(qtbot, gui.screens.welcome.start)
    assert gui.shell.current_screen is gui.screens.scan


@pytest.mark.qt_log_ignore("kiosk test: a Qt warning")
def test_qt_warnings_go_to_the_log_and_shutdown_restores_every_hook(
    kiosk: Kiosk, qapp: QApplication, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    before = (sys.excepthook, threading.excepthook)
    gui = build_gui(kiosk, [], app=qapp, printer=FolderPrinter(tmp_path / "printed"))
    try:
        assert gui.error_hooks is not None and gui.error_hooks.installed
        assert (sys.excepthook, threading.excepthook) != before
        qWarning("kiosk test: a Qt warning")
        assert any(
            r.name == "kiosk.qt" and r.levelname == "WARNING" and "a Qt warning" in r.message
            for r in caplog.records
        )
    finally:
        close_gui(gui, qapp)
    assert (sys.excepthook, threading.excepthook) == before
    caplog.clear()
    qWarning("kiosk test: a Qt warning")  # no longer ours
    assert not any(r.name == "kiosk.qt" for r in caplog.records)


def test_shutdown_takes_the_windows_event_filters_off_the_application(
    kiosk: Kiosk, qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui = build_gui(kiosk, [], app=qapp, printer=FolderPrinter(tmp_path / "printed"))
    closed = False
    seen: list[str] = []

    def spy(name: str) -> Callable[[QObject, QEvent], bool]:
        def event_filter(_watched: QObject, _event: QEvent) -> bool:
            seen.append(name)
            return False  # never consumes: the real filters do not either

        return event_filter

    try:
        for watcher in gui.event_filters:
            monkeypatch.setattr(watcher, "eventFilter", spy(type(watcher).__name__))
        assert len(gui.event_filters) == 4  # wedge, idle watcher, unlock watcher, tap guard
        probe = QWidget()
        qtbot.addWidget(probe)
        qtbot.keyClick(probe, Qt.Key.Key_A)
        assert sorted(set(seen)) == ["IdleWatcher", "TapGuard", "WedgeFilter"]
        close_gui(gui, qapp)
        closed = True
        seen.clear()
        qtbot.keyClick(probe, Qt.Key.Key_A)
        assert seen == []
    finally:
        if not closed:  # a failed check must not leave the filters on the shared application
            close_gui(gui, qapp)
