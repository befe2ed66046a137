"""How long the kiosk window freezes while the centre's database is away or locked.

Builds the real window (offscreen) on a counter with its own SQLite file and a centre
database that is

* ``unreachable``: a local TCP server that accepts connections and never answers;
* ``locked``: a real PostgreSQL (a schema per run) whose ``transactions`` table another
  connection holds with ``LOCK TABLE … IN ACCESS EXCLUSIVE MODE`` during each action;
* ``free``: the same PostgreSQL, nothing locked (for reference),

then drives a visit and the helper actions (sign-in with a real argon2 PIN, today's list,
the counter's dashboard, the centre-wide dashboard, close-day) and reports, per action and
case, the longest gap between ticks of a 10 ms QTimer on the GUI thread: a window that
never freezes shows about 10–20 ms; the target is < 100 ms.

Run it in a checkout (or against an older one with ``PYTHONPATH=/path/to/checkout``)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_freeze.py [--visits 430]

The PostgreSQL server is ``KIOSK_TEST_PG_URL`` (default 127.0.0.1:5432, trust auth).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:  # the checkout on PYTHONPATH first (an older one to compare with), else this one
    import kiosk
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import kiosk
CHECKOUT = Path(kiosk.__file__).resolve().parent.parent
sys.path.append(str(CHECKOUT))  # its tests.fakes (the folder printer) and tests.gui_helpers

from PySide6.QtCore import QEventLoop, QObject, QTimer  # noqa: E402  (after the path)
from PySide6.QtWidgets import QApplication  # noqa: E402

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PIN = "482916"
TICK_MS = 10
SETTLE_S = 5.0  # at the welcome screen before the first action
STACK_DEPTH = int(os.environ.get("BENCH_FREEZE_DEPTH", "30"))
ACTION_TIMEOUT_S = 120.0
LOCK_HOLD_S = 20.0  # the lock is let go after this long even if the action still waits
BLACKHOLE_HOLD_S = 60.0  # the silent server drops a connection after this long


# -- the GUI event loop's stalls ---------------------------------------------------------------


class StallMeter(QObject):
    """A timer ticking every 10 ms on the GUI thread; the longest gap between two ticks."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.worst = 0.0
        self.worst_cpu = 0.0  # the GUI thread's own CPU time inside the longest gap

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0
        self._timer.start()

    @property
    def last_tick(self) -> float:
        """When the timer last ticked (``time.perf_counter``)."""
        return self._last

    def stop(self) -> float:
        """The longest gap in ms, including the gap up to now."""
        self._tick()
        self._timer.stop()
        return self.worst * 1000

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self._last > self.worst:
            self.worst, self.worst_cpu = now - self._last, cpu - self._last_cpu
        self._last, self._last_cpu = now, cpu


class StallWatch(threading.Thread):
    """``BENCH_FREEZE_WATCH=1``: a thread that prints where the GUI thread is when its tick
    is late by more than ``late_s`` (a diagnosis: a GUI thread blocked on a lock or in
    SQLite's busy wait shows its frame; one waiting for the GIL shows where it will run)."""

    def __init__(self, meter: StallMeter, late_s: float = 0.06) -> None:
        super().__init__(name="stall-watch", daemon=True)
        self._meter = meter
        self._late_s = late_s
        self._main = threading.main_thread().ident

    def run(self) -> None:
        import traceback

        reported = 0.0
        while True:
            time.sleep(0.01)
            last = self._meter.last_tick
            if time.perf_counter() - last > self._late_s and last != reported:
                reported = last
                late = time.perf_counter() - last
                names = {t.ident: t.name for t in threading.enumerate()}
                stacks = []
                for ident, frame in sys._current_frames().items():
                    if ident == threading.get_ident():
                        continue
                    where = "".join(traceback.format_stack(frame, limit=STACK_DEPTH))
                    stacks.append(f"[{names.get(ident, ident)}]\n{where}")
                print(f"--- GUI thread late by {late:.3f} s:\n" + "\n".join(stacks))


Step = tuple[Callable[[], Any], Callable[[], bool]]  # do this, then wait until that is true


@dataclass
class Measure:
    action: str
    stall_ms: float
    wall_s: float
    outcome: str


def run_steps(meter: StallMeter, steps: Sequence[Step]) -> tuple[float, float, bool]:
    """Run ``steps`` inside the GUI event loop; (longest stall ms, seconds, finished)."""
    loop = QEventLoop()
    pending = list(steps)
    state = {"waiting": None, "finished": False}
    started = time.perf_counter()

    def advance() -> None:
        waiting = state["waiting"]
        if waiting is not None and not waiting():  # type: ignore[operator]
            if time.perf_counter() - started > ACTION_TIMEOUT_S:
                loop.quit()
            return
        if not pending:
            state["finished"] = True
            loop.quit()
            return
        action, until = pending.pop(0)
        state["waiting"] = until
        action()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(advance)
    meter.start()
    poll.start()
    loop.exec()
    poll.stop()
    stall = meter.stop()
    return stall, time.perf_counter() - started, bool(state["finished"])


