"""How long does the real window freeze? GUI-thread stalls while opening, importing, browsing and editing.

    python benchmarks/make_big_project.py /tmp/qwbench/big.qwb --big-article /tmp/qwbench/big.txt
    python benchmarks/bench_gui.py /tmp/qwbench/big.qwb /tmp/qwbench/big.txt [--profile] [--json OUT]

The real ``MainWindow`` is built offscreen (``QT_QPA_PLATFORM=offscreen``, the data
folder in a temporary directory) exactly as ``app.py`` builds it. A heartbeat
``QTimer`` ticks every 5 ms on the GUI thread; the gap between two ticks is how long
the GUI thread could not process events (input, paint), i.e. how long the window was
frozen. A watchdog thread samples the GUI thread's Python stack (``sys._current_frames``)
every 10 ms while no tick has come for 100 ms, so each stall says what was running; the other
threads' stacks are sampled at the same moments ("worker:" lines: what a worker holding the GIL ran).
(The watchdog needs the GIL: a stall inside one long C++ call that holds the GIL is
sampled only once the call returns; ``--profile`` runs cProfile on the GUI thread,
which catches those.)

Scenarios, in order, on one window:
  open     File → Open of the big project, until the first article and its quotes are painted
  switch   Next article (Ctrl+PgDown) ×20
  status   set a status on a quote (the undo command) ×3, then undo ×3
  cancel   import the huge article, press Cancel after 0.5 s, until the task has stopped
  import   import the huge article (extract + detect on a worker), until it is shown with its quotes
  search   type "council" into the quote search box (60 ms a key) on the huge article, then clear it
  status-big  set a status ×3 and undo ×3 on the huge article
  switch-big  leave the huge article and come back (Ctrl+PgUp, Ctrl+PgDown)
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA = tempfile.TemporaryDirectory(prefix="qwbench-data-")
os.environ["QUOTE_WORKBENCH_DATA_DIR"] = _DATA.name
os.environ.setdefault("QUOTE_WORKBENCH_ANALYST", "Bench Analyst")

import PySide6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from workbench.app import settle_startup_objects
from workbench.domain.model import VerificationStatus
from workbench.ui.dialogs import Dialogs
from workbench.ui.labels import STATUS_KEYS
from workbench.ui.main_window import MainWindow
from workbench.ui.runner import TaskRunner

STALL_MS = 100.0
TICK_MS = 5
REPO = str(Path(__file__).resolve().parents[1])


class QuietDialogs(Dialogs):
    """Answers every question without a modal dialog, and keeps what the window said."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        # Any other question (publication date, analyst name, ...) is answered "cancel", never modally.
        for name in dir(Dialogs):
            if not name.startswith("_") and name not in QuietDialogs.__dict__:
                setattr(self, name, lambda *args, _name=name, **kwargs: self.messages.append("asked: " + _name))

    def error(self, parent, message):
        self.messages.append("error: " + message)

    def info(self, parent, message):
        self.messages.append("info: " + message)

    def ask_save_changes(self, parent, name):
        return "discard"

    def ask_recover(self, parent, description):
        return False


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Stall:
    start: float           # perf_counter of the last tick before the gap
    ms: float
    samples: list[list[traceback.FrameSummary]] = field(default_factory=list)
    worker_samples: list[list[traceback.FrameSummary]] = field(default_factory=list)  # the other threads'


# PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call (pyproject.toml pins
# below it); the report says how many a call loses here, 0 on a sound binding.
def none_references_lost_per_call(call: Callable[[], object], n: int = 1000) -> float:
    before = sys.getrefcount(None)
    for _ in range(n):
        call()
    return (before - sys.getrefcount(None)) / n


