"""Work that ends before ``start`` returns (a duplicate article, a file that is no project) is still heard:
every caller hooks up the task's signals through ``connect``, before the task starts. The runner here
runs each task on the spot, the worst case of a worker thread that wins the race to the GIL."""

import pytest
from PySide6.QtCore import QSettings

from workbench.ui import main_window
from workbench.ui.main_window import MainWindow
from workbench.ui.runner import Task, TaskRunner


class InstantRunner(TaskRunner):
    """Runs a task to its end inside ``start``, as a worker that finishes at once would."""

    def start(self, fn, connect):
        super().start(lambda progress, cancelled: None, lambda task: None)   # the busy/idle bookkeeping
        instant = Task(fn)
        connect(instant)
        instant.run()
        return instant


@pytest.fixture
def instant_window(qtbot, tmp_path, dialogs, monkeypatch):
    monkeypatch.setattr(main_window, "TaskRunner", InstantRunner)   # the reader too
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, dialogs, InstantRunner(), "Test Analyst")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.runner.wait(5000)
    dialogs.save_answer = "discard"
    window.close()


def test_a_duplicate_import_that_ends_at_once_is_still_reported(instant_window, sample_project, sample_article,
                                                               dialogs, qtbot):
    assert instant_window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: instant_window.article_list.count() == 1, timeout=15000)
    instant_window.import_sources([str(sample_article)])
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=5000)
    assert "already in this project" in dialogs.infos[0]


def test_a_file_that_is_no_project_refused_at_once_is_still_explained(instant_window, tmp_path, dialogs, qtbot,
                                                                      monkeypatch):
    monkeypatch.setattr(main_window, "OPEN_IN_BACKGROUND_FROM", 0)
    path = tmp_path / "not-a-project.qwb"
    path.write_bytes(b"just some text\n" * 300)
    instant_window.open_path(str(path))
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "not-a-project.qwb" in dialogs.errors[0]
