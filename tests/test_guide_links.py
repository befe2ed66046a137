"""A tip may point to another guide (``see_also``, issue 15): the check verifies the guide
exists, and the guide screen's helper area opens it and comes back to the step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.services.guides import GuideError, GuideLibrary, check_guides, load_guide, load_guides
from kiosk.text.address import FormOfAddress
from kiosk.ui.screens.guide import GuideScreen
from kiosk.ui.theme import TEXT_SCALES, Theme
from tests.conftest import GuiFactory
from tests.layout_check import layout_problems
from tests.test_gui import agreed, shown, tap
from tests.test_guides import _line, _replace_in_step, _text, _write
from tests.test_layouts import SIZES

# the guide, the step whose tip points elsewhere, and where it points
SHIPPED_LINKS = {
    ("online_payment", "pay"): "bank_biometrics",
    ("cashless_account", "choose"): "bank_biometrics",
    ("vneid_level2", "done"): "vneid_new_phone",
}


def test_the_shipped_tips_point_to_the_new_guides(guide_library: GuideLibrary) -> None:
    links = {
        (guide.service_code, step.id): step.see_also
        for guide in guide_library
        for step in guide
        if step.see_also
    }
    assert links == SHIPPED_LINKS
    for (code, step_id), target in links.items():
        guide = guide_library.get(code)
        assert guide is not None and target in guide_library
        tip = guide.step(step_id).tip
        assert tip is not None and "nút bên dưới" in tip.vi and "the button below" in tip.en


def _linked(directory: Path, target: str = "other", *, step: int = 2) -> Path:
    """vssid.toml whose step ``step`` points to ``target``, and other.toml beside it."""
    tip = f'tip_en = "Tip number {step}."\n'
    text = _replace_in_step(_text(), step, tip, f'{tip}see_also = "{target}"\n')
    other = _text().replace('service = "vssid"', 'service = "other"')
    _write(directory, other, name="other.toml")
    return _write(directory, text)


def test_a_step_may_point_to_a_guide_beside_it(tmp_path: Path) -> None:
    _linked(tmp_path)
    library = load_guides(tmp_path)
    vssid = library.get("vssid")
    assert vssid is not None and [s.see_also for s in vssid] == [None, "other", None]
    assert {p.kind for p in check_guides(tmp_path)} == {"missing_guide"}  # the other 20


@pytest.mark.parametrize(
    ("target", "kind", "said"),
    [
        ("no_such_service", "unknown_link", "không có trong danh mục dịch vụ"),
        ("vssid", "self_link", "trỏ tới chính hướng dẫn"),
        ("vneid_level2", "missing_link_guide", "thư mục không có tệp đó"),
    ],
)
def test_a_link_to_no_guide_is_reported_at_its_line(
    tmp_path: Path, target: str, kind: str, said: str
) -> None:
    path = _linked(tmp_path, target)
    text = path.read_text(encoding="utf-8")
    found = [p for p in check_guides(tmp_path) if p.path == path]
    assert [(p.kind, p.line) for p in found] == [(kind, _line(text, "see_also"))]
    assert said in found[0].problem and "bước 2" in found[0].problem
    with pytest.raises(GuideError) as raised:  # the kiosk refuses to load it too
        load_guides(tmp_path)
    assert raised.value.kind == kind


def test_a_file_read_alone_checks_the_code_but_not_the_folder(tmp_path: Path) -> None:
    path = _linked(tmp_path, "vneid_level2")
    assert load_guide(path).step("step_2").see_also == "vneid_level2"


def test_a_link_needs_the_tip_that_explains_it(tmp_path: Path) -> None:
    path = _linked(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = _replace_in_step(text, 2, 'tip_vi = "Mẹo số 2."\ntip_en = "Tip number 2."\n', "")
    path.write_text(text, encoding="utf-8")
    found = [(p.kind, p.line) for p in check_guides(tmp_path) if p.path == path]
    assert found == [("missing_key_step", _line(text, "see_also"))]


def test_cli_guides_check_names_the_broken_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _linked(tmp_path, "vneid_level2")
    assert main(["guides", "check", str(tmp_path)]) == 2
    out = capsys.readouterr().out.splitlines()
    line = _line(path.read_text(encoding="utf-8"), "see_also")
    assert (
        f'{path}:{line}: bước 2 trỏ tới hướng dẫn "vneid_level2" nhưng thư mục không có tệp đó'
        in out
    )


def test_the_screen_opens_the_linked_guide_and_comes_back(
    qtbot: QtBot, guide_library: GuideLibrary, guide_screen: GuideScreen
) -> None:
    screen = guide_screen
    origin, linked = guide_library.get("vneid_level2"), guide_library.get("vneid_new_phone")
    assert origin is not None and linked is not None
    screen.play(origin)
    finished: list[str] = []
    screen.finished.connect(finished.append)
    done = origin.index_of("done") + 1
    for _ in range(done):
        tap(qtbot, screen.next)
    assert screen.position == done and screen.see_also is linked
    tap(qtbot, screen.tip_button)
    button = screen.see_also_button
    assert button.isVisible() and button.text() == f"Mở hướng dẫn: {linked.title.vi}"
    tap(qtbot, button)
    assert screen.guide is linked and screen.position == 0 and screen.opened_from is origin
    tap(qtbot, screen.back)  # "Quay lại" from its first page: back to the step
    assert (screen.guide, screen.position, screen.opened_from) == (origin, done, None)
    tap(qtbot, screen.tip_button)
    tap(qtbot, screen.see_also_button)
    for _ in range(len(linked)):
        tap(qtbot, screen.next)
    assert screen.next.text() == "Về hướng dẫn trước" and finished == []
    tap(qtbot, screen.next)
    assert (screen.guide, screen.position) == (origin, done) and finished == []
    assert not screen.tip_frame.isVisible()
    assert screen.next.text() == "Xong"  # "done" is vneid_level2's last step
    tap(qtbot, screen.next)
    assert finished == ["vneid_level2"]


def test_a_step_without_a_link_shows_no_button(
    qtbot: QtBot, guide_library: GuideLibrary, guide_screen: GuideScreen
) -> None:
    screen = guide_screen
    guide = guide_library.get("online_payment")
    assert guide is not None
    screen.play(guide)
    tap(qtbot, screen.next)
    tap(qtbot, screen.tip_button)
    assert screen.tip_frame.isVisible() and not screen.see_also_button.isVisible()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_in_the_window_a_payment_visit_detours_through_the_biometric_guide(
    kiosk: Kiosk, make_gui: GuiFactory, guide_library: GuideLibrary, qtbot: QtBot
) -> None:
    """Bà Tư pays a fee; the bank app asks for its biometric check: the volunteer opens that
    guide from the tip, plays it through, and the payment goes on to its outcome alone."""
    gui = make_gui(kiosk)
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["online_payment"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    payment, biometrics = guide_library.get("online_payment"), guide_library.get("bank_biometrics")
    assert payment is not None and biometrics is not None
    pay = payment.index_of("pay") + 1
    for _ in range(pay):
        tap(qtbot, s.guide.next)
    tap(qtbot, s.guide.tip_button)
    tap(qtbot, s.guide.see_also_button)
    shown_to_her = FormOfAddress("bà").fill
    assert s.guide.guide_title.text() == shown_to_her(biometrics.title.vi)
    for number, step in enumerate(biometrics.steps, start=1):
        tap(qtbot, s.guide.next)
        assert s.guide.step_title.text() == shown_to_her(step.title.vi), number
    tap(qtbot, s.guide.next)
    assert gui.shell.current_screen is s.guide and s.guide.guide is payment
    assert s.guide.position == pay
    while gui.shell.current_screen is s.guide:
        tap(qtbot, s.guide.next)
    shown(qtbot, gui, s.outcome)
    assert s.outcome.service_code == "online_payment"
    tap(qtbot, s.outcome.outcomes["done"])
    s.outcome.dossier.setText("H31.99-261123-0008")
    tap(qtbot, s.outcome.save)
    shown(qtbot, gui, s.rating)
    tap(qtbot, s.rating.faces[4])
    shown(qtbot, gui, s.done)
    record = kiosk.transactions.find_by_receipt(s.done.receipt.text())
    assert [(o.service_code, o.outcome) for o in record.services] == [("online_payment", "done")]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_tip_with_its_button_fits_every_counter_screen(
    kiosk: Kiosk,
    make_gui: GuiFactory,
    guide_library: GuideLibrary,
    qtbot: QtBot,
    qapp: QApplication,
) -> None:
    """vneid_level2's last tip is among the longest; with its button it still fits, at every
    monitor size of tests/test_layouts.py, at normal and at the largest text."""
    gui = make_gui(kiosk)
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vneid_level2"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    guide = guide_library.get("vneid_level2")
    assert guide is not None
    for _ in range(len(guide)):
        tap(qtbot, s.guide.next)
    tap(qtbot, s.guide.tip_button)
    problems: list[str] = []
    for step in (0, len(TEXT_SCALES) - 1):
        gui.shell.apply_theme(Theme(text_step=step))
        for width, height in SIZES:
            gui.shell.resize(width, height)
            for _ in range(2):
                qapp.processEvents()
            assert s.guide.see_also_button.isVisible()
            problems += [f"text{step} {width}x{height}: {p}" for p in layout_problems(gui.shell)]
    assert not problems, "\n".join(problems)
