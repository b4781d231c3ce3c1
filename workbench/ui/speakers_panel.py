"""The Speakers panel: every speaker with its quote count; rename, describe, merge, and edit aliases.

Every change is an edit pushed through ``Workspace.do``, so it lands on the project's one undo
stack. The panel observes the workspace and never talks to other views: selecting a speaker
only emits ``sig_speaker_selected``; the window decides what to filter with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.errors import UserFacingError
from workbench.domain.model import Speaker
from workbench.services.project import ProjectService
from workbench.ui.host import PanelHost
from workbench.ui.labels import explain
from workbench.ui.speaker_table import (  # noqa: F401 - SPEAKER_ID_ROLE, SpeakerColumn: the panel's API
    SPEAKER_ID_ROLE, SORT_ROLE, SpeakerColumn, SpeakerKindDelegate, SpeakerTableModel,
)
from workbench.ui.workspace import Workspace

class SpeakerDialogs:
    """The panel's questions, injectable (tests pass a fake). Each returns None when cancelled."""

    def __init__(self, errors=None) -> None:
        self._errors = errors  # the window's Dialogs, so refusals look like every other refusal

    def error(self, parent: QWidget, message: str) -> None:
        if self._errors is not None:
            self._errors.error(parent, message)
        else:
            QMessageBox.warning(parent, parent.tr("Quote Workbench"), message)

    def merge_target(self, parent: QWidget, speaker: Speaker, candidates: list[Speaker]) -> int | None:
        """Which speaker ``speaker`` should be merged into."""
        names = [c.name for c in candidates]
        name, ok = QInputDialog.getItem(
            parent, parent.tr("Merge speaker"),
            parent.tr("Merge “{0}” into (its quotes and names move there):").format(speaker.name), names, 0, False)
        return candidates[names.index(name)].id if ok and name in names else None

    def new_alias(self, parent: QWidget, speaker: Speaker) -> str | None:
        text, ok = QInputDialog.getText(parent, parent.tr("Add alias"),
                                        parent.tr("Another way “{0}” is written:").format(speaker.name))
        return text.strip() if ok and text.strip() else None


