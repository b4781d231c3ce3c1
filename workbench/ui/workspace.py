"""The open project as the views see it: a session, its service, its undo stack, and change signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.domain.edits import (
    AddQuote,
    ArticlePatch,
    Edit,
    EditGroup,
    QuotePatch,
    RemoveArticle,
    RemoveRestoredLine,
    RestoreArticle,
    RestoreRemovedLine,
)
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService, ReviewSession
from workbench.services.session import ProjectSession


class EditCommand(QUndoCommand):
    """An undoable wrapper of a pure edit: redo applies it, undo applies its inverse."""

    def __init__(self, workspace: "Workspace", edit: Edit,
                 applier: Callable[[Edit], Edit] | None = None) -> None:
        super().__init__(edit.description)
        self._workspace = workspace
        self._apply = applier or workspace.service.apply
        self._edit = edit
        self._inverse: Edit | None = None

    def redo(self) -> None:
        self._inverse = self._apply(self._edit)
        self._workspace.announce(self._edit)

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self._apply(self._inverse)
        self._workspace.announce(self._edit)


class DoneCommand(QUndoCommand):
    """An edit that was already applied when pushed: the first redo does nothing, undo applies the inverse."""

    def __init__(self, workspace: "Workspace", inverse: Edit) -> None:
        super().__init__(inverse.description)
        self._workspace = workspace
        self._inverse: Edit = inverse
        self._edit: Edit | None = None

    def redo(self) -> None:
        if self._edit is not None:
            self._inverse = self._workspace.service.apply(self._edit)
        self._workspace.announce(self._inverse)

    def undo(self) -> None:
        self._edit = self._workspace.service.apply(self._inverse)
        self._workspace.announce(self._inverse)


class Workspace(QObject):
    """One open project. Views observe its signals; they never talk to each other."""

    sig_data_changed = Signal()
    sig_articles_changed = Signal()
    sig_article_changed = Signal(int)  # an article's text or details (title, publication date) changed
    sig_unsaved_changed = Signal(bool)

    def __init__(self, session: ProjectSession, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = ProjectService(session.store, analyst)
        # Review edits (verdicts, answers, sign-offs) go through their own service; a session
        # opened for review is in review mode, where the analyst's annotations are read-only.
        self.review_service = ReviewService(session.store, analyst)
        self.review_mode = isinstance(session, ReviewSession)
        # During sig_data_changed: the quotes the edit changed in place, or None when it may have
        # changed more (added, removed or deleted quotes, articles); views refresh just those.
        self.last_touched_quotes: set[int] | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        if session.unsaved:
            self.undo_stack.resetClean()

    @property
    def store(self):
        return self.session.store

    def do(self, edit: Edit, applier: Callable[[Edit], Edit] | None = None) -> None:
        self.undo_stack.push(EditCommand(self, edit, applier))

    def save(self) -> None:
        self.session.save()
        self.undo_stack.setClean()

    def save_as(self, path: str) -> None:
        self.session.save_as(path)
        self.undo_stack.setClean()

    def announce(self, edit: Edit) -> None:
        """Tell the views what an applied edit changed."""
        if _touches_articles(edit):
            self.sig_articles_changed.emit()
        for article_id in _changed_articles(edit):
            self.sig_article_changed.emit(article_id)
        self.last_touched_quotes = _patched_quotes(edit)
        self.sig_data_changed.emit()
        self.last_touched_quotes = None

    def record_done(self, inverse: Edit) -> None:
        """Put work already carried out off the GUI thread (an import) on the undo stack, given its inverse."""
        self.undo_stack.push(DoneCommand(self, inverse))

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    def _on_clean_changed(self, clean: bool) -> None:
        self.session.set_unsaved(not clean)
        self.sig_unsaved_changed.emit(not clean)

    def close(self) -> None:
        self.undo_stack.clear()
        self.session.close()


def _patched_quotes(edit: Edit) -> set[int] | None:
    if isinstance(edit, EditGroup):
        parts = [_patched_quotes(e) for e in edit.edits]
        return None if any(p is None for p in parts) else set().union(*parts)
    if isinstance(edit, QuotePatch) and "deleted" not in edit.values:
        return {edit.quote_id}
    return None


def _changed_articles(edit: Edit) -> set[int]:
    if isinstance(edit, EditGroup):
        return set().union(*(_changed_articles(e) for e in edit.edits))
    if isinstance(edit, ArticlePatch | RestoreRemovedLine | RemoveRestoredLine):
        return {edit.article_id}
    return set()


def _touches_articles(edit: Edit) -> bool:
    if isinstance(edit, EditGroup):
        return any(_touches_articles(e) for e in edit.edits)
    return isinstance(edit, RemoveArticle | RestoreArticle | AddQuote | QuotePatch) and not (
        isinstance(edit, QuotePatch) and "deleted" not in edit.values)
