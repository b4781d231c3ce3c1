"""An unexpected error in the window: a plain message with "Copy details", the log, unsaved edits journaled."""

from __future__ import annotations

import json
import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from workbench.logs import LOG_NAME, log_folder
from workbench.services.paths import recovery_dir
from workbench.ui.crash import crash_box, install_crash_handler


@pytest.fixture(autouse=True)
def hooks_and_log_handlers_restored(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers[:]:
        if handler not in before:
            handler.close()
            logging.getLogger().removeHandler(handler)


def _raise_in_a_slot():
    try:
        {}["missing"]
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)


def test_a_bug_in_a_slot_shows_one_plain_message_and_logs_the_traceback(make_window, sample_project):
    window = make_window()
    window.open_path(str(sample_project))
    shown = []
    install_crash_handler(window, show=lambda parent, message, details: shown.append((parent, message, details)))
    _raise_in_a_slot()
    log = log_folder() / LOG_NAME
    [(parent, message, details)] = shown
    assert parent is window
    assert message == (f"Something went wrong inside Quote Workbench (KeyError). Your saved work is safe. "
                       f"The details are in {log}.")
    assert "Traceback" not in message
    assert "Traceback (most recent call last)" in details and "'missing'" in details
    assert "KeyError: 'missing'" in log.read_text(encoding="utf-8")


def test_unsaved_edits_stay_journaled_when_a_bug_strikes(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: window.workspace is not None)
    quote = window.workspace.store.quotes()[0]
    window.workspace.do(window.workspace.service.note_edit(quote.id, "unsaved note"))
    assert window.isWindowModified()
    shown = []
    install_crash_handler(window, show=lambda parent, message, details: shown.append(message))
    _raise_in_a_slot()
    assert "Your unsaved edits are kept and will be offered back" in shown[0]
    journal = window.workspace.session.working_copy.with_suffix(".json")
    assert journal.parent == recovery_dir() and json.loads(journal.read_text())["unsaved"] is True


def test_an_error_in_a_python_thread_is_shown_on_the_gui_thread(make_window, qtbot):
    window = make_window()
    shown = []
    install_crash_handler(window, show=lambda parent, message, details: shown.append(
        (message, threading.current_thread() is threading.main_thread())))
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][0].startswith("Something went wrong inside Quote Workbench (ZeroDivisionError).")
    assert shown[0][1]  # shown by the GUI thread


def test_copy_details_copies_and_leaves_the_box_open(qtbot):
    box = crash_box(None, "Something went wrong.", "Traceback (most recent call last): …")
    qtbot.addWidget(box)
    box.show()
    copy = box.findChild(QPushButton, "copyDetailsButton")
    assert copy.text() == "Copy details"
    copy.click()
    assert QApplication.clipboard().text() == "Traceback (most recent call last): …"
    assert box.isVisible()


def test_a_handler_whose_window_is_gone_only_logs(make_window):
    window = make_window()
    handler = install_crash_handler(window, show=lambda *args: (_ for _ in ()).throw(RuntimeError("gone")))
    handler.handle(ValueError("late"))  # the box fails: logged, nothing raised
    written = (log_folder() / LOG_NAME).read_text(encoding="utf-8")
    assert "ValueError: late" in written and "RuntimeError: gone" in written


def test_ctrl_c_in_the_terminal_shows_no_box(make_window):
    window = make_window()
    shown = []
    install_crash_handler(window, show=lambda *args: shown.append(args))
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert shown == []
