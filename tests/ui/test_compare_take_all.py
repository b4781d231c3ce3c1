"""'Take all theirs shown' in the window (issue #16): it runs on the runner in one transaction, with
Cancel; it is one undo step, and undo (Ctrl+Z) and redo (Ctrl+Y), run there too, restore every value."""

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView

from benchmarks.bench_compare import make_theirs
from benchmarks.make_big_project import make_project
from workbench.ui.compare_panel import ComparePanel, Decision


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("take-all")
    mine, theirs = folder / "mine.qwb", folder / "theirs.qwb"
    make_project(mine, articles=12, quotes=500, seed=16)
    make_theirs(mine, theirs, 16)
    return mine, theirs


def quote_rows(window):
    with sqlite3.connect(window.workspace.session.working_copy) as db:
        return {row[0]: row for row in db.execute("SELECT * FROM quotes ORDER BY id")}


def audit_count(window):
    with sqlite3.connect(window.workspace.session.working_copy) as db:
        return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def open_comparison(qtbot, make_window, dialogs, generated, tmp_path):
    mine = tmp_path / "mine.qwb"
    shutil.copyfile(generated[0], mine)
    window = make_window()
    assert window.open_path(str(mine))
    qtbot.waitUntil(lambda: window.workspace is not None and not window.opener.busy, timeout=15000)
    dialogs.compare_path = str(generated[1])
    panel = window.findChild(ComparePanel, "comparePanel")
    window.actions["file.compare"].trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=30000)
    assert panel.outcome is not None and panel.proxy.rowCount() > 100
    return window, panel


def wait_for_runner(qtbot, window):
    panel = window.findChild(ComparePanel, "comparePanel")
    qtbot.waitUntil(lambda: not window.runner.busy and not panel.taking, timeout=60000)


def test_take_all_by_its_action_is_one_step_and_undo_and_redo_by_key_restore_every_value(
        qtbot, make_window, dialogs, generated, tmp_path):
    window, panel = open_comparison(qtbot, make_window, dialogs, generated, tmp_path)
    before = quote_rows(window)
    shown = panel.proxy.rowCount()

    window.actions["compare.take_all"].trigger()  # File → Differences with colleague → Take all theirs shown
    assert panel.findChild(QPushButton, "takeAllShownButton").isEnabled() is False  # no second take meanwhile
    wait_for_runner(qtbot, window)
    assert dialogs.errors == []
    stack = window.workspace.undo_stack
    assert stack.count() == 1 and stack.undoText().startswith("Take their side for ")
    decisions = [panel.model.decision(r) for r in range(panel.model.rowCount())]
    assert decisions.count(Decision.TAKEN) > 100 and None not in decisions[:shown]
    taken = quote_rows(window)
    changed = {i for i in before if taken[i] != before[i]}
    assert len(changed) > 100 and len(taken) > len(before)  # their quotes were added too

    table = panel.findChild(QTableView, "compareTable")
    window.activateWindow()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, as a person would
    wait_for_runner(qtbot, window)
    undone = quote_rows(window)
    assert {i: undone[i] for i in before} == before  # every value of every quote of mine is back
    assert all(undone[i][-1] == 1 for i in undone if i not in before)  # their quotes: deleted again
    assert all(panel.model.decision(r) is not Decision.TAKEN for r in range(panel.model.rowCount()))

    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo takes them again
    wait_for_runner(qtbot, window)
    redone = quote_rows(window)
    assert redone == taken  # their values, confirmations and times, as the first take wrote them
    assert [panel.model.decision(r) for r in range(panel.model.rowCount())].count(Decision.TAKEN) == \
        decisions.count(Decision.TAKEN)
    assert dialogs.errors == []


def test_cancel_takes_nothing(qtbot, make_window, dialogs, generated, tmp_path):
    window, panel = open_comparison(qtbot, make_window, dialogs, generated, tmp_path)
    before, audit_before = quote_rows(window), audit_count(window)
    window.actions["compare.take_all"].trigger()
    qtbot.mouseClick(panel.findChild(QPushButton, "compareCancelButton"), Qt.MouseButton.LeftButton)
    wait_for_runner(qtbot, window)
    assert quote_rows(window) == before and audit_count(window) == audit_before
    assert window.workspace.undo_stack.count() == 0
    assert all(panel.model.decision(r) is None for r in range(panel.model.rowCount()))
    assert window.statusBar().currentMessage() == "Take all cancelled; nothing was taken."
    assert panel.findChild(QPushButton, "takeAllShownButton").isEnabled()


def test_an_undo_that_fails_leaves_the_take_and_the_undo_stack_in_step(
        qtbot, make_window, dialogs, generated, tmp_path, monkeypatch):
    from workbench.domain.errors import UserFacingError
    from workbench.services.project import ProjectService

    window, panel = open_comparison(qtbot, make_window, dialogs, generated, tmp_path)
    window.actions["compare.take_all"].trigger()
    wait_for_runner(qtbot, window)
    taken = quote_rows(window)

    def disk_full(self, edit):
        raise UserFacingError("The disk is full; free some space, then save again.")

    monkeypatch.setattr(ProjectService, "apply_in_one_transaction", disk_full)
    window.actions["edit.undo"].trigger()
    wait_for_runner(qtbot, window)
    assert dialogs.errors == ["The disk is full; free some space, then save again."]
    stack = window.workspace.undo_stack
    assert (stack.index(), stack.count(), stack.canUndo()) == (1, 1, True)  # still taken, still undoable
    assert quote_rows(window) == taken
    assert any(panel.model.decision(r) is Decision.TAKEN for r in range(panel.model.rowCount()))

    monkeypatch.undo()
    window.actions["edit.undo"].trigger()  # the disk has room again: the undo goes through
    wait_for_runner(qtbot, window)
    assert stack.index() == 0 and quote_rows(window) != taken
