"""The packaged kiosk runs on a PC without Python: the PyInstaller app, the .deb, the wheel.

The app is built once per session with scripts/build-package.sh (about a minute on two
cores) into build/test-package/<hash of what goes into it>/, and reused while nothing that
goes into it changes (KIOSK_PACKAGE_REBUILD=1 forces a build). A failed build fails the
test; nothing here is skipped in CI. The built program runs with an environment that has
nothing of the venv: PATH=/usr/bin:/bin, no PYTHONPATH or VIRTUAL_ENV, HOME and the XDG
dirs in a temporary directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from kiosk import __version__
from kiosk.services.upkeep import doctor
from kiosk.settings import load_settings
from kiosk.storage.database import head_revision

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "test-package"
CARD = ROOT / "tests" / "data" / "qr" / "card-ok.jpg"  # Phạm Hồng Ánh, 012185678636
BUILD_TIMEOUT = 1200
RUN_TIMEOUT = 120
GUI_SECONDS = 4.0

# What goes into the app: a change to any of these builds it again.
BUILD_INPUTS = (
    "kiosk/**/*.py",
    "kiosk/storage/migrations/*.mako",
    "resources/**/*",
    "installer/kiosk.spec",
    "installer/entry.py",
    "installer/hooks/*.py",
    "scripts/build-package.sh",
    "scripts/translations.py",
)

slow = pytest.mark.slow


def _build_key() -> str:
    digest = hashlib.sha256()
    for pattern in BUILD_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".qm":
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join([sys.version, *installed]).encode())
    return digest.hexdigest()[:16]


def _lock(path: Path, mode: int) -> IO[str]:
    handle = path.open("a")
    fcntl.flock(handle, mode)
    return handle


def _prune_other_builds(keep: str) -> None:
    """Delete cached builds no other test session is using (each is about 400 MB)."""
    for lock_file in CACHE.glob("*.lock"):
        if lock_file.stem == keep:
            continue
        with lock_file.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another session runs tests with it
            shutil.rmtree(CACHE / lock_file.stem, ignore_errors=True)
            lock_file.unlink(missing_ok=True)


def _build(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    started = time.monotonic()
    command = ["bash", "scripts/build-package.sh"]
    command += ["--dist", str(target / "dist"), "--work", str(target / "work")]
    result = subprocess.run(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"scripts/build-package.sh failed (exit {result.returncode}):\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
        )
    shutil.rmtree(target / "work", ignore_errors=True)  # about 50 MB that no test reads
    seconds = time.monotonic() - started
    (target / "built.txt").write_text(f"built in {seconds:.0f} s\n", encoding="utf-8")


@pytest.fixture(scope="session")
def app_dir() -> Iterator[Path]:
    """dist/kiosk/ built by scripts/build-package.sh, shared by the tests of this session."""
    key = _build_key()
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / key
    done = target / "built.txt"
    # Shared while testing, exclusive while building: parallel sessions (several engineers,
    # one working tree) neither build into the same folder nor delete one in use.
    handle = _lock(CACHE / f"{key}.lock", fcntl.LOCK_SH)
    try:
        rebuild = bool(os.environ.get("KIOSK_PACKAGE_REBUILD"))
        if rebuild or not done.is_file():
            fcntl.flock(handle, fcntl.LOCK_UN)  # no SH -> EX upgrade: two would deadlock
            fcntl.flock(handle, fcntl.LOCK_EX)
            if rebuild or not done.is_file():  # another session may have built it meanwhile
                _build(target)
            fcntl.flock(handle, fcntl.LOCK_SH)
        _prune_other_builds(keep=key)
        yield target / "dist" / "kiosk"
    finally:
        handle.close()


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing of the venv or the checkout, as on a counter PC."""
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra)
    return env


def run_app(
    program: Path, *args: str, env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


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


def run_gui_for_a_while(command: list[str], home: Path, **extra: str) -> str:
    """Start the kiosk window, check it is still up after GUI_SECONDS, stop it; its log."""
    data = home / "kiosk-data"
    env = clean_env(
        home,
        KIOSK_CONFIG_DIR=str(home / "kiosk-config"),
        KIOSK_DATA_DIR=str(data),
        KIOSK_DATABASE_URL=f"sqlite:///{data / 'kiosk.sqlite3'}",
        **extra,
    )
    with (home / "gui.out").open("w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with all it started
        )
        try:
            deadline = time.monotonic() + GUI_SECONDS
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.2)
            alive = process.poll() is None
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        output.seek(0)
        printed = output.read()
    log_file = data / "logs" / "kiosk.log"
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else "(no log file)"
    assert alive, f"the kiosk exited with {process.returncode}:\n{printed}\n{log}"
    assert "Traceback" not in printed and "Traceback" not in log, printed + log
    assert "command gui" in log
    # the migrations ran from the files shipped in the bundle
    assert f"at schema revision {head_revision()}" in log, log
    assert (data / "kiosk.sqlite3").is_file()
    return log


@slow
def test_gui_starts_offscreen(kiosk_app: Path, home: Path) -> None:
    run_gui_for_a_while([str(kiosk_app)], home)


@slow
def test_gui_starts_on_x11(kiosk_app: Path, home: Path) -> None:
    """Qt's xcb plugin and the X libraries it needs made it into the bundle (Xvfb)."""
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing (scripts/setup.sh installs xvfb)")
        pytest.skip("xvfb-run is not installed (scripts/setup.sh installs xvfb)")
    screen = ["-s", "-screen 0 1280x800x24"]
    command = ["xvfb-run", "-a", *screen, str(kiosk_app)]
    run_gui_for_a_while(command, home, QT_QPA_PLATFORM="xcb")


@slow
@pytest.mark.postgres
def test_migrations_on_postgresql(kiosk_app: Path, home: Path, pg_schema_url: str) -> None:
    """psycopg's compiled driver and the migration files both made it into the bundle."""
    env = clean_env(home, KIOSK_DATABASE_URL=pg_schema_url)
    result = run_app(kiosk_app, "db", "upgrade", env=env, cwd=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert head_revision() in result.stdout


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