class Heartbeat:
    """Ticks every TICK_MS on the GUI thread and records the gaps between ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.gaps: list[tuple[float, float]] = []  # (start, ms)
        self.timer.start()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.gaps = []

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((self.last, 1000 * (now - self.last)))
        self.last = now

    def close_open_gap(self) -> None:
        """Count the time since the last tick too (a scenario may end inside a stall)."""
        self._tick()


class Watchdog(threading.Thread):
    """Samples the GUI thread's stack every 10 ms while the heartbeat is more than STALL_MS late."""

    def __init__(self, heartbeat: Heartbeat) -> None:
        super().__init__(name="stall-watchdog", daemon=True)
        self.heartbeat = heartbeat
        self.main_id = threading.main_thread().ident
        self.samples: dict[float, list[list[traceback.FrameSummary]]] = collections.defaultdict(list)
        # what the other threads (a worker holding the GIL) were running at the same moments
        self.worker_samples: dict[float, list[list[traceback.FrameSummary]]] = collections.defaultdict(list)
        self.enabled = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            time.sleep(0.01)
            if not self.enabled.is_set():
                continue
            last = self.heartbeat.last
            if time.perf_counter() - last > STALL_MS / 1000:
                frames = sys._current_frames()
                frame = frames.get(self.main_id)
                if frame is not None:
                    self.samples[last].append(traceback.extract_stack(frame))
                for ident, other in frames.items():
                    if ident not in (self.main_id, self.ident):
                        stack = traceback.extract_stack(other)
                        if any(f.filename.startswith(REPO) for f in stack):
                            self.worker_samples[last].append(stack)
                del frame, frames


@dataclass
class Result:
    name: str
    wall_ms: float
    max_gap_ms: float
    stalls: list[Stall]
    note: str = ""
    profile: str = ""
    step_ms: list[float] = field(default_factory=list)
    finished_at: float | None = None  # perf_counter when done() became true


