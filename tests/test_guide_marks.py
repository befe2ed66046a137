"""Volunteers mark a guide step "out of date" (issue 15, item 4): from the guide screen's
helper area, recorded without personal data, listed on the dashboard, exported as CSV."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import inspect, select

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.domain.clock import FixedClock, format_day, local_day
from kiosk.errors import InputError
from kiosk.services.guides import GuideLibrary
from kiosk.services.guides.marks import CSV_HEADER, NOTE_MAX, checked_for
from kiosk.storage.models import GuideMark
from kiosk.ui.helper_mode.dashboard import read_dashboard
from kiosk.ui.screens.dashboard import DAY, DashboardScreen
from kiosk.ui.screens.guide import GuideScreen
from tests.conftest import GuiFactory
from tests.factories import BA_TU_CARD


def mark(kiosk: Kiosk, note: str, step_number: int = 2, step_id: str = "first_login") -> None:
    kiosk.guide_marks.record(
        service_code="vssid",
        step_id=step_id,
        step_number=step_number,
        note=note,
        guide_checked="2026-11",
        guide_pack=kiosk.guide_source.version,
    )


def test_a_mark_is_recorded_and_listed_newest_first(kiosk: Kiosk, clock: FixedClock) -> None:
    mark(kiosk, "Nút  “Đăng nhập”\u0301 nay\u00a0tên là Tiếp tục")
    clock.advance(minutes=5)
    mark(kiosk, "Ứng dụng không còn hỏi email", step_number=3, step_id="check")
    first, second = kiosk.guide_marks.recent()
    assert (first.step_number, second.step_number) == (3, 2)
    assert second.note == "Nút “Đăng nhập”\u0301 nay tên là Tiếp tục".replace("  ", " ")
    assert first.guide_pack == kiosk.guide_source.version and first.guide_checked == "2026-11"
    assert first.recorded_at - second.recorded_at == timedelta(minutes=5)


def test_a_mark_has_no_visit_and_no_personal_data(kiosk: Kiosk) -> None:
    columns = {c["name"] for c in inspect(kiosk.db.engine).get_columns("guide_marks")}
    assert columns == {
        "id", "uid", "counter_id", "service_code", "step_id", "step_number", "note",
        "guide_checked", "guide_pack", "recorded_at",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("", "ít nhất 3 ký tự"),
        ("  ok ", "ít nhất 3 ký tự"),
        ("x" * (NOTE_MAX + 1), "dài quá 200"),
        ("Bà Tư, số 079153001234, không đăng nhập được", "số giấy tờ hay số điện thoại"),
        ("Gọi lại 0912 345 678 khi sửa", "số giấy tờ hay số điện thoại"),
        ("Nút đã đổi\x00tên", "ký tự điều khiển"),
    ],
)
def test_a_note_the_centre_should_not_keep_is_refused(kiosk: Kiosk, note: str, said: str) -> None:
    with pytest.raises(InputError) as refused:
        mark(kiosk, note)
    assert said in refused.value.message
    assert kiosk.guide_marks.recent() == []


def test_a_note_may_name_a_short_number(kiosk: Kiosk) -> None:
    mark(kiosk, "Bước 2 nay có 6 ô mã, không phải 4; mất 15 phút")
    assert len(kiosk.guide_marks.recent()) == 1


def test_the_marks_are_exported_for_the_guides_maintainer(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mark(kiosk, "Nút Đăng nhập nay tên là Tiếp tục")
    clock.advance(hours=1)
    mark(kiosk, "Không còn hỏi email, chỉ hỏi số điện thoại", step_number=3, step_id="check")
    out = tmp_path / "marks.csv"
    assert main(["guides", "marks", "--out", str(out)]) == 0
    assert "2 đánh dấu" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == CSV_HEADER
    assert [(r[2], r[3], r[4], r[7]) for r in rows[1:]] == [
        ("vssid", "2", "first_login", "Nút Đăng nhập nay tên là Tiếp tục"),
        ("vssid", "3", "check", "Không còn hỏi email, chỉ hỏi số điện thoại"),
    ]
    assert rows[1][6] == kiosk.guide_source.version
    assert {(r[1], r[8]) for r in rows[1:]} == {(str(kiosk.counter_id), "Q01")}


# -- the guide screen and the dashboard ------------------------------------------------------


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_helper_marks_a_step_from_the_guide_screen_and_sees_it_on_the_dashboard(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    gui = make_gui(kiosk)
    s = gui.screens
    gui.flow.begin()
    gui.flow.take_identity(BA_TU_CARD)
    tap(qtbot, s.confirm.agree)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.services, timeout=5_000)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.guide, timeout=5_000)
    guide = s.guide.guide
    assert guide is not None
    tap(qtbot, s.guide.next)
    tap(qtbot, s.guide.next)  # step 2
    assert not s.guide.tip_frame.isVisible()  # the helper's area stays closed to the citizen

    tap(qtbot, s.guide.tip_button)
    month, year = guide.checked.split("-")[1], guide.checked.split("-")[0]
    assert s.guide.checked_line.text().startswith(f"Kiểm tra lần cuối {month}/{year}")
    tap(qtbot, s.guide.outdated_button)
    page = s.guide.mark_page
    assert page.isVisible() and "Bước 2/" in page.step_line.text()

    page.note.setText("Số 079153001234 không vào được")  # about a citizen: refused
    tap(qtbot, page.send)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=5_000)
    assert "số giấy tờ" in page.message.text() and page.isVisible()

    page.note.setText("Nút Đăng nhập nay tên là Tiếp tục")
    tap(qtbot, page.send)
    qtbot.waitUntil(lambda: s.guide.player.isVisible(), timeout=5_000)
    assert "sẽ xem lại bước này" in s.guide.notice.text()
    with kiosk.db.unit_of_work() as uow:
        (stored,) = uow.session.scalars(select(GuideMark)).all()
        assert (stored.service_code, stored.step_id) == ("vssid", guide.steps[1].id)
        assert stored.step_number == 2 and stored.guide_checked == guide.steps[1].checked
        assert stored.guide_pack == kiosk.guide_source.version

    gui.flow.end_visit()
    today = local_day(kiosk.clock.now())
    data = read_dashboard(kiosk, gui.guides, "vi", DAY, today, centre=False)
    assert [m.note for m in data.marks] == ["Nút Đăng nhập nay tên là Tiếp tục"]
    dashboard = DashboardScreen(kiosk.catalogue)
    dashboard.show_data(data)
    shown = dashboard.marks.lines.text()
    assert "Nút Đăng nhập nay tên là Tiếp tục" in shown and "bước 2" in shown
    assert format_day(today) in shown


def test_a_mark_keeps_the_step_s_own_checked_month_else_the_guide_s(
    qtbot: QtBot, guide_library: GuideLibrary, guide_screen: GuideScreen
) -> None:
    """A step changed because of a finding (issue 15) is marked with its own ``checked``
    month, which is what the volunteer found out of date; a step without one with the
    guide's."""
    shipped = guide_library.get("vssid")
    assert shipped is not None
    install, register = shipped.steps[0], shipped.steps[1]
    assert install.checked is None and register.checked == "2026-12"
    guide = replace(shipped, checked="2026-09")  # reviewed before the finding on "register"
    assert [checked_for(guide, step) for step in (install, register)] == ["2026-09", "2026-12"]
    screen = guide_screen
    screen.play(guide)
    sent = []
    for _ in (install, register):
        tap(qtbot, screen.next)
        tap(qtbot, screen.tip_button)
        tap(qtbot, screen.outdated_button)
        screen.mark_page.note.setText("Màn hình này đã đổi")
        with qtbot.waitSignal(screen.outdated) as signal:
            tap(qtbot, screen.mark_page.send)
        sent.append(signal.args)
        screen.mark_saved()
        tap(qtbot, screen.tip_button)  # closed again for the next step
    assert sent == [
        ["vssid", "install", 1, "Màn hình này đã đổi", "2026-09"],
        ["vssid", "register", 2, "Màn hình này đã đổi", "2026-12"],
    ]


def test_marks_recorded_before_0008_get_a_uid_each(tmp_path: Path) -> None:
    """Marks made before they were sent to the centre get their own uid when migrated."""
    from alembic import command
    from sqlalchemy import text

    from kiosk.storage.database import _alembic_config, create_kiosk_engine, upgrade_schema

    engine = create_kiosk_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        command.upgrade(_alembic_config(engine), "0007")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO counters (code, name, created_at)"
                    " VALUES ('Q01', 'Q', '2026-12-01')"
                )
            )
            for step in ("a", "b"):
                connection.execute(
                    text(
                        "INSERT INTO guide_marks (counter_id, service_code, step_id, step_number,"
                        " note, guide_checked, guide_pack, recorded_at) VALUES (1, 'vssid', :s, 1,"
                        " 'cũ rồi', '2026-11', 'p', '2026-12-01 08:00:00')"
                    ),
                    {"s": step},
                )
        upgrade_schema(engine)
        with engine.connect() as connection:
            uids = list(connection.scalars(select(GuideMark.uid)))
    finally:
        engine.dispose()
    assert len(uids) == len(set(uids)) == 2 and None not in uids
