"""File → Compare with a colleague's project…, driven by keys and clicks: take theirs, undo, their file unchanged."""

import hashlib
import shutil
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QPushButton, QTableView, QTextBrowser

from workbench.domain.agreement import Agreement, AgreementFigures, ArticleAgreement, Figure
from workbench.domain.comparison import DifferenceKind
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.ui.compare_panel import ComparePanel, Decision, DiffColumn, agreement_html


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def theirs(tmp_path, sample_project):
    """Bea's copy: she verified the first quote and named another speaker on the second."""
    path = tmp_path / "bea's copy #1.qwb"  # URI characters in the name are read as a name
    shutil.copyfile(sample_project, path)
    with ProjectStore(path) as store:
        first, second = store.quotes()[:2]
        service = ProjectService(store, "Bea")
        service.apply(service.status_edit(first.id, VerificationStatus.VERIFIED))
        service.apply(service.speaker_edit(second.id, "Sergei Lavrov"))
    return path


def open_compare(qtbot, window, dialogs, their_path):
    """Trigger File → Compare… (by its id) with the fake file dialog answering ``their_path``; wait for the list."""
    dialogs.compare_path = str(their_path)
    panel = window.findChild(ComparePanel, "comparePanel")
    window.actions["file.compare"].trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=15000)
    return panel


def wait_for_runner(qtbot, window):
    """A take of all, its undo and its redo run on the window's runner: wait until it is idle."""
    panel = window.findChild(ComparePanel, "comparePanel")
    qtbot.waitUntil(lambda: not window.runner.busy and not panel.taking, timeout=30000)


def status_of(window, quote_id):
    return window.workspace.store.quote(quote_id).status


