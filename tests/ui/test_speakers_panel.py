"""The Speakers panel through the real widgets: rename, describe, merge, aliases; each undone and redone."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QComboBox, QDockWidget, QLineEdit, QListWidget, QPushButton, QTableView

from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span, SpeakerKind
from workbench.persistence.store import ProjectStore
from workbench.ui.speakers_panel import SPEAKER_ID_ROLE, SpeakerColumn, SpeakerDialogs, install_speakers_panel

# A hand-made article, so these tests do not move when the detector improves.
TEXT = ("Talks on Ukraine\n\n"
        "“We will not back down,” said Secretary of State Antony Blinken.\n"
        "“Diplomacy is the only path,” Mr Blinken added.\n"
        "“Nato stands united,” Jens Stoltenberg said.\n"
        "“Nobody wants a war,” Russian Foreign Minister Sergei Lavrov said.\n"
        "“The talks were hard,” Mr Lavrov said.\n")
LINES = [  # words, mention as written, canonical speaker, role
    ("“We will not back down,”", "Secretary of State Antony Blinken", "Antony Blinken", "Secretary of State"),
    ("“Diplomacy is the only path,”", "Mr Blinken", "Antony Blinken", ""),
    ("“Nato stands united,”", "Jens Stoltenberg", "Jens Stoltenberg", "Nato Secretary General"),
    ("“Nobody wants a war,”", "Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
    ("“The talks were hard,”", "Mr Lavrov", "Sergei Lavrov", ""),
]


@pytest.fixture
def speakers_project(tmp_path):
    path = tmp_path / "speakers.qwb"
    candidates = []
    for words, mention, name, role in LINES:
        start = TEXT.index(words)
        at = TEXT.index(mention, start)
        candidates.append(QuoteCandidate([Span(start, start + len(words))], QuoteKind.DIRECT, None,
                                         Span(at, at + len(mention)), name, 0.9, "hand-made",
                                         speaker_kind=SpeakerKind.PERSON, speaker_description=role))
    with ProjectStore.create(path, title="Speakers", analyst="Ana") as store:
        store.add_article(Article(0, "Talks on Ukraine", TEXT, "test", None, None, (), "2022-01-26", "hash",
                                  "2022-01-26T00:00:00+00:00"), candidates, "Ana")
    return path


class FakeSpeakerDialogs(SpeakerDialogs):
    """Answers the panel's questions from a script; errors go to the window's fake dialogs."""

    def __init__(self, errors) -> None:
        super().__init__(errors)
        self.merge_into: str | None = None
        self.alias: str | None = None
        self.offered: list[str] = []

    def merge_target(self, parent, speaker, candidates):
        self.offered = [c.name for c in candidates]
        return next((c.id for c in candidates if c.name == self.merge_into), None)

    def new_alias(self, parent, speaker):
        return self.alias


@pytest.fixture
def setup(make_window, speakers_project, dialogs):
    window = make_window()
    assert window.open_path(str(speakers_project))
    fake = FakeSpeakerDialogs(dialogs)
    panel = install_speakers_panel(window, fake)
    panel.set_workspace(window.workspace)  # until the window calls this itself in set_session
    window.findChild(QDockWidget, "speakersDock").show()
    return window, panel, fake


def row_of(panel, name):
    table = panel.findChild(QTableView, "speakerTable")
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, SpeakerColumn.NAME).data() == name:
            return row
    return None


def cell(panel, name, column):
    table = panel.findChild(QTableView, "speakerTable")
    return table.model().index(row_of(panel, name), column)


def select(panel, name):
    panel.findChild(QTableView, "speakerTable").setCurrentIndex(cell(panel, name, SpeakerColumn.NAME))


def names(panel):
    model = panel.findChild(QTableView, "speakerTable").model()
    return [model.index(row, SpeakerColumn.NAME).data() for row in range(model.rowCount())]


def quote_speakers(window):
    """The Speaker column of every quote in the table (the panel's selection filters what is shown)."""
    model = window.findChild(QTableView, "quoteTable").model().sourceModel()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Speaker")
    return sorted(model.index(row, column).data().rstrip(" ?") for row in range(model.rowCount()))


def edit_in_place(qtbot, panel, name, column, text):
    """Open the cell's editor, type, and commit it the way Return does (signals, so that a modal
    dialog another test left open cannot swallow the key events)."""
    table = panel.findChild(QTableView, "speakerTable")
    index = cell(panel, name, column)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index) or table.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == index.data(Qt.ItemDataRole.EditRole)
    editor.setText(text)
    delegate = table.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
    assert table.state() != QAbstractItemView.State.EditingState


def test_models_pass_the_model_tester(setup, qtmodeltester):
    _, panel, _ = setup
    assert panel.model.rowCount() == 3
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)


