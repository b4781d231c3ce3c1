"""Issue 13 through the real widgets: actions by id under a translation, panels that plug in, and the
rough edges a new user met (each test fails without its fix)."""

import re
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QWidget

from workbench.domain.edits import Changes
from workbench.domain.errors import EditConflict
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


def open_sample(make_window, sample_project, qtbot):
    window = make_window()
    assert window.open_path(str(sample_project))
    activate(qtbot, window)
    return window


def activate(qtbot, window):
    """Keys reach the window's shortcuts only while it is the active window, as for a person."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def click_row(qtbot, window, row):
    """Click a row of the quote table, as a person would."""
    table = window.quote_table
    rect = table.visualRect(window.quote_proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


class Bracketing(QTranslator):
    """A translation that changes every string, as a real one would."""

    def isEmpty(self):
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if source else source


@pytest.fixture
def translated():
    translator = Bracketing()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


# --- structure ------------------------------------------------------------------------------------------


def test_every_window_state_works_under_a_translation(translated, make_window, sample_project, qtbot, dialogs):
    window = make_window()  # built while every string is translated: the export action used to fail here
    activate(qtbot, window)
    assert window.actions.menu("menu.file").title() == "«&File»"
    assert window.actions["file.export"] in window.actions.menu("menu.file").actions()
    assert window.actions.menu("menu.review").title() == "«&Review»"
    assert window.open_path(str(sample_project))
    window.actions["view.speakers"].trigger()
    assert window.findChild(QDockWidget, "speakersDock").isVisible()
    window.actions["file.export"].trigger()
    qtbot.waitUntil(lambda: window.findChild(QWidget, "exportReportDialog") is not None)
    window.findChild(QWidget, "exportReportDialog").reject()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)  # its preview was being prepared
    activate(qtbot, window)
    click_row(qtbot, window, 0)
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)  # a status key, found by id, not by its words
    assert window.workspace.store.quotes()[0].status is VerificationStatus.VERIFIED
    assert window.open_for_review(str(sample_project))
    assert window.review_mode and window.actions["review.approve"].isEnabled()
    assert not window.actions["file.import"].isEnabled()  # the analyst's import is off in review mode
    assert "«Review»" in window.shortcuts_text()


def test_the_edit_signal_says_what_changed(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    seen: list[Changes] = []
    window.workspace.sig_changed.connect(seen.append)
    click_row(qtbot, window, 0)
    quote_id = window.current_quote_id()
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)
    assert seen[-1].quotes == {quote_id} and seen[-1].in_place_only
    window.actions["quote.delete"].trigger()
    assert seen[-1].removed_quotes == {quote_id} and seen[-1].article_list


def test_undoing_a_new_speaker_name_removes_the_speaker(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    click_row(qtbot, window, 0)
    speaker = window.detail.speaker_edit
    speaker.setFocus()
    speaker.selectAll()
    qtbot.keyClicks(speaker, "Jane Newname")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    names = lambda: {s.name for s in window.workspace.store.speakers()}  # noqa: E731
    assert "Jane Newname" in names()
    qtbot.keyClick(window.quote_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Jane Newname" not in names()  # it was left behind before
    qtbot.keyClick(window.quote_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.workspace.store.quote(window.current_quote_id()).speaker_name == "Jane Newname"


def test_an_import_a_redetection_and_edits_at_the_same_time(make_window, sample_project, sample_article, tmp_path,
                                                            qtbot, dialogs):
    """Three threads write into one project, each on a connection of its own. An edit of a quote the other
    writer changed or deleted meanwhile is refused in a sentence (the status bar for the analyst; EditConflict
    for the re-detection), never a crash box, never lost silently; every other edit lands."""
    window = open_sample(make_window, sample_project, qtbot)
    workspace = window.workspace
    said: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: said.append(text) if text else None)
    other = tmp_path / "other.txt"
    other.write_text("Council delays vote\n\n“We need more time,” Mayor Ana Lopez said on Tuesday.\n"
                     + "".join(f"“Point {i} stands,” the mayor said.\n" for i in range(200)), encoding="utf-8")
    window.import_sources([str(other)])  # on the window's runner
    article_id = window.article_list.article_id_at(0)
    errors: list[BaseException] = []

    def redetect():
        try:
            with workspace.service.on_own_connection() as own:
                for _ in range(3):
                    try:
                        own.apply(own.redetect_edit(article_id))
                    except EditConflict as refused:  # the analyst worked on a quote it meant to drop
                        assert "your change was not saved" in refused.message
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    worker = threading.Thread(target=redetect)
    worker.start()
    for row in range(8):  # the analyst keeps working meanwhile
        window.quote_table.selectRow(row % max(1, window.quote_proxy.rowCount()))
        refusals, edits, heard = workspace.refusals, workspace.undo_stack.count(), len(said)
        qtbot.keyClick(window.quote_table, Qt.Key.Key_1)
        if workspace.refusals > refusals:  # refused: said in the status bar, in words, at once
            assert re.search(r" at .* UTC; your change was not saved\. The quote now shows their version\.$",
                             said[-1]), said
        elif workspace.undo_stack.count() > edits:  # landed, on the quote selected when the key was pressed
            landed = workspace.last_changes.quotes
            assert landed and all(workspace.store.quote(q).status is VerificationStatus.IN_PROGRESS for q in landed)
        else:  # the table was being filled again and nothing was selected: said too
            assert said[heard:] == ["Select a quote first."], said
        QApplication.processEvents()
    worker.join(60)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30000)
    assert not errors and not dialogs.errors  # no crash box, nothing unexpected in the worker
    assert window.article_list.count() == 2
    assert any(q.status is VerificationStatus.IN_PROGRESS for q in workspace.store.quotes())


# --- rough edges ------------------------------------------------------------------------------------------


def test_enter_keeps_the_typed_speaker_over_a_suggestion(make_window, sample_project, qtbot):
    with ProjectStore(sample_project) as store:
        kozak = next(s for s in store.speakers() if s.name == "Dmitri Kozak")
        service = ProjectService(store, "Ana")
        service.apply(service.add_alias_edit(kozak.id, "Kremlin deputy chief"))
    window = open_sample(make_window, sample_project, qtbot)
    click_row(qtbot, window, 0)
    speaker = window.detail.speaker_edit
    speaker.setFocus()
    speaker.selectAll()
    qtbot.keyClicks(speaker, "Kremlin")
    popup = window.detail._completer.popup()
    assert popup.isVisible() and popup.model().rowCount() >= 2  # the alias is offered …
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # … but the analyst pressed Enter on what they typed
    assert window.workspace.store.quote(window.current_quote_id()).speaker_name == "Kremlin"


def test_redo_works_with_both_keys(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    click_row(qtbot, window, 0)
    quote_id = window.current_quote_id()
    status = lambda: window.workspace.store.quote(quote_id).status  # noqa: E731
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)
    assert window.undo_action.text().replace("&", "") == "Undo Set status to Verified"
    for redo in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
                 (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(window.quote_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert status() is VerificationStatus.UNCHECKED
        qtbot.keyClick(window.quote_table, *redo)
        assert status() is VerificationStatus.VERIFIED


def test_the_headline_format_stays_on_the_headline(make_window, sample_project, sample_article, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    other = sample_article.parent / "second.txt"
    other.write_text("A second headline\n\nPlain words of the body, said Ana Lopez.\n", encoding="utf-8")
    window.import_sources([str(other)])
    qtbot.waitUntil(lambda: window.article_list.count() == 2, timeout=15000)
    for row in (1, 0, 1):  # switch articles back and forth
        window.article_list.setCurrentRow(row)
    document = window.article_view.document()
    body = QTextCursor(document.lastBlock())
    body.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    headline = QTextCursor(document.firstBlock())
    headline.movePosition(QTextCursor.MoveOperation.Right)
    assert headline.charFormat().fontWeight() == 700
    assert body.charFormat().fontWeight() != 700
    assert body.charFormat().fontPointSize() in (0, window.article_view.font().pointSizeF())


def test_ctrl_equals_zooms_in(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    before = window.article_view.font().pointSize()
    qtbot.keyClick(window.quote_table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article_view.font().pointSize() == before + 1


def test_add_quote_from_selection_selects_the_new_quote(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    text = window.article_view.toPlainText()
    start = text.index("Russia denies this")
    cursor = window.article_view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Russia denies this"), QTextCursor.MoveMode.KeepAnchor)
    window.article_view.setTextCursor(cursor)
    window.actions["quote.add_from_selection"].trigger()
    quote = window.workspace.store.quote(window.current_quote_id())
    assert quote.text == "Russia denies this"  # the new quote is the selected one …
    assert "Russia denies this" in window.detail.words.text()  # … and the detail shows it
    assert window.detail.confidence_label.text() == "added by hand"
    assert "as written: “”" not in window.detail.mention_label.text()


def test_status_keys_in_review_mode_say_why_nothing_changes(make_window, sample_project, qtbot):
    window = make_window()
    assert window.open_for_review(str(sample_project))
    activate(qtbot, window)
    click_row(qtbot, window, 0)
    qtbot.keyClick(window.quote_table, Qt.Key.Key_2)
    assert "approve (A) or query (Q)" in window.statusBar().currentMessage()


def test_shortcut_list_is_grouped_and_shows_review_keys_only_in_review_mode(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    text = window.shortcuts_text()
    assert text.index("<b>Moving around</b>") < text.index("Next quote")
    assert "Approve quote" not in text
    window.open_for_review(str(sample_project))
    text = window.shortcuts_text()
    assert "<b>Review</b>" in text and "Approve quote" in text


def test_first_start_asks_in_a_bar_and_an_empty_project_welcomes(make_window, qtbot):
    window = make_window()
    window.new_project()
    assert window.findChild(QWidget, "welcomePage").isVisible()
    window.ask_analyst_name_on_first_run()
    bar = window.findChild(QWidget, "firstRunBar")
    assert bar.isVisible() and QApplication.activeModalWidget() is None
    answer = bar.findChild(QLineEdit, "firstRunAnswer")
    answer.selectAll()
    qtbot.keyClicks(answer, "Ana Lopez")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    assert window.analyst == "Ana Lopez" and not bar.isVisible()
    qtbot.mouseClick(window.findChild(QWidget, "welcomeSample"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)
    assert not window.findChild(QWidget, "welcomePage").isVisible()
    assert window.workspace.store.project_info().analysts == ("Ana Lopez",)  # not the login name


def test_the_project_title_can_be_set_in_the_window(make_window, sample_project, dialogs, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    dialogs.project_title = lambda parent, current: "Blinken talks check"
    window.actions["file.title"].trigger()
    assert window.workspace.store.project_info().title == "Blinken talks check"
    window.undo_action.trigger()
    assert window.workspace.store.project_info().title == "Sample"


def test_quote_column_keeps_room_at_1280_with_a_panel_open(make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    window.resize(1280, 800)
    window.actions["view.speakers"].trigger()
    window.open_for_review(str(sample_project))  # the review panel opens too, as a tab beside Speakers
    window.findChild(QDockWidget, "reviewDock").show()
    qtbot.wait(50)
    assert window.width() == 1280  # the panes' and panels' minimum widths fit (it was held at 1365)
    from workbench.ui.quote_table import Column
    assert window.quote_table.columnWidth(Column.QUOTE) >= 180
    assert window.article_list.width() >= 130
    assert window.quote_table.verticalHeader().defaultSectionSize() >= 2 * window.quote_table.fontMetrics().height()


def test_saving_a_new_project_names_it_after_its_file(make_window, sample_article, dialogs, qtbot, tmp_path):
    window = make_window()
    window.import_sources([str(sample_article)])
    qtbot.waitUntil(lambda: window.article_list.count() == 1, timeout=15000)
    dialogs.save_path = str(tmp_path / "Blinken desk.qwb")
    assert window.save()
    with ProjectStore(tmp_path / "Blinken desk.qwb", read_only=True) as store:
        assert store.project_info().title == "Blinken desk"  # reports said "Untitled project"


@pytest.mark.parametrize("dock_name", ["speakersDock", "sourceDock", "compareDock", "reviewDock"])
def test_every_panel_fits_a_1280_pixel_screen(make_window, sample_project, qtbot, dock_name):
    """Seen under Xvfb: opening the Source panel made the window 1345 px wide, past a 1280 px screen."""
    window = open_sample(make_window, sample_project, qtbot)
    window.resize(1280, 800)
    if dock_name == "reviewDock":
        window.open_for_review(str(sample_project))
    dock = window.findChild(QDockWidget, dock_name)
    dock.show()
    qtbot.wait(100)
    assert window.width() <= 1280 and window.minimumSizeHint().width() <= 1280


def test_ctrl_z_in_a_field_just_committed_undoes_the_edit(make_window, sample_project, qtbot):
    # a person types a name, presses Enter, and presses Ctrl+Z where the cursor still is: the
    # field had nothing of its own to undo, so the key went nowhere before
    window = open_sample(make_window, sample_project, qtbot)
    click_row(qtbot, window, 0)
    quote_id = window.current_quote_id()
    before = window.workspace.store.quote(quote_id).speaker_name
    speaker = window.detail.speaker_edit
    qtbot.mouseClick(speaker, Qt.MouseButton.LeftButton)
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "Jane Newname")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert window.workspace.store.quote(quote_id).speaker_name == "Jane Newname"
    assert speaker.hasFocus()
    qtbot.keyClick(speaker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.store.quote(quote_id).speaker_name == before
    assert speaker.text() == (before or "")
    qtbot.keyClick(speaker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.workspace.store.quote(quote_id).speaker_name == "Jane Newname"
    # while a person is still typing, Ctrl+Z undoes their typing, not an earlier edit
    qtbot.keyClick(speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(speaker, "Someone Else")
    qtbot.keyClick(speaker, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.store.quote(quote_id).speaker_name == "Jane Newname"
    assert speaker.text() != "Someone Else"


def test_the_article_header_stays_one_line_beside_a_whole_button_at_1280_with_panels_open(
        make_window, sample_project, qtbot):
    window = open_sample(make_window, sample_project, qtbot)
    window.resize(1280, 800)
    window.actions["view.speakers"].trigger()
    window.actions["view.source"].trigger()
    qtbot.wait(50)
    button = window.findChild(QWidget, "publishedButton")
    header = window.article_header
    assert button.isVisible() and button.width() >= button.sizeHint().width()   # was cut at both ends
    assert header.height() < 2 * header.fontMetrics().height()                  # was four lines, clipped
    assert "publication date unknown" in header.text() and header.toolTip() == header.text()
    assert header.geometry().right() < button.geometry().left()
