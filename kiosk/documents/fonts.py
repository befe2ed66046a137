"""The bundled Vietnamese-capable font (Noto Sans, SIL OFL 1.1), registered with reportlab once.

reportlab's built-in Helvetica has no Vietnamese glyphs; every document draws with these
names instead. The files live in resources/fonts/ (see its README.md and OFL.txt).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.resources import resource_path

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
FONT_FILES: dict[str, str] = {REGULAR: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def font_file(name: str) -> Path:
    """The TTF file of the font registered as ``name``."""
    return resource_path("fonts", FONT_FILES[name])


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab (only the first call does work).

    Returns the (regular, bold) font names to pass to ``setFont``. Raises ``OSError``
    when a font file is missing from resources/fonts/.
    """
    global _registered
    with _lock:
        if not _registered:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            for name in FONT_FILES:
                pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            _registered = True
    return REGULAR, BOLD
