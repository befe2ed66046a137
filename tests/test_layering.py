"""Direction of knowledge: no Qt below the GUI, imports point down, modules stay small.

The import contracts live in pyproject.toml ([tool.importlinter]) and `make test` runs
``lint-imports``; the tests here prove the contracts hold for the code and would catch a
back arrow, a type-only back arrow and a circle if one were added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LINES = 400
# The Telex/VNI engine is one state machine; splitting it would scatter its tables.
LONG_ALLOWED = {"kiosk/text/vietnamese_input.py"}


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


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's import contracts on the package found in ``tree``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_keeps_every_import_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    """The package and its contracts, copied where a test may break them."""
    shutil.copytree(
        ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def append(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "code", "named"),
    [
        # the domain reaching up into the GUI
        (
            "kiosk/domain/values.py",
            "import kiosk.ui.theme  # noqa",
            "kiosk.domain.values -> kiosk.ui.theme",
        ),
        # a service naming a widget only for its type hints still knows the GUI
        (
            "kiosk/services/people/audit.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from kiosk.ui.shell import KioskShell  # noqa",
            "kiosk.services.people.audit -> kiosk.ui.shell",
        ),
        # people (the bottom of the services) reaching up into reporting
        (
            "kiosk/services/people/privacy.py",
            "import kiosk.services.reporting.figures  # noqa",
            "kiosk.services.people.privacy -> kiosk.services.reporting.figures",
        ),
        # a document asking a service for what it should have been handed
        (
            "kiosk/documents/fonts.py",
            "import kiosk.services.visits.transactions  # noqa",
            "kiosk.documents.fonts -> kiosk.services.visits.transactions",
        ),
    ],
)
def test_a_back_arrow_breaks_the_contracts(
    copy_of_the_code: Path, module: str, code: str, named: str
) -> None:
    assert lint_imports(copy_of_the_code).returncode == 0
    append(copy_of_the_code / module, code)
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert named in result.stdout


def test_a_circle_between_siblings_breaks_the_contracts(copy_of_the_code: Path) -> None:
    # images already imports qr_decoders; the way back closes a circle inside devices
    append(copy_of_the_code / "kiosk/devices/qr_decoders.py", "import kiosk.devices.images  # noqa")
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert "No cycles are allowed in kiosk.devices" in result.stdout


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "kiosk").rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) <= LONG_ALLOWED, long
