"""One synthetic visit through every screen of the kiosk, and a morning of visits to show.

:func:`tour` drives a GUI built by ``build_gui`` through every citizen screen and helper
mode, calling ``snap(name)`` on each: scripts/screenshots.py takes a picture there,
tests/test_layouts.py checks that nothing is cut off. Synthetic people only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CENTRE_NAME = "Trung tâm Phục vụ hành chính công phường Sông Cầu"
SENIOR_NAME = "Lê Thị Tư"  # the synthetic citizen of the tour
VOLUNTEER_NAME = "Nguyễn Thị Lan"


def tour(gui, snap: Callable[[str], None], language: str) -> None:  # type: ignore[no-untyped-def]
    """Walk one synthetic visit through every citizen screen, taking a picture of each."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kiosk.services.identity import CitizenIdentity
    from kiosk.ui.scan_worker import frame_to_qimage

    s = gui.screens
    snap("01-welcome")
    gui.flow.begin()
    gui.scan_hub.stop()  # no webcam here: show a synthetic card photo instead
    import cv2

    card = cv2.imread(str(ROOT / "tests" / "data" / "qr" / "card-ok.jpg"))
    assert card is not None, "tests/data/qr/card-ok.jpg is missing"
    image: QImage = frame_to_qimage(cv2.resize(card, (1280, 720)))
    s.scan.show_frame(image)
    snap("02-scan")
    s.scan.manual.click()
    snap("03-manual-entry")
    s.manual.open_name_page()
    s.manual.name_field.setText(SENIOR_NAME)
    snap("04-manual-name-keyboard")
    s.manual.clear()
    senior = CitizenIdentity(
        id_number="038048001234",
        old_id_number=None,
        full_name=SENIOR_NAME,
        birth_date=date(1948, 3, 2),
        gender="Nữ",
    )
    gui.flow.take_identity(senior)
    snap("05-confirm-consent-large-text")
    s.confirm.agree.click()
    s.services.tiles["vneid_level2"].setChecked(True)
    s.services.tiles["online_filing"].setChecked(True)
    snap("06-services")
    s.services.proceed.click()
    snap("07-guide-prepare")
    s.guide.next.click()
    s.guide.next.click()
    s.guide.next.click()
    snap("08-guide-step")
    s.guide.stuck_button.click()
    snap("09-guide-stuck-with-helper-tip")
    while gui.shell.current_screen is s.guide:
        s.guide.next.click()
    s.outcome.outcomes["partial"].setChecked(True)
    s.outcome.reasons["otp_not_received"].setChecked(True)
    snap("10-outcome-partly-done")
    s.outcome.save.click()
    while gui.shell.current_screen is s.outcome:  # the outcome commits off the GUI thread
        gui.tasks.wait_idle(100)
        QApplication.processEvents()
    while gui.shell.current_screen is s.guide:
        s.guide.next.click()
    s.outcome.outcomes["done"].setChecked(True)
    s.outcome.dossier.setText("G22.384-241123-0001")
    snap("11-outcome-dossier-code")
    s.outcome.save.click()
    snap("12-rating")
    s.rating.faces[4].click()
    gui.shell.apply_theme(gui.shell.theme)  # no-op restyle; the print result arrives async
    snap("13-done-receipt")
    receipt_no = s.done.receipt.text()
    from kiosk.devices.printers.base import MSG_PRINTER_OFF
    from kiosk.ui.i18n import translate_message

    cause = translate_message(MSG_PRINTER_OFF.format(name="quay-so"))  # as the print worker does
    gui.show_print_result(receipt_no, False, cause)
    snap("13b-done-receipt-waits-for-the-printer")
    gui.show_print_result(receipt_no, True)
    gui.shell.idle_overlay.start()
    snap("14-idle-countdown")
    gui.shell.idle_overlay.cancel()
    gui.flow.end_visit()
    gui.set_language(language)  # the end of a visit resets the language
    gui.shell.set_high_contrast(True)
    snap("15-welcome-high-contrast")
    gui.shell.set_high_contrast(False)
    helper_tour(gui, snap)
    offline_note(gui, snap)


