"""The main window: the layout, the menus, and the open project. The panes and panels do the rest.

Article list | article pane | quote pane (table, filters, detail), and docks on the right (Speakers,
Review, and the panels to come) that plug in through ``PanelHost`` (ui/host.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget, QMainWindow, QSplitter, QStackedLayout, QToolBar, QUndoView,
    QVBoxLayout, QWidget,
)

from workbench.domain.edits import Changes
from workbench.domain.errors import UserFacingError
from workbench.persistence.location import is_database_url, redacted
from workbench.persistence.project_file import SUFFIX
from workbench.services.session import ProjectSession
from workbench.services.team_session import TeamSession
from workbench.ui.actions import ActionRegistry
from workbench.ui.article_list import ArticleList
from workbench.ui.article_pane import ArticlePane
from workbench.ui.dialogs import Dialogs
from workbench.ui.first_run import FirstRunBar, WelcomePage
from workbench.ui.host import QuoteFilter
from workbench.ui.import_controller import BusyIndicator, ImportController
from workbench.ui.labels import explain
from workbench.ui.opening import OPEN_IN_BACKGROUND_FROM, OpenSession, ProjectOpener, ProjectRead
from workbench.ui.panels import install_panels
from workbench.ui.project_menus import build_menus, name_undo_redo, shortcuts_html
from workbench.ui.project_view import ProjectView
from workbench.ui.quote_editing import QuoteEditing
from workbench.ui.quote_pane import QuotePane
from workbench.ui.rescue import explain_opened
from workbench.ui.review_controller import ReviewController
from workbench.ui.runner import TaskRunner, Turns
from workbench.ui.workspace import Workspace

MAX_RECENT = 8


class MainWindow(QMainWindow):
    """Implements ``PanelHost`` (ui/host.py) for the panels docked in it."""

    sig_workspace_changed = Signal()  # a project was opened, created or opened for review
    sig_current_quote_changed = Signal(object)  # quote id or None

    def __init__(self, settings: QSettings, dialogs: Dialogs, runner: TaskRunner, analyst: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(False)
        self.settings = settings
        self.dialogs = dialogs
        self.runner = runner
        self.reader = TaskRunner(self)  # opens big projects, reads big articles; apart from the import worker
        self.turns = Turns(self)  # big things are shown a piece per turn of the event loop
        self.opener = ProjectOpener(self.reader, self)
        self.opener.sig_read.connect(self._on_project_read)
        self.opener.sig_failed.connect(self._on_open_failed)
        self.analyst = analyst
        self.workspace: Workspace | None = None
        self.actions = ActionRegistry(self)
        self._read_only: set[str] = set()
        self._named_since: str | None = None  # while the login name stands in for the analyst's own

        self.article_list = ArticleList()
        self.article_list.setMinimumWidth(130)
        self.article_pane = ArticlePane(self.turns)
        self.article_pane.sig_publication_date_wanted.connect(self.ask_publication_date)
        self.article_pane.sig_restore_line.connect(self._restore_line)
        self.quote_pane = QuotePane(self.turns)
        self.view = ProjectView(self, workspace=lambda: self.workspace, article_list=self.article_list,
                                article_pane=self.article_pane, quote_pane=self.quote_pane, reader=self.reader,
                                turns=self.turns, dialogs=dialogs, show_page=self._show_page)
        self.view.sig_current_quote_changed.connect(self.sig_current_quote_changed)
        # The panes' widgets, under the names the tests and docs/widgets.md use.
        self.article_view, self.article_header = self.article_pane.view, self.article_pane.header
        self.quote_table, self.quote_model, self.quote_proxy = (
            self.quote_pane.table, self.quote_pane.model, self.quote_pane.proxy)
        self.detail, self.search_edit, self.status_filter = (
            self.quote_pane.detail, self.quote_pane.search_edit, self.quote_pane.status_filter)
        self.counts_label = self.quote_pane.counts_label

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        for i, (widget, stretch) in enumerate(((self.article_list, 1), (self.article_pane, 4),
                                               (self.quote_pane, 5))):
            self.main_splitter.addWidget(widget)
            self.main_splitter.setStretchFactor(i, stretch)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setSizes([170, 500, 730])
        self.welcome = WelcomePage()
        self.first_run = FirstRunBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.first_run)
        self.pages = QStackedLayout()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.main_splitter)
        column.addLayout(self.pages, 1)
        self.setCentralWidget(central)

        self.busy = BusyIndicator(self.statusBar(), self.runner.cancel_all)
        self.undo_view = QUndoView(objectName="undoHistory")
        self.undo_view.setWindowTitle(self.tr("Undo history"))
        self.importer = ImportController(self, self.busy, ensure_workspace=self._ensure_workspace,
                                         opening=lambda: self.opening, show_imported=lambda article_id, ask, lines:
                                         self.view.show_imported_later(article_id, ask and self._ask_date_in_bar, lines))
        self.editing = QuoteEditing(self, self.quote_pane, self.article_view, lambda: self.view.article_id,
                                    self.view.refresh_quotes)
        build_menus(self)
        self.editing.register_actions(lambda: self.importer.redetect(self.view.article_id))
        self.welcome.sig_open.connect(self.actions["file.open"].trigger)
        self.welcome.sig_import.connect(self.actions["file.import"].trigger)
        self.welcome.sig_paste.connect(self.actions["file.import_clipboard"].trigger)
        self.welcome.sig_sample.connect(lambda: self.import_sources([str(self.welcome.sample_path)]))
        self.first_run.sig_analyst.connect(self.set_analyst)
        self.import_action, self.save_action = self.actions["file.import"], self.actions["file.save"]
        self.undo_action, self.redo_action = self.actions["edit.undo"], self.actions["edit.redo"]
        self.speakers_panel = install_panels(self)
        self.review = ReviewController(self)
        self._restore_layout()
        self._apply_font_size()
        self.setAcceptDrops(True)
        self._update_title()
        self.actions.set_review_mode(False)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for splitter in (self.main_splitter, self.quote_pane):
            state = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    # --- PanelHost ----------------------------------------------------------------------------------

    @property
    def review_mode(self) -> bool:
        """True while a colleague's project is open for review: its annotations are read-only."""
        return self.workspace is not None and self.workspace.review_mode

    def parent_widget(self) -> QWidget:
        return self

    def show_message(self, text: str, msecs: int = 4000) -> None:
        self.statusBar().showMessage(text, msecs)

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> None:
        others = [d for d in self.findChildren(QDockWidget) if d is not dock and self.dockWidgetArea(d) == area]
        self.addDockWidget(area, dock)
        if others:  # panels on one side share it as tabs: the quote table keeps its width
            self.tabifyDockWidget(others[0], dock)

    def add_bar(self, bar: QToolBar) -> None:
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def set_read_only(self, key: str, read_only: bool) -> None:
        (self._read_only.add if read_only else self._read_only.discard)(key)
        self.detail.set_read_only(bool(self._read_only))

    def set_quote_filter(self, key: str, accepts: QuoteFilter | None) -> None:
        self.quote_pane.set_extra_filter(key, accepts)

    def current_quote_id(self) -> int | None:
        return self.quote_pane.current_quote_id()

    def selected_quote_ids(self) -> list[int]:
        return self.quote_pane.selected_quote_ids()

    def select_quote(self, quote_id: int) -> None:
        self.quote_pane.select_quote(quote_id)

    def select_first_shown_quote(self) -> None:
        self.quote_pane.select_first_shown()

    def go_to_quote(self, quote_id: int) -> None:
        if self.workspace is None:
            return
        try:
            article_id = self.workspace.store.quote(quote_id).article_id
        except KeyError:
            return
        self.view.select_article(article_id)
        self.select_quote(quote_id)

    def filter_by_speaker(self, name: str | None) -> None:
        self.quote_pane.filter_by_speaker(name)

    # --- projects ------------------------------------------------------------------------------------

    def set_session(self, session: ProjectSession, read: ProjectRead | None = None) -> None:
        """Show ``session``'s project (``read``: its article list and first article, read with it)."""
        self.opener.drop()  # a project still being opened is not wanted any more
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = Workspace(session, self.analyst, self)
        self.workspace.sig_changed.connect(self._on_changed)
        self.workspace.sig_unsaved_changed.connect(lambda _: self._update_title())
        self.workspace.undo_stack.undoTextChanged.connect(self._name_undo_redo)
        self.workspace.undo_stack.redoTextChanged.connect(self._name_undo_redo)
        self.undo_view.setStack(self.workspace.undo_stack)
        self.view.reset()
        if read is None:
            self.view.refresh_articles()
        else:  # read with the project: the list on the next turn, its first article on the one after
            self.view.show_article(None)
            workspace = self.workspace
            self.turns.later(lambda: self.workspace is workspace and self.view.show_read(read))
        self._update_title()
        if session.recent_location and not self.workspace.review_mode:  # a file under review is not recent work
            self._remember_recent(session.recent_location)
        self.actions.set_review_mode(self.workspace.review_mode)
        self._name_undo_redo()
        self.sig_workspace_changed.emit()
        self.turns.later(lambda: self.workspace is not None and self.workspace.session is session
                         and explain_opened(self, session))  # an upgraded or a damaged file says so

    def _close_workspace(self) -> None:
        """Let go of the open project (its changes were saved or given up) and show an empty window."""
        if self.workspace is None:
            return
        self.undo_view.setStack(None)
        self.workspace.close()
        self.workspace = None
        self.article_list.show_summaries([])
        self.view.show_article(None)
        self._update_title()
        self.actions.set_review_mode(False)
        self.sig_workspace_changed.emit()

    @property
    def opening(self) -> bool:
        """True while a project file is being opened in the background."""
        return self.opener.busy

    def open_for_review(self, path: str) -> bool:
        return self.review.open_for_review(path)

    def _ensure_workspace(self) -> Workspace:
        if self.workspace is None:
            self.set_session(ProjectSession.new(analyst=self.analyst))
        assert self.workspace is not None
        return self.workspace

    def new_project(self) -> None:
        if self.may_replace_project():
            self.set_session(ProjectSession.new(analyst=self.analyst))

    def open_path(self, path: str) -> bool:
        """Open a project (file or team URL), or import an article file into a new untitled project.
        A big project file or a team project is opened in the background: True then means it has begun."""
        if Path(path).suffix.lower() == SUFFIX or is_database_url(path):  # a team project: docs/team-desk.md
            if not self.may_replace_project():
                return False
            return self.open_project_file(path, TeamSession.open if is_database_url(path) else ProjectSession.open)
        if self.opening:
            self.dialogs.info(self, self.tr("A project is still being opened; import articles once it is shown."))
            return False
        self._ensure_workspace()
        self.import_sources([path])
        return True

    def open_project_file(self, path: str, open_session: OpenSession) -> bool:
        """Open a project file whose session ``open_session`` makes, once the open project was let go.

        A file of OPEN_IN_BACKGROUND_FROM bytes or more is copied, checked and read on the reader
        thread, and shown when read; meanwhile the window is empty and answers.
        """
        try:  # a team project always opens on the reader thread: the server may be slow to answer
            big = is_database_url(path) or Path(path).stat().st_size >= OPEN_IN_BACKGROUND_FROM
        except OSError:
            big = False  # opening says what is wrong with it
        if not big:
            try:
                session = open_session(path)
            except UserFacingError as err:
                self.dialogs.error(self, explain(err))
                return False
            self.set_session(session)
            return True
        self._close_workspace()
        self.opener.start(path, open_session)
        opening = self.tr("Opening {0}…").format(redacted(path) if is_database_url(path) else Path(path).name)
        self.busy.show(True, opening, cancellable=False)
        self.pages.setCurrentWidget(self.main_splitter)
        self.article_header.setText(opening)
        return True

    def _on_project_read(self, read: ProjectRead) -> None:
        if not self.runner.busy:
            self.busy.show(False)
        self.statusBar().clearMessage()
        self.set_session(read.session, read)

    def _on_open_failed(self, message: str) -> None:
        if not self.runner.busy:
            self.busy.show(False)
        self.statusBar().clearMessage()
        self.view.show_article(None)
        self._show_page()  # back to the welcome page, not empty panes
        self.dialogs.error(self, message)

    def _on_open(self) -> None:
        if path := self.dialogs.open_project_path(self):
            self.open_path(path)

    def save(self) -> bool:
        if self.workspace is None:
            return True
        if self.workspace.session.project_path is None:
            return self.save_as()
        try:
            self.workspace.save()
        except UserFacingError as err:
            self.dialogs.error(self, explain(err))
            return False
        self.show_message(self.tr("Saved {0}").format(self.workspace.session.display_name))
        return True

    def save_as(self) -> bool:
        if self.workspace is None:
            return True
        path = self.dialogs.save_project_path(self, self.workspace.session.display_name)
        if not path:
            return False
        try:
            self.workspace.save_as(path)
        except UserFacingError as err:
            self.dialogs.error(self, explain(err))
            return False
        self._remember_recent(str(self.workspace.session.project_path))
        self._update_title()
        return True

    def may_replace_project(self) -> bool:
        """Whether the open project may be closed: nothing writing into it, its unsaved changes saved or let go."""
        if self.runner.busy:
            self.dialogs.info(self, self.tr("An import or detection is still running in this project; "
                                            "wait for it or cancel it, then open the other project."))
            return False
        return self._may_discard()

    def _may_discard(self) -> bool:
        if self.workspace and self.workspace.waiting_edits:  # a team project's, kept while its server is away
            return self.dialogs.ask_close_with_waiting(self, self.workspace.session.display_name,
                                                       self.workspace.waiting_edits)
        if self.workspace is None or not self.workspace.unsaved:
            return True
        answer = self.dialogs.ask_save_changes(self, self.workspace.session.display_name)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.busy:
            self.runner.cancel_all()
            self.runner.wait(5000)
        self.reader.wait(5000)
        if self.opener.busy:  # closing while a project is being opened: it is not wanted any more
            self.opener.drop()
        self.opener.close_unwanted()
        if not self._may_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_splitter, self.quote_pane):
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()
        if self.workspace is not None:
            workspace, self.workspace = self.workspace, None
            self.sig_workspace_changed.emit()
            workspace.close()
        self.undo_view.close()
        event.accept()

    def _update_title(self) -> None:
        name = self.workspace.session.display_name if self.workspace else self.tr("No project")
        review = self.tr(" (review)") if self.review_mode else ""
        self.setWindowTitle(f"{name}[*]{review} — Quote Workbench")
        self.setWindowModified(bool(self.workspace and self.workspace.unsaved))

    def set_project_title(self, title: str) -> None:
        if self.workspace is not None and title.strip():
            self.editing.edit(lambda s: s.title_edit(title))
            self._update_title()

    def _name_undo_redo(self, *_: object) -> None:
        name_undo_redo(self.actions, self.workspace.undo_stack if self.workspace else None)

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recentFiles", [path, *recent][:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles") or []
        return [value] if isinstance(value, str) else list(value)

    # --- import (off the GUI thread: ImportController) ---------------------------------------------------

    def import_sources(self, sources: list[str]) -> None:
        self.importer.import_sources(sources)

    def _ask_date_in_bar(self, article_id: int, title: str) -> None:
        self.first_run.ask_publication_date(title, lambda value: self._set_published(article_id, value))

    # --- showing (ProjectView) -------------------------------------------------------------------------------------

    def _show_page(self) -> None:
        """The welcome page while the project has no article (and none is being opened), else the panes."""
        empty = self.article_list.count() == 0 and not self.opening and not self.runner.busy
        self.pages.setCurrentWidget(self.welcome if empty else self.main_splitter)

    def _on_changed(self, changes: Changes) -> None:
        self.view.on_changed(changes)
        if changes.project:
            self._update_title()

    def ask_publication_date(self) -> None:
        article_id = self.view.article_id
        if self.workspace is None or article_id is None:
            return
        article = self.article_list.summary(article_id) or self.workspace.store.article(article_id)
        value = self.dialogs.publication_date(self, article.title, article.published)
        if value is not None:
            self._set_published(article_id, value)

    def _restore_line(self, index: int) -> None:
        article_id = self.view.article_id
        if article_id is not None:
            self.editing.edit(lambda s: s.restore_line_edit(article_id, index))

    def _set_published(self, article_id: int, value: str) -> None:
        self.editing.edit(lambda s: s.published_edit(article_id, value))

    def change_font_size(self, step: int) -> None:
        """Larger or smaller text in the article, the quote table and the detail (remembered)."""
        size = max(8, min(28, int(self.settings.value("view/fontSize", self.font().pointSize())) + step))
        self.settings.setValue("view/fontSize", size)
        self._apply_font_size()

    def _apply_font_size(self) -> None:
        if self.settings.value("view/fontSize"):
            self.article_pane.set_font_size(int(self.settings.value("view/fontSize")))
            self.quote_pane.set_font_size(int(self.settings.value("view/fontSize")))

    def ask_analyst_name(self) -> None:
        name = self.dialogs.analyst_name(self, self.analyst)
        if name:
            self.set_analyst(name)

    def ask_analyst_name_on_first_run(self) -> None:
        """Ask once, in the first-run bar: the window stays usable, with the login name until answered;
        the answer then goes on what was done meanwhile too."""
        self._named_since = datetime.now(UTC).isoformat(timespec="seconds")
        self.first_run.ask_analyst(self.analyst)

    def set_analyst(self, name: str) -> None:
        """Stamp confirmations with this name from now on (remembered in the settings)."""
        self.analyst = name
        self.settings.setValue("analyst", name)
        since, self._named_since = self._named_since, None
        if self.workspace is not None:
            self.workspace.set_analyst(name, since=since)
        self.show_message(self.tr("Working as {0}").format(name))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() or url.toString() for url in event.mimeData().urls()]
        projects = [p for p in paths if p.lower().endswith(SUFFIX)]
        if projects:
            self.open_path(projects[0])
        articles = [p for p in paths if not p.lower().endswith(SUFFIX)]
        if articles:
            self.import_sources(articles)
        event.acceptProposedAction()

    def step_article(self, step: int) -> None:
        count = self.article_list.count()
        if count:
            self.article_list.setCurrentRow(max(0, min(count - 1, self.article_list.currentRow() + step)))

    def next_unchecked(self) -> None:
        if not self.quote_pane.next_unchecked():
            self.show_message(self.tr("No unchecked quote left in this article."))

    def shortcuts_text(self) -> str:
        return shortcuts_html(self.actions, self.review_mode)
