"""The open project as the views see it: a session, its service, its undo stack, and one change signal.

Threads: the workspace's store belongs to the GUI thread. Work off it (an import, detecting again,
reading a long article) goes through ``run_in_worker`` / ``read_in_worker``, which give the worker
a service over a connection of its own, opened and closed on the worker thread
(docs/architecture.md, "Threads and connections").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.domain.edits import NO_CHANGES, Applied, Changes, Edit
from workbench.domain.errors import EditConflict
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService, ReviewSession
from workbench.services.session import ProjectSession
from workbench.ui.runner import Task, TaskRunner

Applier = Callable[[Edit], Applied]
UNTITLED = "Untitled project"  # the title ProjectSession.new gives


class EditCommand(QUndoCommand):
    """An undoable wrapper of a pure edit: redo applies it, undo applies its inverse.

    Refused because someone else changed what it expected (EditConflict: a stale edit, or an undo of a field
    changed since), the command is dropped from the undo stack (obsolete: QUndoStack deletes it, in push, undo
    and redo alike) and the workspace says why and shows the row as it now is (``Workspace.refuse``); the
    commands below it stay undoable (docs/edit-conflicts.md)."""

    def __init__(self, workspace: "Workspace", edit: Edit, applier: Applier | None = None) -> None:
        super().__init__(edit.description)
        self._workspace = workspace
        self._apply = applier or workspace.service.apply
        self._edit = edit
        self._inverse: Edit | None = None

    def redo(self) -> None:
        try:
            self._inverse, changes = self._apply(self._edit)
        except EditConflict as refused:
            self.setObsolete(True)
            self._workspace.refuse(refused)
            return
        self._workspace.announce(changes)

    def undo(self) -> None:
        assert self._inverse is not None
        try:
            self._edit, changes = self._apply(self._inverse)
        except EditConflict as refused:
            self.setObsolete(True)
            self._workspace.refuse(refused)
            return
        self._workspace.announce(changes)


class DoneCommand(QUndoCommand):
    """An edit that was already applied when pushed: the first redo only announces it, undo applies the inverse.
    A refused undo or redo drops it, as for EditCommand."""

    def __init__(self, workspace: "Workspace", inverse: Edit, changes: Changes) -> None:
        super().__init__(inverse.description)
        self._workspace = workspace
        self._inverse: Edit = inverse
        self._changes = changes
        self._edit: Edit | None = None

    def redo(self) -> None:
        if self._edit is not None:
            try:
                self._inverse, self._changes = self._workspace.service.apply(self._edit)
            except EditConflict as refused:
                self.setObsolete(True)
                self._workspace.refuse(refused)
                return
        self._workspace.announce(self._changes)

    def undo(self) -> None:
        try:
            self._edit, changes = self._workspace.service.apply(self._inverse)
        except EditConflict as refused:
            self.setObsolete(True)
            self._workspace.refuse(refused)
            return
        self._workspace.announce(changes)


class Workspace(QObject):
    """One open project. Views observe ``sig_changed``; they never talk to each other."""

    sig_changed = Signal(object)  # Changes: what an edit (or its undo) changed
    sig_refused = Signal(str)  # the sentence of an edit or undo refused because someone else changed the row
    sig_unsaved_changed = Signal(bool)
    sig_outbox_changed = Signal(int)  # a team project's edits waiting for the server

    def __init__(self, session: ProjectSession, analyst: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = ProjectService(session.store, analyst)
        # Review edits (verdicts, answers, sign-offs) go through their own service; a session
        # opened for review is in review mode, where the analyst's annotations are read-only.
        self.review_service = ReviewService(session.store, analyst)
        self.review_mode = isinstance(session, ReviewSession)
        self.last_changes: Changes = NO_CHANGES  # what the last edit changed
        self.refusals = 0  # edits and undos refused so far (EditConflict), each said through sig_refused
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        if session.unsaved:
            self.undo_stack.resetClean()

    @property
    def store(self):
        return self.session.store

    def set_analyst(self, name: str, *, since: str | None = None) -> None:
        """Work as ``name`` from now on; with ``since``, also put the name on what this project recorded
        under the previous name from then on (the login name, used until the analyst said theirs)."""
        if since is not None and not self.review_mode:
            self.store.rename_analyst(self.service.analyst, name, since)
        self.service.analyst = name
        self.review_service.analyst = name

    def do(self, edit: Edit, applier: Applier | None = None) -> bool:
        """Apply ``edit`` as an undoable command; False when it was refused (said through ``sig_refused``,
        and not on the undo stack). A team project's edit is applied at once, or kept while the server is
        away (services/team_session.py)."""
        refusals = self.refusals
        outbox = getattr(self.session, "outbox", None)
        if outbox is None:
            self.undo_stack.push(EditCommand(self, edit, applier))
            return self.refusals == refusals
        try:
            applied = outbox.apply(edit, applier or self.service.apply)
        except EditConflict as conflict:
            self.refuse(conflict)
        else:
            if applied is not None:
                self.record_done(applied.inverse, applied.changes)
        self.sig_outbox_changed.emit(outbox.waiting)
        return self.refusals == refusals

    def refuse(self, conflict: EditConflict) -> None:
        """An edit or undo was refused: say so, and show the row it was about as it now is."""
        self.refusals += 1
        self.announce(self.service.conflict_changes(conflict))
        self.sig_refused.emit(conflict.message)

    def save(self) -> None:
        self.session.save()
        self.undo_stack.setClean()

    def save_as(self, path: str) -> None:
        """Save to ``path``; a project still called "Untitled project" takes the file's name as its title
        (reports show the title)."""
        if self.store.project_info().title == UNTITLED and not self.review_mode:
            self.store.set_title(Path(path).stem, self.service.analyst)
        self.session.save_as(path)
        self.undo_stack.setClean()

    def announce(self, changes: Changes) -> None:
        """Tell the views what an applied edit changed."""
        self.last_changes = changes
        self.sig_changed.emit(changes)

    def record_done(self, inverse: Edit, changes: Changes = Changes(article_list=True)) -> None:
        """Put work already carried out off the GUI thread (an import) on the undo stack, given its inverse."""
        self.undo_stack.push(DoneCommand(self, inverse, changes))

    # --- work off the GUI thread, each worker on its own connection --------------------------------------

    def run_in_worker(self, runner: TaskRunner, run: Callable, connect: Callable[[Task], None]) -> Task:
        """Start ``run(service, progress, cancelled)`` on ``runner`` with a ProjectService of its own
        (its own store connection, opened and closed on the worker thread); ``connect(task)`` hooks up
        its signals before it starts."""
        service = self.service

        def work(progress, cancelled):
            with service.on_own_connection() as own:
                return run(own, progress, cancelled)

        return runner.start(work, connect)

    def read_in_worker(self, runner: TaskRunner, read: Callable, connect: Callable[[Task], None]) -> Task:
        """Start ``read(store)`` on ``runner`` with a store of its own (read only); ``connect(task)``
        hooks up its signals before it starts."""
        return self.run_in_worker(runner, lambda own, _progress, _cancelled: read(own.store), connect)

    @property
    def unsaved(self) -> bool:
        return self.session.unsaved

    @property
    def waiting_edits(self) -> int:
        """A team project's edits kept while its server is away (services/team_session.py); 0 for a file."""
        outbox = getattr(self.session, "outbox", None)
        return outbox.waiting if outbox is not None else 0

    def _on_clean_changed(self, clean: bool) -> None:
        self.session.set_unsaved(not clean)
        self.sig_unsaved_changed.emit(not clean)

    def close(self) -> None:
        self.undo_stack.clear()
        self.session.close()