def test_take_theirs_by_key_then_undo_restores_mine_and_their_file_is_unchanged(
        qtbot, make_window, dialogs, sample_project, theirs):
    before = sha(theirs)
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = open_compare(qtbot, window, dialogs, theirs)
    assert dialogs.errors == []
    assert window.findChild(QDockWidget, "compareDock").isVisible()
    table = panel.findChild(QTableView, "compareTable")
    kinds = [table.model().index(r, DiffColumn.KIND).data() for r in range(table.model().rowCount())]
    assert sorted(kinds) == ["Speaker", "Status"]

    # the filter by kind shows the status difference alone (chosen with the keyboard)
    kind_filter = panel.findChild(QComboBox, "compareKindFilter")
    kind_filter.setFocus()
    while kind_filter.currentText() != "Status (1)":
        qtbot.keyClick(kind_filter, Qt.Key.Key_Down)
    assert table.model().rowCount() == 1
    row = {table.model().headerData(c, Qt.Orientation.Horizontal): table.model().index(0, c).data()
           for c in range(table.model().columnCount())}
    assert (row["Mine"], row["Theirs"]) == ("Unchecked", "Verified")

    # next difference (Alt+Down) goes to my quote in the window
    quote_id = panel.model.difference(panel.current_row() or 0).mine_quotes[0]
    window.activateWindow()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_quote_id() == quote_id
    assert status_of(window, quote_id) is VerificationStatus.UNCHECKED

    # take theirs (Ctrl+Alt+T): my quote is verified, one undo step says so
    qtbot.keyClick(table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert status_of(window, quote_id) is VerificationStatus.VERIFIED
    assert table.model().index(0, DiffColumn.DECISION).data() == "Took theirs"
    assert window.workspace.undo_stack.count() == 1
    confirmation = window.workspace.store.quote(quote_id).status_confirmation
    assert confirmation.by == "Bea"
    provenance = window.workspace.store.audit_provenance()
    assert any(p.source_file == str(theirs.absolute()) for p in provenance.values())

    # undo (Ctrl+Z) restores mine and the difference is undecided again
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(window, quote_id) is VerificationStatus.UNCHECKED
    assert table.model().index(0, DiffColumn.DECISION).data() == ""
    assert sha(theirs) == before


def test_keep_mine_by_key_changes_nothing_and_take_all_of_a_kind_is_one_undo_step(
        qtbot, make_window, dialogs, sample_project, theirs):
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = open_compare(qtbot, window, dialogs, theirs)
    table = panel.findChild(QTableView, "compareTable")
    window.activateWindow()
    first = panel.current_row()
    assert first == 0  # the first difference is selected when the comparison is shown
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert panel.current_row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert panel.current_row() == first
    qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert table.model().index(first, DiffColumn.DECISION).data() == "Kept mine"
    assert window.workspace.undo_stack.count() == 0
    assert panel.current_row() == first + 1  # keeping moves on to the next difference

    # "take all theirs shown": the other difference is taken, as one macro undone at once
    other = 1 - first
    qtbot.mouseClick(panel.findChild(QPushButton, "takeAllShownButton"), Qt.MouseButton.LeftButton)
    wait_for_runner(qtbot, window)
    assert window.workspace.undo_stack.count() == 1
    assert [panel.model.decision(r) for r in (first, other)] == [Decision.KEPT, Decision.TAKEN]
    taken = panel.model.difference(other)
    mine_after = window.workspace.store.quote(taken.mine_quotes[0])
    assert (mine_after.speaker_name if taken.kind is DifferenceKind.SPEAKER else mine_after.status.value) == \
        taken.theirs_value
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_for_runner(qtbot, window)
    assert panel.model.decision(other) is None
    mine_undone = window.workspace.store.quote(taken.mine_quotes[0])
    assert (mine_undone.speaker_name if taken.kind is DifferenceKind.SPEAKER else mine_undone.status.value) == \
        taken.mine_value


def test_agreement_figures_are_shown_with_their_items_and_the_few_items_mark(
        qtbot, make_window, dialogs, sample_project, theirs):
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = open_compare(qtbot, window, dialogs, theirs)
    text = panel.findChild(QTextBrowser, "compareAgreement").toPlainText()
    assert "Agreement with Bea" in text or "Agreement with Ana" in text
    assert "1 article in common" in text
    # 15 quotes, all found by both; Bea named another speaker on one (14 of 15 agree) and verified another
    assert "Quotes found, exact span (F1)" in text and "Same speaker" in text
    assert "All articles in common\n1.00 · 15 items\n1.00 · 15 items\n0.93 · 15 items\n0.00 · 15 items" in text
    assert "*" not in text  # 15 items: no "few items" mark


def test_a_figure_on_fewer_than_10_items_is_marked_and_no_common_article_gives_no_figure(qtbot):
    few = Figure(0.5, 4)
    figures = AgreementFigures(few, few, Figure(1.0, 12), Figure(None, 4, "no quote found by both"))
    articles = (ArticleAgreement(1, 1, "Talks", figures), ArticleAgreement(2, 2, "Summit", figures))
    shown = agreement_html(Agreement(2, figures, articles), "Bea")
    assert "<td>0.50 · 4 items *</td>" in shown and "<td>1.00 · 12 items</td>" in shown
    assert "<td>no figure · 4 items *</td>" in shown and "fewer than 10 items: read with care" in shown
    assert "<td>Talks</td>" in shown and "<td>Summit</td>" in shown
    none = agreement_html(Agreement(0, None, ()), "Bea")
    assert "no article in common" in none and not any(c.isdigit() for c in none)


def test_no_article_in_common_is_said_in_words_with_no_figure(qtbot, make_window, dialogs, sample_project, tmp_path):
    other = tmp_path / "other.qwb"
    with ProjectStore.create(other, title="Other", analyst="Bea"):
        pass
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = open_compare(qtbot, window, dialogs, other)
    assert len(dialogs.errors) == 1 and "no article in common" in dialogs.errors[0]
    assert panel.outcome is None and panel.findChild(QTextBrowser, "compareAgreement").toPlainText() == ""


def test_comparing_my_own_file_is_refused_in_words(qtbot, make_window, dialogs, sample_project):
    before = sha(sample_project)
    window = make_window()
    assert window.open_path(str(sample_project))
    open_compare(qtbot, window, dialogs, sample_project)
    assert len(dialogs.errors) == 1 and "same file" in dialogs.errors[0]
    assert sha(sample_project) == before


def test_closing_the_window_while_their_file_is_read_leaves_it_unchanged(
        qtbot, make_window, dialogs, sample_project, theirs, monkeypatch):
    import workbench.services.comparing as comparing

    reading = []
    real_read = comparing.read_their_file

    def slow_read(path):  # holds their file open, read-only, while the window closes
        reading.append(path)
        time.sleep(0.5)
        return real_read(path)

    monkeypatch.setattr(comparing, "read_their_file", slow_read)
    before = sha(theirs)
    window = make_window()
    assert window.open_path(str(sample_project))
    dialogs.compare_path = str(theirs)
    window.actions["file.compare"].trigger()
    qtbot.waitUntil(lambda: bool(reading), timeout=10000)
    window.close()
    window.runner.wait(10000)
    assert sha(theirs) == before
    assert not theirs.with_name(theirs.name + "-journal").exists()
    assert not theirs.with_name(theirs.name + "-wal").exists()


def test_take_all_their_statuses_where_mine_is_unchecked(qtbot, make_window, dialogs, sample_project, tmp_path):
    with ProjectStore(sample_project) as store:
        checked, unchecked = store.quotes()[:2]
        service = ProjectService(store, "Ana")
        service.apply(service.status_edit(checked.id, VerificationStatus.VERIFIED))
    theirs = tmp_path / "bea.qwb"
    shutil.copyfile(sample_project, theirs)
    with ProjectStore(theirs) as store:
        service = ProjectService(store, "Bea")
        service.apply(service.status_edit(checked.id, VerificationStatus.ALTERED))
        service.apply(service.status_edit(unchecked.id, VerificationStatus.MISATTRIBUTED))
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = open_compare(qtbot, window, dialogs, theirs)
    kind_filter = panel.findChild(QComboBox, "compareKindFilter")
    kind_filter.setFocus()
    while kind_filter.currentText() != "Status (2)":
        qtbot.keyClick(kind_filter, Qt.Key.Key_Down)
    qtbot.mouseClick(panel.findChild(QCheckBox, "compareUncheckedOnly"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.findChild(QPushButton, "takeAllShownButton"), Qt.MouseButton.LeftButton)
    wait_for_runner(qtbot, window)
    assert status_of(window, unchecked.id) is VerificationStatus.MISATTRIBUTED
    assert status_of(window, checked.id) is VerificationStatus.VERIFIED  # mine was checked: kept
    assert window.workspace.undo_stack.undoText() == "Take their status for 1 difference where mine is unchecked"


def test_without_a_project_it_explains_and_the_keys_are_listed_under_comparing(make_window, dialogs):
    window = make_window()
    window.actions["file.compare"].trigger()
    assert dialogs.infos and "Open your project first" in dialogs.infos[0]
    groups = dict(window.actions.shortcut_groups(review_mode=False))
    assert ("Alt+Down", "Next difference") in groups["Comparing"]
    assert ("Ctrl+Alt+T", "Take theirs") in groups["Comparing"]
    assert not window.actions["compare.take_theirs"].isEnabled()  # nothing compared yet
