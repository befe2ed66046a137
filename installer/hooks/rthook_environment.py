"""PyInstaller runtime hook: programs the kiosk starts see the PC's own libraries.

On Linux the bundle's launcher puts the bundle's folder first in ``LD_LIBRARY_PATH`` (and
keeps the original in ``LD_LIBRARY_PATH_ORIG``) before starting Python. The kiosk's own
libraries are found through it at start-up, which is when the dynamic loader reads it; the
variable is then only inherited by the programs the kiosk runs (``lp``, ``lpstat``,
``espeak-ng``, ``fc-list``, ``ldd``), which would load the bundle's copies of libcups,
fontconfig... built on another distribution. Put the original value back for them. The
bundle started again (``sys.executable``) sets its own value anew.
"""

import os
import sys


def _restore(name: str) -> None:
    original = os.environ.pop(f"{name}_ORIG", None)
    if original is not None:
        os.environ[name] = original
    else:
        os.environ.pop(name, None)


if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    _restore("LD_LIBRARY_PATH")