def offline_note(gui, snap: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    """The top bar while the centre's shared database cannot be reached."""
    from kiosk.services.sync import SyncStatus

    offline = SyncStatus(online=False, pending=3, conflicts=0, last_sent_at=None, last_error="")
    gui.shell.top_bar.show_sync(offline)
    gui.shell.show_screen(gui.screens.welcome)
    snap("22-welcome-offline-note")
    gui.shell.top_bar.show_sync(None)
    gui.screens.welcome.set_closed(True)
    snap("24-welcome-day-closed")
    gui.screens.welcome.set_closed(False)


def helper_tour(gui, snap: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    """Helper mode: sign-in, today's visits, the dashboard, helper accounts."""
    mode = gui.helper_mode
    mode.open()
    login = mode.screens.login
    snap("16-helper-sign-in")
    login.sign_in_requested.emit("lan", "wrong1")
    snap("17-helper-wrong-pin")
    login.sign_in_requested.emit("lan", "246810")
    snap("18-helper-home")
    mode.show_dashboard("day")
    snap("19-dashboard-today")
    mode.show_dashboard("month")
    snap("20-dashboard-month")
    mode.show_dashboard("day", centre=True)
    snap("23-dashboard-whole-centre")
    mode.show_dashboard("day", centre=False)
    mode.show_home()
    mode.screens.home.manage.click()
    snap("21a-admin-pin-again")  # an admin's power asks for the PIN again
    login.sign_in_requested.emit("lan", "246810")
    snap("21-helper-accounts")
    mode.sign_out()


def seed_visits(kiosk) -> None:  # type: ignore[no-untyped-def]
    """A morning of synthetic visits, so the dashboard and today's list have content."""
    from kiosk.domain.values import CitizenDetails, ServiceOutcome, VisitDetails

    people = (
        CitizenDetails("001198012345", "Nguyễn Thị Hồng Nhung", 1998, "Nữ"),
        CitizenDetails("079203004567", "Trần Văn Bình", 2003, "Nam"),
        None,
    )
    outcomes = (
        ServiceOutcome("vneid_level2", "done"),
        ServiceOutcome("online_filing", "done", dossier_code="G22.384-241123-0001"),
        ServiceOutcome("signature_vnpt_smartca", "not_possible", "phone_not_own_name"),
    )
    for index, outcome in enumerate(outcomes):
        visit = kiosk.transactions.start(helper_id=None, citizen=people[index])
        kiosk.transactions.record_outcome(visit, outcome)
        kiosk.transactions.record_details(visit, VisitDetails(satisfaction=5 - index))
        kiosk.transactions.finish(visit)
    unfinished = kiosk.transactions.start(helper_id=None, services=["vssid"])
    del unfinished  # left open: "chưa xong" in today's list


def seeded_kiosk(scratch: Path):  # type: ignore[no-untyped-def]
    """A kiosk with an admin (lan, PIN 246810), a morning of visits here and at Q02, sent
    to the centre; KIOSK_CONFIG_DIR, KIOSK_DATA_DIR and KIOSK_CENTRAL_DATABASE_URL must
    point into ``scratch``."""
    from kiosk.app import build_kiosk
    from kiosk.settings import load_settings
    from kiosk.storage.database import create_kiosk_engine, upgrade_schema

    centre = create_kiosk_engine(load_settings().central_database_url)
    upgrade_schema(centre)  # as the centre's admin does (kiosk centre upgrade): counters never
    centre.dispose()
    kiosk = build_kiosk(load_settings())
    kiosk.helpers.add("lan", VOLUNTEER_NAME, "246810", kind="volunteer", role="admin")
    seed_visits(kiosk)
    other = build_kiosk(
        replace(
            load_settings(),
            counter_code="Q02",
            data_dir=Path(scratch) / "q02",
            database_url=f"sqlite:///{scratch}/q02.sqlite3",
        )
    )
    for _ in range(4):
        seed_visits(other)
    for counter in (kiosk, other):
        assert counter.sync is not None
        counter.sync.drain()
    other.close()
    return kiosk
