"""Issue 5 through the real widgets: quote editing, filters, keyboard, undoable import, recovery, preferences."""

import subprocess
import sys
import textwrap

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QLabel, QListWidget, QToolButton

from workbench.domain.model import VerificationStatus


def open_sample(make_window, sample_project):
    window = make_window()
    assert window.open_path(str(sample_project))
    return window


def live_texts(window):
    return [q.text for q in window.workspace.store.quotes()]


def select_in_article(window, start, end):
    cursor = window.article_view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.article_view.setTextCursor(cursor)


def test_add_quote_from_selection_then_undo_and_redo(make_window, sample_project):
    window = open_sample(make_window, sample_project)
    text = window.article_view.toPlainText()
    start = text.index("Russia denies this")
    select_in_article(window, start, start + len("Russia denies this"))
    before = window.quote_model.rowCount()
    window.actions["quote.add_from_selection"].trigger()
    assert window.quote_model.rowCount() == before + 1
    assert "Russia denies this" in live_texts(window)
    window.undo_action.trigger()
    assert window.quote_model.rowCount() == before
    window.redo_action.trigger()
    assert "Russia denies this" in live_texts(window)


def test_split_merge_and_delete_through_the_menu(make_window, sample_project):
    window = open_sample(make_window, sample_project)
    split = next(q for q in window.quote_model.quotes() if len(q.spans) == 2)
    window.select_quote(split.id)
    cursor = window.article_view.textCursor()
    cursor.setPosition(split.spans[1].start)
    window.article_view.setTextCursor(cursor)
    count = window.quote_model.rowCount()
    window.actions["quote.split"].trigger()
    assert window.quote_model.rowCount() == count + 1
    assert "“We’re ready either way.”" in live_texts(window)

    parts = [q.id for q in window.quote_model.quotes() if q.id == split.id or q.text == "“We’re ready either way.”"]
    window.quote_table.clearSelection()
    for quote_id in parts:
        row = window.quote_proxy.mapFromSource(window.quote_model.index(window.quote_model.row_of(quote_id), 0)).row()
        window.quote_table.selectionModel().select(
            window.quote_proxy.index(row, 0),
            window.quote_table.selectionModel().SelectionFlag.Select | window.quote_table.selectionModel().SelectionFlag.Rows)
    window.actions["quote.merge"].trigger()
    assert window.quote_model.rowCount() == count
    assert split.text in live_texts(window)

    window.select_quote(split.id)
    window.actions["quote.delete"].trigger()
    assert split.text not in live_texts(window)
    window.undo_action.trigger()
    assert split.text in live_texts(window)


def test_redetect_runs_off_the_gui_thread_and_keeps_confirmed_work(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project)
    window.quote_table.selectRow(0)
    first = window.current_quote_id()
    combo = window.findChild(QComboBox, "statusCombo")
    combo.setCurrentIndex(combo.findData("verified"))
    combo.activated.emit(combo.currentIndex())
    count = window.quote_model.rowCount()
    window.actions["quote.redetect"].trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    qtbot.waitUntil(lambda: window.workspace.undo_stack.count() == 2)
    assert window.workspace.store.quote(first).status is VerificationStatus.VERIFIED
    assert window.quote_model.rowCount() == count
    window.undo_action.trigger()
    assert window.quote_model.rowCount() == count


def test_filters_by_speaker_kind_confidence_and_text(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project)
    total = window.quote_proxy.rowCount()
    speakers = window.findChild(QComboBox, "speakerFilter")
    speakers.setCurrentIndex(speakers.findData("Sergei Lavrov"))
    assert window.quote_proxy.rowCount() == 2
    assert "2 of" in window.findChild(QLabel, "statusCounts").text()
    speakers.setCurrentIndex(0)
    kinds = window.findChild(QComboBox, "kindFilter")
    kinds.setCurrentIndex(kinds.findData("direct"))
    direct = window.quote_proxy.rowCount()
    assert 0 < direct < total
    kinds.setCurrentIndex(0)
    window.findChild(QDoubleSpinBox, "confidenceFilter").setValue(0.95)
    assert all(window.quote_model.quote_at(window.quote_proxy.mapToSource(window.quote_proxy.index(r, 0)).row())
               .confidence >= 0.95 for r in range(window.quote_proxy.rowCount()))
    window.findChild(QDoubleSpinBox, "confidenceFilter").setValue(0)
    window.search_edit.setText("lost touch")
    qtbot.waitUntil(lambda: window.quote_proxy.rowCount() == 1)  # applied once typing pauses


