"""The Speakers panel's table: its model (speakers and their quote counts) and the Kind editor."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget,
)

from workbench.domain.model import Speaker, SpeakerKind

SPEAKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class SpeakerColumn(enum.IntEnum):
    NAME = 0
    QUOTES = 1
    KIND = 2
    ROLE = 3
    ALIASES = 4


HEADERS = {
    SpeakerColumn.NAME: "Name", SpeakerColumn.KIND: "Kind", SpeakerColumn.ROLE: "Role",
    SpeakerColumn.ALIASES: "Aliases", SpeakerColumn.QUOTES: "Quotes",
}
KIND_LABELS = {SpeakerKind.PERSON: "Person", SpeakerKind.ORGANISATION: "Organisation", SpeakerKind.UNKNOWN: "—"}
EDITABLE = frozenset({SpeakerColumn.NAME, SpeakerColumn.KIND, SpeakerColumn.ROLE})

# (speaker id, column, new value) -> accepted; the panel turns it into an edit on the undo stack
CommitFn = Callable[[int, SpeakerColumn, str], bool]


class SpeakerTableModel(QAbstractTableModel):
    """Adapts the project's speakers and their quote counts; edits go to ``commit``, never to the data."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._speakers: list[Speaker] = []
        self._counts: dict[int, int] = {}
        self._row_of: dict[int, int] = {}
        self.commit: CommitFn | None = None
        self.editable = True

    def set_speakers(self, speakers: list[Speaker], counts: dict[int, int]) -> None:
        """Show these speakers; the same speakers with new values are updated in place (keeps selection).

        Rows stay in id order whatever the names (the proxy sorts), so a rename is a change in place,
        not a reset that would close an open editor and lose the selection.
        """
        speakers = sorted(speakers, key=lambda s: s.id)
        if [s.id for s in speakers] != [s.id for s in self._speakers]:
            self.beginResetModel()
            self._speakers, self._counts = list(speakers), dict(counts)
            self._row_of = {s.id: row for row, s in enumerate(self._speakers)}
            self.endResetModel()
            return
        old_counts, self._counts = self._counts, dict(counts)
        for row, (old, new) in enumerate(zip(self._speakers, speakers)):
            if old != new or old_counts.get(old.id, 0) != self._counts.get(new.id, 0):
                self._speakers[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(SpeakerColumn) - 1))

    def speaker_at(self, row: int) -> Speaker:
        return self._speakers[row]

    def row_of(self, speaker_id: int) -> int | None:
        return self._row_of.get(speaker_id)

    def speakers(self) -> list[Speaker]:
        return list(self._speakers)

    def quote_count(self, speaker_id: int) -> int:
        return self._counts.get(speaker_id, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._speakers)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(SpeakerColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[SpeakerColumn(section)])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable and SpeakerColumn(index.column()) in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._speakers):
            return None
        speaker = self._speakers[index.row()]
        column = SpeakerColumn(index.column())
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return self._display(speaker, column)
            case Qt.ItemDataRole.EditRole:
                return {SpeakerColumn.NAME: speaker.name, SpeakerColumn.KIND: speaker.kind.value,
                        SpeakerColumn.ROLE: speaker.description}.get(column, self._display(speaker, column))
            case Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(speaker, column)
            case Qt.ItemDataRole.TextAlignmentRole if column == SpeakerColumn.QUOTES:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            case _ if role == SORT_ROLE:
                if column == SpeakerColumn.QUOTES:
                    return self.quote_count(speaker.id)
                return self._display(speaker, column).casefold()
            case _ if role == SPEAKER_ID_ROLE:
                return speaker.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.commit is None:
            return False
        column = SpeakerColumn(index.column())
        if column not in EDITABLE:
            return False
        if str(value).strip() == str(self.data(index, Qt.ItemDataRole.EditRole)):
            return True  # nothing changed: no empty step on the undo stack
        # the commit refreshes this model through the workspace; no dataChanged of our own
        return self.commit(self._speakers[index.row()].id, column, str(value))

    def _display(self, speaker: Speaker, column: SpeakerColumn) -> str:
        match column:
            case SpeakerColumn.NAME:
                return speaker.name
            case SpeakerColumn.KIND:
                return self.tr(KIND_LABELS[speaker.kind])
            case SpeakerColumn.ROLE:
                return speaker.description
            case SpeakerColumn.ALIASES:
                return "\n".join(speaker.aliases)
            case SpeakerColumn.QUOTES:
                return str(self.quote_count(speaker.id))

    def _tooltip(self, speaker: Speaker, column: SpeakerColumn) -> str:
        if column == SpeakerColumn.ALIASES and speaker.aliases:
            return self.tr("Also written as:") + "\n" + "\n".join(speaker.aliases)
        if column == SpeakerColumn.QUOTES:
            return self.tr("{0} quotes in this project").format(self.quote_count(speaker.id))
        if column in EDITABLE and self.editable:
            return self.tr("Double-click or press F2 to edit")
        return ""


class SpeakerKindDelegate(QStyledItemDelegate):
    """Edits the Kind column with a combo box of the stable kind names."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = QComboBox(parent, objectName="speakerKindCombo")
        for kind in SpeakerKind:
            combo.addItem(combo.tr(KIND_LABELS[kind]) if kind != SpeakerKind.UNKNOWN else combo.tr("Unknown"),
                          kind.value)
        combo.activated.connect(lambda _: self._commit_and_close(combo))
        return combo

    def _commit_and_close(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


