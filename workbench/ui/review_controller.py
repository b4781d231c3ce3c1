"""Review mode in the window: the reviewer's and the analyst's actions, the banner, the filter, and the panel's data.

The controller plugs into the window as a panel (``PanelHost``): it registers its actions by id,
docks the Review panel, hides quotes by review state through the filter hook, and applies every
review change as an undoable edit through the workspace's ``ReviewService`` (docs/review.md).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDockWidget, QLabel, QSizePolicy, QToolBar

from workbench.domain.errors import UserFacingError
from workbench.domain.model import SignOffDecision
from workbench.services.review import QuoteReviewSummary, ReviewSession, ReviewState
from workbench.ui.host import PanelHost
from workbench.ui.labels import explain, plural
from workbench.ui.review_panel import BANNER_STYLE, REVIEW_FILTERS, ReviewDialogs, ReviewPanel, matches_filter


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
            return matches_filter(key, summary.state if summary else ReviewState.NOT_REVIEWED)

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
            self.window.dialogs.error(self.window.parent_widget(), explain(err))
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