# -- the centre's database, away or locked -----------------------------------------------------


class SilentServer:
    """Accepts TCP connections and never answers (drops each after ``hold_s``, and at close)."""

    def __init__(self, hold_s: float = BLACKHOLE_HOLD_S) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self._hold_s = hold_s
        self._open: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self._open.append(client)
            timer = threading.Timer(self._hold_s, self._drop, (client,))
            timer.daemon = True
            timer.start()

    @staticmethod
    def _drop(client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            client.close()

    def close(self) -> None:
        self._closed = True
        for client in self._open:
            self._drop(client)
        self._drop(self._server)


class TableLock:
    """Holds ``LOCK TABLE … IN ACCESS EXCLUSIVE MODE`` from another connection on demand."""

    def __init__(self, url: str, table: str = "transactions") -> None:
        from sqlalchemy import create_engine

        self._engine = create_engine(url)
        self._table = table
        self._release = threading.Event()
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def held(self, hold_s: float = LOCK_HOLD_S) -> Iterator[None]:
        """The table is locked inside the block (at most ``hold_s``)."""
        from sqlalchemy import text

        taken = threading.Event()
        self._release.clear()

        def hold() -> None:
            with self._engine.connect() as connection:
                connection.execute(text(f"LOCK TABLE {self._table} IN ACCESS EXCLUSIVE MODE"))
                taken.set()
                self._release.wait(hold_s)
                connection.rollback()

        self._thread = threading.Thread(target=hold, daemon=True)
        self._thread.start()
        taken.wait(10)
        try:
            yield
        finally:
            self._release.set()
            self._thread.join()

    def close(self) -> None:
        self._engine.dispose()


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose search_path is a new schema, dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"freeze_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    _centre_schema(url.render_as_string(hide_password=False))
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _centre_schema(url: str) -> None:
    """The centre's schema, as its administrator makes it with ``kiosk centre upgrade``
    (counters have not migrated the centre since issue 14, item 6; before that, this is
    what the first counter did)."""
    from kiosk.storage.database import create_kiosk_engine, upgrade_schema

    engine = create_kiosk_engine(url)
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()


# -- the kiosk ---------------------------------------------------------------------------------


def helper_mode_of(gui: Any) -> Any:
    """``gui.helper_mode`` now; a findChild lookup in older checkouts."""
    mode = getattr(gui, "helper_mode", None)
    if mode is not None:
        return mode
    from kiosk.ui.helper_mode import helper_mode_of as old_lookup

    return old_lookup(gui)


def idle(gui: Any) -> bool:
    """No background task waits for its answer (always true before there were any)."""
    tasks = getattr(gui, "tasks", None)
    return tasks is None or tasks.pending == 0


def seed(kiosk: Any, visits: int) -> None:
    """``visits`` finished anonymous visits today, and an admin."""
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN, kind="staff", role="admin")
    codes = ("portal_account", "vneid_level2", "online_filing", "vssid")
    for index in range(visits):
        code = codes[index % len(codes)]
        transaction_id = kiosk.transactions.start(helper_id=None, services=[code])
        kiosk.transactions.record_outcome(transaction_id, _outcome(code))
        kiosk.transactions.finish(transaction_id)


def _outcome(code: str) -> Any:
    try:
        from kiosk.domain.values import ServiceOutcome
    except ImportError:  # an older checkout
        from kiosk.services.values import ServiceOutcome  # type: ignore[no-redef]
    return ServiceOutcome(code, "done")


@dataclass
class Case:
    name: str
    central_url: str
    lock: TableLock | None = None
    measures: list[Measure] = field(default_factory=list)


def actions(gui: Any) -> list[tuple[str, list[Step]]]:
    """Each action as steps (do, then wait until) through the real window."""
    s = gui.screens
    shell = gui.shell
    mode = helper_mode_of(gui)
    login, home, dashboard = mode.screens.login, mode.screens.home, mode.screens.dashboard

    def on(screen: Any) -> Callable[[], bool]:
        return lambda: shell.current_screen is screen and idle(gui)

    def guide_to_outcome() -> None:
        if shell.current_screen is s.guide and idle(gui):
            s.guide.next.click()

    visit: list[Step] = [
        (s.welcome.start.click, on(s.scan)),
        (s.scan.anonymous.click, on(s.services)),
        (s.services.tiles["portal_account"].click, lambda: True),
        (s.services.proceed.click, on(s.guide)),
        (lambda: None, lambda: (guide_to_outcome(), shell.current_screen is s.outcome)[1]),
        (s.outcome.outcomes["done"].click, lambda: True),
        (s.outcome.save.click, on(s.rating)),
        (s.rating.faces[4].click, on(s.done)),
        (s.done.home.click, on(s.welcome)),
    ]

    def loaded(screen: Any) -> Callable[[], bool]:
        return lambda: (
            shell.current_screen is screen and not getattr(screen, "loading", False) and idle(gui)
        )

    def answered() -> bool:
        return idle(gui) and not getattr(dashboard, "loading", False)

    def closed() -> bool:
        return idle(gui) and bool(home.close_result.text() or home.close_error.text())

    sign_in: list[Step] = [
        (mode.open, lambda: "lan" in login.name_buttons and idle(gui)),
        (lambda: login.sign_in_requested.emit("lan", PIN), loaded(home)),
    ]
    return [
        ("visit (anonymous, one service)", visit),
        ("sign-in (argon2 PIN)", sign_in),
        ("today's list", [(mode.show_home, loaded(home))]),
        ("dashboard (this counter)", [(lambda: mode.show_dashboard("day", False), answered)]),
        ("dashboard (Toàn trung tâm)", [(lambda: mode.show_dashboard("day", True), answered)]),
        (
            "close day (PDF + CSV + XLSX)",
            [
                (mode.show_home, loaded(home)),
                (home.close_day.click, lambda: True),
                (home.close_confirm.click, closed),
            ],
        ),
    ]


