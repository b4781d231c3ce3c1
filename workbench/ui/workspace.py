"""The open project as the views see it: a session, its service, its undo stack, and change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.domain.edits import Edit
from workbench.services.project import ProjectService
from workbench.services.session import ProjectSession


class EditCommand(QUndoCommand):
    """An undoable wrapper of a pure edit: redo applies it, undo applies its inverse."""

    def __init__(self, workspace: "Workspace", edit: Edit) -> None:
        super().__init__(edit.description)
        self._workspace = workspace
        self._edit = edit
        self._inverse: Edit | None = None

    def redo(self) -> None:
        self._inverse = self._workspace.service.apply(self._edit)
        self._workspace.sig_data_changed.emit()

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self._workspace.service.apply(self._inverse)
        self._workspace.sig_data_changed.emit()


class Workspace(QObject):
    """One open project. Views observe its signals; they never talk to each other."""

    sig_data_changed = Signal()
    sig_articles_changed = Signal()
    sig_unsaved_changed = Signal(bool)

    def __init__(self, session: ProjectSession, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = ProjectService(session.store, analyst)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        if session.unsaved:
            self.undo_stack.resetClean()

    @property
    def store(self):
        return self.session.store

    def do(self, edit: Edit) -> None:
        self.undo_stack.push(EditCommand(self, edit))

    def save(self) -> None:
        self.session.save()
        self.undo_stack.setClean()

    def save_as(self, path: str) -> None:
        self.session.save_as(path)
        self.undo_stack.setClean()

    def mark_changed_outside_undo(self) -> None:
        """Imports are saved work too, but not undoable edits: keep the file marked unsaved."""
        self.undo_stack.resetClean()
        self.session.set_unsaved(True)
        self.sig_unsaved_changed.emit(True)

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    def _on_clean_changed(self, clean: bool) -> None:
        self.session.set_unsaved(not clean)
        self.sig_unsaved_changed.emit(not clean)

    def close(self) -> None:
        self.undo_stack.clear()
        self.session.close()
