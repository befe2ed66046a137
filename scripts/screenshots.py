"""Regenerate docs/screenshots/: every screen of the kiosk, in Vietnamese and English,
at 1920x1080, 1366x768 (the commonest counter monitor), 1280x800, 1280x1024 and a
portrait kiosk's 1080x1920, driven through the real window (tests/screen_tour.py; the
same walk is tests/test_layouts.py's, which checks that nothing is cut off).

Usage: .venv/bin/python scripts/screenshots.py [--out DIR] (the PNGs there are replaced)
Uses a throw-away config/data dir, a synthetic citizen and a printer that writes files;
never a real person's data.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: import scripts.* from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.chip_screenshots import chip_tour
from scripts.screen_session import SIZES, output_folder, screen_session

LANGUAGES = ("vi", "en")


def main() -> int:
    """Render every screen at each size and language into docs/screenshots/."""
    out = output_folder("Every screen of the kiosk at the 5 sizes, in Vietnamese and English.")
    with screen_session(out) as session:
        from tests.screen_tour import tour

        app = session.app
        for old in out.glob("*.png"):
            old.unlink()
        for language in LANGUAGES:
            for width, height in SIZES:
                gui = session.open_window(width, height, language)

                def snap(name: str, gui=gui, width=width, height=height, language=language) -> None:  # type: ignore[no-untyped-def]
                    app.processEvents()
                    home = gui.helper_mode.screens.home  # its rows come a few a turn

                    def filling() -> bool:
                        return home.loading and gui.shell.current_screen is home

                    while gui.tasks.pending or filling():  # answers from the worker threads
                        gui.tasks.wait_idle(100)
                        app.processEvents()
                    for _ in range(3):  # lay out what the last answers put on screen
                        app.processEvents()
                    session.save(gui, name, language, width, height)

                gui.language.language_changed.emit(language)
                app.processEvents()
                chip_tour(gui, snap)  # the chip read's screens (issue 17)
                tour(gui, snap, language)
                session.close_window(gui)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
