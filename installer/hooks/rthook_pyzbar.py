"""PyInstaller runtime hook: pyzbar finds the libzbar shipped inside the bundle.

On Linux pyzbar loads libzbar with ``ctypes.util.find_library("zbar")``, which asks the
system (``ldconfig``, ``gcc``) and so finds nothing on a PC without Debian's ``libzbar0``.
installer/kiosk.spec copies the build machine's ``libzbar.so.0`` into the bundle; this hook,
run before the kiosk's own code, answers ``find_library("zbar")`` with that copy. Other
names, and a bundle without the file (Windows: pyzbar loads its own DLLs), are left alone.
"""

import ctypes.util
import glob
import os
import sys


def _bundled_zbar() -> str | None:
    bundle = getattr(sys, "_MEIPASS", "")
    if not bundle:
        return None
    exact = os.path.join(bundle, "libzbar.so.0")
    if os.path.isfile(exact):
        return exact
    found = sorted(glob.glob(os.path.join(bundle, "libzbar.so*")))
    return found[0] if found else None


def _install() -> None:
    bundled = _bundled_zbar()
    if bundled is None:
        return
    system_find_library = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name == "zbar":
            return bundled
        return system_find_library(name)

    ctypes.util.find_library = find_library


_install()
