"""The skeleton's promise, through the real widgets: open, select, edit, undo, redo, save, reopen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QProgressBar, QTableView

from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore


def status_of(path, quote_id):
    with ProjectStore(path, read_only=True) as store:
        return store.quote(quote_id).status


def choose_status(window, status):
    combo = window.findChild(QComboBox, "statusCombo")
    index = combo.findData(status.value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_documented_widget_names_exist(make_window, sample_project):
    window = make_window()
    window.open_path(str(sample_project))
    assert window.objectName() == "mainWindow"
    for name in ("articleView", "quoteTable", "speakerEdit", "dateEdit", "statusCombo", "notesEdit",
                 "evidenceList"):
        assert window.findChild(object, name) is not None, name


def test_select_edit_undo_redo_save_reopen(make_window, sample_project, qtbot):
    window = make_window()
    assert window.open_path(str(sample_project))
    table = window.findChild(QTableView, "quoteTable")
    assert table.model().rowCount() == len(window.workspace.store.quotes()) >= 15
    table.selectRow(0)
    quote_id = window.current_quote_id()
    quote = window.quote_model.quote_at(window.quote_model.row_of(quote_id))
    # the article view scrolls to and highlights the selected quote
    assert window.article_view.textCursor().position() == quote.start

    choose_status(window, VerificationStatus.VERIFIED)
    assert window.isWindowModified()
    assert "Verified" in table.model().index(0, 3).data()

    window.undo_action.trigger()
    assert window.findChild(QComboBox, "statusCombo").currentData() == "unchecked"
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.findChild(QComboBox, "statusCombo").currentData() == "verified"
    assert status_of(sample_project, quote_id) is VerificationStatus.UNCHECKED  # not saved yet

    window.save_action.trigger()
    assert not window.isWindowModified()
    assert status_of(sample_project, quote_id) is VerificationStatus.VERIFIED

    window.close()
    again = make_window()
    again.open_path(str(sample_project))
    again.findChild(QTableView, "quoteTable").selectRow(0)
    assert again.findChild(QComboBox, "statusCombo").currentData() == "verified"


def test_speaker_date_and_note_edits_are_undoable(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    window.quote_table.selectRow(1)
    quote_id = window.current_quote_id()
    speaker = window.findChild(QLineEdit, "speakerEdit")
    speaker.setText("Jens Stoltenberg")
    speaker.editingFinished.emit()
    date = window.findChild(QLineEdit, "dateEdit")
    date.setText("2022-01-26")
    date.editingFinished.emit()
    notes = window.findChild(QPlainTextEdit, "notesEdit")
    notes.setPlainText("Ask the press office")
    notes.sig_committed.emit(notes.toPlainText())
    quote = window.workspace.store.quote(quote_id)
    assert (quote.speaker_name, quote.date_said.value, quote.note) == ("Jens Stoltenberg", "2022-01-26",
                                                                      "Ask the press office")
    assert quote.speaker_confirmation.by == "Test Analyst"
    for _ in range(3):
        window.undo_action.trigger()
    quote = window.workspace.store.quote(quote_id)
    assert (quote.speaker_name, quote.date_said.value, quote.note) == ("Antony Blinken", None, "")
    assert not quote.speaker_confirmation.confirmed
    assert window.findChild(QLineEdit, "speakerEdit").text() == "Antony Blinken"


def test_a_bad_date_is_explained_and_changes_nothing(make_window, sample_project, dialogs):
    window = make_window()
    window.open_path(str(sample_project))
    window.quote_table.selectRow(0)
    date = window.findChild(QLineEdit, "dateEdit")
    date.setText("last Tuesday")
    date.editingFinished.emit()
    assert dialogs.errors and "not a date" in dialogs.errors[0]
    assert window.workspace.undo_stack.count() == 0
    assert date.text() == ""


def test_opening_a_foreign_file_shows_a_message_and_leaves_it(make_window, tmp_path, dialogs):
    window = make_window()
    bogus = tmp_path / "notes.qwb"
    bogus.write_bytes(b"not a project at all")
    assert not window.open_path(str(bogus))
    assert dialogs.errors == ["“notes.qwb” is a text file, not a Quote Workbench project. "
                              "To work on an article, use File → Import articles."]
    assert bogus.read_bytes() == b"not a project at all"


def test_closing_with_unsaved_changes_asks(make_window, sample_project, dialogs):
    window = make_window()
    window.open_path(str(sample_project))
    window.quote_table.selectRow(0)
    choose_status(window, VerificationStatus.ALTERED)
    dialogs.save_answer = "cancel"
    assert not window.close()
    assert dialogs.asked_to_save == 1 and window.isVisible()
    dialogs.save_answer = "save"
    assert window.close()
    assert status_of(sample_project, window.quote_model.quotes()[0].id) is VerificationStatus.ALTERED


def test_title_names_the_file_and_marks_changes(make_window, sample_project):
    window = make_window()
    window.open_path(str(sample_project))
    assert window.windowTitle().startswith("sample.qwb[*]")
    assert not window.isWindowModified()


def test_importing_an_article_runs_off_the_gui_thread(make_window, sample_article, qtbot):
    window = make_window()
    window.open_path(str(sample_article))
    assert window.runner.busy and window.findChild(QProgressBar, "progressBar").isVisible()  # not done inline
    qtbot.waitUntil(lambda: window.quote_model.rowCount() >= 15, timeout=15000)
    assert not window.findChild(QProgressBar, "progressBar").isVisible()
    assert window.workspace.session.project_path is None
    assert window.isWindowModified()
    assert window.article_list.count() == 1


def test_status_keys_set_the_status_of_every_selected_quote_in_one_undo_step(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    with qtbot.waitActive(window):
        window.activateWindow()
    window.quote_table.setFocus()
    window.quote_table.selectAll()
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)
    assert {q.status for q in window.quote_model.quotes()} == {VerificationStatus.VERIFIED}
    window.undo_action.trigger()
    assert {q.status for q in window.quote_model.quotes()} == {VerificationStatus.UNCHECKED}
