"""Fixtures for driving the real window: fake dialogs, settings in tmp_path, a sample project."""

import pytest
from PySide6.QtCore import QSettings

from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.ui.dialogs import Dialogs, EvidenceInput
from workbench.ui.main_window import MainWindow
from workbench.ui.runner import TaskRunner


class FakeDialogs(Dialogs):
    """Answers every question from a script and records what the window said."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.save_answer = "discard"
        self.save_path: str | None = None
        self.recover = True
        self.evidence_input: EvidenceInput | None = None
        self.asked_to_save = 0

    def error(self, parent, message):
        self.errors.append(message)

    def info(self, parent, message):
        self.infos.append(message)

    def ask_save_changes(self, parent, name):
        self.asked_to_save += 1
        return self.save_answer

    def offer_rescue(self, parent, message):
        self.rescue_offers = getattr(self, "rescue_offers", []) + [message]
        return getattr(self, "rescue_answer", False)

    def ask_recover(self, parent, description):
        return self.recover

    def ask_close_with_waiting(self, parent, name, waiting):
        self.asked_about_waiting = getattr(self, "asked_about_waiting", []) + [waiting]
        return getattr(self, "close_with_waiting", False)

    def colleague_project_path(self, parent):
        return getattr(self, "compare_path", None)

    def save_project_path(self, parent, suggested):
        return self.save_path

    def publication_date(self, parent, title, current):
        self.asked_for_date = getattr(self, "asked_for_date", 0) + 1
        return getattr(self, "date_answer", None)

    def evidence(self, parent):
        return self.evidence_input


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def make_window(qtbot, tmp_path, dialogs):
    windows = []

    def make():
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, dialogs, TaskRunner(), "Test Analyst")
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait(5000)
        dialogs.save_answer = "discard"
        window.close()


@pytest.fixture
def sample_project(tmp_path, sample_article):
    path = tmp_path / "sample.qwb"
    with ProjectStore.create(path, title="Sample", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    return path
