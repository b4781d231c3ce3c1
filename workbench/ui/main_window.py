"""The main window: article list, article text, quote table and the selected quote's detail."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from workbench import __version__
from workbench.domain.edits import EditGroup, RemoveArticle
from workbench.domain.progress import Cancelled
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Article, Quote, QuoteKind, VerificationStatus
from workbench.persistence.project_file import SUFFIX
from workbench.services.importing import extract_text
from workbench.services.project import ImportOutcome
from workbench.services.session import ProjectSession
from workbench.ui.actions import add_action
from workbench.ui.article_list import ARTICLE_ID_ROLE, ArticleList
from workbench.ui.article_view import STATUS_UNDERLINES, ArticleView
from workbench.ui.detail_panel import QuoteDetailPanel
from workbench.ui.dialogs import Dialogs
from workbench.ui.export_dialog import install_export_action
from workbench.ui.speakers_panel import install_speakers_panel
from workbench.ui.labels import STATUS_COLOURS, STATUS_KEYS, kind_label, status_label
from workbench.ui.quote_table import (
    QUOTE_ID_ROLE, STATUS_ROLE, Column, QuoteFilterProxy, QuoteTableModel, QuoteTableView,
)
from workbench.ui.rescue import explain_opened
from workbench.ui.review_panel import install_review, open_for_review
from workbench.ui.opening import OPEN_IN_BACKGROUND_FROM, OpenSession, ProjectOpener, ProjectRead
from workbench.ui.runner import TaskRunner, Turns
from workbench.ui.workspace import Workspace

MAX_RECENT = 8
READ_IN_BACKGROUND_FROM = 1000  # quotes; reading fewer takes well under 100 ms on the GUI thread


class MainWindow(QMainWindow):
    sig_workspace_changed = Signal()  # a project was opened, created or opened for review

    def __init__(self, settings: QSettings, dialogs: Dialogs, runner: TaskRunner, analyst: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
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
        self._article_id: int | None = None
        self._showing = 0  # counts the articles shown, so late work for an earlier one is dropped
        self._read_ahead: tuple[int, Article | None, list[Quote]] | None = None  # an article read with its project
        self._wanted_quote: int | None = None  # to select once the shown article's quotes have been read

        self._build_widgets()
        self._build_actions()
        install_export_action(self)
        self.speakers_panel = install_speakers_panel(self)
        self.speakers_panel.sig_speaker_selected.connect(self.filter_by_speaker)
        self._restore_layout()
        self._apply_font_size()
        self.setAcceptDrops(True)
        self._update_title()
        install_review(self)

    # --- construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.article_list = ArticleList()
        self.article_list.currentItemChanged.connect(self._on_article_chosen)

        self.article_header = QLabel(objectName="articleHeader")
        self.article_header.setWordWrap(True)
        self.article_view = ArticleView(self.turns)
        self.article_view.sig_quote_clicked.connect(self.select_quote)
        article_box = QWidget()
        article_layout = QVBoxLayout(article_box)
        article_layout.setContentsMargins(0, 0, 0, 0)
        self.published_button = QPushButton(self.tr("Set publication date…"), objectName="publishedButton")
        self.published_button.clicked.connect(self._ask_publication_date)
        header_row = QHBoxLayout()
        header_row.addWidget(self.article_header, 1)
        header_row.addWidget(self.published_button)
        article_layout.addLayout(header_row)
        article_layout.addWidget(self.article_view, 1)
        article_layout.addWidget(_status_legend())
        self.removed_toggle = QToolButton(objectName="removedToggle", checkable=True)
        self.removed_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.removed_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.removed_toggle.setAutoRaise(True)
        self.removed_list = QListWidget(objectName="removedLines")
        self.removed_list.setAccessibleName("Lines removed from the page at import")
        self.removed_list.setMaximumHeight(110)
        self.removed_list.setVisible(False)
        self.removed_toggle.toggled.connect(self._on_removed_toggled)
        self.removed_list.setToolTip(self.tr("Double-click a line that was removed by mistake to put it back"))
        self.removed_list.itemActivated.connect(self._on_removed_line_activated)
        article_layout.addWidget(self.removed_toggle)
        article_layout.addWidget(self.removed_list)

        self.search_edit = QLineEdit(objectName="searchEdit", placeholderText=self.tr("Search quotes (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in VerificationStatus:
            self.status_filter.addItem(status_label(status), status.value)
        self._search_timer = QTimer(self, singleShot=True, interval=180)  # filter once typing pauses
        self._search_timer.timeout.connect(self._apply_filters)
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.speaker_filter = QComboBox(objectName="speakerFilter")
        self.speaker_filter.setMinimumContentsLength(12)
        self.speaker_filter.addItem(self.tr("All speakers"), None)
        self.kind_filter = QComboBox(objectName="kindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in QuoteKind:
            self.kind_filter.addItem(kind_label(kind), kind.value)
        self.confidence_filter = QDoubleSpinBox(objectName="confidenceFilter", prefix="≥ ", decimals=2,
                                                maximum=1.0, singleStep=0.1)
        self.confidence_filter.setToolTip(self.tr("Show quotes with at least this confidence"))
        for widget in (self.speaker_filter, self.kind_filter):
            widget.currentIndexChanged.connect(self._apply_filters)
        self.confidence_filter.valueChanged.connect(self._apply_filters)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.search_edit, 1)
        filter_row.addWidget(self.status_filter)
        filter_row.addWidget(self.speaker_filter)
        filter_row.addWidget(self.kind_filter)
        filter_row.addWidget(self.confidence_filter)

        self.quote_model = QuoteTableModel(self, turns=self.turns)
        self.quote_model.sig_filled.connect(self._update_counts)
        self.quote_proxy = QuoteFilterProxy(self)
        self.quote_proxy.setSourceModel(self.quote_model)
        self.quote_table = QuoteTableView(objectName="quoteTable")
        self.quote_table.setAccessibleName("Quotes")
        self.quote_table.setModel(self.quote_proxy)
        self.quote_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.quote_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.quote_table.setSortingEnabled(True)
        self.quote_table.sortByColumn(Column.QUOTE, Qt.SortOrder.AscendingOrder)
        self.quote_table.setWordWrap(False)
        self.quote_table.verticalHeader().setVisible(False)
        header = self.quote_table.horizontalHeader()
        header.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.SPEAKER, 130), (Column.DATE, 82), (Column.STATUS, 112),
                              (Column.CONFIDENCE, 48), (Column.KIND, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.quote_table.selectionModel().currentRowChanged.connect(self._on_current_quote_changed)
        self.counts_label = QLabel(objectName="statusCounts")

        self.detail = QuoteDetailPanel()
        self.detail.sig_speaker_entered.connect(lambda qid, name: self._edit(lambda s: s.speaker_edit(qid, name)))
        self.detail.sig_speaker_confirmed.connect(lambda qid: self._edit(lambda s: s.confirm_speaker_edit(qid)))
        self.detail.sig_date_entered.connect(lambda qid, value: self._edit(lambda s: s.date_edit(qid, value)))
        self.detail.sig_status_chosen.connect(lambda qid, status: self._edit(lambda s: s.status_edit(qid, status)))
        self.detail.sig_note_entered.connect(lambda qid, text: self._edit(lambda s: s.note_edit(qid, text)))
        self.detail.sig_add_evidence.connect(self._on_add_evidence)
        self.detail.set_speaker_source(lambda: self.workspace.store.speakers() if self.workspace else [])

        quotes_box = QWidget()
        quotes_layout = QVBoxLayout(quotes_box)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addLayout(filter_row)
        quotes_layout.addWidget(self.quote_table, 1)
        quotes_layout.addWidget(self.counts_label)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        self.right_splitter.addWidget(quotes_box)
        self.right_splitter.addWidget(self.detail)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.main_splitter.addWidget(self.article_list)
        self.main_splitter.addWidget(article_box)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setStretchFactor(2, 4)
        self.main_splitter.setSizes([170, 540, 690])
        self.setCentralWidget(self.main_splitter)

        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelButton")
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._show_busy(False)

        self.undo_view = QUndoView(objectName="undoHistory")
        self.undo_view.setWindowTitle(self.tr("Undo history"))

    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        return add_action(self, text, slot, shortcut, menu)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action("&New project", self.new_project, QKeySequence.StandardKey.New, file_menu)
        self._action("&Open project…", self._on_open, QKeySequence.StandardKey.Open, file_menu)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.import_action = self._action("&Import articles…", self._on_import_files, "Ctrl+I", file_menu)
        self._action("Import from the &web…", self._on_import_url, "Ctrl+Shift+I", file_menu)
        self._action("New article from &clipboard", self._on_import_clipboard, "Ctrl+Shift+V", file_menu)
        file_menu.addSeparator()
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save, file_menu)
        self._action("Save &as…", self.save_as, QKeySequence.StandardKey.SaveAs, file_menu)
        file_menu.addSeparator()
        self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self._action("&Undo", self._undo, QKeySequence.StandardKey.Undo, edit_menu)
        self.redo_action = self._action("&Redo", self._redo, None, edit_menu)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self._action("Undo &history", self.undo_view.show, None, edit_menu)
        edit_menu.addSeparator()
        self._action("&Find quotes", self._focus_search, QKeySequence.StandardKey.Find, edit_menu)

        quote_menu = self.menuBar().addMenu(self.tr("&Quote"))
        self._action("&Next quote", lambda: self._step_quote(+1), "J", quote_menu)
        self._action("&Previous quote", lambda: self._step_quote(-1), "K", quote_menu)
        self._action("Next &unchecked quote", self._next_unchecked, "U", quote_menu)
        self._action("&Confirm proposed speaker", self._confirm_selected_speakers, "Ctrl+Return", quote_menu)
        self._action("Previous &article", lambda: self._step_article(-1), "Ctrl+PgUp", quote_menu)
        self._action("Next a&rticle", lambda: self._step_article(+1), "Ctrl+PgDown", quote_menu)
        quote_menu.addSeparator()
        self._action("&Add quote from selection", self._add_quote_from_selection, "Ctrl+Shift+A", quote_menu)
        self._action("A&djust quote to selection", self._adjust_quote_to_selection, "Ctrl+Shift+D", quote_menu)
        self._action("Spli&t quote at cursor", self._split_quote_at_cursor, "Ctrl+Shift+T", quote_menu)
        self._action("&Merge selected quotes", self._merge_selected, "Ctrl+Shift+M", quote_menu)
        self._action("De&lete selected quotes", self._delete_selected, QKeySequence.StandardKey.Delete, quote_menu)
        self._action("Detect quotes a&gain in this article", self._redetect, "Ctrl+R", quote_menu)
        quote_menu.addSeparator()
        status_menu = quote_menu.addMenu(self.tr("Set &status"))
        for status in VerificationStatus:
            self._action(status_label(status), lambda _=False, s=status: self._set_selected_status(s),
                         STATUS_KEYS[status], status_menu)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._action("&Larger text", lambda: self._change_font_size(+1), QKeySequence.StandardKey.ZoomIn, view_menu)
        self._action("&Smaller text", lambda: self._change_font_size(-1), QKeySequence.StandardKey.ZoomOut, view_menu)
        view_menu.addSeparator()
        self._action("Analyst &name…", self._ask_analyst_name, None, view_menu)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action("&Keyboard shortcuts", self._show_shortcuts, QKeySequence.StandardKey.HelpContents, help_menu)
        self._action("&About Quote Workbench", self._show_about, None, help_menu)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for splitter in (self.main_splitter, self.right_splitter):
            state = self.settings.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    # --- projects --------------------------------------------------------------------------

    def set_session(self, session: ProjectSession, read: ProjectRead | None = None) -> None:
        """Show ``session``'s project (``read``: its article list and first article, read with it)."""
        self.opener.drop()  # a project still being opened is not wanted any more
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = Workspace(session, self.analyst, self)
        self.speakers_panel.set_workspace(self.workspace)
        self.workspace.sig_data_changed.connect(self._refresh_quotes)
        self.workspace.sig_articles_changed.connect(lambda: self._refresh_articles())
        self.workspace.sig_article_changed.connect(self._on_article_changed)
        self.workspace.sig_unsaved_changed.connect(lambda _: self._update_title())
        self.undo_view.setStack(self.workspace.undo_stack)
        self._article_id = None
        if read is None:
            self._refresh_articles()
        else:  # read with the project: the list on the next turn, its first article on the one after
            self._show_article(None)
            workspace = self.workspace
            self.turns.later(lambda: self.workspace is workspace and self._show_read(read))
        self._update_title()
        if session.project_path and not self.workspace.review_mode:  # a file under review is not recent work
            self._remember_recent(str(session.project_path))
        self.sig_workspace_changed.emit()
        if session.damage or getattr(session, "upgrade_note", None):
            self.turns.later(lambda: self.workspace is not None and self.workspace.session is session
                             and explain_opened(self, session))

    def _show_read(self, read: ProjectRead) -> None:
        """Show the article list and then the first article read with the project (each a turn of its own:
        Qt lays out the list's items after this, which takes tens of milliseconds for a thousand)."""
        if self.article_list.count():
            return  # an edit brought the list up to date meanwhile
        self.article_list.show_summaries(read.summaries)
        if not read.summaries or self._article_id is not None:
            return
        workspace, first = self.workspace, (read.summaries[0].id, read.first_article, read.first_quotes)

        def show_first() -> None:
            if self.workspace is workspace and self._article_id is None:
                self._read_ahead = first
                self._refresh_articles_shown(select=first[0])

        self.turns.later(show_first)

    def _close_workspace(self) -> None:
        """Let go of the open project (its changes were saved or given up) and show an empty window."""
        if self.workspace is None:
            return
        self.speakers_panel.set_workspace(None)
        self.undo_view.setStack(None)
        self.workspace.close()
        self.workspace = None
        self.article_list.show_summaries([])
        self._show_article(None)
        self._update_title()
        self.sig_workspace_changed.emit()

    @property
    def review_mode(self) -> bool:
        """True while a colleague's project is open for review: its annotations are read-only."""
        return self.workspace is not None and self.workspace.review_mode

    @property
    def opening(self) -> bool:
        """True while a project file is being opened in the background."""
        return self.opener.busy

    def open_for_review(self, path: str) -> bool:
        return open_for_review(self, path)

    def new_project(self) -> None:
        if self.may_replace_project():
            self.set_session(ProjectSession.new(analyst=self.analyst))

    def open_path(self, path: str) -> bool:
        """Open a project file, or import an article file into a new untitled project.

        A big project file is opened in the background: True then means the opening has begun.
        """
        if Path(path).suffix.lower() == SUFFIX:
            if not self.may_replace_project():
                return False
            return self.open_project_file(path, ProjectSession.open)
        if self.opening:
            self.dialogs.info(self, self.tr("A project is still being opened; import articles once it is shown."))
            return False
        if self.workspace is None:
            self.set_session(ProjectSession.new(analyst=self.analyst))
        self.import_sources([path])
        return True

    def open_project_file(self, path: str, open_session: OpenSession) -> bool:
        """Open a project file whose session ``open_session`` makes, once the open project was let go.

        A file of OPEN_IN_BACKGROUND_FROM bytes or more is copied, checked and read on the reader
        thread, and shown when read; meanwhile the window is empty and answers.
        """
        try:
            big = Path(path).stat().st_size >= OPEN_IN_BACKGROUND_FROM
        except OSError:
            big = False  # opening says what is wrong with it
        if not big:
            try:
                session = open_session(path)
            except UserFacingError as err:
                self.dialogs.error(self, err.message)
                return False
            self.set_session(session)
            return True
        self._close_workspace()
        self.opener.start(path, open_session)
        opening = self.tr("Opening {0}…").format(Path(path).name)
        self._show_busy(True, opening, cancellable=False)
        self.article_header.setText(opening)
        return True

    def _on_project_read(self, read: ProjectRead) -> None:
        if not self.runner.busy:
            self._show_busy(False)
        self.statusBar().clearMessage()
        self.set_session(read.session, read)

    def _on_open_failed(self, message: str) -> None:
        if not self.runner.busy:
            self._show_busy(False)
        self.statusBar().clearMessage()
        self._show_article(None)
        self.dialogs.error(self, message)

    def _on_open(self) -> None:
        path = self.dialogs.open_project_path(self)
        if path:
            self.open_path(path)

    def save(self) -> bool:
        if self.workspace is None:
            return True
        if self.workspace.session.project_path is None:
            return self.save_as()
        try:
            self.workspace.save()
        except UserFacingError as err:
            self.dialogs.error(self, err.message)
            return False
        self.statusBar().showMessage(self.tr("Saved {0}").format(self.workspace.session.display_name), 4000)
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
            self.dialogs.error(self, err.message)
            return False
        self._remember_recent(str(self.workspace.session.project_path))
        self._update_title()
        return True

    def may_replace_project(self) -> bool:
        """Whether the open project may be closed for another one: no import or detection is
        writing into it, and its unsaved changes were saved or let go."""
        if self.runner.busy:
            self.dialogs.info(self, self.tr("An import or detection is still running in this project; "
                                            "wait for it or cancel it, then open the other project."))
            return False
        return self._may_discard()

    def _may_discard(self) -> bool:
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
        for splitter in (self.main_splitter, self.right_splitter):
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()
        if self.workspace is not None:
            self.speakers_panel.set_workspace(None)
            self.workspace.close()
            self.workspace = None
        self.undo_view.close()
        event.accept()

    def _update_title(self) -> None:
        name = self.workspace.session.display_name if self.workspace else self.tr("No project")
        review = self.tr(" (review)") if self.review_mode else ""
        self.setWindowTitle(f"{name}[*]{review} — Quote Workbench")
        self.setWindowModified(bool(self.workspace and self.workspace.unsaved))

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in self._recent_files() if p != path]
        self.settings.setValue("recentFiles", [path, *recent][:MAX_RECENT])

    def _recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles") or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent_files():
            self._action(path, lambda _=False, p=path: self.open_path(p), None,
                         self.recent_menu)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    # --- import (off the GUI thread) -------------------------------------------------------------

    def _on_import_files(self) -> None:
        paths = self.dialogs.article_paths(self)
        if paths:
            self.import_sources(paths)

    def _on_import_url(self) -> None:
        url = self.dialogs.article_url(self)
        if url:
            self.import_sources([url])

    def _on_import_clipboard(self) -> None:
        text = QApplication.clipboard().text()
        try:
            extracted = extract_text(text, source="clipboard")
        except UserFacingError as err:
            self.dialogs.error(self, err.message)
            return
        self._start_import(lambda service, progress, cancelled: [service.import_extracted(
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

        self._start_import(run)

    def _start_import(self, run) -> None:
        if self.review_mode:
            self.dialogs.info(self, self.tr("Articles cannot be imported into a project open for review."))
            return
        if self.runner.busy:
            self.dialogs.info(self, self.tr("An import is still running; wait for it or cancel it."))
            return
        if self.opening:
            self.dialogs.info(self, self.tr("A project is still being opened; import articles once it is shown."))
            return
        if self.workspace is None:
            self.set_session(ProjectSession.new(analyst=self.analyst))
        service = self.workspace.service
        task = self.runner.start(lambda progress, cancelled: run(service, progress, cancelled))
        task.signals.sig_progress.connect(self._on_progress)
        task.signals.sig_done.connect(self._on_import_done)
        task.signals.sig_failed.connect(self._on_task_failed)
        task.signals.sig_cancelled.connect(lambda: self._on_task_finished(self.tr("Import cancelled.")))
        self._show_busy(True, self.tr("Importing…"))

    def _on_import_done(self, outcomes: list[ImportOutcome]) -> None:
        self._show_busy(False)
        added = [o for o in outcomes if o.added]
        if added:  # the undo command's first announcement brings the article list up to date
            removals = tuple(RemoveArticle(o.article_id) for o in added)
            self.workspace.record_done(EditGroup(removals, self.tr("Import {0} article(s)").format(len(added))))
        lines = []
        for o in outcomes:
            if o.refused:
                lines.append(o.refused)
            elif o.duplicate_of is not None:
                lines.append(self.tr("“{0}” is already in this project; showing it.").format(Path(o.source).name))
        summary = self.tr("{0} added, {1} already in the project, {2} refused.").format(
            len(added), sum(o.duplicate_of is not None for o in outcomes), sum(bool(o.refused) for o in outcomes))
        self.statusBar().showMessage(summary, 8000)
        shown = added[-1].article_id if added else next((o.duplicate_of for o in outcomes if o.duplicate_of), None)
        ask_date = len(added) == 1 and not lines
        if shown is not None or lines:
            # Moving to the article is work of its own (the list lays out its items again): next turn.
            workspace = self.workspace
            self.turns.later(lambda: self.workspace is workspace and self._show_imported(shown, ask_date, lines))

    def _show_imported(self, article_id: int | None, ask_date: bool, lines: list[str]) -> None:
        if article_id is not None:
            self._select_article(article_id)
        summary = self.article_list.summary(article_id)
        if ask_date and summary is not None and not summary.published and self._article_id == article_id:
            self._ask_publication_date()
        if lines:
            self.dialogs.info(self, "\n\n".join(lines))

    def _on_task_failed(self, message: str) -> None:
        self._show_busy(False)
        self.dialogs.error(self, message)

    def _on_task_finished(self, message: str) -> None:
        self._show_busy(False)
        self.statusBar().showMessage(message, 6000)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(done)

    def _show_busy(self, busy: bool, message: str = "", *, cancellable: bool = True) -> None:
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy and cancellable)
        self.progress_bar.setRange(0, 0)
        if message:
            self.statusBar().showMessage(message)

    # --- showing -------------------------------------------------------------------------------

    def _refresh_articles(self, select: int | None = None) -> None:
        """Bring the article list up to date, keeping (or moving to ``select``) the current article."""
        self.article_list.show_summaries(self.workspace.store.article_summaries() if self.workspace else [])
        self._refresh_articles_shown(select)

    def _refresh_articles_shown(self, select: int | None = None) -> None:
        if not self.article_list.count():
            self._show_article(None)
            return
        target = select if select is not None else self._article_id
        row = self.article_list.row_of(target)
        row = 0 if row is None else row
        if self.article_list.currentRow() != row:
            self.article_list.setCurrentRow(row)  # shows it, through currentItemChanged
        self._show_article(self.article_list.article_id_at(row))

    def _select_article(self, article_id: int) -> None:
        row = self.article_list.row_of(article_id)
        if row is not None:
            self.article_list.setCurrentRow(row)

    def _on_article_changed(self, article_id: int) -> None:
        summary = self.article_list.summary(article_id)
        if summary is not None:
            article = self.workspace.store.article(article_id)
            self.article_list.show_summary(replace(summary, title=article.title, published=article.published))
        if article_id == self._article_id:
            self._show_article(article_id, force=True)

    def _on_article_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self._show_article(item.data(ARTICLE_ID_ROLE) if item else None)

    def _show_article(self, article_id: int | None, *, force: bool = False) -> None:
        """Show an article and its quotes; one with very many quotes is read off the GUI thread."""
        if article_id == self._article_id and article_id is not None and not force:
            return
        keep_quote = self.current_quote_id() if force else None
        self._article_id = article_id
        self._wanted_quote = None
        self._showing += 1  # work still queued for an article shown before is dropped
        read_ahead, self._read_ahead = self._read_ahead, None
        if self.workspace is None or article_id is None:
            self._fill_article(None, [], None)
            return
        if read_ahead is not None and read_ahead[0] == article_id:  # read with the project, off the GUI thread
            _, article, quotes = read_ahead
            if len(quotes) < READ_IN_BACKGROUND_FROM:
                self._fill_article(article, quotes, keep_quote)
            else:
                self._fill_article_in_turns(article, quotes, keep_quote, self._still_showing())
            return
        store = self.workspace.store
        count = store.quote_count(article_id)
        if count < READ_IN_BACKGROUND_FROM:
            self._fill_article(store.article(article_id), store.quotes(article_id), keep_quote)
            return
        self._fill_article(None, [], None)
        self.article_header.setText(self.tr("Reading the article and its {0} quotes…").format(count))
        still_showing = self._still_showing()
        task = self.reader.start(lambda progress, cancelled: (store.article(article_id), store.quotes(article_id)))
        task.signals.sig_done.connect(lambda result: still_showing() and self._fill_article_in_turns(
            *result, keep_quote, still_showing))
        task.signals.sig_failed.connect(lambda message: self.dialogs.error(self, message))

    def _still_showing(self):
        """A test that the article shown now, in the project open now, is still shown (for late work)."""
        workspace, showing = self.workspace, self._showing
        return lambda: self.workspace is workspace and self._showing == showing

    def _fill_article(self, article: Article | None, quotes: list[Quote], keep_quote: int | None) -> None:
        self._show_article_text(article)
        self._show_article_quotes(quotes, keep_quote)

    def _fill_article_in_turns(self, article: Article, quotes: list[Quote], keep_quote: int | None,
                               still_showing) -> None:
        """Show a long article's text now and its quotes on the next turn of the event loop.

        Laying out a million characters and resetting the quote table each take tens of
        milliseconds; apart, the window answers in between.
        """
        self._show_article_text(article)
        self.turns.later(lambda: still_showing() and self._show_article_quotes(quotes, keep_quote))

    def _show_article_text(self, article: Article | None) -> None:
        self.published_button.setVisible(article is not None and not self.review_mode)
        if article is not None:
            self.published_button.setText(self.tr("Change publication date…") if article.published
                                          else self.tr("Set publication date…"))
        self.article_view.show_article(article)
        if article is not None:
            source = article.publisher or (article.url or Path(article.source).name)
            meta = [source, article.published or self.tr("publication date unknown")]
            if article.authors:
                meta.insert(0, ", ".join(article.authors))
            self.article_header.setText(" · ".join(m for m in meta if m))
        else:
            self.article_header.setText(self.tr("Import an article with File → Import articles (Ctrl+I)."))
        self.removed_list.clear()
        removed = article.removed_lines if article is not None else ()
        for line in removed:
            item = QListWidgetItem(f"{line.text}    — {line.reason}")
            item.setData(Qt.ItemDataRole.UserRole, line.index)
            self.removed_list.addItem(item)
        self.removed_toggle.setText(self.tr("Removed from the page at import ({0})").format(len(removed)))
        self.removed_toggle.setEnabled(bool(removed))

    def _show_article_quotes(self, quotes: list[Quote], keep_quote: int | None) -> None:
        """Fill the quote table (a long list goes in slices), the speaker filter and the highlights."""
        self.quote_model.set_quotes(quotes)
        self._fill_speaker_filter()
        self.article_view.show_quotes(self.quote_model.quotes())
        self._update_counts()
        self.detail.show_quote(None, [])
        if keep_quote is None:
            keep_quote, self._wanted_quote = self._wanted_quote, None
        if keep_quote is not None and self.quote_model.row_of(keep_quote) is not None:
            self.select_quote(keep_quote)
        elif self.quote_proxy.rowCount():
            self.quote_table.selectRow(0)

    def _refresh_quotes(self) -> None:
        if self.workspace is None or self._article_id is None:
            return
        touched = self.workspace.last_touched_quotes
        if touched is not None:
            self.quote_model.replace_quotes(self.workspace.store.quotes_by_id(touched))
        else:
            self.quote_model.update_quotes(self.workspace.store.quotes(self._article_id))
        self._fill_speaker_filter()
        current = self.current_quote_id()
        self.article_view.show_quotes(self.quote_model.quotes(), current)
        self._show_detail(current)
        self._update_counts()

    def _update_counts(self) -> None:
        quotes = self.quote_model.quotes()
        counts = Counter(q.status for q in quotes)
        parts = [f"{status_label(s)}: {counts[s]}" for s in VerificationStatus if counts[s]]
        prefix = ""
        if not self.quote_model.filling:  # counted again once the table is filled (sig_filled)
            shown, total = self.quote_proxy.rowCount(), len(quotes)
            prefix = self.tr("{0} of {1} shown — ").format(shown, total) if shown != total else ""
        self.counts_label.setText(prefix + (" · ".join(parts) or self.tr("No quotes")))

    def current_quote_id(self) -> int | None:
        index = self.quote_table.currentIndex()
        return index.data(QUOTE_ID_ROLE) if index.isValid() else None

    def _on_current_quote_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        quote_id = current.data(QUOTE_ID_ROLE) if current.isValid() else None
        self._show_detail(quote_id)
        self.article_view.select_quote(quote_id)

    def _show_detail(self, quote_id: int | None) -> None:
        if quote_id is None or self.workspace is None:
            self.detail.show_quote(None, [])
            return
        row = self.quote_model.row_of(quote_id)
        quote = self.quote_model.quote_at(row) if row is not None else None
        self.detail.show_quote(quote, self.workspace.store.evidence(quote_id) if quote else [])

    def select_quote(self, quote_id: int) -> None:
        """Select a quote of the article shown; one whose quotes are still being read is selected when they come."""
        row = self.quote_model.row_of(quote_id)
        if row is None:
            self._wanted_quote = quote_id
            return
        self.quote_model.show_through(row)  # a long table may still be filling
        index = self.quote_proxy.mapFromSource(self.quote_model.index(row, 0))
        if index.isValid():
            self.quote_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.quote_table.scrollTo(index)

    def _apply_filters(self) -> None:
        self.quote_proxy.set_filters(status=self.status_filter.currentData(), speaker=self.speaker_filter.currentData(),
                                     kind=self.kind_filter.currentData(),
                                     min_confidence=self.confidence_filter.value(), text=self.search_edit.text())
        self._update_counts()

    def filter_by_speaker(self, name: str | None) -> None:
        index = self.speaker_filter.findData(name) if name else 0
        self.speaker_filter.setCurrentIndex(max(index, 0))

    def _fill_speaker_filter(self) -> None:
        chosen = self.speaker_filter.currentData()
        names = sorted({q.speaker_name for q in self.quote_model.quotes() if q.speaker_name}, key=str.casefold)
        if chosen and chosen not in names:
            names.append(chosen)
        self.speaker_filter.blockSignals(True)
        self.speaker_filter.clear()
        self.speaker_filter.addItem(self.tr("All speakers"), None)
        for name in names:
            self.speaker_filter.addItem(name, name)
        self.speaker_filter.setCurrentIndex(max(self.speaker_filter.findData(chosen), 0) if chosen else 0)
        self.speaker_filter.blockSignals(False)

    def _on_removed_line_activated(self, item: QListWidgetItem) -> None:
        article_id, index = self._article_id, item.data(Qt.ItemDataRole.UserRole)
        self._edit(lambda s: s.restore_line_edit(article_id, index))

    def _ask_publication_date(self) -> None:
        if self.workspace is None or self._article_id is None:
            return
        article = self.article_list.summary(self._article_id) or self.workspace.store.article(self._article_id)
        value = self.dialogs.publication_date(self, article.title, article.published)
        if value is not None:
            article_id = self._article_id
            self._edit(lambda s: s.published_edit(article_id, value))

    def _on_removed_toggled(self, shown: bool) -> None:
        self.removed_list.setVisible(shown)
        self.removed_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # --- editing ------------------------------------------------------------------------------

    def _edit(self, make_edit) -> None:
        """Build an edit with the service and push it on the undo stack; explain refusals."""
        if self.workspace is None:
            return
        if self.review_mode:
            self.statusBar().showMessage(self.tr("Review mode: the analyst's annotations cannot be changed."), 4000)
            return
        try:
            self.workspace.do(make_edit(self.workspace.service))
        except UserFacingError as err:
            self.dialogs.error(self, err.message)
            self._refresh_quotes()

    def _selected_quote_ids(self) -> list[int]:
        rows = self.quote_table.selectionModel().selectedRows()
        return [index.data(QUOTE_ID_ROLE) for index in rows]

    def _set_selected_status(self, status: VerificationStatus) -> None:
        ids = self._selected_quote_ids()
        if len(ids) == 1:
            self._edit(lambda s: s.status_edit(ids[0], status))
        elif ids:
            self._bulk(self.tr("Set status of {0} quotes to {1}").format(len(ids), status_label(status)),
                       lambda s: [s.status_edit(qid, status) for qid in ids])

    def _confirm_selected_speakers(self) -> None:
        ids = self._selected_quote_ids()
        if ids:
            self._bulk(self.tr("Confirm speaker of {0} quotes").format(len(ids)),
                       lambda s: [s.confirm_speaker_edit(qid) for qid in ids])

    def _bulk(self, description: str, make_edits) -> None:
        self._edit(lambda s: EditGroup(tuple(make_edits(s)), description))

    def _on_add_evidence(self, quote_id: int) -> None:
        given = self.dialogs.evidence(self)
        if given is None:
            return
        is_url = "://" in given.location
        self._edit(lambda s: s.evidence_edit(quote_id, url=given.location if is_url else None,
                                             file_path=None if is_url else given.location,
                                             title=given.title, excerpt=given.excerpt))

    def _article_selection(self) -> tuple[int, int] | None:
        selection = self.article_view.selected_range()
        if self._article_id is None or selection is None:
            self.statusBar().showMessage(self.tr("Select words in the article first."), 4000)
            return None
        return selection

    def _add_quote_from_selection(self) -> None:
        selection = self._article_selection()
        if selection:
            article_id = self._article_id
            self._edit(lambda s: s.add_quote_edit(article_id, *selection))

    def _adjust_quote_to_selection(self) -> None:
        selection = self._article_selection()
        quote_id = self.current_quote_id()
        if selection and quote_id is not None:
            self._edit(lambda s: s.adjust_span_edit(quote_id, *selection))

    def _split_quote_at_cursor(self) -> None:
        quote_id = self.current_quote_id()
        if quote_id is not None:
            at = self.article_view.cursor_offset()
            self._edit(lambda s: s.split_edit(quote_id, at))

    def _merge_selected(self) -> None:
        ids = self._selected_quote_ids()
        self._edit(lambda s: s.merge_edit(ids))

    def _delete_selected(self) -> None:
        ids = self._selected_quote_ids()
        if ids:
            self._edit(lambda s: s.delete_edit(ids))

    def _redetect(self) -> None:
        if self.workspace is None or self._article_id is None or self.review_mode:
            return
        if self.runner.busy:
            self.dialogs.info(self, self.tr("Other work is still running; wait for it or cancel it."))
            return
        service, article_id = self.workspace.service, self._article_id
        task = self.runner.start(lambda progress, cancelled: service.redetect_edit(
            article_id, progress=progress, cancelled=cancelled))
        task.signals.sig_progress.connect(self._on_progress)
        task.signals.sig_done.connect(self._on_redetect_done)
        task.signals.sig_failed.connect(self._on_task_failed)
        task.signals.sig_cancelled.connect(lambda: self._on_task_finished(self.tr("Detection cancelled.")))
        self._show_busy(True, self.tr("Detecting quotes…"))

    def _on_redetect_done(self, edit) -> None:
        self._show_busy(False)
        self.workspace.do(edit)
        self.statusBar().showMessage(edit.description, 6000)

    def _change_font_size(self, step: int) -> None:
        size = max(8, min(28, int(self.settings.value("view/fontSize", self.font().pointSize())) + step))
        self.settings.setValue("view/fontSize", size)
        self._apply_font_size()

    def _apply_font_size(self) -> None:
        size = self.settings.value("view/fontSize")
        if size:
            for widget in (self.article_view, self.quote_table, self.detail):
                font = widget.font()
                font.setPointSize(int(size))
                widget.setFont(font)
            self.article_view.show_quotes(self.quote_model.quotes(), self.current_quote_id())

    def _ask_analyst_name(self) -> None:
        name = self.dialogs.analyst_name(self, self.analyst)
        if name:
            self.set_analyst(name)

    def ask_analyst_name_on_first_run(self) -> None:
        """Ask once, without blocking: the window stays usable, with the login name until answered."""
        dialog = QInputDialog(self, objectName="analystNameDialog")
        dialog.setWindowTitle(self.tr("Welcome to Quote Workbench"))
        dialog.setLabelText(self.tr("Your name, as it will stand on every confirmation and in reports:"))
        dialog.setTextValue(self.analyst)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.textValueSelected.connect(lambda name: name.strip() and self.set_analyst(name.strip()))
        dialog.open()

    def set_analyst(self, name: str) -> None:
        """Stamp confirmations with this name from now on (remembered in the settings)."""
        self.analyst = name
        self.settings.setValue("analyst", name)
        if self.workspace is not None:
            self.workspace.service.analyst = name
            self.workspace.review_service.analyst = name
        self.statusBar().showMessage(self.tr("Working as {0}").format(name), 4000)

    # --- files dropped on the window -------------------------------------------------------------

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

    def _undo(self) -> None:
        if self.workspace:
            self.workspace.undo_stack.undo()

    def _redo(self) -> None:
        if self.workspace:
            self.workspace.undo_stack.redo()

    # --- keyboard navigation ------------------------------------------------------------------------

    def _step_quote(self, step: int) -> None:
        rows = self.quote_proxy.rowCount()
        if not rows:
            return
        current = self.quote_table.currentIndex().row()
        row = 0 if current < 0 else max(0, min(rows - 1, current + step))
        self.quote_table.selectRow(row)

    def _next_unchecked(self) -> None:
        self.quote_model.show_all()
        rows = self.quote_proxy.rowCount()
        start = self.quote_table.currentIndex().row()
        for offset in range(1, rows + 1):
            row = (start + offset) % rows
            if self.quote_proxy.index(row, Column.STATUS).data(STATUS_ROLE) == VerificationStatus.UNCHECKED:
                self.quote_table.selectRow(row)
                return
        self.statusBar().showMessage(self.tr("No unchecked quote left in this article."), 4000)

    def _step_article(self, step: int) -> None:
        count = self.article_list.count()
        if count:
            self.article_list.setCurrentRow(max(0, min(count - 1, self.article_list.currentRow() + step)))

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- help --------------------------------------------------------------------------------------

    def _show_shortcuts(self) -> None:
        lines = []
        for action in self.findChildren(QAction):
            if action.shortcut().isEmpty() or not action.text():
                continue
            lines.append(f"<tr><td><b>{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}"
                         f"</b></td><td>{action.text().replace('&', '')}</td></tr>")
        box = QMessageBox(self)
        box.setObjectName("shortcutsDialog")
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setText("<table cellspacing=6>" + "".join(sorted(lines)) + "</table>")
        box.exec()

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Quote Workbench"),
                          self.tr("Quote Workbench {0}\nFind, attribute and verify the quotes in news articles.")
                          .format(__version__))


def _status_legend() -> QWidget:
    """Colour and underline style of each status, so neither has to be remembered."""
    legend = QLabel(objectName="statusLegend")
    lines = {"DotLine": "dotted", "DashUnderline": "dashed", "SingleUnderline": "solid", "WaveUnderline": "wavy",
             "DashDotLine": "dash-dot", "DashDotDotLine": "dash-dot-dot"}
    parts = []
    for status in VerificationStatus:
        style = "struck through" if status is VerificationStatus.MISATTRIBUTED \
            else lines.get(STATUS_UNDERLINES[status].name, "")
        parts.append(f'<span style="background:{STATUS_COLOURS[status].name()}">&nbsp;&nbsp;&nbsp;</span>'
                     f"&nbsp;{status_label(status)} <small>({style})</small>")
    legend.setText("&nbsp;&nbsp; ".join(parts))
    legend.setWordWrap(True)
    return legend