def test_keyboard_navigation(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.quote_table.setFocus()
    window.quote_table.selectRow(0)
    qtbot.keyClick(window.quote_table, Qt.Key.Key_J)
    assert window.quote_table.currentIndex().row() == 1
    qtbot.keyClick(window.quote_table, Qt.Key.Key_K)
    assert window.quote_table.currentIndex().row() == 0
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)  # verified
    qtbot.keyClick(window.quote_table, Qt.Key.Key_U)  # next unchecked
    assert window.quote_table.currentIndex().row() == 1
    qtbot.keyClick(window.quote_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    quote = window.workspace.store.quote(window.current_quote_id())
    assert quote.speaker_confirmation.by == "Test Analyst"
    qtbot.keyClick(window.quote_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_edit


def test_shortcut_help_lists_the_keys(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project)
    QTimer.singleShot(0, lambda: _close_shortcuts(window))
    window.actions["help.shortcuts"].trigger()
    assert "Next unchecked quote" in window.shortcuts_text and "Ctrl+Z" in window.shortcuts_text


def _close_shortcuts(window):
    box = window.findChild(object, "shortcutsDialog")
    window.shortcuts_text = box.text()
    box.accept()


def test_importing_is_undoable(make_window, sample_article, qtbot):
    window = make_window()
    window.open_path(str(sample_article))
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.article_list.count() == 0 and window.quote_model.rowCount() == 0
    window.redo_action.trigger()
    assert window.article_list.count() == 1 and window.quote_model.rowCount() >= 15


def test_importing_the_same_article_again_shows_the_existing_one(make_window, sample_project, sample_article,
                                                                dialogs, qtbot):
    window = open_sample(make_window, sample_project)
    window.import_sources([str(sample_article)])
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15000)
    assert "already in this project" in dialogs.infos[0]
    assert window.article_list.count() == 1 and window.workspace.undo_stack.count() == 0


def test_a_refused_import_is_explained(make_window, tmp_path, dialogs, qtbot):
    window = make_window()
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    window.import_sources([str(picture)])
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15000)
    assert "photo.png" in dialogs.infos[0] and "image" in dialogs.infos[0]
    assert window.article_list.count() == 0


def test_dropping_an_article_imports_it(make_window, sample_article, qtbot):
    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_article))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)


def test_removed_page_clutter_is_listed(make_window, sample_project):
    window = open_sample(make_window, sample_project)
    toggle = window.findChild(QToolButton, "removedToggle")
    removed = window.findChild(QListWidget, "removedLines")
    assert toggle.isEnabled() and not removed.isVisible()
    toggle.click()
    assert removed.isVisible()
    lines = [removed.item(i).text() for i in range(removed.count())]
    assert any(line.startswith("This video can not be played") for line in lines)
    assert any(line.startswith("Products You May Like") for line in lines)


def test_legend_names_every_status(make_window):
    window = make_window()
    legend = window.findChild(QLabel, "statusLegend").text()
    assert all(label in legend for label in ("Unchecked", "Verified", "Misattributed", "Out of context"))


def test_font_size_and_analyst_name_are_remembered(make_window, sample_project, dialogs):
    window = open_sample(make_window, sample_project)
    size = window.article_view.font().pointSize()
    window.actions["view.zoom_in"].trigger()
    assert window.article_view.font().pointSize() == size + 1
    window.set_analyst("Rosa Lee")
    window.select_quote(next(q.id for q in window.quote_model.quotes() if q.speaker_name == "Sergei Lavrov"))
    window.actions["quote.confirm_speaker"].trigger()
    assert window.workspace.store.quote(window.current_quote_id()).speaker_confirmation.by == "Rosa Lee"
    window.close()
    again = make_window()
    assert again.article_view.font().pointSize() == size + 1
    assert again.settings.value("analyst") == "Rosa Lee"


CRASH_IN_THE_WINDOW = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from workbench.ui.dialogs import Dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.runner import TaskRunner
    window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat), Dialogs(), TaskRunner(), "Ana")
    window.open_path(sys.argv[1])
    window.quote_table.selectRow(0)
    window.actions["quote.status.altered"].trigger()
    window.workspace.do(window.workspace.service.note_edit(window.current_quote_id(), "unsaved note"))
    os._exit(9)  # power cut: nothing saved, nothing closed
