"""Step-by-step guides kept as data: one TOML file a service in resources/guides/.

Every file is validated when it is loaded, and every problem names the file and the line
so that an administrator can fix it without reading code (docs/GUIDES.md describes the
format). No Qt here: the GUI, the CLI (``kiosk guides check``) and the tests read the
same values.

- :mod:`.model`: the frozen values (:class:`Guide`, :class:`GuideStep`, :class:`Text`,
  :class:`GuideLibrary`) and the format's limits;
- :mod:`.loader`: files into values (:func:`load_guide`, :func:`load_guides`), through
  :mod:`.validation` (one file's problems, placed by :mod:`.layout`; pictograms by
  :mod:`.images`), each a :class:`GuideError` (:mod:`.problems`);
- :mod:`.checker`: what ``kiosk guides check`` reports (:func:`check_guides`).
"""

from kiosk.services.guides.checker import check_guides
from kiosk.services.guides.loader import default_guides, load_guide, load_guides
from kiosk.services.guides.model import (
    IMAGES_DIR,
    LIMITS,
    MAX_STEPS,
    MIN_STEPS,
    SCHEMA_VERSION,
    Guide,
    GuideLibrary,
    GuideStep,
    Text,
)
from kiosk.services.guides.problems import GuideError

__all__ = [
    "IMAGES_DIR",
    "LIMITS",
    "MAX_STEPS",
    "MIN_STEPS",
    "SCHEMA_VERSION",
    "Guide",
    "GuideError",
    "GuideLibrary",
    "GuideStep",
    "Text",
    "check_guides",
    "default_guides",
    "load_guide",
    "load_guides",
]
