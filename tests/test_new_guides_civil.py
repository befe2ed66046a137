"""The civil-procedure guides added for issue 15, item 3 (bank biometrics, the linked birth
registration, a child's identity card, residence registration): in the catalogue with the right
figures, valid, sourced, and played end to end through the real kiosk window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.domain.catalogue import default_catalogue
from kiosk.services.guides import GuideLibrary, check_guides
from tests.conftest import GuiFactory
from tests.fakes import FolderPrinter
from tests.test_gui import agreed
from tests.test_new_guides import finish_as_done, play_guide

DAY = date(2026, 11, 23)  # the tests' fixed clock (tests/conftest.py)
ONLINE = "dossiers_filed_online"
# code → the report figure it counts towards (None: no province report counts it)
NEW_GUIDES = {
    "bank_biometrics": None,
    "birth_registration_linked": ONLINE,
    "child_identity_card": ONLINE,
    "residence_registration": ONLINE,
}
DOSSIER_CODE = "H31.99-261123-0007"  # synthetic


def test_the_new_services_are_in_the_catalogue_with_their_figures() -> None:
    catalogue = default_catalogue()
    for code, figure in NEW_GUIDES.items():
        service = catalogue.service(code)
        assert service.figure == figure, code
        vi, en = service.name("vi"), service.name("en")
        assert vi and en and vi != en, code
        assert service.takes_dossier_code == (figure == ONLINE), code
    assert catalogue.services[-1].code == "other"  # "Hỗ trợ khác" stays the last tile


def test_the_new_guides_are_valid_sourced_and_their_pictures_render(
    guide_library: GuideLibrary,
) -> None:
    assert [p for p in check_guides() if p.path.stem in NEW_GUIDES] == []
    for code in NEW_GUIDES:
        guide = guide_library.get(code)
        assert guide is not None and guide.checked == "2026-12", code
        assert len(guide.sources) >= 3 and all("https://" in s for s in guide.sources), code
        for step in guide.steps:
            assert QSvgRenderer(str(step.image)).isValid(), step.image


def test_the_biometric_guide_dates_each_rule_as_the_sources_do(
    guide_library: GuideLibrary,
) -> None:
    """Circular 17/2024 from 1 January 2025; Decision 2345 from 1 July 2024, not 2025."""
    guide = guide_library.get("bank_biometrics")
    assert guide is not None
    sources = " ".join(guide.sources)
    assert "Thông tư 17/2024/TT-NHNN" in sources and "2345/QĐ-NHNN áp dụng từ 1/7/2024" in sources
    tips = " ".join(step.tip.vi for step in guide.steps if step.tip)
    assert "Quyết định 2345/QĐ-NHNN (từ 1/7/2024)" in tips


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
    figure = NEW_GUIDES[code]
    dossier = DOSSIER_CODE if figure == ONLINE else None
    finish_as_done(qtbot, gui, kiosk, printer, code, figure=figure, dossier_code=dossier)