""")


def test_unsaved_edits_are_recovered_after_a_crash(sample_project, tmp_path, monkeypatch, qtbot):
    import os
    subprocess.run([sys.executable, "-c", CRASH_IN_THE_WINDOW, str(sample_project), str(tmp_path / "s.ini")],
                   env=os.environ.copy(), check=False, timeout=60)
    from workbench.app import start_window
    from workbench.ui.dialogs import Dialogs
    monkeypatch.setattr(Dialogs, "ask_recover", lambda self, parent, description: True)
    window = start_window([])  # what `quote-workbench` does at start, short of the event loop
    qtbot.addWidget(window)
    quote = window.workspace.store.quotes()[0]
    assert (quote.status, quote.note) == (VerificationStatus.ALTERED, "unsaved note")
    assert window.isWindowModified() and window.workspace.session.project_path == sample_project.resolve()
    window.save()
    window.close()
    from workbench.persistence.store import ProjectStore
    with ProjectStore(sample_project, read_only=True) as store:
        assert store.quotes()[0].note == "unsaved note"


def test_typing_a_speaker_suggests_known_names_by_fuzzy_match(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project)
    lavrov_quote = next(q for q in window.quote_model.quotes() if q.speaker_name == "Sergei Lavrov")
    window.select_quote(lavrov_quote.id)
    speaker = window.detail.speaker_edit
    speaker.clear()
    qtbot.keyClicks(speaker, "Blinkin")
    suggestions = window.detail._completer.model()
    labels = [suggestions.index(r, 0).data() for r in range(suggestions.rowCount())]
    assert labels[0].startswith("Antony Blinken") and labels[-1] == "New speaker: “Blinkin”"
    window.detail._completer.activated[type(suggestions.index(0, 0))].emit(suggestions.index(0, 0))
    assert window.workspace.store.quote(lavrov_quote.id).speaker_name == "Antony Blinken"
    window.undo_action.trigger()
    assert window.workspace.store.quote(lavrov_quote.id).speaker_name == "Sergei Lavrov"


def test_quote_table_model_passes_the_model_tester(make_window, sample_project, qtmodeltester):
    window = open_sample(make_window, sample_project)
    qtmodeltester.check(window.quote_model)
    qtmodeltester.check(window.quote_proxy)


def test_new_article_from_the_clipboard(make_window, qtbot, dialogs):
    window = make_window()
    QApplication.clipboard().setText("Council delays budget vote\n\n“We need more time,” Mayor Ana Lopez said on "
                                     "Tuesday, adding that the plan would be ready in March.\n")
    window.actions["file.import_clipboard"].trigger()
    qtbot.waitUntil(lambda: window.quote_model.rowCount() >= 1, timeout=15000)
    quote = window.quote_model.quotes()[0]
    assert quote.speaker_name == "Ana Lopez"
    assert window.article_list.item(0).text().startswith("Council delays budget vote")


def test_an_empty_clipboard_is_explained(make_window, dialogs):
    window = make_window()
    QApplication.clipboard().setText("   ")
    window.actions["file.import_clipboard"].trigger()
    assert dialogs.errors and "pasted text is empty" in dialogs.errors[0]
    assert window.article_list.count() == 0


def test_sorting_by_a_column_keeps_the_selected_quote(make_window, sample_project):
    window = open_sample(make_window, sample_project)
    lavrov = next(q for q in window.quote_model.quotes() if "lost touch" in q.text)
    window.select_quote(lavrov.id)
    window.quote_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # confidence, highest first
    confidences = [window.quote_model.quote_at(r).confidence for r in range(window.quote_model.rowCount())]
    assert confidences == sorted(confidences, reverse=True)
    assert window.current_quote_id() == lavrov.id
    window.quote_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    starts = [window.quote_model.quote_at(r).start for r in range(window.quote_model.rowCount())]
    assert starts == sorted(starts)


def test_no_other_project_while_an_import_writes_into_this_one(qtbot, make_window, sample_project, tmp_path,
                                                                dialogs, monkeypatch):
    import threading

    from workbench.services.project import ProjectService

    window = open_sample(make_window, sample_project)
    before = window.article_list.count()
    release = threading.Event()
    real_import = ProjectService.import_source

    def slow_import(self, source, **kwargs):
        release.wait(10)
        return real_import(self, source, **kwargs)

    monkeypatch.setattr(ProjectService, "import_source", slow_import)
    article = tmp_path / "later.txt"
    article.write_text("Council votes\n“We listened,” the mayor, Ana Lopez, said on Tuesday.\n", encoding="utf-8")
    window.import_sources([str(article)])
    assert window.runner.busy
    workspace = window.workspace

    window.new_project()
    assert not window.open_path(str(sample_project))
    assert not window.open_for_review(str(sample_project))
    assert window.workspace is workspace
    assert len(dialogs.infos) == 3 and all("still running" in m for m in dialogs.infos)

    release.set()
    qtbot.waitUntil(lambda: not window.runner.busy and window.article_list.count() == before + 1, timeout=15000)
    assert window.workspace is workspace


def test_recovered_work_is_not_put_at_risk_by_the_file_given_at_start(sample_project, tmp_path, monkeypatch, qtbot):
    """`quote-workbench sample.qwb` after a crash: "Recover? Yes", then no "Save the changes?" whose
    Discard would throw the recovered work away; the recovered work stays open."""
    import os
    subprocess.run([sys.executable, "-c", CRASH_IN_THE_WINDOW, str(sample_project), str(tmp_path / "s.ini")],
                   env=os.environ.copy(), check=False, timeout=60)
    from workbench.app import start_window
    from workbench.ui.dialogs import Dialogs
    asked = []
    monkeypatch.setattr(Dialogs, "ask_recover", lambda self, parent, description: True)
    monkeypatch.setattr(Dialogs, "ask_save_changes", lambda self, parent, name: asked.append(name) or "discard")
    window = start_window([str(sample_project)])
    qtbot.addWidget(window)
    assert asked == []
    assert window.workspace.store.quotes()[0].note == "unsaved note" and window.isWindowModified()
    monkeypatch.setattr(Dialogs, "ask_save_changes", lambda self, parent, name: "discard")
    window.close()
