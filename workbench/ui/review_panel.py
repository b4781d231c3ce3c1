"""A colleague's review in the window: review mode, the Review panel, menu and keys.

Review mode (File → Review a project file…) opens a project without its writer lock and
shows the analyst's annotations read-only; the reviewer approves (A) or queries (Q) each
quote and signs off. The analyst, opening the file normally, sees the queries in the same
panel and answers and resolves them. Every review change is an undoable command applied by
the workspace's ``ReviewService``, never by the analyst's ``ProjectService``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,

    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.errors import UserFacingError
from workbench.domain.model import QuoteReview, SignOffDecision
from workbench.services.review import (
    QUERY_STATES,
    QuoteReviewSummary,
    ReviewSession,
    ReviewState,
    SignOffSummary,
)
from workbench.ui.dialogs import PROJECT_FILTER
from workbench.ui.host import PanelHost
from workbench.ui.labels import plural
from workbench.ui.quote_table import QUOTE_ID_ROLE

REVIEW_STATE_LABELS = {
    ReviewState.NOT_REVIEWED: "Not yet reviewed",
    ReviewState.APPROVED: "Approved",
    ReviewState.QUERIED: "Queried — waiting for the analyst",
    ReviewState.ANSWERED: "Answered — waiting to be resolved",
    ReviewState.RESOLVED: "Resolved",
}

# Filters of the quote table by review state: (key, label); None shows every quote.
REVIEW_FILTERS = ((None, "All quotes"), ("not_reviewed", "Not yet reviewed"), ("queried", "Queried"))

BANNER_STYLE = ("QLabel#reviewBanner { background: #FFF3C4; color: #4A3B00; border-bottom: 1px solid #E0C860;"
                " padding: 6px 10px; font-weight: bold; }")

def _tr(text: str) -> str:
    return QCoreApplication.translate("review", text)

def review_state_label(state: ReviewState) -> str:
    return _tr(REVIEW_STATE_LABELS[state])

def _matches_filter(key: str | None, state: ReviewState) -> bool:
    if key == "not_reviewed":
        return state is ReviewState.NOT_REVIEWED
    if key == "queried":
        return state in QUERY_STATES
    return True

def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

def _when(iso: str | None) -> str:
    return (iso or "").replace("T", " ")[:16]

# --- questions the review asks (injectable: tests pass a fake) ----------------------------------------

class ReviewDialogs:
    """Modal questions of the review. Each returns None when cancelled."""

    def review_project_path(self, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Review a project file"), "", PROJECT_FILTER)
        return path or None

    def query_comment(self, parent: QWidget, quote_text: str) -> str | None:
        dialog = _TextDialog(parent, parent.tr("Query this quote"),
                             parent.tr("What should the analyst check about “{0}”?").format(_short(quote_text)))
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text() else None

    def answer(self, parent: QWidget, review: QuoteReview) -> tuple[str, bool] | None:
        dialog = _TextDialog(parent, parent.tr("Answer the query"),
                             parent.tr("{0} asked: “{1}”").format(review.reviewer, review.comment),
                             initial=review.answer, resolve=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text(), dialog.resolve_box.isChecked()

    def signoff(self, parent: QWidget, summary: str,
                preselect: SignOffDecision = SignOffDecision.APPROVED) -> tuple[SignOffDecision, str] | None:
        dialog = SignOffDialog(parent, summary, preselect)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.decision(), dialog.comment.toPlainText().strip()

class _TextDialog(QDialog):
    def __init__(self, parent: QWidget, title: str, prompt: str, *, initial: str = "",
                 resolve: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.edit = QPlainTextEdit(initial)
        self.resolve_box = QCheckBox(self.tr("Mark the query resolved"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        if resolve:
            layout.addWidget(self.resolve_box)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.edit.toPlainText().strip()

class SignOffDialog(QDialog):
    """The overall decision: approved, or changes requested, with a comment."""

    def __init__(self, parent: QWidget, summary: str,
                 preselect: SignOffDecision = SignOffDecision.APPROVED) -> None:
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.setWindowTitle(self.tr("Sign off"))
        self.approved = QRadioButton(self.tr("Approved — ready to publish"), objectName="signOffApproved")
        self.changes = QRadioButton(self.tr("Changes requested"), objectName="signOffChanges")
        (self.approved if preselect is SignOffDecision.APPROVED else self.changes).setChecked(True)
        self.comment = QPlainTextEdit(objectName="signOffComment", placeholderText=self.tr("Comment (optional)"))
        note = QLabel(summary)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(note)
        layout.addRow(self.tr("Decision"), self.approved)
        layout.addRow("", self.changes)
        layout.addRow(self.tr("Comment"), self.comment)
        layout.addRow(buttons)

    def decision(self) -> SignOffDecision:
        return SignOffDecision.APPROVED if self.approved.isChecked() else SignOffDecision.CHANGES_REQUESTED

# --- the panel --------------------------------------------------------------------------------------------

class ReviewPanel(QWidget):
    """Shows the review: the selected quote's state, the queries with their answers, the sign-off.

    It changes nothing itself; its buttons emit requests that ``ReviewController`` carries out.
    """

    sig_approve = Signal()
    sig_query = Signal()
    sig_signoff = Signal()
    sig_answer = Signal(int)   # review id
    sig_resolve = Signal(int)  # review id
    sig_query_chosen = Signal(int)  # quote id
    sig_filter_chosen = Signal(object)  # filter key or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self._queries: dict[int, QuoteReview] = {}

        self.state_label = QLabel(objectName="reviewState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.approve_button = QPushButton(self.tr("Approve (A)"), objectName="approveButton")
        self.query_button = QPushButton(self.tr("Query… (Q)"), objectName="queryButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.query_button)
        buttons.addStretch(1)

        self.filter_combo = QComboBox(objectName="reviewFilter")
        self.filter_combo.setAccessibleName("Show quotes by review state")
        for key, label in REVIEW_FILTERS:
            self.filter_combo.addItem(_tr(label), key)
        self.counts_label = QLabel(objectName="reviewCounts")
        self.counts_label.setWordWrap(True)

        self.queries_list = QListWidget(objectName="reviewQueries")
        self.queries_list.setAccessibleName("Queries")
        self.queries_list.setWordWrap(True)
        self.answer_button = QPushButton(self.tr("Answer…"), objectName="answerQueryButton")
        self.resolve_button = QPushButton(self.tr("Mark resolved"), objectName="resolveQueryButton")
        query_buttons = QHBoxLayout()
        query_buttons.addWidget(self.answer_button)
        query_buttons.addWidget(self.resolve_button)
        query_buttons.addStretch(1)

        self.signoff_label = QLabel(objectName="reviewSignOff")
        self.signoff_label.setWordWrap(True)
        self.signoff_label.setTextFormat(Qt.TextFormat.RichText)
        self.signoff_button = QPushButton(self.tr("Sign off…"), objectName="signOffButton")

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>This quote</b>")))
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show")))
        filter_row.addWidget(self.filter_combo, 1)
        layout.addLayout(filter_row)
        layout.addWidget(self.counts_label)
        layout.addWidget(QLabel(self.tr("<b>Queries</b>")))
        layout.addWidget(self.queries_list, 1)
        layout.addLayout(query_buttons)
        layout.addWidget(QLabel(self.tr("<b>Sign-off</b>")))
        layout.addWidget(self.signoff_label)
        layout.addWidget(self.signoff_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.approve_button.clicked.connect(self.sig_approve)
        self.query_button.clicked.connect(self.sig_query)
        self.signoff_button.clicked.connect(self.sig_signoff)
        self.answer_button.clicked.connect(lambda: self._emit_for_selected(self.sig_answer))
        self.resolve_button.clicked.connect(lambda: self._emit_for_selected(self.sig_resolve))
        self.queries_list.currentItemChanged.connect(lambda *_: self._update_query_buttons())
        self.queries_list.itemActivated.connect(self._on_query_activated)
        self.queries_list.itemClicked.connect(self._on_query_activated)
        self.filter_combo.currentIndexChanged.connect(
            lambda index: self.sig_filter_chosen.emit(self.filter_combo.itemData(index)))
        self._review_mode = False

    # --- showing -------------------------------------------------------------------------------

    def set_review_mode(self, review_mode: bool) -> None:
        """The reviewer approves, queries and signs off; the analyst answers and resolves."""
        self._review_mode = review_mode
        for button in (self.approve_button, self.query_button, self.signoff_button):
            button.setVisible(review_mode)
        for button in (self.answer_button, self.resolve_button):
            button.setVisible(not review_mode)
        self._update_query_buttons()

    def set_filter(self, key: str | None) -> None:
        index = self.filter_combo.findData(key)
        if index >= 0 and index != self.filter_combo.currentIndex():
            self.filter_combo.setCurrentIndex(index)

    def show_quote_state(self, summary: QuoteReviewSummary | None) -> None:
        self.approve_button.setEnabled(summary is not None)
        self.query_button.setEnabled(summary is not None)
        if summary is None:
            self.state_label.setText(self.tr("Select a quote to review it."))
            return
        latest = summary.latest
        text = f"<b>{_escape(review_state_label(summary.state))}</b>"
        if latest is not None:
            text += self.tr(" by {0}, {1}").format(_escape(latest.reviewer), _when(latest.at))
            if latest.comment:
                text += f"<br>“{_escape(latest.comment)}”"
            if latest.answer:
                text += "<br>" + self.tr("Answer by {0}: “{1}”").format(_escape(latest.answered_by or "?"),
                                                                       _escape(latest.answer))
        if len(summary.history) > 1:
            text += "<br><i>" + self.tr("{0} earlier review records").format(len(summary.history) - 1) + "</i>"
        self.state_label.setText(text)

    def show_counts(self, reviewed: dict[int, QuoteReviewSummary], quote_count: int) -> None:
        counts = {state: 0 for state in ReviewState}
        for summary in reviewed.values():
            counts[summary.state] += 1
        counts[ReviewState.NOT_REVIEWED] += quote_count - len(reviewed)
        parts = [f"{review_state_label(state).split(' —')[0]}: {n}" for state, n in counts.items() if n]
        self.counts_label.setText(" · ".join(parts) or self.tr("No quotes"))

    def show_queries(self, queries: list[QuoteReview], quote_texts: dict[int, str]) -> None:
        current = self.current_review_id()
        self._queries = {q.id: q for q in queries}
        self.queries_list.clear()
        for review in queries:
            state = "resolved" if review.resolved else "answered" if review.answer else "open"
            label = {"resolved": self.tr("resolved"), "answered": self.tr("answered"), "open": self.tr("open")}[state]
            lines = [self.tr("Quote {0} · {1} · {2}: {3}").format(review.quote_id, label, review.reviewer,
                                                                  review.comment)]
            if review.answer:
                lines.append("   → " + self.tr("{0}: {1}").format(review.answered_by or "?", review.answer))
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, review.id)
            item.setData(QUOTE_ID_ROLE, review.quote_id)
            item.setToolTip(_short(quote_texts.get(review.quote_id, ""), 300))
            if review.resolved:
                item.setForeground(self.palette().placeholderText())
            self.queries_list.addItem(item)
            if review.id == current:
                self.queries_list.setCurrentItem(item)
        if not queries:
            self.queries_list.addItem(QListWidgetItem(self.tr("No queries.")))
        self._update_query_buttons()

    def show_signoff(self, summary: SignOffSummary | None) -> None:
        if summary is None:
            self.signoff_label.setText(self.tr("Not signed off yet."))
            return
        signoff = summary.signoff
        decision = self.tr("Approved") if signoff.decision is SignOffDecision.APPROVED else self.tr("Changes requested")
        text = self.tr("<b>{0}</b> by {1}, {2}").format(decision, _escape(signoff.reviewer), _when(signoff.at))
        if signoff.comment:
            text += f"<br>“{_escape(signoff.comment)}”"
        if summary.current:
            text += "<br>" + self.tr("Covers the annotations as they are now.")
        else:
            text += ("<br><span style='color:#B00020'><b>" + self.tr("Out of date:") + "</b> "
                     + self.tr("the annotations changed after this sign-off.") + "</span>")
        self.signoff_label.setText(text)

    def current_review_id(self) -> int | None:
        item = self.queries_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_review(self, review_id: int) -> None:
        for row in range(self.queries_list.count()):
            if self.queries_list.item(row).data(Qt.ItemDataRole.UserRole) == review_id:
                self.queries_list.setCurrentRow(row)

    def _update_query_buttons(self) -> None:
        review = self._queries.get(self.current_review_id())
        self.answer_button.setEnabled(review is not None and not self._review_mode)
        self.resolve_button.setEnabled(review is not None and not review.resolved and not self._review_mode)

    def _emit_for_selected(self, signal) -> None:
        review_id = self.current_review_id()
        if review_id in self._queries:
            signal.emit(review_id)

    def _on_query_activated(self, item: QListWidgetItem) -> None:
        quote_id = item.data(QUOTE_ID_ROLE)
        if quote_id is not None:
            self.sig_query_chosen.emit(quote_id)

# --- wiring into the window -----------------------------------------------------------------------------

class ReviewController(QObject):
    """Adds review mode to a MainWindow: menu actions, keys, the banner, the panel and the filter."""

    def __init__(self, window: PanelHost, dialogs: ReviewDialogs | None = None) -> None:
        super().__init__(window.parent_widget())
        self.window = window
        self.dialogs = dialogs or ReviewDialogs()
        self._filter: str | None = None
        self._workspace = None
        self._summaries: dict[int, QuoteReviewSummary] = {}
        self._counts_stale = True

        self._signoff_timer = QTimer(self, singleShot=True, interval=250)
        self._signoff_timer.timeout.connect(self._refresh_signoff)
        self._build_banner()
        self._build_panel()
        self._build_actions()
        window.sig_workspace_changed.connect(self._on_workspace_changed)
        window.sig_current_quote_changed.connect(lambda _: self._show_current())
        self._on_workspace_changed()

    # --- construction ---------------------------------------------------------------------------

    def _build_banner(self) -> None:
        """A fixed bar across the whole window, under the menu, shown only in review mode."""
        window = self.window
        self.banner = QLabel(objectName="reviewBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName("Review mode")
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.banner_bar = QToolBar(window.tr("Review mode"), window.parent_widget(), objectName="reviewBannerBar")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.setStyleSheet("QToolBar#reviewBannerBar { border: 0; padding: 0; spacing: 0; }")
        self.banner_bar.toggleViewAction().setVisible(False)  # not something to hide by accident
        self.banner_bar.addWidget(self.banner)
        window.add_bar(self.banner_bar)
        self.banner_bar.hide()

    def _build_panel(self) -> None:
        self.panel = ReviewPanel()
        self.dock = QDockWidget(self.window.tr("Review"), self.window.parent_widget(), objectName="reviewDock")
        self.dock.setWidget(self.panel)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._show_counts())
        self.dock.setMinimumWidth(260)
        self.window.add_dock(self.dock)
        self.dock.hide()
        self.panel.sig_approve.connect(self.approve_selected)
        self.panel.sig_query.connect(self.query_current)
        self.panel.sig_signoff.connect(self.sign_off)
        self.panel.sig_answer.connect(self.answer)
        self.panel.sig_resolve.connect(self.resolve)
        self.panel.sig_query_chosen.connect(self.go_to_quote)
        self.panel.sig_filter_chosen.connect(self.set_filter)

    def _build_actions(self) -> None:
        window = self.window
        reg = window.actions
        self.open_action = reg.add("file.review", "Re&view a project file…", self._on_review_file, None,
                                   task="Files", menu="menu.file", before="file.import")
        reg.add_menu("menu.review", "&Review", window.parent_widget().menuBar(), before="menu.help")
        add = reg.add
        self.approve_action = add("review.approve", "&Approve quote", self.approve_selected, "A", task="Review",
                                  menu="menu.review", review_only=True)
        self.query_action = add("review.query", "&Query quote…", self.query_current, "Q", task="Review",
                                menu="menu.review", review_only=True)
        self.signoff_action = add("review.sign_off", "&Sign off…", self.sign_off, None, task="Review",
                                  menu="menu.review", review_only=True)
        reg.separator("menu.review")
        self.filter_group = QActionGroup(self)
        self.filter_actions: dict[str | None, QAction] = {}
        for key, label in REVIEW_FILTERS:
            action = add(f"review.filter.{key or 'all'}", label, lambda _=False, k=key: self.set_filter(k), None,
                         task="Review", menu="menu.review")
            action.setCheckable(True)
            self.filter_group.addAction(action)
            self.filter_actions[key] = action
        self.filter_actions[None].setChecked(True)
        reg.separator("menu.review")
        self.answer_action = add("review.answer", "A&nswer query…", lambda: self._emit_selected(self.answer), None,
                                 task="Review", menu="menu.review", analyst_only=True)
        self.resolve_action = add("review.resolve", "Mark query &resolved", lambda: self._emit_selected(self.resolve),
                                  None, task="Review", menu="menu.review", analyst_only=True)
        reg.separator("menu.review")
        toggle = self.dock.toggleViewAction()
        toggle.setText(window.tr("Show review &panel"))
        reg.adopt("view.review_panel", toggle, task="View", menu="menu.review")

    # --- following the window ---------------------------------------------------------------------

    @property
    def service(self):
        return self.window.workspace.review_service if self.window.workspace else None

    def _on_workspace_changed(self) -> None:
        window = self.window
        workspace = window.workspace
        if workspace is not None and workspace is not self._workspace:
            workspace.sig_changed.connect(self._on_changed)
        self._workspace = workspace
        review_mode = window.review_mode
        if review_mode:
            analysts = ", ".join(workspace.store.project_info().analysts) or window.tr("the analyst")
            self.banner.setText(window.tr("Review mode — you are reviewing the work of {0}. "
                                          "Their annotations cannot be changed here.").format(analysts))
        self.banner_bar.setVisible(review_mode)
        window.set_read_only("review", review_mode)
        window.actions.set_review_mode(review_mode)
        for action in (self.answer_action, self.resolve_action):
            action.setEnabled(workspace is not None and not review_mode)
        self.panel.set_review_mode(review_mode)
        has_reviews = bool(workspace and (workspace.store.quote_reviews() or workspace.store.signoffs()))
        self.dock.setVisible(review_mode or has_reviews)
        self.set_filter(None)
        self.refresh()

    def _on_changed(self, changes) -> None:
        # Every edit may change what a sign-off covers (its fingerprint), so the panel follows them all.
        self.refresh()

    def refresh(self) -> None:
        service = self.service
        if service is None:
            self._summaries = {}
            self.panel.show_quote_state(None)
            self.panel.show_queries([], {})
            self.panel.show_signoff(None)
            return
        self._summaries = service.reviewed_summaries()
        queries = service.queries()
        texts = {}
        for review in queries:
            try:
                texts[review.quote_id] = service.store.quote(review.quote_id).text
            except KeyError:
                pass
        self.panel.show_queries(queries, texts)
        self._counts_stale = True
        self._show_counts()
        self._signoff_timer.start()  # the fingerprint reads every annotation: once, after edits settle
        self._show_current()
        self._apply_filter()

    def _show_counts(self) -> None:
        """Count quotes per review state while the panel is shown (counting every quote of a big
        project takes tens of milliseconds, too long to spend after each edit on a hidden panel)."""
        service = self.service
        if service is None or not self._counts_stale or self.dock.isHidden():
            return
        self._counts_stale = False
        self.panel.show_counts(self._summaries, service.store.quote_count())

    def _refresh_signoff(self) -> None:
        service = self.service
        self.panel.show_signoff(service.signoff_summary() if service is not None else None)

    def _show_current(self) -> None:
        quote_id = self.window.current_quote_id()
        if quote_id is None:
            self.panel.show_quote_state(None)
            return
        self.panel.show_quote_state(self._summaries.get(quote_id)
                                    or QuoteReviewSummary(quote_id, ReviewState.NOT_REVIEWED, None, ()))

    # --- the filter (rows of the quote table hidden by review state) --------------------------------------

    def set_filter(self, key: str | None) -> None:
        self._filter = key
        self.filter_actions[key].setChecked(True)
        self.panel.set_filter(key)
        self._apply_filter()
        if key is not None and self.window.current_quote_id() is None:
            self.window.select_first_shown_quote()

    def _apply_filter(self) -> None:
        """Let the quote table's filter proxy ask each quote's review state (no per-row widget work)."""
        key, summaries = self._filter, self._summaries

        def accepts(quote_id: int) -> bool:
            summary = summaries.get(quote_id)
            return _matches_filter(key, summary.state if summary else ReviewState.NOT_REVIEWED)

        self.window.set_quote_filter("review", None if key is None else accepts)

    # --- the reviewer's actions ------------------------------------------------------------------------------

    def _do(self, make_edit) -> None:
        """Build a review edit and push it on the undo stack, applied by the review service."""
        workspace = self.window.workspace
        if workspace is None:
            return
        try:
            edit = make_edit(workspace.review_service)
        except UserFacingError as err:
            self.window.dialogs.error(self.window.parent_widget(), err.message)
            return
        if edit is not None:
            workspace.do(edit, applier=workspace.review_service.apply)

    def approve_selected(self) -> None:
        if not self.window.review_mode:
            return
        ids = self.window.selected_quote_ids() or [self.window.current_quote_id()]
        ids = [i for i in ids if i is not None]
        if not ids:
            return
        if all(self._summaries.get(i) and self._summaries[i].state is ReviewState.APPROVED for i in ids):
            self.window.show_message(self.window.tr("Already approved."), 3000)
            return
        self._do(lambda s: s.approve_many_edit(ids))
        self._after_verdict()

    def query_current(self) -> None:
        if not self.window.review_mode:
            return
        quote_id = self.window.current_quote_id()
        if quote_id is None:
            return
        quote = self.window.workspace.store.quote(quote_id)
        comment = self.dialogs.query_comment(self.window.parent_widget(), quote.text)
        if comment:
            self._do(lambda s: s.query_edit(quote_id, comment))
            self._after_verdict()

    def _after_verdict(self) -> None:
        if self._filter is not None and self.window.current_quote_id() is None:
            self.window.select_first_shown_quote()

    def sign_off(self) -> None:
        if not self.window.review_mode:
            return
        summary, open_queries = self.signoff_summary()
        # With a query open the work is not ready: the dialog starts on "Changes requested".
        preselect = SignOffDecision.CHANGES_REQUESTED if open_queries else SignOffDecision.APPROVED
        given = self.dialogs.signoff(self.window.parent_widget(), summary, preselect=preselect)
        if given is not None:
            decision, comment = given
            self._do(lambda s: s.signoff_edit(decision, comment))

    def signoff_summary(self) -> tuple[str, int]:
        """"12 of 16 quotes approved, 1 open query, 3 not yet reviewed." over every quote of the project,
        and the number of open queries."""
        counts = {state: 0 for state in ReviewState}
        for summary in self._summaries.values():
            counts[summary.state] += 1
        total = self.service.store.quote_count() if self.service is not None else len(self._summaries)
        reviewed = sum(counts[s] for s in ReviewState if s is not ReviewState.NOT_REVIEWED)
        tr = self.window.tr
        open_queries = counts[ReviewState.QUERIED] + counts[ReviewState.ANSWERED]
        text = tr("{0} of {1} approved, {2}, {3} not yet reviewed.").format(
            counts[ReviewState.APPROVED], plural(total, tr("quote"), tr("quotes")),
            plural(open_queries, tr("open query"), tr("open queries")), max(total - reviewed, 0))
        return text, open_queries

    # --- the analyst's answers --------------------------------------------------------------------------------

    def _emit_selected(self, slot) -> None:
        review_id = self.panel.current_review_id()
        if review_id is not None:
            slot(review_id)

    def answer(self, review_id: int) -> None:
        if self.window.review_mode or self.service is None:
            return
        review = next((q for q in self.service.queries() if q.id == review_id), None)
        if review is None:
            return
        given = self.dialogs.answer(self.window.parent_widget(), review)
        if given is not None:
            text, resolve = given
            self._do(lambda s: s.answer_edit(review_id, text, resolve=resolve))
            self.panel.select_review(review_id)

    def resolve(self, review_id: int) -> None:
        if self.window.review_mode or self.service is None:
            return
        self._do(lambda s: s.resolve_edit(review_id))
        self.panel.select_review(review_id)

    def go_to_quote(self, quote_id: int) -> None:
        self.window.go_to_quote(quote_id)

    # --- opening ------------------------------------------------------------------------------------------

    def _on_review_file(self) -> None:
        path = self.dialogs.review_project_path(self.window.parent_widget())
        if path:
            self.open_for_review(path)

    def open_for_review(self, path: str) -> bool:
        """Open a colleague's project for review: no writer lock, annotations read-only.

        A big file is opened in the background, as by File → Open; it is not put in Open recent.
        """
        if not self.window.may_replace_project():
            return False
        return self.window.open_project_file(path, ReviewSession.open_for_review)
