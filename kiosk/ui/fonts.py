"""The bundled Vietnamese-capable font, registered with Qt so the look never depends on the PC."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import resource_path

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")


def install_app_font(app: QApplication, point_size: int = 20) -> str | None:
    """Register the bundled fonts and make them the application's; return the family name.

    A missing or broken font file is logged and the system font stays in use.
    """
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("bundled font %s could not be loaded", name)
            continue
        family = family or families[0]
    if family:
        app.setFont(QFont(family, point_size))
    return family
