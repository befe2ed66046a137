"""The packaged kiosk runs on a PC without Python: the PyInstaller app itself.

The app is built once (tests/package_build.py, started when the test run starts) and run
with an environment that has nothing of the venv: PATH=/usr/bin:/bin, no PYTHONPATH or
VIRTUAL_ENV, HOME and the XDG dirs in a temporary directory. A failed build fails the test;
nothing here is skipped in CI. The .deb, the wheel and the kiosk session are in
tests/test_packaging_installers.py (a file of their own, so another test process runs them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.services.upkeep import doctor
from kiosk.storage.database import head_revision
from tests.package_build import ROOT, app_dir, clean_env, home, run_app

__all__ = ["app_dir", "home"]  # fixtures, used by name

CARD = ROOT / "tests" / "data" / "qr" / "card-ok.jpg"  # Phạm Hồng Ánh, 012185678636
GUI_SECONDS = 4.0

slow = pytest.mark.slow


@pytest.fixture
def kiosk_app(app_dir: Path) -> Path:
    return app_dir / "kiosk"


@slow
def test_version_without_python(kiosk_app: Path, home: Path) -> None:
    result = run_app(kiosk_app, "--version", env=clean_env(home), cwd=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kiosk {__version__}"


@slow
def test_doctor_finds_everything_the_bundle_brings(kiosk_app: Path, home: Path) -> None:
    result = run_app(kiosk_app, "doctor", env=clean_env(home), cwd=home)
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    # The camera and the printer may be missing on this machine: warnings, not failures.
    assert result.returncode == 0, out + result.stderr
    for name in (doctor.CAMERA, doctor.PRINTER):
        assert re.search(rf"^(OK  |LỖI ){re.escape(name)}: ", out, re.MULTILINE), out
    for name in (
        doctor.DATABASE,
        doctor.KEY,
        doctor.DISK,
        doctor.ZXING,
        doctor.ZBAR,
        doctor.OPENCV,
        doctor.FONTS,
        doctor.QT,
    ):
        assert f"OK  {name}: " in out, out
    assert "Phông kèm theo: NotoSans" in out  # the fonts of resources/, not the system's
    # platformdirs in the bundle: the XDG dirs of the environment
    assert str(home / ".local" / "share" / "quay-so") in out


@slow
def test_zbar_is_the_bundled_copy(app_dir: Path, home: Path) -> None:
    code = "import ctypes.util; print(ctypes.util.find_library('zbar'))"
    result = run_app(app_dir / "kiosk", "-c", code, env=clean_env(home), cwd=home)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).parent == app_dir / "_internal"


@slow
def test_scan_prints_the_masked_identity(kiosk_app: Path, home: Path) -> None:
    result = run_app(kiosk_app, "scan", str(CARD), env=clean_env(home), cwd=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "012******636" in result.stdout
    assert "Phạm Hồng Ánh" in result.stdout
    assert "012185678636" not in result.stdout


@slow
def test_guides_check(kiosk_app: Path, home: Path) -> None:
    result = run_app(kiosk_app, "guides", "check", env=clean_env(home), cwd=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ hướng dẫn hợp lệ$", result.stdout, re.MULTILINE), result.stdout


@slow
@pytest.mark.postgres
def test_migrations_on_postgresql(kiosk_app: Path, home: Path, pg_schema_url: str) -> None:
    """psycopg's compiled driver and the migration files both made it into the bundle."""
    env = clean_env(home, KIOSK_DATABASE_URL=pg_schema_url)
    result = run_app(kiosk_app, "db", "upgrade", env=env, cwd=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert head_revision() in result.stdout


@slow
def test_the_documents_and_their_lazy_imports_are_in_the_bundle(
    kiosk_app: Path, home: Path
) -> None:
    """What the kiosk imports only when it prints or closes a day made it into the bundle
    (reportlab's barcode package imports its symbologies from strings: PyInstaller missed
    them, and the first receipt of the packaged kiosk would have failed)."""
    env = clean_env(home, KIOSK_DATA_DIR=str(home / "data"), KIOSK_CONFIG_DIR=str(home / "cfg"))
    code = "from kiosk.ui.warm_up import MODULES, load_modules; load_modules(); print(len(MODULES))"
    loaded = run_app(kiosk_app, "-c", code, env=env, cwd=home)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    out = home / "reports"
    first_admin = ["helper", "add", "quantri", "--name", "Phạm Văn Quản", "--role", "admin"]
    added = run_app(kiosk_app, *first_admin, "--pin", "603829", env=env, cwd=home)
    assert added.returncode == 0, added.stdout + added.stderr
    closed = run_app(
        kiosk_app,
        "close-day",
        "--out",
        str(out),
        "--admin",
        "quantri",
        env=env,
        cwd=home,
        stdin="603829\n",
    )
    assert closed.returncode == 0, closed.stdout + closed.stderr
    written = sorted(path.suffix for path in out.iterdir())
    assert written == [".csv", ".pdf", ".xlsx"], written