def test_dock_view_menu_and_table_contents(setup):
    window, panel, _ = setup
    dock = window.findChild(QDockWidget, "speakersDock")
    assert dock.windowTitle() == "Speakers" and dock.widget() is panel
    assert panel.objectName() == "speakersPanel"
    assert install_speakers_panel(window) is panel  # idempotent: one dock, one menu entry
    view = window.actions.menu("menu.view")  # menus and actions by id, never by their words
    toggles = [a for a in view.actions() if a.objectName() == "view.speakers"]
    assert len(toggles) == 1
    toggles[0].trigger()
    assert not dock.isVisible()
    toggles[0].trigger()
    assert dock.isVisible()

    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg", "Sergei Lavrov"]
    row = [cell(panel, "Sergei Lavrov", c).data() for c in SpeakerColumn]
    assert row == ["Sergei Lavrov", "2", "Person", "Russian Foreign Minister",
                   "Russian Foreign Minister Sergei Lavrov\nMr Lavrov"]


def test_selecting_a_speaker_is_announced_and_filter_box_filters(setup, qtbot):
    _, panel, _ = setup
    with qtbot.waitSignal(panel.sig_speaker_selected) as blocker:
        select(panel, "Jens Stoltenberg")
    assert blocker.args == ["Jens Stoltenberg"]
    aliases = panel.findChild(QListWidget, "speakerAliasList")
    assert aliases.count() == 0
    select(panel, "Antony Blinken")
    assert [aliases.item(i).text() for i in range(aliases.count())] == ["Secretary of State Antony Blinken",
                                                                        "Mr Blinken"]
    with qtbot.waitSignal(panel.sig_speaker_selected) as blocker:
        panel.findChild(QLineEdit, "speakerFilterEdit").setText("lavrov")  # matches a name and an alias
    assert names(panel) == ["Sergei Lavrov"]
    assert blocker.args == [None]  # the selected speaker was filtered out


def test_rename_in_place_shows_in_quote_table_and_undoes(setup, qtbot):
    window, panel, _ = setup
    select(panel, "Antony Blinken")
    with qtbot.waitSignal(panel.sig_speaker_selected) as blocker:
        edit_in_place(qtbot, panel, "Antony Blinken", SpeakerColumn.NAME, "Tony Blinken")
    assert blocker.args == ["Tony Blinken"]  # the selection follows the renamed speaker
    assert panel.current_speaker().name == "Tony Blinken"
    assert quote_speakers(window) == ["Jens Stoltenberg", "Sergei Lavrov", "Sergei Lavrov",
                                      "Tony Blinken", "Tony Blinken"]
    assert window.isWindowModified()

    window.undo_action.trigger()
    assert "Antony Blinken" in names(panel) and "Tony Blinken" not in names(panel)
    assert quote_speakers(window).count("Antony Blinken") == 2
    assert panel.current_speaker().name == "Antony Blinken"
    window.redo_action.trigger()
    assert quote_speakers(window).count("Tony Blinken") == 2


def test_rename_to_another_speakers_name_is_refused(setup, qtbot, dialogs):
    window, panel, _ = setup
    steps = window.workspace.undo_stack.count()
    edit_in_place(qtbot, panel, "Sergei Lavrov", SpeakerColumn.NAME, "Antony Blinken")
    assert dialogs.errors and "merge the two speakers" in dialogs.errors[-1]
    assert window.workspace.undo_stack.count() == steps
    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg", "Sergei Lavrov"]


def test_role_and_kind_edited_in_place(setup, qtbot):
    window, panel, _ = setup
    edit_in_place(qtbot, panel, "Jens Stoltenberg", SpeakerColumn.ROLE, "Nato chief")
    assert cell(panel, "Jens Stoltenberg", SpeakerColumn.ROLE).data() == "Nato chief"

    table = panel.findChild(QTableView, "speakerTable")
    index = cell(panel, "Jens Stoltenberg", SpeakerColumn.KIND)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.findChild(QComboBox, "speakerKindCombo")
    combo.setCurrentIndex(combo.findData("organisation"))
    combo.activated.emit(combo.currentIndex())
    assert cell(panel, "Jens Stoltenberg", SpeakerColumn.KIND).data() == "Organisation"

    window.undo_action.trigger()
    assert cell(panel, "Jens Stoltenberg", SpeakerColumn.KIND).data() == "Person"
    window.undo_action.trigger()
    assert cell(panel, "Jens Stoltenberg", SpeakerColumn.ROLE).data() == "Nato Secretary General"
    window.redo_action.trigger()
    window.redo_action.trigger()
    speaker = next(s for s in window.workspace.store.speakers() if s.name == "Jens Stoltenberg")
    assert (speaker.kind, speaker.description) == (SpeakerKind.ORGANISATION, "Nato chief")


