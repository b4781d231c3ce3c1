"""The window on a team project (a PostgreSQL database; docs/team-desk.md): File → Open team project…,
the offline state and its outbox of waiting edits.

Installed like a panel (``ui/panels.py``). A team project opens through the window's opening path on the
reader thread (``TeamSession.open``); its errors (wrong address or password, not a project, a newer
version) come back as sentences. While the server is away, edits wait in the session's outbox, the status
bar says "Offline — N edits waiting", and a probe off the GUI thread tries the server every second; when
it answers, the waiting edits are applied in order (each one goes on the undo stack) and the bar says so.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from workbench.domain.edits import Changes, Edit, EditGroup, QuotePatch, SetSpeaker
from workbench.persistence.location import DatabaseLocation, is_database_url
from workbench.services.team_session import Outbox, TeamSession, changes_of, follow_changes, who_changed
from workbench.ui.host import PanelHost
from workbench.ui.labels import explain, plural
from workbench.ui.runner import TaskRunner

PROBE_EVERY_MS = 1000


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` in its user part, for the connection only (it is never stored)."""
    if not password:
        return url
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    user = userinfo.split(":", 1)[0] if at else ""
    quoted = urllib.parse.quote(password, safe="")
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:{quoted}@{hostport}"))


class OpenTeamProjectDialog(QDialog):
    """The team project's address, and a password used for this connection only (left empty: libpq finds
    it in ~/.pgpass or PGPASSWORD)."""

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("openTeamProjectDialog")
        self.setWindowTitle(self.tr("Open team project"))
        form = QFormLayout(self)
        explanation = QLabel(self.tr("The address of the team project's database, such as "
                                     "postgresql://desk.example.org/election. Leave the password empty when it "
                                     "is in ~/.pgpass or PGPASSWORD; a password typed here is used for this "
                                     "connection only and never stored."))
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.url_edit = QLineEdit(url, objectName="teamUrl")
        self.url_edit.setPlaceholderText("postgresql://HOST/DATABASE")
        self.password_edit = QLineEdit(objectName="teamPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Address:"), self.url_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.problem = QLabel(objectName="teamUrlProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.url_edit.setFocus()

    def accept(self) -> None:
        if not is_database_url(self.url_edit.text().strip()):
            self.problem.setText(self.tr("A team project's address starts with postgresql://"))
            self.problem.show()
            self.adjustSize()  # room for the new line, or the wrapped explanation above is cut
            return
        super().accept()

    def location(self) -> str:
        """The URL to connect to (with the typed password, if any: pass it on, never keep it)."""
        return with_password(self.url_edit.text().strip(), self.password_edit.text())


class ChangeFeed(QObject):
    """Others' changes to the open team project, followed on a thread of its own (LISTEN, or polling where
    the notification trigger is missing) and brought to the GUI thread by queued signal (``sig_batch``).

    A plain thread, not the task runner: it runs as long as the project is open."""

    sig_batch = Signal(object)  # ChangeBatch: others' changes (own ones left out)

    def __init__(self, location: DatabaseLocation, analyst: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        stop = self._stop
        emit = self.sig_batch.emit  # nothing is emitted once stopped (the feed may be deleted then)
        self._thread = threading.Thread(target=follow_changes, name="team-changes", daemon=True,
                                        args=(location, analyst, lambda batch: stop.is_set() or emit(batch),
                                              stop.is_set))
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


class TeamDesk(QObject):
    """The team-project parts of the window: the open action, Save disabled, the offline state."""

    def __init__(self, host: PanelHost, ask_location=None) -> None:
        super().__init__(host.parent_widget())
        self.host = host
        self._ask_location = ask_location or self._ask_in_dialog
        self.probes = TaskRunner(self)  # tries the server while offline; never the window's import runner
        self.status = QLabel(objectName="teamStatus")
        self.status.hide()
        host.parent_widget().statusBar().addPermanentWidget(self.status)
        self._timer = QTimer(self, interval=PROBE_EVERY_MS)
        self._timer.timeout.connect(self._probe)
        self._probing = False
        self._workspace = None
        self._feed: ChangeFeed | None = None
        self._server_away = False
        actions = host.actions
        action = actions.add("file.open_team", "Open t&eam project…", self.open_team_project, "Ctrl+Alt+O",
                             task="Files")
        actions.menu("menu.file").insertAction(actions.menu("menu.recent").menuAction(), action)
        host.sig_workspace_changed.connect(self._on_workspace_changed)
        host.parent_widget().installEventFilter(self)  # its closing stops the probes first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self.host.parent_widget():
            self.close()
        return False

    # --- opening --------------------------------------------------------------------------------------

    def open_team_project(self) -> bool:
        url = self._ask_location(self.host.parent_widget())
        if not url or not self.host.may_replace_project():
            return False
        return self.host.open_project_file(url, TeamSession.open)

    @staticmethod
    def _ask_in_dialog(parent: QWidget) -> str | None:
        dialog = OpenTeamProjectDialog(parent)
        return dialog.location() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # --- the open project -------------------------------------------------------------------------------

    @property
    def outbox(self) -> Outbox | None:
        return getattr(self._workspace.session, "outbox", None) if self._workspace is not None else None

    def _on_workspace_changed(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed.deleteLater()
            self._feed = None
        self._workspace = self.host.workspace
        self._server_away = False
        team = self.outbox is not None
        for action_id in ("file.save", "file.save_as"):  # every edit is on the server already
            self.host.actions[action_id].setEnabled(not team)
        if not team:
            self._timer.stop()
            self.status.hide()
            return
        workspace = self._workspace
        # a workspace is closed, not disconnected: what a closed one says is not heard
        workspace.sig_outbox_changed.connect(
            lambda waiting: workspace is self._workspace and self._show_waiting(waiting))
        self._feed = ChangeFeed(workspace.session.location, lambda: workspace.service.analyst, self)
        self._feed.sig_batch.connect(lambda batch: self._on_remote(workspace, batch))
        self._show_waiting(self.outbox.waiting)  # edits kept by an earlier window are tried at once

    def _show_waiting(self, waiting: int) -> None:
        # Undo and redo need the server; while it is away they wait too (an undo that failed half-way would
        # leave the undo stack believing it was done)
        offline = bool(waiting) or self._server_away
        stack = self._workspace.undo_stack if self._workspace is not None else None
        self.host.actions["edit.undo"].setEnabled(not offline and bool(stack and stack.canUndo()))
        self.host.actions["edit.redo"].setEnabled(not offline and bool(stack and stack.canRedo()))
        if waiting:
            words = plural(waiting, self.tr("edit"), self.tr("edits"))
            self.status.setText(self.tr("Offline — {0} waiting").format(words))
            self.status.show()
            if not self._timer.isActive():
                self._timer.start()
        elif self._server_away:
            self.status.setText(self.tr("Offline — the server does not answer"))
            self.status.show()
        else:
            self._timer.stop()
            self.status.hide()

    def _on_remote(self, workspace, batch) -> None:
        """Others' changes: the views refresh just those, keeping the selection, the current quote, the
        scroll position and an editor being typed in; the detail says who changed the current quote."""
        if workspace is not self._workspace:
            return  # for a project no longer open
        if batch.online == self._server_away:  # the server went away, or is back
            self._server_away = not batch.online
            self._show_waiting(self.outbox.waiting if self.outbox else 0)
            if batch.online and self.outbox is not None and self.outbox.waiting:
                self._probe()
        if not batch.online:
            return  # nothing can be read until the server answers; the reconnection's batch says to read again
        changes = changes_of(batch)
        if batch.may_have_missed:  # reconnected: some changes may not have been heard, read what is shown again
            changes |= Changes(article_list=True, reviews=True, project=True, sources=True)
        if changes == Changes():
            return
        current = self.host.current_quote_id()
        detail = self.host.detail  # the window's quote detail
        with detail.keeping_typed_text():
            workspace.announce(changes)
        if current is not None and current in changes.quotes:
            who = who_changed(batch, current)
            if who is not None:
                detail.show_remote_change(*who)

    def _probe(self) -> None:
        """Ask the server for the project on a worker (a connection of its own); when it answers, apply
        the waiting edits on the GUI thread."""
        workspace = self._workspace
        if self._probing or workspace is None:
            return
        self._probing = True
        def connect(task) -> None:
            task.signals.sig_done.connect(lambda _: self._answered(workspace))
            task.signals.sig_failed.connect(lambda _message: setattr(self, "_probing", False))

        service = workspace.service

        def probe(_progress, _cancelled):
            with service.on_own_connection() as own:
                return own.store.project_info().id

        self.probes.start(probe, connect)

    def _answered(self, workspace) -> None:
        self._probing = False
        if workspace is not self._workspace or self.outbox is None or not self.outbox.waiting:
            return
        before = self.outbox.waiting
        result = self.outbox.retry(workspace.service.apply)
        for applied in result.applied:
            workspace.record_done(applied.inverse, applied.changes)
        self._show_waiting(self.outbox.waiting)
        if result.refused:
            reload = Changes(quotes=frozenset(qid for e in result.refused_edits for qid in _quote_ids(e)))
            workspace.announce(reload)  # the refused edits' quotes show what the server holds
            self.host.dialogs.error(self.host.parent_widget(), "\n\n".join(explain(e) for e in result.refused))
        if not result.offline:
            saved = plural(before - len(result.refused), self.tr("waiting edit"), self.tr("waiting edits"))
            self.host.show_message(self.tr("Back online: {0} saved on the server.").format(saved), 8000)

    def close(self) -> None:
        self._timer.stop()
        if self._feed is not None:
            self._feed.stop()
        self.probes.wait(5000)


def _quote_ids(edit: Edit) -> list[int]:
    if isinstance(edit, EditGroup):
        return [qid for e in edit.edits for qid in _quote_ids(e)]
    if isinstance(edit, (QuotePatch, SetSpeaker)):
        return [edit.quote_id]
    return []


def install_team_desk(host: PanelHost) -> TeamDesk:
    return TeamDesk(host)
