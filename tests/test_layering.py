"""Direction of knowledge: services and storage never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_services_and_cli_core_do_not_import_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, kiosk.services, kiosk.storage\n"
        "for pkg in (kiosk.services, kiosk.storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "import kiosk.app, kiosk.cli\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
