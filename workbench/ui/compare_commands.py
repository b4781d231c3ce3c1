"""Undo commands for what the Compare panel took from a colleague's file.

A take is work ``Merger`` already applied, so both are ``DoneCommand``s (docs/architecture.md): the
first redo only announces it. ``TakeCommand`` is one difference, undone and redone on the GUI thread.
``TakeAllCommand`` is "Take all theirs shown": thousands of edits, taken in one transaction on the
window's runner, and undone and redone there too, each in one transaction, so the window never
freezes (issue #16). Still one undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.edits import Changes, Edit
from workbench.ui.runner import TaskRunner
from workbench.ui.workspace import DoneCommand, Workspace


class TakeCommand(DoneCommand):
    """Their side of one difference, already applied by ``Merger``; undo puts mine back.

    Redo after an undo applies the change again under their file's provenance, as the first take did.
    """

    def __init__(self, workspace: Workspace, inverse: Edit, changes: Changes, text: str, provenance,
                 on_taken: Callable[[bool], None]) -> None:
        super().__init__(workspace, inverse, changes)
        self.setText(text)
        self._provenance = provenance
        self._on_taken = on_taken

    def redo(self) -> None:
        with self._workspace.service.store.provenance(self._provenance):
            super().redo()
        self._on_taken(True)

    def undo(self) -> None:
        super().undo()
        self._on_taken(False)


class TakeAllCommand(TakeCommand):
    """Their side of many differences, taken in one transaction off the GUI thread; one undo step.

    Undo and redo run on ``runner`` with a store of their own, each edit group in one transaction
    (``ProjectService.apply_in_one_transaction``); the views hear of it when it is done. The runner
    runs one task at a time, in order, so an undo then a redo pressed quickly run one after the
    other; the worker hands the next edit over through this command's fields (it touches no Qt
    object). ``on_busy(True/False)`` brackets each run; ``on_failed`` gets a sentence to show.
    """

    def __init__(self, workspace: Workspace, runner: TaskRunner, inverse: Edit, changes: Changes, text: str,
                 provenance, on_taken: Callable[[bool], None], on_busy: Callable[[bool], None],
                 on_failed: Callable[[str], None]) -> None:
        super().__init__(workspace, inverse, changes, text, provenance, on_taken)
        self._runner = runner
        self._on_busy = on_busy
        self._on_failed = on_failed
        self._pushed = False
        self._in_step = False  # the next undo or redo only moves the stack back in step with the file

    def redo(self) -> None:
        if not self._pushed:  # the take itself: already written, only announce it
            self._pushed = True
            self._workspace.announce(self._changes)
            self._on_taken(True)
            return
        if self._step_back():
            return
        self._run(forward=True)

    def undo(self) -> None:
        if self._step_back():
            return
        self._run(forward=False)

    def _step_back(self) -> bool:
        stepping, self._in_step = self._in_step, False
        return stepping

    def _run(self, *, forward: bool) -> None:
        provenance = self._provenance

        def work(own, _progress, _cancelled):
            """Runs on the runner's thread, with a service of its own; touches no Qt object."""
            if forward:
                with own.store.provenance(provenance):
                    self._inverse, self._changes = own.apply_in_one_transaction(self._edit)
            else:
                self._edit, self._changes = own.apply_in_one_transaction(self._inverse)
            return self._changes

        def connect(task) -> None:
            task.signals.sig_done.connect(lambda changes: self._finished(changes, forward))
            task.signals.sig_failed.connect(lambda message: self._failed(message, forward))

        self._on_busy(True)
        self._workspace.run_in_worker(self._runner, work, connect)

    def _finished(self, changes: Changes, forward: bool) -> None:
        self._on_busy(False)
        self._workspace.announce(changes)
        self._on_taken(forward)

    def _failed(self, message: str, forward: bool) -> None:
        """Nothing was written (the transaction was rolled back): the stack goes back to where the file
        is, when this command is still the one undone or redone last."""
        self._on_busy(False)
        stack = self._workspace.undo_stack
        here = stack.index() - 1 if forward else stack.index()
        if 0 <= here < stack.count() and stack.command(here) is self:
            self._in_step = True
            (stack.undo if forward else stack.redo)()
        self._on_failed(message)