class SpeakersPanel(QWidget):
    """Table of speakers with filter box, alias list and actions; follows one workspace."""

    sig_speaker_selected = Signal(object)  # the canonical name (str), or None when nothing is selected

    def __init__(self, dialogs: SpeakerDialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakersPanel")
        self.dialogs = dialogs or SpeakerDialogs()
        self.workspace: Workspace | None = None
        self._selected_name: str | None = None
        self._filtering = False
        self._stale = True

        self.model = SpeakerTableModel(self)
        self.model.commit = self._commit_cell
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(objectName="speakerFilterEdit", placeholderText=self.tr("Filter speakers"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)

        self.table = QTableView(objectName="speakerTable")
        self.table.setAccessibleName(self.tr("Speakers"))
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(SpeakerColumn.KIND, SpeakerKindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SpeakerColumn.NAME, Qt.SortOrder.AscendingOrder)
        # one line a row: in a narrow dock wrapped aliases made rows of mostly white space; a cell's tooltip
        # gives the whole text, and the list below gives the selected speaker's aliases
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (SpeakerColumn.ROLE, SpeakerColumn.ALIASES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (SpeakerColumn.NAME, SpeakerColumn.QUOTES, SpeakerColumn.KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.model.modelReset.connect(self._fit_columns)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.aliases_label = QLabel(objectName="speakerAliasesLabel")
        self.alias_list = QListWidget(objectName="speakerAliasList")
        self.alias_list.setAccessibleName(self.tr("Aliases"))
        self.alias_list.setMaximumHeight(96)
        self.alias_list.currentItemChanged.connect(lambda *_: self._update_actions())

        self.merge_button = QPushButton(self.tr("Merge into…"), objectName="mergeSpeakerButton")
        self.merge_button.setToolTip(self.tr("Make this speaker part of another one: its quotes and names move there"))
        self.merge_button.clicked.connect(self.merge_current)
        self.add_alias_button = QPushButton(self.tr("Add alias…"), objectName="addAliasButton")
        self.add_alias_button.clicked.connect(self.add_alias_to_current)
        self.remove_alias_button = QPushButton(self.tr("Remove alias"), objectName="removeAliasButton")
        self.remove_alias_button.clicked.connect(self.remove_current_alias)
        self.delete_button = QPushButton(self.tr("Delete"), objectName="deleteSpeakerButton")
        self.delete_button.setToolTip(self.tr("Delete a speaker no quote refers to"))
        self.delete_button.clicked.connect(self.delete_current)

        # Two rows of two: the panel fits a narrow dock beside the quote table (at 1280 px wide).
        buttons = QGridLayout()
        for i, button in enumerate((self.merge_button, self.delete_button, self.add_alias_button,
                                    self.remove_alias_button)):
            buttons.addWidget(button, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.aliases_label)
        layout.addWidget(self.alias_list)
        layout.addLayout(buttons)
        self._show_aliases(None)

    def _fit_columns(self) -> None:
        """Short columns fit their contents (within limits); Role and Aliases share the rest."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # measure a sample of rows, not thousands
        for column, cap in ((SpeakerColumn.NAME, 190), (SpeakerColumn.QUOTES, 64), (SpeakerColumn.KIND, 110)):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + 8, cap))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(600, 600)

    # --- following a workspace ----------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        """Follow another open project (or none); the window calls this whenever its workspace changes."""
        if workspace is self.workspace:
            self.refresh()
            return
        if self.workspace is not None:
            for signal in self._signals(self.workspace):
                try:
                    signal.disconnect(self.refresh)
                except (RuntimeError, TypeError):
                    pass
        self.workspace = workspace
        if workspace is not None:
            for signal in self._signals(workspace):
                signal.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _signals(workspace: Workspace):
        return [workspace.sig_changed]

    def refresh(self, *_: object) -> None:
        """Read the speakers again, keeping the selected speaker selected.

        While the panel is hidden it only notes that it is out of date; showing it reads them.
        A project of many thousand quotes then pays nothing per edit for a panel nobody sees.
        """
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        current = self.current_speaker_id()
        if self.workspace is None:
            self.model.set_speakers([], {})
        else:
            store = self.workspace.store
            self.model.set_speakers(store.speakers(), store.speaker_quote_counts())
        self.model.editable = not (self.workspace is None or getattr(self.workspace, "review_mode", False))
        if current is not None and self.current_speaker_id() != current:
            self.select_speaker(current)
        self._on_selection_settled()

    # --- selection ---------------------------------------------------------------------------

    def current_speaker_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(SPEAKER_ID_ROLE) if index.isValid() else None

    def current_speaker(self) -> Speaker | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.speaker_at(self.proxy.mapToSource(index).row())

    def select_speaker(self, speaker_id: int | None) -> bool:
        row = self.model.row_of(speaker_id) if speaker_id is not None else None
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        if not index.isValid():
            self.table.selectionModel().clear()
            self._on_selection_settled()
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._filtering:
            self._on_selection_settled()

    def _on_filter_changed(self, text: str) -> None:
        # a speaker the filter hides is unselected; Qt would otherwise select a neighbour unasked
        current = self.current_speaker_id()
        self._filtering = True
        try:
            self.proxy.setFilterFixedString(text)
        finally:
            self._filtering = False
        if current is None or self.current_speaker_id() != current:
            self.table.selectionModel().clear()
        self._on_selection_settled()

    def _on_selection_settled(self) -> None:
        speaker = self.current_speaker()
        self._show_aliases(speaker)
        name = speaker.name if speaker else None
        if name != self._selected_name:
            self._selected_name = name
            self.sig_speaker_selected.emit(name)

    def _show_aliases(self, speaker: Speaker | None) -> None:
        chosen = self.alias_list.currentItem().text() if self.alias_list.currentItem() else None
        self.alias_list.clear()
        if speaker is None:
            self.aliases_label.setText(self.tr("Select a speaker to see its aliases."))
        else:
            self.aliases_label.setText(self.tr("Aliases of {0} ({1} quotes)").format(
                speaker.name, self.model.quote_count(speaker.id)))
            for alias in speaker.aliases:
                item = QListWidgetItem(alias)
                self.alias_list.addItem(item)
                if alias == chosen:
                    self.alias_list.setCurrentItem(item)
        self._update_actions()

    def _update_actions(self) -> None:
        speaker = self.current_speaker()
        editable = self.model.editable and speaker is not None
        self.merge_button.setEnabled(editable and self.model.rowCount() > 1)
        self.add_alias_button.setEnabled(editable)
        self.remove_alias_button.setEnabled(editable and self.alias_list.currentItem() is not None)
        self.delete_button.setEnabled(editable and self.model.quote_count(speaker.id) == 0)

    # --- edits ---------------------------------------------------------------------------------

    def _do(self, make_edit: Callable[[ProjectService], Any]) -> bool:
        """Build an edit with the service and push it on the undo stack; show refusals."""
        if self.workspace is None:
            return False
        try:
            self.workspace.do(make_edit(self.workspace.service))
        except UserFacingError as err:
            self.dialogs.error(self, explain(err))
            return False
        return True

    def _commit_cell(self, speaker_id: int, column: SpeakerColumn, value: str) -> bool:
        match column:
            case SpeakerColumn.NAME:
                return self._do(lambda s: s.rename_speaker_edit(speaker_id, value))
            case SpeakerColumn.ROLE:
                return self._do(lambda s: s.describe_speaker_edit(speaker_id, description=value))
            case SpeakerColumn.KIND:
                return self._do(lambda s: s.describe_speaker_edit(speaker_id, kind=value))
        return False

    def merge_current(self) -> None:
        speaker = self.current_speaker()
        if speaker is None:
            return
        others = sorted((s for s in self.model.speakers() if s.id != speaker.id), key=lambda s: s.name.casefold())
        target = self.dialogs.merge_target(self, speaker, others)
        if target is not None and self._do(lambda s: s.merge_speakers_edit(target, speaker.id)):
            self.select_speaker(target)

    def add_alias_to_current(self) -> None:
        speaker = self.current_speaker()
        if speaker is None:
            return
        alias = self.dialogs.new_alias(self, speaker)
        if alias:
            self._do(lambda s: s.add_alias_edit(speaker.id, alias))

    def remove_current_alias(self) -> None:
        speaker, item = self.current_speaker(), self.alias_list.currentItem()
        if speaker is not None and item is not None:
            self._do(lambda s: s.remove_alias_edit(speaker.id, item.text()))

    def delete_current(self) -> None:
        speaker = self.current_speaker()
        if speaker is not None:
            self._do(lambda s: s.delete_speaker_edit(speaker.id))

    def _on_table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table_menu(index).exec(self.table.viewport().mapToGlobal(pos))

    def table_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of a speaker row (selects that row)."""
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setObjectName("speakerMenu")
        rename = menu.addAction(self.tr("Rename"), lambda: self.table.edit(index.siblingAtColumn(SpeakerColumn.NAME)))
        role = menu.addAction(self.tr("Edit role"), lambda: self.table.edit(index.siblingAtColumn(SpeakerColumn.ROLE)))
        rename.setEnabled(self.model.editable)
        role.setEnabled(self.model.editable)
        menu.addSeparator()
        for button in (self.merge_button, self.add_alias_button, self.delete_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        return menu


def install_speakers_panel(window: PanelHost, dialogs: SpeakerDialogs | None = None) -> SpeakersPanel:
    """Dock a Speakers panel in ``window`` with a View → Speakers toggle (action ``view.speakers``);
    calling it again returns the same panel. The panel follows the window's workspace."""
    if "view.speakers" in window.actions:
        dock = window.actions["view.speakers"].parent()
        assert isinstance(dock, QDockWidget)
        panel = dock.widget()
        assert isinstance(panel, SpeakersPanel)
        if dialogs is not None:
            panel.dialogs = dialogs
        return panel
    panel = SpeakersPanel(dialogs or SpeakerDialogs(window.dialogs))
    dock = QDockWidget(window.tr("Speakers"), window.parent_widget())
    dock.setObjectName("speakersDock")
    dock.setWidget(panel)
    dock.setMinimumWidth(260)
    window.add_dock(dock)
    dock.hide()  # on demand: the article and the quote table need the width more often
    toggle = dock.toggleViewAction()
    toggle.setText(window.tr("&Speakers"))
    window.actions.adopt("view.speakers", toggle, task="View", menu="menu.view", before="view.analyst")
    window.sig_workspace_changed.connect(lambda: panel.set_workspace(window.workspace))
    panel.set_workspace(window.workspace)
    return panel
