"""The packaged app the packaging tests run: built once per set of inputs, shared by processes.

scripts/build-package.sh builds it (about 30 s of a 2-core machine) into
build/test-package/<hash of what goes into it>/, reused while nothing that goes into it
changes (``KIOSK_PACKAGE_REBUILD=1`` forces a build). Two file locks per build:

* ``<key>.lock``, held shared by every process using the build (a test session, the build
  itself); another session prunes a build only when it can take it exclusively;
* ``<key>.build.lock``, held exclusively while building: a process that needs the app while
  another builds it waits, then uses that build.

The test run starts the build at session start (:func:`build_ahead`, from conftest.py), so
that it runs beside the other tests instead of holding up the worker that first needs it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "test-package"
BUILD_TIMEOUT = 1200
TEST_FILES = ("test_packaging.py", "test_packaging_gui.py", "test_packaging_installers.py")

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

log = logging.getLogger(__name__)


class BuildFailed(RuntimeError):
    """scripts/build-package.sh exited with an error (its output is the message)."""


def build_key() -> str:
    """A hash of everything that goes into the app, the interpreter and the installed packages."""
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


@contextlib.contextmanager
def _locked(path: Path, mode: int) -> Iterator[IO[str]]:
    with path.open("a") as handle:
        fcntl.flock(handle, mode)
        yield handle


@contextlib.contextmanager
def using(key: str) -> Iterator[Path]:
    """The build folder of ``key``, held (shared) so that no other session prunes it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(CACHE / f"{key}.lock", fcntl.LOCK_SH):
        yield CACHE / key


def ensure_built(key: str, *, rebuild: bool = False) -> Path:
    """The app's folder (``…/dist/kiosk``) for ``key``, built unless another process did.

    Call it inside :func:`using`. Raises :class:`BuildFailed` when the build fails.
    """
    target = CACHE / key
    done = target / "built.txt"
    if not rebuild and done.is_file():
        return target / "dist" / "kiosk"
    with _locked(CACHE / f"{key}.build.lock", fcntl.LOCK_EX):
        if rebuild or not done.is_file():  # another process may have built it meanwhile
            _build(target)
    return target / "dist" / "kiosk"


def prune_other_builds(keep: str) -> None:
    """Delete cached builds no other test session is using (each is about 400 MB)."""
    for lock_file in CACHE.glob("*.lock"):
        stem = lock_file.name.split(".")[0]
        if stem == keep or lock_file.name.endswith(".build.lock"):
            continue
        with lock_file.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another session runs tests with it
            shutil.rmtree(CACHE / stem, ignore_errors=True)
            lock_file.unlink(missing_ok=True)
            (CACHE / f"{stem}.build.lock").unlink(missing_ok=True)


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
        raise BuildFailed(
            f"scripts/build-package.sh failed (exit {result.returncode}):\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
        )
    shutil.rmtree(target / "work", ignore_errors=True)  # about 50 MB that no test reads
    seconds = time.monotonic() - started
    (target / "built.txt").write_text(f"built in {seconds:.0f} s\n", encoding="utf-8")


def wanted_by(args: list[str], root: Path) -> bool:
    """Whether a run given ``args`` (paths, maybe ``::test`` ids) includes a packaging test."""
    tests = root / "tests"
    for arg in args or [str(tests)]:
        path = Path(arg.split("::")[0])
        path = path if path.is_absolute() else (root / path)
        path = path.resolve()
        if path == tests.resolve() or path == root.resolve():
            return True
        if path.name in TEST_FILES and path.parent == tests.resolve():
            return True
    return False


def build_ahead() -> threading.Thread | None:
    """Start building the app on a thread of this process (the test run's main process);
    ``None`` when it is built already.

    The locks are taken here, before the thread starts, so that a test process started
    after this call waits for this build instead of using an older one or building again.
    ``KIOSK_PACKAGE_REBUILD`` is honoured here and then dropped from the environment (the
    test processes would build a second time). A failure is left for the first packaging
    test to report: it builds again and fails with the output.
    """
    rebuild = bool(os.environ.pop("KIOSK_PACKAGE_REBUILD", ""))
    key = build_key()
    target = CACHE / key
    if not rebuild and (target / "built.txt").is_file():
        return None
    held = contextlib.ExitStack()
    held.enter_context(using(key))
    held.enter_context(_locked(CACHE / f"{key}.build.lock", fcntl.LOCK_EX))

    def build() -> None:
        with held:
            try:
                if rebuild or not (target / "built.txt").is_file():
                    _build(target)
            except (BuildFailed, OSError, subprocess.SubprocessError) as exc:
                log.warning("building the app ahead failed: %s", exc)

    thread = threading.Thread(target=build, name="package-build-ahead", daemon=True)
    thread.start()
    return thread


# -- what both packaging test files use ---------------------------------------------------------

RUN_TIMEOUT = 120


@pytest.fixture(scope="session")
def app_dir() -> Iterator[Path]:
    """dist/kiosk/ built by scripts/build-package.sh, shared by the tests of this session."""
    key = build_key()
    with using(key):
        try:
            app = ensure_built(key, rebuild=bool(os.environ.get("KIOSK_PACKAGE_REBUILD")))
        except BuildFailed as exc:
            pytest.fail(str(exc))
        prune_other_builds(keep=key)
        yield app


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty home folder for the packaged program."""
    path = tmp_path / "home"
    path.mkdir()
    return path


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
    program: Path, *args: str, env: dict[str, str], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``program`` with ``args``, no standard input (or ``stdin``), its output captured."""
    return subprocess.run(
        [str(program), *args],
        env=env,
        cwd=cwd,
        **({"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
