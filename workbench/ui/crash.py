"""An unexpected error in the window: one plain message with "Copy details", the traceback in the log.

``install_crash_handler`` (called from app.py) replaces ``sys.excepthook`` and
``threading.excepthook``. A bug in a slot then writes its traceback to the rotating log
(workbench/logs.py), makes sure the open project's unsaved edits are journaled (the working
copy already holds them; the journal marks them to be offered back at the next start), and
shows a message box saying so, with a "Copy details" button. Errors raised while the box is
open are only logged, so a failing paint cannot stack up boxes.

A team project's server that went away (``ProjectOffline``, ``ProjectUnreachable`` from a read in a slot) is
not a bug: the status bar says it, no box, no traceback (ui/team_desk.py shows the offline state).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench import __version__
from workbench.domain.errors import ProjectOffline, ProjectUnreachable
from workbench.logs import log_unexpected, where_the_details_are

ShowFn = Callable[[QWidget | None, str, str], None]


def crash_message(error: BaseException, log_path: Path | None, *, journaled: bool) -> str:
    kept = ("Your unsaved edits are kept and will be offered back if the app has to close. "
            if journaled else "Your saved work is safe. ")
    return _tr(f"Something went wrong inside Quote Workbench ({type(error).__name__}). {kept}"
               f"{where_the_details_are(log_path)}")


def crash_details(error: BaseException) -> str:
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return f"Quote Workbench {__version__}, Python {sys.version.split()[0]}\n\n{trace}"


def crash_box(parent: QWidget | None, message: str, details: str) -> QMessageBox:
    """The message box, not yet shown: the sentence, and a button that copies the details."""
    box = QMessageBox(QMessageBox.Icon.Critical, _tr("Quote Workbench"), message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("crashBox")
    copy = box.addButton(_tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
    copy.setObjectName("copyDetailsButton")
    # An ActionRole button would close the box; copy and stay open.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    return box


def show_crash_box(parent: QWidget | None, message: str, details: str) -> None:
    crash_box(parent, message, details).exec()


class CrashHandler(QObject):
    """Installed on the GUI thread; errors from other Python threads are brought back to it."""

    def __init__(self, window, *, show: ShowFn = show_crash_box) -> None:
        super().__init__(window)
        self._window = window
        self._show = show
        self._showing = False
        self._pending: list[tuple[BaseException, Path | None, bool]] = []

    def handle(self, error: BaseException) -> None:
        """Log, journal, and (on the GUI thread, one box at a time) tell the analyst."""
        if isinstance(error, KeyboardInterrupt):  # Ctrl+C in the terminal that started the window
            return
        if isinstance(error, (ProjectOffline, ProjectUnreachable)):  # the server went away: said, not a crash
            if threading.current_thread() is threading.main_thread() and hasattr(self._window, "show_message"):
                self._window.show_message(error.message, 8000)
            return
        path = log_unexpected(error, "the window")
        try:
            journaled = self._journal_unsaved_edits()
            if self._showing:
                return
            if threading.current_thread() is not threading.main_thread():
                self._pending.append((error, path, journaled))
                QMetaObject.invokeMethod(self, "_show_pending", Qt.ConnectionType.QueuedConnection)
                return
            self._tell(error, path, journaled)
        except Exception as failure:  # the window is gone, or the box failed: the log has it all
            log_unexpected(failure, "showing an unexpected error")

    @Slot()
    def _show_pending(self) -> None:
        while self._pending and not self._showing:
            self._tell(*self._pending.pop(0))

    def _tell(self, error: BaseException, path: Path | None, journaled: bool) -> None:
        self._showing = True
        try:
            self._show(self._window, crash_message(error, path, journaled=journaled), crash_details(error))
        finally:
            self._showing = False

    def _journal_unsaved_edits(self) -> bool:
        """Mark the working copy's edits as unsaved in the recovery journal; True when there are any."""
        try:
            workspace = getattr(self._window, "workspace", None)
            session = getattr(workspace, "session", None)
            if session is None or not self._window.isWindowModified():
                return False
            session.set_unsaved(True)
            return True
        except Exception as error:  # the handler itself must never raise
            log_unexpected(error, "journaling after an unexpected error")
            return False


def install_crash_handler(window, *, show: ShowFn = show_crash_box) -> CrashHandler:
    handler = CrashHandler(window, show=show)
    sys.excepthook = lambda kind, error, trace: handler.handle(error.with_traceback(trace))
    threading.excepthook = lambda hook_args: (
        None if hook_args.exc_type is SystemExit else handler.handle(hook_args.exc_value))
    return handler


def _tr(text: str) -> str:
    return QCoreApplication.translate("Crash", text)
