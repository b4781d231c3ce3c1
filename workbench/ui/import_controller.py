"""Work that runs off the GUI thread for the open project: imports and detecting quotes again.

The worker gets a service of its own over its own store connection (``Workspace.worker_service``),
so the GUI thread and the worker never share a SQLAlchemy session (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QProgressBar, QPushButton, QStatusBar

from workbench.domain.edits import EditGroup, RemoveArticle
from workbench.domain.errors import UserFacingError
from workbench.domain.progress import Cancelled
from workbench.services.importing import extract_text
from workbench.services.project import ImportOutcome
from workbench.ui.host import PanelHost
from workbench.ui.labels import explain, plural
from workbench.ui.runner import Task
from workbench.ui.workspace import Workspace


class BusyIndicator:
    """The status bar's progress bar and Cancel button, shown while work runs."""

    def __init__(self, status_bar: QStatusBar, cancel: Callable[[], None]) -> None:
        self.status_bar = status_bar
        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(status_bar.tr("Cancel"), objectName="cancelButton")
        self.cancel_button.clicked.connect(cancel)
        status_bar.addPermanentWidget(self.progress_bar)
        status_bar.addPermanentWidget(self.cancel_button)
        self.show(False)

    def show(self, busy: bool, message: str = "", *, cancellable: bool = True) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy and cancellable)
        self.progress_bar.setRange(0, 0)
        if message:
            self.status_bar.showMessage(message)

    def progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(done)


class ImportController(QObject):
    """Imports articles (files, web addresses, the clipboard) and detects quotes again, off the GUI thread."""

    def __init__(self, host: PanelHost, busy: BusyIndicator, *, ensure_workspace: Callable[[], Workspace],
                 opening: Callable[[], bool], show_imported: Callable[[int | None, bool, list[str]], None]) -> None:
        super().__init__(host.parent_widget())
        self.host = host
        self.busy = busy
        self._ensure_workspace = ensure_workspace
        self._opening = opening
        self._show_imported = show_imported

    def import_files(self) -> None:
        paths = self.host.dialogs.article_paths(self.host.parent_widget())
        if paths:
            self.import_sources(paths)

    def import_url(self) -> None:
        url = self.host.dialogs.article_url(self.host.parent_widget())
        if url:
            self.import_sources([url])

    def import_clipboard(self) -> None:
        self.import_text(QApplication.clipboard().text(), "clipboard")

    def import_text(self, text: str, source: str) -> None:
        try:
            extracted = extract_text(text, source=source)
        except UserFacingError as err:
            self.host.dialogs.error(self.host.parent_widget(), explain(err))
            return
        self._start(lambda service, progress, cancelled: [service.import_extracted(
            extracted, progress=progress, cancelled=cancelled)])

    def import_sources(self, sources: list[str]) -> None:
        def run(service, progress, cancelled):
            outcomes = []
            for done, source in enumerate(sources):
                progress(done, len(sources))
                try:
                    outcomes.append(service.import_source(source, cancelled=cancelled))
                except Cancelled:
                    break  # what was imported before stays, and is undoable like the rest
            return outcomes

        self._start(run)

    def _refused(self) -> str | None:
        host = self.host
        if host.review_mode:
            return host.tr("Articles cannot be imported into a project open for review.")
        if host.runner.busy:
            return host.tr("An import is still running; wait for it or cancel it.")
        if self._opening():
            return host.tr("A project is still being opened; import articles once it is shown.")
        return None

    def _start(self, run) -> None:
        refusal = self._refused()
        if refusal:
            self.host.dialogs.info(self.host.parent_widget(), refusal)
            return
        workspace = self._ensure_workspace()

        def connect(task: Task) -> None:   # before it starts: a duplicate is done at once
            task.signals.sig_progress.connect(self.busy.progress)
            task.signals.sig_done.connect(lambda outcomes: self._on_import_done(workspace, outcomes))
            task.signals.sig_failed.connect(self._on_failed)
            task.signals.sig_cancelled.connect(lambda: self._on_finished(self.host.tr("Import cancelled.")))

        self.busy.show(True, self.host.tr("Importing…"))
        workspace.run_in_worker(self.host.runner, run, connect)

    def _on_import_done(self, workspace: Workspace, outcomes: list[ImportOutcome]) -> None:
        self.busy.show(False)
        if self.host.workspace is not workspace:
            return
        added = [o for o in outcomes if o.added]
        if added:  # the undo command's first announcement brings the article list up to date
            removals = tuple(RemoveArticle(o.article_id) for o in added)
            words = plural(len(added), self.host.tr("article"), self.host.tr("articles"))
            workspace.record_done(EditGroup(removals, self.host.tr("Import {0}").format(words)))
        lines = []
        for o in outcomes:
            if o.refused:
                lines.append(o.refused)
            elif o.duplicate_of is not None:
                lines.append(self.host.tr("“{0}” is already in this project; showing it.").format(Path(o.source).name))
        summary = self.host.tr("{0} added, {1} already in the project, {2} refused.").format(
            len(added), sum(o.duplicate_of is not None for o in outcomes), sum(bool(o.refused) for o in outcomes))
        self.host.show_message(summary, 8000)
        shown = added[-1].article_id if added else next((o.duplicate_of for o in outcomes if o.duplicate_of), None)
        ask_date = len(added) == 1 and not lines
        if shown is not None or lines:
            self._show_imported(shown, ask_date, lines)

    def redetect(self, article_id: int | None) -> None:
        host = self.host
        if host.workspace is None or article_id is None or host.review_mode:
            return
        if host.runner.busy:
            host.dialogs.info(host.parent_widget(), host.tr("Other work is still running; wait for it or cancel it."))
            return
        workspace = host.workspace

        def connect(task: Task) -> None:
            task.signals.sig_progress.connect(self.busy.progress)
            task.signals.sig_done.connect(lambda edit: self._on_redetect_done(workspace, edit))
            task.signals.sig_failed.connect(self._on_failed)
            task.signals.sig_cancelled.connect(lambda: self._on_finished(host.tr("Detection cancelled.")))

        self.busy.show(True, host.tr("Detecting quotes…"))
        workspace.run_in_worker(host.runner, lambda service, progress, cancelled: service.redetect_edit(
            article_id, progress=progress, cancelled=cancelled), connect)

    def _on_redetect_done(self, workspace: Workspace, edit) -> None:
        self.busy.show(False)
        if self.host.workspace is workspace:
            workspace.do(edit)
            self.host.show_message(edit.description, 6000)

    def _on_failed(self, message: str) -> None:
        self.busy.show(False)
        self.host.dialogs.error(self.host.parent_widget(), message)

    def _on_finished(self, message: str) -> None:
        self.busy.show(False)
        self.host.show_message(message, 6000)
