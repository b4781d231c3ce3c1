"""A big project file is copied, checked and read off the GUI thread; what is no longer wanted is let go."""

import pytest
from PySide6.QtWidgets import QProgressBar

from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span
from workbench.persistence.locking import ProjectLock
from workbench.persistence.store import ProjectStore
from workbench.services.paths import recovery_dir
from workbench.ui import main_window


@pytest.fixture(autouse=True)
def every_file_is_big(monkeypatch):
    monkeypatch.setattr(main_window, "OPEN_IN_BACKGROUND_FROM", 0)


@pytest.fixture
def other_project(tmp_path):
    path = tmp_path / "other.qwb"
    text = "Council budget\n\n“We will look at every option,” the mayor said."
    quote = QuoteCandidate([Span(16, 47)], QuoteKind.DIRECT, None, None, "Jane Mayor", 0.9, "test")
    with ProjectStore.create(path, title="Other", analyst="Ana") as store:
        store.add_article(Article(0, "Council budget", text, "council.txt", None, None, (), None, "h-other",
                                  "2026-11-28T00:00:00+00:00"), [quote], "Ana")
    return path


def lock_is_free(path) -> bool:
    lock = ProjectLock(path)
    try:
        lock.acquire()
    except Exception:
        return False
    lock.release()
    return True


def working_copies() -> list:
    return sorted(recovery_dir().glob("*.qwb"))


def test_a_project_opened_in_the_background_shows_its_first_article(make_window, sample_project, qtbot):
    window = make_window()
    assert window.open_path(str(sample_project))
    assert window.opening and window.workspace is None  # not done inline
    assert window.article_header.text() == "Opening sample.qwb…"
    assert window.findChild(QProgressBar, "progressBar").isVisible()
    qtbot.waitUntil(lambda: window.quote_model.rowCount() >= 15, timeout=15000)
    assert not window.opening and not window.findChild(QProgressBar, "progressBar").isVisible()
    assert window.windowTitle().startswith("sample.qwb[*]")
    assert window.article_list.count() == 1 and window.article_list.currentRow() == 0
    assert window.article_view.toPlainText().startswith(window.workspace.store.article(1).title)
    assert window.current_quote_id() == window.quote_model.quote_at(0).id
    assert window.settings.value("recentFiles") in ([str(sample_project)], str(sample_project))
    window.undo_action.trigger()  # the window works on it as on any project
    assert window.workspace.undo_stack.count() == 0


def test_opening_another_project_meanwhile_shows_only_that_one(make_window, sample_project, other_project, qtbot,
                                                              monkeypatch):
    window = make_window()
    window.open_path(str(sample_project))  # in the background
    monkeypatch.setattr(main_window, "OPEN_IN_BACKGROUND_FROM", 10**12)
    window.open_path(str(other_project))  # at once, while the first is still being read
    qtbot.waitUntil(lambda: not window.reader.busy, timeout=15000)
    qtbot.wait(50)  # the first project arrives now, late: it must not replace the second
    assert window.windowTitle().startswith("other.qwb[*]")
    assert window.article_list.count() == 1 and window.article_list.item(0).text().startswith("Council budget")
    assert window.article_view.toPlainText().startswith("Council budget")
    assert [q.text for q in window.quote_model.quotes()] == ["“We will look at every option,”"]
    assert lock_is_free(sample_project) and not lock_is_free(other_project)
    assert working_copies() == [window.workspace.session.working_copy]


def test_opening_two_in_the_background_shows_the_last(make_window, sample_project, other_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    window.open_path(str(other_project))
    qtbot.waitUntil(lambda: not window.reader.busy and window.quote_model.rowCount() > 0, timeout=15000)
    qtbot.wait(50)
    assert window.windowTitle().startswith("other.qwb[*]")
    assert lock_is_free(sample_project)
    assert working_copies() == [window.workspace.session.working_copy]


def test_a_new_project_meanwhile_wins_over_the_one_being_opened(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    window.new_project()
    qtbot.waitUntil(lambda: not window.reader.busy, timeout=15000)
    qtbot.wait(50)
    assert window.windowTitle().startswith("Untitled project")
    assert window.article_list.count() == 0 and window.quote_model.rowCount() == 0
    assert lock_is_free(sample_project)
    assert working_copies() == [window.workspace.session.working_copy]


def test_closing_the_window_meanwhile_lets_the_project_go(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    assert window.close()
    qtbot.wait(50)
    assert lock_is_free(sample_project)
    assert working_copies() == []


def test_a_project_locked_elsewhere_is_explained_after_a_background_open(make_window, sample_project, dialogs,
                                                                       qtbot):
    window = make_window()
    with ProjectLock(sample_project):
        window.open_path(str(sample_project))
        qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=15000)
    assert "open for writing elsewhere" in dialogs.errors[0]
    assert not window.opening and window.workspace is None
    assert not window.findChild(QProgressBar, "progressBar").isVisible()
    assert working_copies() == []


def test_importing_while_a_project_opens_waits_for_it(make_window, sample_project, sample_article, dialogs, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    window.import_sources([str(sample_article)])
    assert "still being opened" in dialogs.infos[0]
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0, timeout=15000)
    assert window.windowTitle().startswith("sample.qwb[*]") and not window.runner.busy


def test_a_big_file_opens_for_review_in_the_background_and_is_not_recent_work(make_window, sample_project, qtbot):
    window = make_window()
    assert window.open_for_review(str(sample_project))
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0, timeout=15000)
    assert window.review_mode and "(review)" in window.windowTitle()
    assert not window.settings.value("recentFiles")
    assert lock_is_free(sample_project)  # reviewing takes no writer lock


def test_the_open_project_is_let_go_while_the_next_one_opens(make_window, sample_project, other_project, qtbot,
                                                             monkeypatch):
    monkeypatch.setattr(main_window, "OPEN_IN_BACKGROUND_FROM", 10**12)
    window = make_window()
    window.open_path(str(sample_project))  # at once
    monkeypatch.setattr(main_window, "OPEN_IN_BACKGROUND_FROM", 0)
    window.open_path(str(other_project))
    assert window.workspace is None and window.article_list.count() == 0 and window.quote_model.rowCount() == 0
    assert window.windowTitle().startswith("No project") and lock_is_free(sample_project)
    qtbot.waitUntil(lambda: window.quote_model.rowCount() == 1, timeout=15000)
    assert window.windowTitle().startswith("other.qwb[*]")
    assert working_copies() == [window.workspace.session.working_copy]


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, b"just some text\n" * 300],
                         ids=["image", "text"])
def test_a_file_that_is_no_project_is_explained_after_a_background_open(make_window, tmp_path, dialogs, qtbot,
                                                                       content):
    path = tmp_path / "not-a-project.qwb"
    path.write_bytes(content)
    window = make_window()
    window.open_path(str(path))
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=15000)
    assert "not-a-project.qwb" in dialogs.errors[0] and "Traceback" not in dialogs.errors[0]
    assert path.read_bytes() == content
    assert not window.opening and window.workspace is None and working_copies() == []


def test_a_truncated_project_is_explained_after_a_background_open(make_window, sample_project, tmp_path, dialogs,
                                                                 qtbot):
    whole = sample_project.read_bytes()
    path = tmp_path / "truncated.qwb"
    path.write_bytes(whole[: len(whole) // 2])
    window = make_window()
    window.open_path(str(path))
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=15000)
    assert "truncated.qwb" in dialogs.errors[0]
    assert path.read_bytes() == whole[: len(whole) // 2]
    assert not window.opening and window.workspace is None and working_copies() == []
