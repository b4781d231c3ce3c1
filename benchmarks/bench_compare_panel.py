"""The window's Compare panel on two generated projects of 1,000 articles / 50,000 quotes each (issue 16).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_compare_panel [--dir DIR] [--articles 1000]
                                                                     [--quotes 50000] [--seed 7]

"Mine" and "theirs" are made as by bench_compare.py (theirs perturbed in bulk SQL), in DIR. The real
MainWindow opens mine, then File → Compare… (action ``file.compare``, the file dialog answered) reads
theirs. Measured: the time until the differences are listed; the longest the GUI thread went without
turning its event loop meanwhile (a 10 ms timer; the reading runs on the runner), its stalls over 100 ms
and their sampled causes; the time to take all
their statuses shown (action ``compare.take_all``, one undo step, run on the runner) and to undo it
(action ``edit.undo``, on the runner too), each until the runner is idle, with the GUI thread's longest
stall and its stalls over 100 ms; and their file's SHA-256 before and after.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import sys
import threading
import time
import traceback
from pathlib import Path


class StallSampler(threading.Thread):
    """Samples the GUI thread's Python stack every 10 ms while its timer is over 100 ms late; ``report``
    counts the innermost workbench (or benchmark) frames of the samples, the causes of the stalls."""

    def __init__(self, last: list[float]) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self.last, self.main = last, threading.main_thread().ident
        self.samples: collections.Counter[str] = collections.Counter()
        self.on = threading.Event()

    def run(self) -> None:
        while True:
            time.sleep(0.01)
            if self.on.is_set() and time.perf_counter() - self.last[0] > 0.1:
                frame = sys._current_frames().get(self.main)
                if frame is not None:
                    ours = [f for f in traceback.extract_stack(frame) if "workbench" in f.filename
                            or "bench" in f.filename]
                    if ours:
                        self.samples[" < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}"
                                                for f in reversed(ours[-3:]))] += 1
                del frame

    def report(self) -> str:
        found = self.samples.most_common(6)
        self.samples.clear()
        return "".join(f"\n    {n} samples  {where}" for where, n in found)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/qwb-bench-compare-panel"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_compare import make_theirs
    from benchmarks.make_big_project import make_project
    from workbench.domain.comparison import DifferenceKind
    from workbench.ui.compare_panel import ComparePanel
    from workbench.ui.dialogs import Dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.runner import TaskRunner

    options.dir.mkdir(parents=True, exist_ok=True)
    mine = options.dir / f"mine-{options.articles}-{options.quotes}-{options.seed}.qwb"
    theirs = options.dir / f"theirs-{options.articles}-{options.quotes}-{options.seed}.qwb"
    if not mine.exists():
        print(f"writing {mine} …", file=sys.stderr)
        make_project(mine, articles=options.articles, quotes=options.quotes, seed=options.seed)
    if not theirs.exists():
        print(f"theirs perturbed: {make_theirs(mine, theirs, options.seed)}", file=sys.stderr)
    before = sha(theirs)

    class AnsweringDialogs(Dialogs):
        def colleague_project_path(self, parent):
            return str(theirs)

        def ask_save_changes(self, parent, name):
            return "discard"

    app = QApplication.instance() or QApplication(["bench"])
    settings = QSettings(str(options.dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, AnsweringDialogs(), TaskRunner(), "Bench Analyst")
    window.show()

    def wait(condition, timeout: float = 600.0) -> None:
        end = time.perf_counter() + timeout
        while not condition():
            app.processEvents()
            time.sleep(0.002)
            if time.perf_counter() > end:
                raise TimeoutError

    window.open_path(str(mine))
    wait(lambda: window.workspace is not None and not window.opener.busy)
    panel = window.findChild(ComparePanel, "comparePanel")

    gaps = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    sampler = StallSampler(last)
    sampler.start()
    started = time.perf_counter()
    last[0] = started
    timer.start()
    sampler.on.set()
    window.actions["file.compare"].trigger()
    tick()  # the trigger's own time on the GUI thread counts as a stall
    wait(lambda: not panel.busy)  # until every difference is in the list
    tick()
    listed = time.perf_counter() - started
    timer.stop()
    sampler.on.clear()
    list_causes = sampler.report()
    assert panel.outcome is not None, "the comparison was refused"
    differences = len(panel.outcome.comparison.differences)
    print(f"listed {differences} differences {time.perf_counter() - started:.1f} s after File → Compare… "
          f"(the read, matching and agreement on the runner); longest GUI-thread stall meanwhile "
          f"{max(gaps) * 1000:.0f} ms, {sum(1 for g in gaps if g > 0.1)} over 100 ms, "
          f"median tick {sorted(gaps)[len(gaps) // 2] * 1000:.0f} ms; shown {panel.proxy.rowCount()}")
    if list_causes:
        print(f"  GUI-thread samples during stalls, listing:{list_causes}")

    panel.set_kind_filter(DifferenceKind.STATUS)
    shown = panel.proxy.rowCount()
    stack = window.workspace.undo_stack

    def timed(action_id: str) -> tuple[float, float, int]:
        """Trigger an action as a person would; wall time until the runner is idle, the GUI thread's
        longest stall meanwhile, and its stalls over 100 ms."""
        gaps.clear()
        t = time.perf_counter()
        last[0] = t
        timer.start()
        sampler.on.set()
        window.actions[action_id].trigger()
        tick()  # the trigger's own time on the GUI thread counts as a stall
        wait(lambda: not window.runner.busy and not panel.taking)  # until the results are shown
        tick()
        timer.stop()
        sampler.on.clear()
        return time.perf_counter() - t, max(gaps), sum(1 for g in gaps if g > 0.1)

    took, took_stall, took_over = timed("compare.take_all")
    took_causes = sampler.report()
    assert stack.count() == 1, stack.count()
    undone, undo_stall, undo_over = timed("edit.undo")
    undo_causes = sampler.report()
    print(f"take all {shown} status differences (one undo step, {stack.count()} on the stack): {took:.1f} s, "
          f"longest GUI stall {took_stall * 1000:.0f} ms, {took_over} over 100 ms; "
          f"undo it: {undone:.1f} s, longest GUI stall {undo_stall * 1000:.0f} ms, {undo_over} over 100 ms")
    if took_causes or undo_causes:
        print(f"  GUI-thread samples during stalls, take all:{took_causes or ' none'}\n  undo:{undo_causes or ' none'}")
    window.close()
    window.runner.wait(10000)
    after = sha(theirs)
    print(f"their file's SHA-256 unchanged: {before == after} ({after[:16]}…); listed in {listed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
