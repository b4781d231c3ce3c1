"""Runs long work off the GUI thread, with progress and cancel, results back by queued signal."""

from __future__ import annotations

import gc
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from workbench.domain.errors import UserFacingError
from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, stages_to
from workbench.ui.labels import explain

log = logging.getLogger(__name__)

# A task is a pure function taking progress and cancelled callbacks; it touches no Qt object.
TaskFn = Callable[[ProgressFn, CancelledFn], Any]


class TaskSignals(QObject):
    sig_progress = Signal(int, int)
    sig_done = Signal(object)
    sig_failed = Signal(str)  # a message fit to show
    sig_cancelled = Signal()
    sig_stage = Signal(object)  # a domain.progress.Stage the work reported


class Task(QRunnable):
    def __init__(self, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()
        self._fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            with stages_to(self.signals.sig_stage.emit):
                result = self._fn(self.signals.sig_progress.emit, self._cancel.is_set)
        except Cancelled:
            self.signals.sig_cancelled.emit()
        except UserFacingError as err:
            self.signals.sig_failed.emit(explain(err))
        except Exception:  # a bug: say so plainly, keep the details for the log
            log.exception("task failed")
            self.signals.sig_failed.emit(
                "Something went wrong inside Quote Workbench; nothing was changed. "
                "The details were written to the log.")
        else:
            self.signals.sig_done.emit(result)


# A full garbage collection walks every object and holds the GIL throughout: while a worker builds the
# thousands of objects of a long article, five of them (75–130 ms each) froze the window. While work
# runs, only the young generations are collected; the full collections the work would have caused
# come back when the runner is idle.
_FULL_COLLECTION_THRESHOLD = 10


def _postpone_full_collections() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000)


def _allow_full_collections() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _FULL_COLLECTION_THRESHOLD)


class TaskRunner(QObject):
    """Keeps a reference to each running task so it is not garbage-collected mid-run.

    ``sig_stage`` relays the stage every task reports (reading, finding quotes, saving...).
    """

    sig_stage = Signal(object)
    sig_idle = Signal()  # the last running task ended (done, failed or cancelled)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one store, one writer
        self._running: set[Task] = set()

    def start(self, fn: TaskFn, connect: Callable[[Task], None]) -> Task:
        """Run ``fn`` on the pool. ``connect(task)`` hooks up its signals and is called before it starts:
        a task that ends at once (refused on its first line, a duplicate import) would otherwise emit its
        result before anyone listened. So it is required: there is no way to connect afterwards."""
        if not self._running:
            _postpone_full_collections()
        task = Task(fn)
        task.signals.sig_stage.connect(self.sig_stage)
        self._running.add(task)
        for signal in (task.signals.sig_done, task.signals.sig_failed, task.signals.sig_cancelled):
            signal.connect(lambda *_, t=task: self._ended(t))
        connect(task)
        self._pool.start(task)
        return task

    def _ended(self, task: Task) -> None:
        self._running.discard(task)
        if not self._running:
            # a second later, not now: the result is being shown now, and a full collection on top would stall it
            QTimer.singleShot(1000, lambda: self._running or _allow_full_collections())
            self.sig_idle.emit()

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)


class Turns(QObject):
    """GUI work cut into pieces, run one piece per turn of the event loop, first queued first run.

    Whatever shows something big (a long text, a long table, a project just read) queues its pieces
    here rather than on timers of its own: timers due together run in one pass of the event loop, so
    pieces of different jobs would add up there; queued here they take turns, and the window answers
    input and paints between any two. (``QTimer.singleShot(0, …)`` would not split work either: Qt 6
    posts a zero delay as a queued call, run in the same pass as the events being handled.)
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pieces: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._run_one)

    def later(self, piece: Callable[[], object]) -> None:
        """Run ``piece`` on the GUI thread on a later turn, after the pieces queued before it."""
        self._pieces.append(piece)
        if not self._timer.isActive():
            self._timer.start()

    def _run_one(self) -> None:
        if not self._pieces:
            return
        piece = self._pieces.popleft()
        try:
            piece()
        finally:
            if self._pieces:
                self._timer.start()
