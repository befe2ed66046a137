"""The camera loop's cost on frames without a QR code, against zxing-cpp alone (issue 16).

    .venv/bin/python bench/camera_frames.py --out bench/out/camera        # the empty frames
    .venv/bin/python bench/qr/generate_corpus.py --out bench/out/qr       # frames with codes
    .venv/bin/python bench/bench_camera.py frames [--rounds 5]            # row 1: ms a frame
    .venv/bin/python bench/bench_camera.py loop [--seconds 20 --pairs 2]  # row 2: CPU cores
    .venv/bin/python bench/bench_camera.py readrate                       # codes read, live mode

``frames``: each empty frame, in turn, through zxing-cpp alone (greyscale conversion and one
``read_barcodes`` with the kiosk's options: QR only, inverted codes too, no rotation), the
kiosk's live path (:class:`~kiosk.devices.qr_presence.LiveReader`) and the cascade as the
camera called it before (``QrCascade.read``, fast effort); interleaved frame by frame.

``loop``: the real :class:`~kiosk.ui.scan_worker.ScanWorker` on its QThread (preview frames,
consensus, signals) with a fake camera that plays the empty frames at 30 fps, against a loop
that reads the same camera and calls zxing-cpp alone; each in its own process, A B A B…,
CPU time (user + system, whole process) over ``--seconds`` after a 2 s warm-up.

``readrate``: every frame of the QR corpus through the live path and through the cascade as
before, interleaved; counts the frames whose expected payload was read.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.devices.qr_cascade import Effort, QrCascade  # noqa: E402
from kiosk.devices.qr_decoders import load_decoders  # noqa: E402
from kiosk.devices.qr_presence import LiveReader  # noqa: E402

FOLDERS = {"frames": ROOT / "bench" / "out" / "camera", "corpus": ROOT / "bench" / "out" / "qr"}
FPS = 30.0
Reader = Callable[[np.ndarray], Any]


def zxing_alone() -> Reader:
    """The baseline: what a loop that just calls zxing-cpp does with a BGR frame."""
    import zxingcpp

    options: dict[str, Any] = {
        "formats": zxingcpp.BarcodeFormat.QRCode,
        "try_rotate": False,
        "try_downscale": False,
        "try_invert": True,
        "text_mode": zxingcpp.TextMode.Plain,
    }

    def read(frame: np.ndarray) -> list[bytes]:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        return [bytes(r.bytes) for r in zxingcpp.read_barcodes(gray, **options) if r.valid]

    return read


def cascades() -> tuple[QrCascade, LiveReader]:
    """The cascade as the camera called it before, and the live path over another one."""
    return QrCascade(load_decoders()[0]), LiveReader(QrCascade(load_decoders()[0]))


def load_frames(folder: Path) -> list[np.ndarray]:
    frames = [cv2.imread(str(p), cv2.IMREAD_COLOR) for p in sorted(folder.glob("*.jpg"))]
    if not frames:
        raise SystemExit(f"no frames in {folder}: run bench/camera_frames.py first")
    return frames


def load_avg() -> str:
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def frames_row(rounds: int) -> str:
    frames = load_frames(FOLDERS["frames"])
    before, live = cascades()
    contenders: dict[str, Reader] = {
        "zxing-cpp alone": zxing_alone(),
        "live path (LiveReader)": lambda f: live.read(f),
        "cascade as before": lambda f: before.read(f, effort=Effort.FAST),
    }
    names = list(contenders)
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    looks = [live.glance(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY)) for f in frames]
    cascade_runs = sum(bool(look.evidence) for look in looks) * rounds
    patches = sum(look.attempts > 2 for look in looks) * rounds
    load_before = load_avg()
    for round_ in range(rounds):
        for index, frame in enumerate(frames):
            shift = (round_ + index) % len(names)  # each contender goes first in turn
            for name in names[shift:] + names[:shift]:
                start_cpu, start = time.process_time(), time.perf_counter()
                contenders[name](frame)
                wall[name].append((time.perf_counter() - start) * 1000)
                cpu[name].append((time.process_time() - start_cpu) * 1000)
    lines = [
        f"{len(frames)} frames x {rounds} rounds; load average before {load_before}, "
        f"after {load_avg()}; the live path read a code-like patch on {patches} and ran the "
        f"cascade on {cascade_runs} of {len(frames) * rounds} frames",
        "",
        "| contender | CPU ms, mean | CPU ms, median | wall ms, mean | wall ms, p95 | "
        "CPU mean / zxing-cpp alone | wall mean / zxing-cpp alone |",
        "|---|---|---|---|---|---|---|",
    ]
    base_cpu, base_wall = (statistics.mean(t["zxing-cpp alone"]) for t in (cpu, wall))
    for name in names:
        walls = sorted(wall[name])
        lines.append(
            f"| {name} | {statistics.mean(cpu[name]):.2f} | {statistics.median(cpu[name]):.2f} "
            f"| {statistics.mean(walls):.2f} | {walls[int(len(walls) * 0.95)]:.2f} | "
            f"{statistics.mean(cpu[name]) / base_cpu:.2f}x | "
            f"{statistics.mean(walls) / base_wall:.2f}x |"
        )
    return "\n".join(lines)


class PacedCamera:
    """The fake camera of tests/fakes.py, paced like a webcam: a frame every 1/30 s."""

    def __init__(self, frames: list[np.ndarray]) -> None:
        self.name = "bench"
        self._frames = frames
        self._served = 0
        self._next = 0.0

    def open(self) -> None:
        self._next = time.monotonic()

    def read(self) -> np.ndarray | None:
        self._next += 1 / FPS
        delay = self._next - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            self._next = time.monotonic()  # a late frame: the webcam drops, never queues
        frame = self._frames[self._served % len(self._frames)]
        self._served += 1
        return frame.copy()

    def close(self) -> None:
        pass

    @property
    def served(self) -> int:
        return self._served


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_loop(kind: str, seconds: float) -> dict[str, float]:
    """One measurement, in this process: ``kiosk-before``, ``kiosk`` or ``zxing``."""
    camera = PacedCamera(load_frames(FOLDERS["frames"]))
    measured: dict[str, float] = {}

    def measure(stop: Callable[[], None]) -> None:
        time.sleep(2.0)
        cpu, wall, served = cpu_seconds(), time.monotonic(), camera.served
        time.sleep(seconds)
        measured["cores"] = (cpu_seconds() - cpu) / (time.monotonic() - wall)
        measured["fps"] = (camera.served - served) / (time.monotonic() - wall)
        stop()

    if kind == "zxing":
        read, done = zxing_alone(), threading.Event()
        threading.Thread(target=measure, args=(done.set,), daemon=True).start()
        camera.open()
        while not done.is_set():
            read(camera.read())
        return measured
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.services.identity.scanning import Scanner, build_scanner
    from kiosk.ui.scan_worker import ScanController, ScanWorker

    app = QCoreApplication([])
    scanner = build_scanner() if kind == "kiosk" else Scanner(cascades()[0])
    controller = ScanController(ScanWorker(camera, scanner))
    start: dict[str, float] = {}

    def begin() -> None:
        start.update(cpu=cpu_seconds(), wall=time.monotonic(), served=camera.served)

    def end() -> None:
        wall = time.monotonic() - start["wall"]
        measured["cores"] = (cpu_seconds() - start["cpu"]) / wall
        measured["fps"] = (camera.served - start["served"]) / wall
        app.quit()

    controller.start()
    QTimer.singleShot(2000, begin)
    QTimer.singleShot(int(2000 + seconds * 1000), end)
    app.exec()
    controller.stop()
    return measured


def loop_row(seconds: float, pairs: int) -> str:
    load_before = load_avg()
    results: dict[str, list[dict[str, float]]] = {"kiosk": [], "kiosk-before": [], "zxing": []}
    for _ in range(pairs):
        for kind in results:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "_loop",
                    kind,
                    "--seconds",
                    str(seconds),
                    "--frames",
                    str(FOLDERS["frames"]),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results[kind].append(json.loads(out.strip().splitlines()[-1]))
    names = {
        "kiosk": "camera loop, live path (ScanWorker)",
        "kiosk-before": "camera loop, cascade as before",
        "zxing": "loop calling zxing-cpp alone",
    }
    base = [r["cores"] for r in results["zxing"]]
    lines = [
        f"{pairs} runs each of {seconds:.0f} s, A B C A B C…; load average before "
        f"{load_before}, after {load_avg()}",
        "",
        "| loop | cores, each run | frames/s | cores / zxing-cpp alone, run by run |",
        "|---|---|---|---|",
    ]
    for kind, runs in results.items():
        cores = ", ".join(f"{r['cores']:.3f}" for r in runs)
        fps = statistics.mean(r["fps"] for r in runs)
        ratios = ", ".join(f"{r['cores'] / b:.2f}x" for r, b in zip(runs, base, strict=True))
        lines.append(f"| {names[kind]} | {cores} | {fps:.1f} | {ratios} |")
    return "\n".join(lines)


def readrate_row() -> str:
    truth = json.loads((FOLDERS["corpus"] / "truth.json").read_text(encoding="utf-8"))
    before, live = cascades()
    load_before = load_avg()
    read = {"live": 0, "before": 0}
    with_code = 0
    empty_to_cascade = empty = 0
    missed: list[str] = []
    for item in truth:
        gray = cv2.imread(str(FOLDERS["corpus"] / item["file"]), cv2.IMREAD_GRAYSCALE)
        if item["payload"] is None:
            empty += 1
            empty_to_cascade += bool(live.glance(gray).evidence)
            continue
        with_code += 1
        expected = item["payload"].encode()
        by_live = expected in live.read(gray).payloads
        by_before = expected in before.read(gray, effort=Effort.FAST).payloads
        read["live"] += by_live
        read["before"] += by_before
        if by_before and not by_live:
            missed.append(f"{item['file']} ({live.glance(gray).evidence or 'no evidence'})")
    return (
        f"{with_code} frames with a QR code (bench/qr corpus), load average before "
        f"{load_before}, after {load_avg()}: the live path read {read['live']}, the cascade "
        f"as before {read['before']}; the live path ran the cascade on {empty_to_cascade} "
        f"of the {empty} frames without a QR code; read before, not by the live path: "
        f"{', '.join(missed) or 'none'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["frames", "loop", "readrate", "_loop"])
    parser.add_argument("kind", nargs="?", default="")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--frames", type=Path, default=FOLDERS["frames"], help="the empty frames")
    parser.add_argument("--corpus", type=Path, default=FOLDERS["corpus"], help="the QR corpus")
    args = parser.parse_args(argv)
    FOLDERS.update(frames=args.frames, corpus=args.corpus)
    if args.what == "_loop":
        print(json.dumps(run_loop(args.kind, args.seconds)))
    elif args.what == "frames":
        print(frames_row(args.rounds))
    elif args.what == "loop":
        print(loop_row(args.seconds, args.pairs))
    else:
        print(readrate_row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
