"""The guides added for issue 15, item 3 (VNeID): in the catalogue with the right figures,
valid, and played end to end through the real kiosk window, each step as the guide file says."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QGridLayout
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.domain.catalogue import default_catalogue
from kiosk.services.guides import GuideLibrary, check_guides
from kiosk.services.reporting.figures import compute_figures
from kiosk.services.visits.transactions import FINISHED
from kiosk.text.address import FormOfAddress
from kiosk.ui.main_window import KioskGui
from kiosk.ui.theme import TEXT_SCALES, Theme
from tests.conftest import GuiFactory
from tests.fakes import FolderPrinter
from tests.test_gui import agreed, shown, tap
from tests.test_receipt import pdf_text

DAY = date(2026, 11, 23)  # the tests' fixed clock (tests/conftest.py)
# code → the report figure it counts towards (None: no province report counts it)
NEW_GUIDES = {
    "vneid_new_phone": None,
    "vneid_forgot_password": None,
    "vneid_lock_account": None,
    "vneid_documents": None,
    "judicial_record_vneid": "dossiers_filed_online",
    "signature_vneid": "digital_signatures",
}
DOSSIER_CODE = "LLTP-261123-0042"  # synthetic


def test_the_new_services_are_in_the_catalogue_with_their_figures() -> None:
    catalogue = default_catalogue()
    for code, figure in NEW_GUIDES.items():
        service = catalogue.service(code)
        assert service.figure == figure, code
        assert service.name("vi") and service.name("en") != service.name("vi")
        assert service.takes_dossier_code == (code == "judicial_record_vneid")
    assert catalogue.services[-1].code == "other"  # "Hỗ trợ khác" stays the last tile


def test_the_new_guides_are_valid_and_their_pictures_render(guide_library: GuideLibrary) -> None:
    assert [p for p in check_guides() if p.path.stem in NEW_GUIDES] == []
    for code in NEW_GUIDES:
        guide = guide_library.get(code)
        assert guide is not None and guide.checked == "2026-12" and guide.sources, code
        for step in guide.steps:
            assert QSvgRenderer(str(step.image)).isValid(), step.image


def play_guide(qtbot: QtBot, gui: KioskGui, guide_library: GuideLibrary, code: str) -> None:
    """Tap through every page of ``code``'s guide as Bà Tư (78, a woman: "bà") sees it,
    checking each against the guide file, to the outcome screen."""
    s = gui.screens
    shown_to_her = FormOfAddress("bà").fill
    tap(qtbot, s.services.tiles[code])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    guide = guide_library.get(code)
    assert guide is not None and s.guide.guide is guide
    assert s.guide.guide_title.text() == shown_to_her(guide.title.vi)
    assert shown_to_her(guide.summary.vi) in s.guide.step_text.text()
    for number, step in enumerate(guide.steps, start=1):
        tap(qtbot, s.guide.next)
        assert s.guide.progress_text.text() == f"Bước {number}/{len(guide.steps)}"
        assert s.guide.step_title.text() == shown_to_her(step.title.vi)
        assert s.guide.step_text.text() == shown_to_her(step.text.vi)
        assert "{" not in s.guide.step_text.text() + s.guide.step_title.text()
        assert s.guide.picture.path == step.image
        assert not s.guide.tip_frame.isVisible()  # helper tips stay hidden from the citizen
        assert s.guide.tip_text.text() == (step.tip.vi if step.tip else "")  # for the helper
    assert s.guide.next.text() == "Xong"
    tap(qtbot, s.guide.next)
    shown(qtbot, gui, s.outcome)


def finish_as_done(
    qtbot: QtBot,
    gui: KioskGui,
    kiosk: Kiosk,
    printer: FolderPrinter,
    code: str,
    *,
    figure: str | None,
    dossier_code: str | None,
) -> None:
    """From the outcome screen of ``code``: "Đã hoàn thành" (with ``dossier_code`` where the
    service takes one), the rating, the receipt on screen and on paper, and the figures."""
    s = gui.screens
    tap(qtbot, s.outcome.outcomes["done"])
    assert s.outcome.dossier.isVisible() == (dossier_code is not None)
    if dossier_code is not None:
        s.outcome.dossier.setText(dossier_code)
    tap(qtbot, s.outcome.save)
    shown(qtbot, gui, s.rating)
    tap(qtbot, s.rating.faces[4])
    shown(qtbot, gui, s.done)

    receipt_no = s.done.receipt.text()
    record = kiosk.transactions.find_by_receipt(receipt_no)
    assert record.status == FINISHED
    assert [(o.service_code, o.outcome) for o in record.services] == [(code, "done")]
    assert record.services[0].dossier_code == dossier_code
    qtbot.waitUntil(lambda: len(printer.printed()) == 1, timeout=10_000)
    paper = pdf_text(printer.printed()[0])  # the citizen takes this home
    assert receipt_no in paper and kiosk.catalogue.service(code).name("vi") in paper, paper
    assert dossier_code is None or dossier_code in paper
    with kiosk.db.unit_of_work() as uow:
        total = compute_figures(uow.session, kiosk.catalogue, DAY, DAY)[None]
    counted = {name: n for name, n in total.by_figure.items() if n}
    assert counted == ({figure: 1} if figure else {})
    assert {name: n for name, n in total.people_by_figure.items() if n} == counted
    if dossier_code is not None:
        assert total.dossiers == {"full_process": 1, "partial_process": 0}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("code", list(NEW_GUIDES))
def test_each_new_guide_plays_through_the_window_to_a_recorded_outcome(
    code: str,
    kiosk: Kiosk,
    make_gui: GuiFactory,
    printer: FolderPrinter,
    guide_library: GuideLibrary,
    qtbot: QtBot,
) -> None:
    gui = make_gui(kiosk)
    agreed(qtbot, gui)
    play_guide(qtbot, gui, guide_library, code)
    dossier = DOSSIER_CODE if code == "judicial_record_vneid" else None
    finish_as_done(qtbot, gui, kiosk, printer, code, figure=NEW_GUIDES[code], dossier_code=dossier)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("size", "text_step", "across"),
    [
        ((1920, 1080), 0, 4),
        ((1920, 1080), 1, 3),
        ((1920, 1080), len(TEXT_SCALES) - 1, 3),
        ((1366, 768), 0, 3),
        ((1080, 1920), 0, 3),
    ],
)
def test_the_longer_list_of_services_scrolls_inside_and_keeps_continue_on_screen(
    size: tuple[int, int],
    text_step: int,
    across: int,
    kiosk: Kiosk,
    make_gui: GuiFactory,
    qapp: QApplication,
    qtbot: QtBot,
) -> None:
    """Four tiles across a 1080p screen at normal text, three otherwise, in catalogue order;
    the tiles scroll in their own area, so "Tiếp tục" stays inside the window (the page
    itself does not scroll it away)."""
    gui = make_gui(kiosk)
    agreed(qtbot, gui)
    gui.shell.apply_theme(Theme(text_step=text_step))  # a senior's visit starts larger
    gui.shell.resize(*size)
    for _ in range(3):
        qapp.processEvents()
    s = gui.screens.services
    assert s.columns == across
    host = s.tiles["other"].parentWidget()
    grid = host.layout() if host is not None else None
    assert isinstance(grid, QGridLayout)
    for index, tile in enumerate(s.tiles.values()):
        position = cast("tuple[int, int, int, int]", grid.getItemPosition(grid.indexOf(tile)))
        assert position[:2] == (index // across, index % across)
    for button in (s.proceed, s.back):
        corner = button.mapTo(gui.shell, button.rect().bottomRight())
        assert corner.y() < gui.shell.height() and corner.x() < gui.shell.width()
