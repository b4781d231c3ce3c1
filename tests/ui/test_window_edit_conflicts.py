"""The window edits what it showed: an edit or an undo of a field someone else changed since is refused, the
sentence is in the status bar (no crash box), the quote is shown again as it now is, and the refused command
is dropped from the undo stack while the analyst's other edits stay undoable (docs/edit-conflicts.md)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.domain.model import VerificationStatus
from workbench.services.project import ProjectService


@pytest.fixture
def window_and_bob(make_window, sample_project, qtbot):
    """The window on the sample project, and Bob writing to the same project on a connection of his own."""
    window = make_window()
    assert window.open_path(str(sample_project))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    bob = ProjectService(window.workspace.store.open_another(), "Bob Stone")
    yield window, bob
    bob.store.close()


def select_row(qtbot, window, row):
    """Click a row of the quote table, as a person would, and wait until it is the selection."""
    qtbot.waitUntil(lambda: not window.runner.busy and window.quote_proxy.rowCount() > row, timeout=15000)
    table = window.quote_table
    rect = table.visualRect(window.quote_proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: len(window.quote_pane.selected_quote_ids()) == 1)
    return window.current_quote_id()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.quote_table, key, modifier)


def shown_status(window, quote_id):
    return window.quote_pane.model.quote_at(window.quote_pane.model.row_of(quote_id)).status


def test_a_stale_status_edit_is_refused_in_the_status_bar_and_the_quote_shown_again(window_and_bob, qtbot, dialogs):
    window, bob = window_and_bob
    quote_id = select_row(qtbot, window, 0)
    bob.apply(bob.status_edit(quote_id, "altered", seen=bob.store.quote(quote_id)))  # the window still shows Unchecked
    assert shown_status(window, quote_id) is VerificationStatus.UNCHECKED
    press(qtbot, window, Qt.Key.Key_2)  # Verified
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Bob Stone changed the status of quote {quote_id} to Altered at ")
    assert message.endswith("; your change was not saved. The quote now shows their version.")
    assert window.workspace.store.quote(quote_id).status is VerificationStatus.ALTERED  # Bob's, not overwritten
    assert shown_status(window, quote_id) is VerificationStatus.ALTERED  # reloaded
    assert window.workspace.undo_stack.count() == 0 and not window.undo_action.isEnabled()  # dropped
    assert not dialogs.errors
    press(qtbot, window, Qt.Key.Key_2)  # the analyst now sees Bob's status, and decides again
    assert window.workspace.store.quote(quote_id).status is VerificationStatus.VERIFIED


def test_an_edit_of_another_field_lands_beside_someone_elses(window_and_bob, qtbot, dialogs):
    window, bob = window_and_bob
    quote_id = select_row(qtbot, window, 0)
    bob.apply(bob.note_edit(quote_id, "Bob's note", seen=bob.store.quote(quote_id)))
    press(qtbot, window, Qt.Key.Key_2)
    quote = window.workspace.store.quote(quote_id)
    assert quote.status is VerificationStatus.VERIFIED and quote.note == "Bob's note"
    assert window.workspace.undo_stack.count() == 1 and not dialogs.errors


def test_edit_undo_of_a_field_changed_since_is_refused_and_dropped(window_and_bob, qtbot, dialogs):
    window, bob = window_and_bob
    first = select_row(qtbot, window, 1)
    press(qtbot, window, Qt.Key.Key_3)  # Altered, on the second quote
    second = select_row(qtbot, window, 0)
    press(qtbot, window, Qt.Key.Key_2)  # Verified, on the first quote
    assert window.workspace.undo_stack.count() == 2
    bob.apply(bob.status_edit(second, "misattributed", seen=bob.store.quote(second)))

    window.undo_action.trigger()  # Edit → Undo "Set status to Verified": would throw away Bob's status
    assert window.statusBar().currentMessage().startswith(
        f"Bob Stone changed the status of quote {second} to Misattributed at ")
    assert window.workspace.store.quote(second).status is VerificationStatus.MISATTRIBUTED
    assert shown_status(window, second) is VerificationStatus.MISATTRIBUTED
    stack = window.workspace.undo_stack
    assert (stack.count(), stack.index()) == (1, 1)  # the refused command is gone, the one below stays
    assert window.undo_action.text().replace("&", "") == "Undo Set status to Altered"

    window.undo_action.trigger()  # the analyst's own earlier edit is still undone
    assert window.workspace.store.quote(first).status is VerificationStatus.UNCHECKED
    assert (stack.count(), stack.index()) == (1, 0)
    window.redo_action.trigger()
    assert window.workspace.store.quote(first).status is VerificationStatus.ALTERED
    assert not dialogs.errors
