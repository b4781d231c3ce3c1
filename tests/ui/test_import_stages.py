"""The window's status bar says which stage a long import has reached (wired as app.py wires it)."""

from __future__ import annotations

from workbench.ui.progress_stages import show_stages


def test_import_stages_are_shown_in_the_status_bar(make_window, qtbot, sample_article):
    window = make_window()
    show_stages(window.runner, window.statusBar())
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.import_sources([str(sample_article)])
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    stages = [message for message in messages if message.endswith("…") and message != "Importing…"]
    assert stages == ["Reading the file…", "Cleaning the text…", "Finding quotes…", "Dating the quotes…",
                      "Saving…"]
    assert not window.statusBar().currentMessage().endswith("…")  # the last stage does not stay once done


def test_the_window_started_as_the_app_starts_it_shows_the_stages(qtbot, monkeypatch, sample_article):
    import sys

    from workbench.app import start_window
    from workbench.ui.dialogs import Dialogs
    import threading
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start_window installs its own
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    for question, answer in (("publication_date", None), ("ask_save_changes", "discard")):
        monkeypatch.setattr(Dialogs, question, lambda self, *args, answer=answer: answer)
    monkeypatch.setattr(Dialogs, "info", lambda self, parent, message: None)
    window = start_window([str(sample_article)])  # `quote-workbench ARTICLE`: imports into a new project
    qtbot.addWidget(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    assert "Finding quotes…" in messages and "Saving…" in messages
    window.close()


def test_the_last_stage_is_cleared_when_the_work_ends(qtbot):
    """Attaching a source reads and cleans it like an import: "Cleaning the text…" stayed in the
    status bar long after the source was shown."""
    from PySide6.QtWidgets import QMainWindow

    from workbench.domain.progress import Stage, report_stage
    from workbench.ui.runner import TaskRunner

    window, runner = QMainWindow(), TaskRunner()
    qtbot.addWidget(window)
    show_stages(runner, window.statusBar())
    seen: list[str] = []
    window.statusBar().messageChanged.connect(seen.append)

    def read_a_source(progress, cancelled):
        report_stage(Stage.CLEANING)
        return "text"

    with qtbot.waitSignal(runner.sig_idle, timeout=5000):
        runner.start(read_a_source, lambda task: None)   # heard through the runner's own signals
    qtbot.waitUntil(lambda: "Cleaning the text…" in seen)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
