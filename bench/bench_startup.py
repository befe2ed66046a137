"""Start to the first welcome frame, whole process, against a bare PySide6 window.

    .venv/bin/python bench/bench_startup.py [--runs 10] [--before REV]

One Xvfb display (1920x1080), one settings and data dir with a SQLite database made by a
first, uncounted start. Then, interleaved in each round: ``bare`` (a QMainWindow with a
label, full screen), ``kiosk`` (``kiosk`` until its welcome screen is painted) and
``ready`` (``kiosk`` until its event loop runs: the window is built and answers taps), each
a new process (bench/startup_probe.py). ``--before REV``: also ``kiosk`` and ``ready`` of
that commit (a ``git worktree`` in the temporary dir, first on ``PYTHONPATH``). Each figure
is the wall time of the whole process from ``fork`` to its exit, in ms; ratios are taken
round by round against that round's ``bare``, and their median is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "bench" / "startup_probe.py"


def _xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X display; its process and its name."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return server, f":{number}"


def _run(kind: str, env: dict[str, str], source: Path) -> float:
    """One start of ``kind`` from the tree at ``source``; its whole-process wall time in ms."""
    env = dict(env, PYTHONPATH=str(source))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROBE), kind],
        env=env,
        cwd=source,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{kind} ({source}) exited {done.returncode}: {done.stderr[-2000:]!r}")
    return elapsed


def main() -> None:
    """Measure and print the table (markdown)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--before", help="a git revision to measure as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        tmp = Path(folder)
        sources = {"": ROOT}
        if args.before:
            tree = tmp / "before"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.before],
                check=True,
                capture_output=True,
            )
            sources["before "] = tree
        server, display = _xvfb()
        try:
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("KIOSK_", "QT_")) and key != "PYTHONDONTWRITEBYTECODE"
            }
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            env.update(KIOSK_CONFIG_DIR=str(tmp / "config"), KIOSK_DATA_DIR=str(tmp / "data"))
            kinds = [("bare", ROOT)]
            for label, source in sources.items():
                _run("ready", env, source)  # the database, bytecode; not counted
                kinds += [(f"{label}kiosk", source), (f"{label}ready", source)]
            _run("bare", env, ROOT)
            times: dict[str, list[float]] = {name: [] for name, _ in kinds}
            ratios: dict[str, list[float]] = {name: [] for name, _ in kinds}
            for _ in range(args.runs):
                round_ = {name: _run(name.split()[-1], env, src) for name, src in kinds}
                for name, value in round_.items():
                    times[name].append(value)
                    ratios[name].append(value / round_["bare"])
        finally:
            server.terminate()
            server.wait()
            if args.before:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / "before")],
                    check=False,
                    capture_output=True,
                )
    print(f"{args.runs} rounds, load average {os.getloadavg()[0]:.2f} at the end\n")
    print("| start | min ms | median ms | max ms | median ratio to bare |")
    print("|---|---|---|---|---|")
    for name, values in times.items():
        print(
            f"| {name} | {min(values):.0f} | {statistics.median(values):.0f} | "
            f"{max(values):.0f} | {statistics.median(ratios[name]):.2f}x |"
        )


if __name__ == "__main__":
    main()
