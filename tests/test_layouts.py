"""Every screen fits every counter screen, at every text size, in both themes (issue 13).

One synthetic visit and helper mode (tests/screen_tour.py) are walked once per text size
(the high-contrast theme lays out exactly as the normal one: tests/test_theme.py), and in
English at the largest; on each screen the window takes each counter monitor's size in turn and
tests/layout_check.py looks for text that does not fit and controls out of reach (off the
window, or outside a scroll area's content that a swipe would bring into view).
Restyling is what costs (about 0.1 s), resizing is cheap: hence one walk per text size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.ui.theme import TEXT_SCALES, Theme
from tests.layout_check import layout_problems, vietnamese_texts
from tests.screen_tour import CENTRE_NAME, SENIOR_NAME, VOLUNTEER_NAME, seeded_kiosk, tour

# landscape counter monitors, a 5:4 one, and a portrait kiosk
SIZES = ((1920, 1080), (1366, 768), (1280, 800), (1280, 1024), (1080, 1920))
LARGEST = len(TEXT_SCALES) - 1


@pytest.mark.parametrize(
    ("theme", "language"),
    [
        *((Theme(text_step=step), "vi") for step in range(len(TEXT_SCALES))),
        (Theme(False, LARGEST), "en"),
    ],
    ids=lambda value: value if isinstance(value, str) else f"text{value.text_step}",
)
def test_every_screen_fits_every_counter_screen(
    theme: Theme,
    language: str,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.ui.fonts import install_app_font
    from kiosk.ui.main_window import build_gui
    from tests.fakes import FolderPrinter
    from tests.gui_helpers import close_gui

    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", f"sqlite:///{tmp_path}/centre.sqlite3")
    monkeypatch.setenv("KIOSK_CENTRE_NAME", CENTRE_NAME)
    kiosk = seeded_kiosk(tmp_path)
    gui = build_gui(
        kiosk,
        [],
        app=qapp,
        font_family=install_app_font(qapp),
        printer=FolderPrinter(tmp_path / "printed"),
        tap_guard_ms=0,
        warm_up_after_ms=None,
    )
    problems: list[str] = []
    # what an English screen shows as it is: names, the counter's name, the way back
    counter = kiosk.settings.centre.counter_name
    data = (CENTRE_NAME, counter, SENIOR_NAME, VOLUNTEER_NAME, "Tiếng Việt")
    try:
        gui.set_language(language)
        gui.shell.resize(*SIZES[0])
        gui.shell.show()

        def check(name: str) -> None:
            if gui.shell.theme != theme:  # the tour's senior gets large text; a visit's end resets
                gui.shell.apply_theme(theme)
            settle_answers(gui, qapp)
            for width, height in SIZES:
                gui.shell.resize(width, height)
                for _ in range(2):
                    qapp.processEvents()
                size = gui.shell.size()
                if (size.width(), size.height()) != (width, height):  # its minimum is larger
                    problems.append(
                        f"{name} at {width}x{height}: the window needs "
                        f"{size.width()}x{size.height()}, more than the monitor"
                    )
                if gui.language.language == "en" and (width, height) == SIZES[0]:
                    problems.extend(
                        f"{name}: Vietnamese in English: {text}"
                        for text in vietnamese_texts(gui.shell, data)
                    )
                for problem in layout_problems(gui.shell):  # sideways scrolling included
                    problems.append(f"{name} at {width}x{height}: {problem}")

        tour(gui, check, language)
    finally:
        close_gui(gui, qapp)
        kiosk.close()
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems)


def settle_answers(gui, app: QApplication) -> None:  # type: ignore[no-untyped-def]
    """Let the answers from worker threads arrive and be laid out (as scripts/screenshots.py)."""
    home = gui.helper_mode.screens.home
    while gui.tasks.pending or (home.loading and gui.shell.current_screen is home):
        gui.tasks.wait_idle(100)
        app.processEvents()
    for _ in range(3):
        app.processEvents()
