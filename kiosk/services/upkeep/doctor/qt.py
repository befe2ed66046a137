"""Doctor check of Qt, asked in a child process so that the doctor itself stays Qt-free."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.services.upkeep.doctor.report import COMMAND_TIMEOUT_SECONDS, Check

log = logging.getLogger(__name__)

QT = "Thư viện Qt"
QT_TIMEOUT_SECONDS = 30.0
# Debian packages whose names do not follow "libfoo.so.N" → "libfooN".
_PACKAGE_OF = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def qt_probe(code: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run ``code`` in a child Python so the doctor stays Qt-free; on failure, the last line
    of its error output (or its exit code) as the reason, else ``""``."""
    probe = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=QT_TIMEOUT_SECONDS,
        check=False,
    )
    if probe.returncode == 0:
        return probe, ""
    lines = probe.stderr.strip().splitlines()
    return probe, lines[-1] if lines else f"mã thoát {probe.returncode}"


_QT_PROBE = (
    "import PySide6, PySide6.QtWidgets, PySide6.QtPrintSupport\n"
    "from PySide6.QtCore import QLibraryInfo\n"
    "print(PySide6.__version__)\n"
    "print(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))\n"
)


def debian_package(soname: str) -> str:
    """The Debian package that usually ships ``soname`` (``libxcb-cursor.so.0`` → ``…0``)."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    match = re.match(r"^(lib[\w.+-]+?)\.so\.(\d+)", soname)
    if not match:
        return soname
    stem, version = match.group(1).lower(), match.group(2)
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def missing_libraries(ldd_output: str) -> list[str]:
    """Shared libraries ``ldd`` reports as ``not found``."""
    return sorted(
        {
            line.split()[0]
            for line in ldd_output.splitlines()
            if "not found" in line and line.split()
        }
    )


def _bundle_library_env() -> dict[str, str] | None:
    """In the packaged app, let ``ldd`` find the libraries the bundle carries (xcb-cursor…)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return None
    paths = [bundle, os.environ.get("LD_LIBRARY_PATH", "")]
    return {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(p for p in paths if p)}


def check_qt() -> Check:
    """PySide6 imports in a child process (the doctor stays Qt-free) and its xcb plugin links."""
    name = QT
    if importlib.util.find_spec("PySide6") is None:
        return Check(name, False, "Chưa cài PySide6.", "pip install PySide6-Essentials")
    probe, reason = qt_probe(_QT_PROBE)
    if reason:
        libraries = re.findall(r"(lib[\w.+-]+\.so[\d.]*)", reason)
        fix = "apt-get install " + " ".join(debian_package(lib) for lib in libraries)
        if not libraries:
            fix = "Cài lại: pip install --force-reinstall PySide6-Essentials"
        return Check(name, False, f"Không nạp được PySide6 ({reason}).", fix)
    version, plugins = [*probe.stdout.splitlines(), "", ""][:2]
    xcb = Path(plugins) / "platforms" / "libqxcb.so"
    if sys.platform.startswith("linux") and xcb.is_file() and shutil.which("ldd"):
        linked = subprocess.run(
            ["ldd", str(xcb)],
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
            env=_bundle_library_env(),
        )
        missing = missing_libraries(linked.stdout)
        if missing:
            packages = sorted({debian_package(lib) for lib in missing})
            return Check(
                name,
                False,
                f"PySide6 {version} thiếu thư viện để mở cửa sổ (xcb): {', '.join(missing)}.",
                "apt-get install " + " ".join(packages),
            )
    return Check(name, True, f"PySide6 {version}: nạp được, đủ thư viện hiển thị.")