def outcome_of(gui: Any, action: str) -> str:
    banner = gui.shell.banner
    if banner.isVisible() and banner.text():
        return "banner: " + banner.text()[:70]
    if action.startswith("close"):
        home = helper_mode_of(gui).screens.home
        return (home.close_result.text() or home.close_error.text()).split("\n")[0][:70]
    return "ok"


def run_case(app: QApplication, case: Case, visits: int, scratch: Path) -> None:
    os.environ["KIOSK_CONFIG_DIR"] = str(scratch / case.name / "config")
    os.environ["KIOSK_DATA_DIR"] = str(scratch / case.name / "data")
    os.environ["KIOSK_CENTRAL_DATABASE_URL"] = case.central_url
    from kiosk.app import build_kiosk
    from kiosk.settings import load_settings
    from kiosk.ui.main_window import build_gui
    from tests.fakes import FolderPrinter

    kiosk = build_kiosk(load_settings())
    seed(kiosk, visits)
    if case.lock is not None:  # the centre has the counter's history before it is locked
        kiosk.sync.drain()
    gui = build_gui(kiosk, [], app=app, printer=FolderPrinter(scratch / case.name / "printed"))
    gui.shell.resize(1280, 800)
    gui.shell.show()
    meter = StallMeter()
    if os.environ.get("BENCH_FREEZE_WATCH"):
        StallWatch(meter).start()
    # The window settles as a kiosk does before its first visitor: at the welcome screen for
    # a few seconds (its warm-up loads what the first receipt and close-day need).
    settled_at = time.perf_counter() + SETTLE_S
    run_steps(meter, [(lambda: None, lambda: time.perf_counter() > settled_at and idle(gui))])
    for action, steps in actions(gui):
        gui.shell.banner.hide()
        lock = case.lock.held() if case.lock is not None else contextlib.nullcontext()
        with lock:
            stall, wall, finished = run_steps(meter, steps)
        outcome = outcome_of(gui, action) if finished else "did not finish"
        case.measures.append(Measure(action, stall, wall, outcome))
        gui_cpu = meter.worst_cpu * 1000
        print(
            f"{case.name:12} {action:32} stall {stall:8.0f} ms (GUI thread's CPU in it "
            f"{gui_cpu:4.0f} ms)  ({wall:6.2f} s) {outcome}"
        )
    from tests.gui_helpers import close_gui

    close_gui(gui, app)
    kiosk.close()


def summary(cases: Sequence[Case]) -> str:
    """A Markdown table: per case and action, the median and the worst of the runs."""
    rows: dict[tuple[str, str], list[Measure]] = {}
    for case in cases:
        for measure in case.measures:
            rows.setdefault((case.name, measure.action), []).append(measure)
    lines = [
        "| case | action | longest stall, median (ms) | worst run (ms) | action took (s) |",
        "|---|---|---:|---:|---:|",
    ]
    for (name, action), measures in rows.items():
        stalls = sorted(m.stall_ms for m in measures)
        wall = statistics.median(m.wall_s for m in measures)
        lines.append(
            f"| {name} | {action} | {statistics.median(stalls):.0f} | {stalls[-1]:.0f} | "
            f"{wall:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=430, help="visits today before the actions")
    parser.add_argument("--cases", default="unreachable,locked,free")
    parser.add_argument("--repeat", type=int, default=1, help="runs of every case")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    print(f"kiosk from {CHECKOUT}, {args.visits} visits today")
    cases: list[Case] = []
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        for run in range(args.repeat):
            for name in args.cases.split(","):
                if name == "unreachable":
                    server = SilentServer()
                    stack.callback(server.close)
                    url = f"postgresql+psycopg://quayso@127.0.0.1:{server.port}/quayso"
                    cases.append(Case(name, url))
                else:
                    url = stack.enter_context(pg_schema())
                    lock = TableLock(url) if name == "locked" else None
                    if lock is not None:
                        stack.callback(lock.close)
                    cases.append(Case(name, url, lock))
                run_case(app, cases[-1], args.visits, Path(scratch) / str(run))
    print(summary(cases))
    worst = max(m.stall_ms for case in cases for m in case.measures)
    print(f"longest stall: {worst:.0f} ms ({'under' if worst < 100 else 'OVER'} the 100 ms target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
