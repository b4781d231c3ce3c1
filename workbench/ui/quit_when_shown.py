"""`QUOTE_WORKBENCH_QUIT_WHEN_SHOWN=1`: the app quits (exit 0) as soon as its main window has been shown.

For smoke tests and start-up timing of an installed or frozen app, where no test harness can reach inside
(packaging/build.sh, benchmarks/bench_start.py; docs/packaging.md). It prints ``window shown after S s`` on
stderr, S counted from ``QUOTE_WORKBENCH_LAUNCHED_AT`` (a ``time.time()`` the caller sets just before
starting the process) when that is set, else from this module's import. Installed by ``workbench/__main__.py``
before the app starts, so it needs nothing from the composition root.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

VARIABLE = "QUOTE_WORKBENCH_QUIT_WHEN_SHOWN"
LAUNCHED_AT = "QUOTE_WORKBENCH_LAUNCHED_AT"
_IMPORTED_AT = time.time()


class FirstWindowWatcher(QObject):
    """An application-wide event filter that waits for the first main window's Show event, then quits."""

    def __init__(self, app: QApplication, started: float) -> None:
        super().__init__(app)
        self.app = app
        self.started = started
        self.shown_after: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (self.shown_after is None and event.type() == QEvent.Type.Show
                and isinstance(watched, QMainWindow) and watched.isWindow()):
            self.shown_after = time.time() - self.started
            print(f"window shown after {self.shown_after:.3f} s", file=sys.stderr, flush=True)
            QTimer.singleShot(0, self.app.quit)  # after the start-up code that follows show() has run
        return False


def install() -> FirstWindowWatcher:
    """Make the QApplication the app will reuse, and watch it for the first shown main window."""
    app = QApplication.instance() or QApplication(["quote-workbench"])
    launched = os.environ.get(LAUNCHED_AT)
    watcher = FirstWindowWatcher(app, float(launched) if launched else _IMPORTED_AT)
    app.installEventFilter(watcher)
    return watcher
