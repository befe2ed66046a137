"""The ways the kiosk is installed: the .deb around the packaged app, the wheel, the Windows
settings, the Linux kiosk session.

The packaged app comes from tests/package_build.py, shared with tests/test_packaging.py.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.settings import load_settings
from tests.package_build import ROOT, app_dir, clean_env, home, run_app

__all__ = ["app_dir", "home"]  # fixtures, used by name

slow = pytest.mark.slow


@slow
def test_deb_package(app_dir: Path, tmp_path: Path, home: Path) -> None:
    out = tmp_path / "deb"
    command = ["bash", "scripts/build-deb.sh", "--app", str(app_dir), "--out", str(out)]
    command += ["--compression", "none"]  # the compressor is dpkg's business: be quick
    result = subprocess.run(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert deb == out / f"quay-so_{__version__}_{arch}.deb"

    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        " ./opt/quay-so/kiosk",
        " ./opt/quay-so/_internal/resources/catalogue/services.toml",
        " ./opt/quay-so/_internal/resources/translations/quayso_en.qm",
        " ./opt/quay-so/_internal/resources/fonts/OFL.txt",
        " ./opt/quay-so/_internal/kiosk/storage/migrations/env.py",
        " ./opt/quay-so/_internal/kiosk/storage/migrations/script.py.mako",
        " ./opt/quay-so/_internal/kiosk/storage/migrations/versions/0001_initial_schema.py",
        " ./opt/quay-so/_internal/libzbar.so.0",
        " ./usr/bin/kiosk -> /opt/quay-so/kiosk",
        " ./usr/share/applications/quay-so.desktop",
        " ./usr/lib/quay-so/kiosk-session",
        " ./usr/lib/quay-so/setup-kiosk-session",
        " ./usr/share/doc/quay-so/copyright",
    ):
        assert expected in listing, expected
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: quay-so" in fields and f"Version: {__version__}" in fields
    assert re.search(r"libc6 \(>= 2\.\d+\)", fields), fields

    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    version = run_app(
        unpacked / "opt" / "quay-so" / "kiosk", "--version", env=clean_env(home), cwd=home
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"kiosk {__version__}"


@slow
def test_wheel_carries_the_resources(tmp_path: Path, home: Path) -> None:
    """`pip install .` (not editable) gives a kiosk that finds resources/ inside itself."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("kiosk", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    (source / "installer").mkdir()
    shutil.copy2(ROOT / "installer" / "wheel_resources.py", source / "installer")
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)],
        check=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    (wheel,) = wheels.glob("quay_so_kiosk-*.whl")
    target = tmp_path / "installed"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert (target / "kiosk" / "resources" / "catalogue" / "services.toml").is_file()
    assert (target / "kiosk" / "storage" / "migrations" / "script.py.mako").is_file()
    # -S: no site-packages of the venv (whose editable install points at the checkout);
    # the dependencies come from PYTHONPATH after the installed wheel.
    site_packages = next(p for p in sys.path if p.endswith("site-packages"))
    env = clean_env(home, PYTHONPATH=os.pathsep.join([str(target), site_packages]))
    result = run_app(
        Path(sys.executable), "-S", "-m", "kiosk", "guides", "check", env=env, cwd=home
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ hướng dẫn hợp lệ$", result.stdout, re.MULTILINE), result.stdout
    where = subprocess.run(
        [sys.executable, "-S", "-c", "from kiosk.resources import resources_dir as r; print(r())"],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == target / "kiosk" / "resources"


def test_windows_default_settings_print_through_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings file the Windows installer writes is valid and picks the Qt backend."""
    folder = ROOT / "installer" / "windows"
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(folder))
    settings = load_settings()
    assert settings.print_backend == "qt"
    assert settings.printer_name == ""
    script = (folder / "quay-so.iss").read_text(encoding="utf-8")
    assert 'Source: "settings.toml"' in script
    assert r"%LOCALAPPDATA%\quay-so\quay-so" in script  # platformdirs: author\app, both quay-so


def test_lockdown_set_up_writes_an_autologin_session(tmp_path: Path) -> None:
    script = ROOT / "installer" / "linux" / "setup-kiosk-session.sh"
    result = subprocess.run(
        ["bash", str(script), "--root", str(tmp_path), "--no-install", "--user", "quayso"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (tmp_path / "etc/lightdm/lightdm.conf.d/50-quay-so-kiosk.conf").read_text()
    assert "autologin-user=quayso\n" in conf
    assert "autologin-session=quay-so-kiosk\n" in conf
    assert "-s 0 -dpms" in conf  # the screen never blanks
    session = (tmp_path / "usr/share/xsessions/quay-so-kiosk.desktop").read_text()
    assert "Exec=/usr/lib/quay-so/kiosk-session\n" in session
    assert (tmp_path / "etc/X11/default-display-manager").read_text() == "/usr/sbin/lightdm\n"
    assert "useradd" in result.stdout  # printed, not run
    # printed receipts hold names: CUPS is told to keep no job file (run only on a real set-up)
    assert "(--root: skipped) cupsctl PreserveJobFiles=No" in result.stdout


def test_kiosk_session_restarts_the_kiosk(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    fake = tmp_path / "fake-kiosk"
    fake.write_text(f"#!/bin/sh\necho started >> {counter}\nexit 3\n")
    fake.chmod(0o755)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KIOSK_COMMAND": str(fake),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_SESSION_PAUSE": "0",
    }
    process = subprocess.Popen(
        ["sh", str(ROOT / "installer" / "linux" / "kiosk-session")],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if counter.exists() and len(counter.read_text().splitlines()) >= 3:
                break
            time.sleep(0.1)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert len(counter.read_text().splitlines()) >= 3
    log = (tmp_path / "data" / "logs" / "session.log").read_text()
    assert "kiosk exited with code 3" in log
