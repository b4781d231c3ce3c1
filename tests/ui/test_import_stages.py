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
    stages = [message for message in messages if message.startswith("Importing: ")]
    assert stages == ["Importing: reading the file…", "Importing: cleaning the text…",
                      "Importing: finding quotes…", "Importing: dating the quotes…", "Importing: saving…"]


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
    assert "Importing: finding quotes…" in messages and "Importing: saving…" in messages
    window.close()