class Bench:
    def __init__(self, profile: bool, json_path: Path | None = None) -> None:
        self.json_path = json_path
        self.load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self.app = QApplication.instance() or QApplication(["quote-workbench-bench"])
        self.settings = QSettings(str(Path(_DATA.name) / "settings.ini"), QSettings.Format.IniFormat)
        self.dialogs = QuietDialogs()
        self.window = MainWindow(self.settings, self.dialogs, TaskRunner(), "Bench Analyst")
        self.window.show()
        settle_startup_objects()  # as app.py does once the window is shown
        self.none_leak = none_references_lost_per_call(lambda: self.window.statusBar().setVisible(True))
        self.heartbeat = Heartbeat()
        self.watchdog = Watchdog(self.heartbeat)
        self.watchdog.start()
        self.profile = profile
        self.results: list[Result] = []
        self.painted = False
        self._paint_spy = _PaintSpy(self)
        self.window.article_view.viewport().installEventFilter(self._paint_spy)
        self.idle(300)

    def idle(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(self, done: Callable[[], bool], timeout_s: float) -> float | None:
        """Run the event loop until ``done()``; return the perf_counter when it became true."""
        if done():
            return time.perf_counter()
        loop = QEventLoop()
        found: list[float] = []
        deadline = time.perf_counter() + timeout_s

        def poll() -> None:
            if done():
                found.append(time.perf_counter())
                loop.quit()
            elif time.perf_counter() > deadline:
                loop.quit()

        poller = QTimer()
        poller.setInterval(2)
        poller.timeout.connect(poll)
        poller.start()
        loop.exec()
        poller.stop()
        return found[0] if found else None

    def scenario(self, name: str, steps: list[Callable[[], None]], done: Callable[[], bool] = lambda: True, *,
                 gap_ms: int = 60, timeout_s: float = 600, until_painted: bool = False, note: str = "") -> Result:
        """Run ``steps`` one after another on the GUI thread (``gap_ms`` apart), then wait for ``done``."""
        self.idle(200)
        self.heartbeat.reset()
        self.watchdog.samples.clear()
        self.watchdog.worker_samples.clear()
        self.watchdog.enabled.set()
        profiler = cProfile.Profile() if self.profile else None
        step_ms: list[float] = []
        started = time.perf_counter()
        for number, step in enumerate(steps):
            self.painted = False
            t = time.perf_counter()
            if profiler:
                profiler.enable()
            step()
            if profiler:
                profiler.disable()
            step_ms.append(1000 * (time.perf_counter() - t))
            if number < len(steps) - 1:
                self.idle(gap_ms)
        if profiler:
            profiler.enable()
        finished = self.wait_until(done, timeout_s)
        if finished is not None and until_painted:
            self.painted = False
            self.window.article_view.viewport().update()
            finished = self.wait_until(lambda: self.painted, 10) or finished
        if profiler:
            profiler.disable()
        wall = 1000 * ((finished or time.perf_counter()) - started)
        self.heartbeat.close_open_gap()
        self.idle(250)  # trailing paint and queued work belong to the scenario too
        self.watchdog.enabled.clear()
        gaps = self.heartbeat.gaps
        stalls = [Stall(start, ms, self.watchdog.samples.get(start, []), self.watchdog.worker_samples.get(start, []))
                  for start, ms in gaps if ms > STALL_MS]
        result = Result(name, wall, max((ms for _, ms in gaps), default=0.0), stalls,
                        note + ("" if finished is not None else " (TIMED OUT)"), step_ms=step_ms,
                        finished_at=finished)
        if profiler:
            result.profile = _profile_text(profiler)
        self.results.append(result)
        if self.json_path:
            write_json(self, self.json_path)
        print(f"  {name}: {wall:.0f} ms, longest stall {result.max_gap_ms:.0f} ms, "
              f"{len(stalls)} > {STALL_MS:.0f} ms", file=sys.stderr, flush=True)
        return result

    def action(self, shortcut: str) -> QAction:
        for action in self.window.findChildren(QAction):
            if any(s.toString() == shortcut for s in action.shortcuts()):
                return action
        raise LookupError(shortcut)

    def key(self, shortcut: str) -> Callable[[], None]:
        """A keyboard shortcut; triggered through its action (offscreen windows are never active)."""
        return lambda: self.action(shortcut).trigger()


class _PaintSpy(QObject):
    def __init__(self, bench: Bench) -> None:
        super().__init__()
        self.bench = bench

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.bench.painted = True
        return False


def _profile_text(profiler: cProfile.Profile, limit: int = 14) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(lines[start:])


# --- what was running -----------------------------------------------------------------------------


def _where(stack: list[traceback.FrameSummary]) -> str:
    """The innermost frame of our code, and the innermost frame overall when it is a library's."""
    ours = [f for f in stack if f.filename.startswith(REPO) and "/benchmarks/" not in f.filename]
    if not ours:
        leaf = stack[-1]
        return f"{Path(leaf.filename).name}:{leaf.lineno} {leaf.name}"
    inner = ours[-1]
    text = f"{os.path.relpath(inner.filename, REPO)}:{inner.lineno} {inner.name}"
    chain = " < ".join(f"{f.name}" for f in reversed(ours[:-1][-3:]))
    if chain:
        text += f"  (< {chain})"
    leaf = stack[-1]
    if leaf is not inner:
        text += f"  [in {Path(leaf.filename).name}:{leaf.lineno} {leaf.name}]"
    return text


def stall_causes(result: Result, top: int = 4, *, workers: bool = False) -> list[tuple[int, str]]:
    counts: collections.Counter[str] = collections.Counter()
    for stall in result.stalls:
        for stack in (stall.worker_samples if workers else stall.samples):
            counts[_where(stack)] += 1
    return [(count, where) for where, count in counts.most_common(top)]


# --- the run ---------------------------------------------------------------------------------------


def run(project: Path, big_article: Path, profile: bool, json_path: Path | None = None) -> Bench:
    bench = Bench(profile, json_path)
    w = bench.window

    def first_article_shown() -> bool:
        return (w.workspace is not None and w.article_list.count() > 0 and w.quote_model.rowCount() > 0
                and w.article_view.document().characterCount() > 1)

    bench.scenario("open project", [lambda: w.open_path(str(project))], first_article_shown,
                   until_painted=True,
                   note=f"{w.article_list.count()} articles" if False else "")
    bench.results[-1].note = f"{w.article_list.count()} articles in the list"

    bench.scenario("next article ×20", [bench.key("Ctrl+PgDown")] * 20)

    def set_status(row: int, status: VerificationStatus) -> Callable[[], None]:
        def step() -> None:
            w.quote_table.selectRow(row)
            bench.action(STATUS_KEYS[status]).trigger()
        return step

    edits = [set_status(0, VerificationStatus.VERIFIED), set_status(1, VerificationStatus.ALTERED),
             set_status(2, VerificationStatus.IN_PROGRESS)] + [bench.key("Ctrl+Z")] * 3
    bench.scenario("set status ×3, undo ×3", edits, gap_ms=120,
                   note=f"article with {w.quote_model.rowCount()} quotes")

    path = str(big_article)
    big_chars = len(big_article.read_text(encoding="utf-8"))

    def big_shown() -> bool:
        return not w.runner.busy and w.article_view.document().characterCount() >= big_chars * 0.9

    clicked: list[float] = []

    def click_cancel() -> None:
        clicked.append(time.perf_counter())
        w.findChild(QPushButton, "cancelButton").click()  # by its documented name (docs/widgets.md)

    bench.scenario("import + cancel after 0.5 s", [lambda: w.import_sources([path]), click_cancel],
                   lambda: not w.runner.busy, gap_ms=500, note="wall = Cancel click → task stopped")
    cancel = bench.results[-1]
    if cancel.finished_at is not None:
        cancel.wall_ms = 1000 * (cancel.finished_at - clicked[0])

    bench.scenario("import 1M-char article", [lambda: w.import_sources([path])], big_shown, until_painted=True)
    bench.results[-1].note = f"{w.quote_model.rowCount()} quotes detected"

    typing = [lambda c=c: QTest.keyClicks(w.search_edit, c) for c in "council"]
    clearing = [lambda: QTest.keyClick(w.search_edit, Qt.Key.Key_Backspace)] * len("council")
    bench.scenario("type in search (1M article)", typing + clearing, gap_ms=60,
                   note=f"{w.quote_model.rowCount()} quotes; 14 keys")

    bench.scenario("set status ×3, undo ×3 (1M)", edits, gap_ms=120)
    bench.scenario("leave + return to 1M article", [bench.key("Ctrl+PgUp"), bench.key("Ctrl+PgDown")],
                   lambda: w.quote_model.rowCount() > 1000, gap_ms=200)

    w.runner.cancel_all()
    w.runner.wait(10000)
    w.close()
    bench.watchdog.stop.set()
    return bench


def report(bench: Bench, stream=sys.stdout) -> None:
    print(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}; None references lost per "
          f"void Qt call: {bench.none_leak:g}; load average before/after: {bench.load_before} / "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=stream)
    print(f"| scenario | wall time (ms) | longest GUI stall (ms) | stalls > {STALL_MS:.0f} ms | note |", file=stream)
    print("|---|---:|---:|---:|---|", file=stream)
    for r in bench.results:
        print(f"| {r.name} | {r.wall_ms:.0f} | {r.max_gap_ms:.0f} | {len(r.stalls)} | {r.note} |", file=stream)
    print(file=stream)
    for r in bench.results:
        if not r.stalls:
            continue
        longest = sorted(r.stalls, key=lambda s: -s.ms)[:5]
        steps = ", ".join(f"{ms:.0f}" for ms in r.step_ms)
        print(f"## {r.name}: stalls (ms) {', '.join(f'{s.ms:.0f}' for s in longest)}"
              f"{' …' if len(r.stalls) > 5 else ''}; synchronous time per step (ms): {steps}", file=stream)
        for count, where in stall_causes(r):
            print(f"   {count:4d} samples  {where}", file=stream)
        for count, where in stall_causes(r, workers=True):
            print(f"   {count:4d} samples  worker: {where}", file=stream)
        if r.profile:
            print("   cProfile (GUI thread, cumulative):", file=stream)
            for line in r.profile.splitlines():
                print("     " + line, file=stream)
    if bench.dialogs.messages:
        print("\nwindow said: " + " | ".join(m[:120] for m in bench.dialogs.messages), file=stream)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a big project (benchmarks/make_big_project.py)")
    parser.add_argument("article", type=Path, help="a huge article text file (--big-article)")
    parser.add_argument("--profile", action="store_true", help="also run cProfile on the GUI thread (slower)")
    parser.add_argument("--json", type=Path, help="write the results here too")
    options = parser.parse_args(argv)
    bench = run(options.project, options.article, options.profile, options.json)
    report(bench)
    return 0


def write_json(bench: Bench, path: Path) -> None:
    """Written after every scenario, so a crash part-way keeps what was measured."""
    path.write_text(json.dumps([
        {"scenario": r.name, "wall_ms": round(r.wall_ms, 1), "max_stall_ms": round(r.max_gap_ms, 1),
         "stalls_over_100ms": len(r.stalls), "stalls_ms": [round(s.ms, 1) for s in r.stalls],
         "step_ms": [round(ms, 1) for ms in r.step_ms], "causes": stall_causes(r, 8),
         "worker_causes": stall_causes(r, 8, workers=True), "note": r.note,
         "profile": r.profile} for r in bench.results], indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