def test_merge_into_another_speaker_is_one_undo_step(setup, qtbot):
    window, panel, fake = setup
    before = (window.workspace.store.speakers(), window.workspace.store.quotes())
    steps = window.workspace.undo_stack.count()
    select(panel, "Sergei Lavrov")
    fake.merge_into = "Antony Blinken"
    panel.findChild(QPushButton, "mergeSpeakerButton").click()
    assert fake.offered == ["Antony Blinken", "Jens Stoltenberg"]
    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg"]
    assert panel.current_speaker().name == "Antony Blinken"
    assert cell(panel, "Antony Blinken", SpeakerColumn.QUOTES).data() == "4"
    aliases = panel.findChild(QListWidget, "speakerAliasList")
    assert [aliases.item(i).text() for i in range(aliases.count())][-3:] == [
        "Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov", "Mr Lavrov"]
    assert quote_speakers(window) == ["Antony Blinken"] * 4 + ["Jens Stoltenberg"]
    assert window.workspace.undo_stack.count() == steps + 1

    window.undo_action.trigger()
    assert (window.workspace.store.speakers(), window.workspace.store.quotes()) == before
    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg", "Sergei Lavrov"]
    assert quote_speakers(window).count("Sergei Lavrov") == 2
    window.redo_action.trigger()
    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg"]
    assert quote_speakers(window).count("Antony Blinken") == 4


def test_add_and_remove_alias_with_undo(setup, qtbot):
    window, panel, fake = setup
    aliases = panel.findChild(QListWidget, "speakerAliasList")
    shown = lambda: [aliases.item(i).text() for i in range(aliases.count())]  # noqa: E731
    select(panel, "Jens Stoltenberg")
    remove = panel.findChild(QPushButton, "removeAliasButton")
    assert not remove.isEnabled()

    fake.alias = "NATO chief"
    panel.findChild(QPushButton, "addAliasButton").click()
    assert shown() == ["NATO chief"]
    assert cell(panel, "Jens Stoltenberg", SpeakerColumn.ALIASES).data() == "NATO chief"
    fake.alias = "Mr Lavrov"  # another speaker's alias: refused, nothing pushed
    steps = window.workspace.undo_stack.count()
    panel.findChild(QPushButton, "addAliasButton").click()
    assert window.workspace.undo_stack.count() == steps
    assert shown() == ["NATO chief"]

    select(panel, "Antony Blinken")
    aliases.setCurrentRow(0)
    assert remove.isEnabled()
    remove.click()
    assert shown() == ["Mr Blinken"]
    window.undo_action.trigger()
    assert shown() == ["Secretary of State Antony Blinken", "Mr Blinken"]  # back in its place
    window.undo_action.trigger()
    select(panel, "Jens Stoltenberg")
    assert shown() == []
    window.redo_action.trigger()
    assert shown() == ["NATO chief"]


def test_follows_a_new_workspace(setup, make_window):
    window, panel, _ = setup
    window.new_project()
    panel.set_workspace(window.workspace)
    assert names(panel) == []
    assert panel.current_speaker() is None
    assert not panel.findChild(QPushButton, "mergeSpeakerButton").isEnabled()


def test_selected_speaker_id_role(setup):
    _, panel, _ = setup
    select(panel, "Sergei Lavrov")
    assert panel.current_speaker_id() == cell(panel, "Sergei Lavrov", 0).data(SPEAKER_ID_ROLE)


def test_context_menu_merges_and_unused_speaker_can_be_deleted(setup):
    window, panel, fake = setup
    menu = panel.table_menu(cell(panel, "Jens Stoltenberg", SpeakerColumn.ROLE))
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == ["Rename", "Edit role", "Merge into…", "Add alias…", "Delete"]
    assert not actions["Delete"].isEnabled()  # Stoltenberg still has a quote
    fake.merge_into = "Sergei Lavrov"
    actions["Merge into…"].trigger()
    assert names(panel) == ["Antony Blinken", "Sergei Lavrov"]

    window.undo_action.trigger()
    assert names(panel) == ["Antony Blinken", "Jens Stoltenberg", "Sergei Lavrov"]
    spare = window.workspace.store.speaker_id_for_name("Nobody Yet", "Test Analyst")
    panel.refresh()
    select(panel, "Nobody Yet")
    assert cell(panel, "Nobody Yet", SpeakerColumn.QUOTES).data() == "0"
    panel.findChild(QPushButton, "deleteSpeakerButton").click()
    assert "Nobody Yet" not in names(panel)
    window.undo_action.trigger()
    assert panel.model.row_of(spare) is not None and "Nobody Yet" in names(panel)


def test_choosing_a_speaker_filters_the_quote_table(setup):
    window, panel, _ = setup
    select(panel, "Sergei Lavrov")
    shown = window.findChild(QTableView, "quoteTable").model()
    assert shown.rowCount() == 2
    assert window.findChild(QComboBox, "speakerFilter").currentData() == "Sergei Lavrov"


def test_rows_stay_one_line_high_in_a_narrow_dock(setup, qtbot):
    """At 1280 px the dock is narrow: wrapped aliases made rows several lines of mostly white space."""
    window, panel, _ = setup
    window.resize(1280, 800)
    table = panel.findChild(QTableView, "speakerTable")
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    one_line = table.verticalHeader().defaultSectionSize()
    assert max(table.rowHeight(row) for row in range(table.model().rowCount())) <= one_line
