"""A step changed because of a finding carries its own ``checked`` month and ``source`` (issue 15,
item 2): the check validates the pair, the helper's area shows it, and the guide's age stays its
own ``checked``."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.services.guides import GuideLibrary, load_guide
from kiosk.services.guides.age import checked_label, is_stale, months_old, stale_guides
from kiosk.services.guides.model import LIMITS
from kiosk.ui.screens.guide import GuideScreen
from kiosk.ui.theme import TEXT_SCALES, Theme
from tests.conftest import GuiFactory
from tests.layout_check import layout_problems
from tests.test_gui import agreed, shown, tap
from tests.test_guides import _expect, _line, _replace_in_step, _text, _write

# besides each source's name: a document number ("17/2024/TT-NHNN", "Điều 40") or a date
_CITED = re.compile(r"\d+/\d{4}/[A-ZĐa-z&-]+|Điều \d+|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{2}/\d{4}\b")
REVIEW = Path(__file__).parents[1] / "docs" / "GUIDE-REVIEW-2026-12.md"
MARK = 'image = "pic.svg"\nchecked = "2026-12"\nsource = "Thông tư 41/2025/TT-NHNN (5/11/2025)"'

# Steps changed because of a finding outside the review's "corrected" rows: the "Kiểm tra
# 2026-12" and "Kiểm tra lần hai 2026-12" header comments and issue 15's list of guides.
FINDINGS = {
    ("vneid_level2", "done"),  # new phone: one device, code to the old phone, NFC, 1900.0368
    ("vssid", "register"),  # VNeID log-in needs a VssID account; personal ID replaces the code
    ("vssid", "otp"),  # the OTP goes to the email
    ("vssid", "wait"),  # the final approval at the social insurance office
    ("online_filing", "level"),  # a partial-process filing with its code is filed online
    ("online_filing", "dossier_code"),
    ("signature_vnpt_smartca", "install"),  # the route inside VNeID
    ("signature_viettel_mysign", "install"),
    ("signature_other", "install"),
    ("online_payment", "pay"),  # bank biometrics from 1 January 2025
    ("cashless_account", "choose"),
    ("portal_account", "choose_vneid"),  # log in with VNeID, no portal account to create
    ("portal_account", "credentials"),
    ("portal_account", "allow_web"),
    ("portal_account", "confirm"),
    ("other", "consent"),  # Decree 13/2023 replaced by Law 91/2025 and Decree 356/2025
    ("e_health_book", "update"),  # the "unverified" header dropped: VNeID 2.1.10+, level 2
    ("e_health_book", "login"),
    ("e_health_book", "insurance_card"),  # and the personal ID replacing the code
    ("e_health_book", "read"),
    ("e_health_book", "missing_data"),
    ("judicial_record_vneid", "login"),  # the provincial police since 1 March 2025
}


def _corrected_in_review() -> set[tuple[str, str]]:
    """(guide, step) of every "corrected" row of docs/GUIDE-REVIEW-2026-12.md."""
    corrected: set[tuple[str, str]] = set()
    guides: list[str] = []
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### (.+?)(?::|$)", line)
        if heading:
            guides = [name.strip() for name in heading.group(1).split(",")]
            continue
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        if len(cells) < 2 or "**corrected**" not in cells[1]:
            continue
        where = cells[0]
        if ":" in where:  # "other: choose" in a table of several guides
            short, where = (part.strip() for part in where.split(":", 1))
            (code,) = [g for g in guides if g == short or g.endswith(f"_{short}")]
        else:
            (code,) = guides
        corrected |= {(code, step.strip()) for step in where.split(",")}
    return corrected


def test_the_review_names_its_corrections() -> None:
    assert _corrected_in_review() == {
        ("cashless_account", "face"),
        ("bank_biometrics", "find"),
        ("signature_other", "choose"),
    }


def test_every_step_changed_by_a_finding_has_its_date_and_source(
    guide_library: GuideLibrary,
) -> None:
    expected = _corrected_in_review() | FINDINGS
    marked = set()
    for guide in guide_library:
        for step in guide:
            assert (step.checked is None) == (step.source is None), (guide.service_code, step.id)
            if step.checked is not None:
                marked.add((guide.service_code, step.id))
    assert marked == expected
    for code, step_id in expected:
        found = guide_library.get(code)
        assert found is not None
        step = found.step(step_id)
        assert step.checked == "2026-12" and step.source, (code, step_id)
        assert len(step.source) <= LIMITS["step_source"]
        # the step's source is one the guide file itself cites (its sources or its header): every
        # document number and date it gives is there, outside the steps' own source lines
        lines = found.path.read_text(encoding="utf-8").splitlines()
        text = " ".join(
            line.removeprefix("# ") for line in lines if not line.startswith("source =")
        )
        parts = (
            part.split(",")[0].strip().removeprefix("theo ")
            for part in re.split(r"[;()]", step.source)
        )
        named = [part for part in parts if part[:1].isupper()]  # not "cuối 2024", "không ghi ngày"
        for name in [*named, *_CITED.findall(step.source)]:
            assert name in text, (code, step_id, name)


def test_a_step_may_carry_its_date_and_source(tmp_path: Path) -> None:
    guide = load_guide(_write(tmp_path, _replace_in_step(_text(), 2, 'image = "pic.svg"', MARK)))
    assert (guide[1].checked, guide[1].source) == (
        "2026-12",
        "Thông tư 41/2025/TT-NHNN (5/11/2025)",
    )
    assert guide[0].checked is None and guide[0].source is None


@pytest.mark.parametrize(
    ("new", "kind", "needle"),
    [
        ('image = "pic.svg"\nchecked = "2026-12"', "missing_key_step", "checked ="),
        ('image = "pic.svg"\nsource = "PLO 10/11/2025"', "missing_key_step", "source ="),
        (MARK.replace("2026-12", "12/2026"), "checked_format_step", "checked ="),
        (MARK.replace("2026-12", "2026-13"), "checked_format_step", "checked ="),
        (MARK.replace('"2026-12"', "2026-12-01"), "wrong_type_step", "checked ="),
        (MARK.replace("Thông tư 41/2025/TT-NHNN (5/11/2025)", "a" * 161), "too_long_step", "aaa"),
        (MARK.replace("Thông tư 41/2025/TT-NHNN (5/11/2025)", " "), "empty_step", "source ="),
        (MARK.replace("Thông tư", "{you} Thông tư"), "misplaced_token_step", "source ="),
    ],
)
def test_a_step_date_or_source_problem_names_its_line(
    tmp_path: Path, new: str, kind: str, needle: str
) -> None:
    text = _replace_in_step(_text(), 2, 'image = "pic.svg"', new)
    occurrence = 2 if needle == "checked =" else 1  # the guide's own "checked" comes first
    error = _expect(_write(tmp_path, text), kind, _line(text, needle, occurrence))
    assert "bước 2" in error.problem
    if kind == "missing_key_step":
        other = "source" if needle == "checked =" else "checked"
        assert f'thiếu trường "{other}" trong bước 2' == error.problem


def test_a_step_date_never_makes_its_guide_look_newer(tmp_path: Path) -> None:
    text = _replace_in_step(
        _text().replace('checked = "2026-11"', 'checked = "2025-01"'), 1, 'image = "pic.svg"', MARK
    )
    guide = load_guide(_write(tmp_path, text))
    today = date(2026, 12, 7)
    assert guide[0].checked == "2026-12" and months_old(guide.checked, today) == 23
    assert is_stale(guide, today, 6)
    library = GuideLibrary((guide,), tmp_path)
    assert [stale.months for stale in stale_guides(library, today, 6)] == [23]


def test_the_helper_area_shows_a_step_date_and_source(
    qtbot: QtBot, guide_library: GuideLibrary, guide_screen: GuideScreen
) -> None:
    screen = guide_screen
    guide = guide_library.get("vssid")
    assert guide is not None
    screen.play(guide)
    month = checked_label(guide.checked)
    tap(qtbot, screen.next)  # install: no date of its own
    tap(qtbot, screen.tip_button)
    assert screen.checked_line.text() == f"Kiểm tra lần cuối {month}"
    tap(qtbot, screen.next)  # register: changed because of a finding
    tap(qtbot, screen.tip_button)
    step = guide.step("register")
    assert screen.checked_line.isVisible()
    assert screen.checked_line.text() == (
        f"Kiểm tra lần cuối {month} · bước này: 12/2026 ({step.source})"
    )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_dated_step_fits_at_1366x768_with_the_largest_text(
    kiosk: Kiosk,
    make_gui: GuiFactory,
    guide_library: GuideLibrary,
    qtbot: QtBot,
    qapp: QApplication,
) -> None:
    """The helper's area of every step with its own date (its tip, link button and the longer
    checked line) has nothing cut off, on the 1366x768 counter monitor at the largest text and
    on the portrait kiosk."""
    gui = make_gui(kiosk)
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    gui.shell.apply_theme(Theme(text_step=len(TEXT_SCALES) - 1))
    problems: list[str] = []
    for size in ((1366, 768), (1080, 1920)):
        gui.shell.resize(*size)
        for guide in guide_library:
            for number, step in enumerate(guide.steps, start=1):
                if step.checked is None:
                    continue
                s.guide.play(guide)
                s.guide.show_position(number)
                tap(qtbot, s.guide.tip_button)
                for _ in range(2):
                    qapp.processEvents()
                assert "bước này: 12/2026" in s.guide.checked_line.text()
                where = f"{size} {guide.service_code}/{step.id}"
                problems += [f"{where}: {p}" for p in layout_problems(gui.shell)]
    assert not problems, "\n".join(problems)
