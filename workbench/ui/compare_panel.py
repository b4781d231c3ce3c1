"""File → Compare with a colleague's project…: their differences side by side, taken one by one.

Their file is read off the GUI thread (``host.runner``, on a store of the worker's own for my
project; theirs is opened read-only and immutable by ``services.comparing``), so its bytes never
change, even when the window closes mid-read. The panel lists the differences (mine / theirs, by
kind, filtered by kind); selecting one goes to my quote. "Take theirs" applies their side through
``Merger`` (which writes the provenance into the audit log) and pushes the inverse on the
workspace's undo stack: one undo step per take, one for "all of a kind". "Keep mine" only
marks the difference as decided. "Take all theirs shown" runs on the runner in one transaction, with
progress and Cancel (cancelled: nothing is taken), and its undo and redo run there too
(``compare_commands.TakeAllCommand``). The panel plugs in through ``PanelHost``; it never imports the
main window. Thousands of differences never stall the window: see ``compare_listing``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.comparison import DifferenceKind
from workbench.domain.errors import UserFacingError
from workbench.services.comparing import (
    ALL_FIELDS,
    CompareOutcome,
    Merger,
    compare_with_open_project,
    select_differences,
)
from workbench.ui.compare_commands import TakeAllCommand, TakeCommand
from workbench.ui.compare_listing import ListFiller, collector_paused
from workbench.ui.compare_table import (  # noqa: F401 - agreement_html, DiffColumn: the panel's API
    KIND_ROLE, Decision, DiffColumn, DifferenceModel, Listing, agreement_html, agreement_html_parts, kind_words,
    listing,
)
from workbench.ui.host import PanelHost
from workbench.ui.labels import plural
from workbench.ui.runner import Task
from workbench.ui.workspace import Workspace


class ComparePanel(QWidget):
    """The differences with a colleague's file, their agreement figures, and the take/keep buttons."""

    def __init__(self, host: PanelHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.host = host
        self.outcome: CompareOutcome | None = None
        self.their_path: str | None = None
        self._task: Task | None = None
        self._generation = 0
        self._merger: Merger | None = None
        self._taking = False  # a take of all, or its undo or redo, is running on the runner

        self.model = DifferenceModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(KIND_ROLE)
        self.proxy.setFilterKeyColumn(DiffColumn.KIND)
        # a row's kind never changes: no re-filtering when decisions change (a take of thousands stalled on it)
        self.proxy.setDynamicSortFilter(False)

        self.heading = QLabel(objectName="compareHeading", wordWrap=True)
        self.progress = QProgressBar(objectName="compareProgress")
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="compareCancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        self.busy_row.hide()

        self.agreement_view = QTextBrowser(objectName="compareAgreement")
        self.agreement_view.setAccessibleName(self.tr("Agreement figures"))
        self.agreement_view.setMaximumHeight(80)

        self.kind_filter = QComboBox(objectName="compareKindFilter")
        self.kind_filter.setAccessibleName(self.tr("Show differences of kind"))
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter)

        self.table = QTableView(objectName="compareTable")
        self.table.setAccessibleName(self.tr("Differences, mine and theirs"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # every row one line high: Qt never measures a row (the table's uniform row heights)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DiffColumn.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DiffColumn.DECISION, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(100)  # fit columns to the first rows: 50,000 differences stall nothing
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.take_button = QPushButton(self.tr("Take theirs"), objectName="takeTheirsButton")
        self.take_button.clicked.connect(self.take_theirs)
        self.keep_button = QPushButton(self.tr("Keep mine"), objectName="keepMineButton")
        self.keep_button.clicked.connect(self.keep_mine)
        self.take_all_button = QPushButton(self.tr("Take all theirs shown"), objectName="takeAllShownButton")
        self.take_all_button.setToolTip(self.tr("Take their side of every undecided difference the filter shows"))
        self.take_all_button.clicked.connect(self.take_all_shown)
        self.unchecked_only = QCheckBox(self.tr("only where mine is unchecked"), objectName="compareUncheckedOnly")
        # the filter and the buttons in one row above the list, so a low strip never hides them
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Show")))
        controls.addWidget(self.kind_filter, 1)
        for widget in (self.take_button, self.keep_button, self.take_all_button, self.unchecked_only):
            controls.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.agreement_view)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        self.filler = ListFiller(host.turns, self.model, self.table, self.agreement_view, self._update_buttons)
        self._show_outcome(None)

    # --- reading their file ----------------------------------------------------------------------

    def compare_with(self, their_path: str) -> Task | None:
        """Start reading ``their_path`` and comparing it with the open project, off the GUI thread."""
        workspace = self.host.workspace
        if workspace is None:
            return None
        self.cancel()
        self._generation += 1
        generation = self._generation
        self.their_path = their_path
        my_files = [p for p in (workspace.session.project_path, workspace.session.working_copy) if p is not None]
        self._show_outcome(None)
        self.heading.setText(self.tr("Reading “{0}”…").format(Path(their_path).name))
        self.busy_row.show()

        def run(own, progress, cancelled):
            with collector_paused():
                outcome = compare_with_open_project(own.store, their_path, my_files=my_files, progress=progress,
                                                    cancelled=cancelled)
                return outcome, listing(outcome.comparison)  # the rows' words, off the GUI thread too

        def connect(task: Task) -> None:
            task.signals.sig_progress.connect(self._on_progress)
            task.signals.sig_done.connect(lambda done: self._on_done(generation, *done))
            task.signals.sig_failed.connect(lambda message: self._on_failed(generation, message))
            task.signals.sig_cancelled.connect(lambda: self._on_cancelled(generation))

        self._task = workspace.run_in_worker(self.host.runner, run, connect)
        return self._task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    @property
    def busy(self) -> bool:
        """Their file is being read or its differences listed, or their side of all shown is being taken."""
        return self._task is not None or self.filler.busy

    @property
    def taking(self) -> bool:
        """A take of all, or its undo or redo, is under way on the runner (until its result is shown)."""
        return self._taking

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_done(self, generation: int, outcome: CompareOutcome, rows: Listing) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.busy_row.hide()
        self._show_outcome(outcome, rows)
        self.table.setFocus()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.busy_row.hide()
        self._show_outcome(None)
        self.host.dialogs.error(self.host.parent_widget(), message)

    def _on_cancelled(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.busy_row.hide()
        self._show_outcome(None)
        self.host.show_message(self.tr("Comparison cancelled; nothing was changed."))

    def close_comparison(self) -> None:
        """Forget the comparison (the project changed, or the analyst is done); a read under way is cancelled."""
        self.cancel()
        self._generation += 1
        self._task = None
        self.busy_row.hide()
        self._show_outcome(None)

    def _show_outcome(self, outcome: CompareOutcome | None, rows: Listing | None = None) -> None:
        """The comparison's heading, figures and kind filter; its list empty, filled by ``filler``."""
        self.outcome = outcome
        workspace = self.host.workspace
        self._merger = Merger(workspace.service, outcome.comparison) if outcome and workspace else None
        if outcome is not None and rows is None:
            rows = listing(outcome.comparison)
        self.model.set_comparison(outcome.comparison if outcome else None, rows)
        self.filler.clear()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        if outcome is None:
            self.heading.setText(self.tr("Compare with a colleague’s project: File → Compare with a colleague’s "
                                         "project…"))
            self.agreement_view.clear()
        else:
            comparison = outcome.comparison
            theirs = Path(comparison.theirs.path).name
            who = ", ".join(comparison.theirs.info.analysts) or theirs
            self.heading.setText(self.tr("Mine: {0} · Theirs: {1} ({2}) · {3}").format(
                comparison.mine.info.title, theirs, who,
                plural(len(comparison.differences), self.tr("difference"), self.tr("differences"))))
            figures = agreement_html_parts(outcome.agreement, who)
            self.agreement_view.setHtml(figures[0])
            self.filler.start(len(comparison.differences), figures[1:])
            counts = rows.counts if rows is not None else {}
            self.kind_filter.addItem(self.tr("All kinds ({0})").format(len(comparison.differences)), "")
            for kind in DifferenceKind:
                if counts.get(kind):
                    self.kind_filter.addItem(f"{kind_words(kind)} ({counts[kind]})", kind.value)
        self.kind_filter.blockSignals(False)
        self.proxy.setFilterFixedString("")
        self._update_buttons()

    # --- moving and choosing ---------------------------------------------------------------------

    def _on_kind_filter(self) -> None:
        kind = self.kind_filter.currentData() or ""
        self.proxy.setFilterRegularExpression(f"^{kind}$" if kind else "")
        self._update_buttons()

    def set_kind_filter(self, kind: DifferenceKind | None) -> None:
        self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(kind.value if kind else "")))

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def step(self, delta: int) -> None:
        """Select the next (+1) or previous (−1) difference the filter shows, and go to its quote."""
        rows = self.proxy.rowCount()
        if rows == 0:
            self.host.show_message(self.tr("No difference to go to."))
            return
        index = self.table.currentIndex()
        row = 0 if not index.isValid() and delta > 0 else (rows - 1 if not index.isValid() else index.row() + delta)
        if not 0 <= row < rows:
            self.host.show_message(self.tr("That was the last difference.") if delta > 0
                                   else self.tr("That was the first difference."))
            return
        self.table.setCurrentIndex(self.proxy.index(row, DiffColumn.KIND))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if not current.isValid():
            return
        d = self.model.difference(self.proxy.mapToSource(current).row())
        if d.mine_quotes:
            self.host.go_to_quote(d.mine_quotes[0])
        else:
            self.host.show_message(self.tr("Their quote is not in your project; take theirs to add it."))

    def _update_buttons(self) -> None:
        row = self.current_row()
        undecided = row is not None and self.model.decision(row) is None
        takeable = undecided and self.model.difference(row).kind is not DifferenceKind.REVIEW
        free = not self._taking
        self.take_button.setEnabled(takeable and free)
        self.keep_button.setEnabled(undecided and free)
        # all shown: once the whole list is in (until then "all" would be the first slices only)
        self.take_all_button.setEnabled(self.proxy.rowCount() > 0 and free and not self.filler.busy)

    def keep_mine(self) -> None:
        row = self.current_row()
        if row is None:
            self.host.show_message(self.tr("Select a difference first."))
            return
        if self.model.decision(row) is None:
            self.model.set_decision(row, Decision.KEPT)
        self._update_buttons()
        self.step(+1)

    def take_theirs(self) -> None:
        row = self.current_row()
        if row is None:
            self.host.show_message(self.tr("Select a difference first."))
            return
        if self.model.decision(row) is not None:
            self.host.show_message(self.tr("This difference is decided already; undo to change your mind."))
            return
        d = self.model.difference(row)
        if self._take_one(row, self.tr("Take their {0}").format(kind_words(d.kind).lower())):
            self.step(+1)

    def take_all_shown(self) -> None:
        """Take theirs for every undecided difference the filter shows: off the GUI thread, in one
        transaction, with progress and Cancel; one undo step."""
        if self.outcome is None or self.busy or self._taking:
            if self.filler.busy:
                self.host.show_message(self.tr("The differences are still being listed; try again in a moment."))
            return
        chosen = {id(d) for d in select_differences(self.outcome.comparison, prefer="theirs", fields=ALL_FIELDS,
                                                     where_mine_unchecked=self.unchecked_only.isChecked())}
        rows = [r for r in (self.proxy.mapToSource(self.proxy.index(i, 0)).row()
                            for i in range(self.proxy.rowCount()))
                if self.model.decision(r) is None and id(self.model.difference(r)) in chosen]
        if not rows:
            self.host.show_message(self.tr("No undecided difference of theirs to take here."))
            return
        kind = self.kind_filter.currentData()
        what = kind_words(DifferenceKind(kind)).lower() if kind else self.tr("side")
        where = self.tr(" where mine is unchecked") if self.unchecked_only.isChecked() else ""
        count = plural(len(rows), self.tr("difference"), self.tr("differences"))
        self._take_all_in_worker(rows, self.tr("Take their {0} for {1}{2}").format(what, count, where))

    def _take_all_in_worker(self, rows: list[int], description: str) -> None:
        host, workspace = self.host, self.host.workspace
        if workspace is None or self.outcome is None:
            return
        if host.review_mode:
            host.show_message(self.tr("Review mode: the analyst's annotations cannot be changed."), 6000)
            return
        comparison, generation = self.outcome.comparison, self._generation
        provenance = self._merger.provenance if self._merger is not None else None
        differences = [self.model.difference(r) for r in rows]

        def run(own, progress, cancelled):
            """On the runner, with a store of its own: every take in one transaction, all or nothing."""
            return Merger(own, comparison).take_in_one_transaction(differences, progress=progress,
                                                                   cancelled=cancelled)

        self._set_taking(True, self.tr("Taking theirs for {0}…").format(
            plural(len(rows), self.tr("difference"), self.tr("differences"))), len(rows))

        def connect(task: Task) -> None:
            task.signals.sig_progress.connect(self._on_progress)
            task.signals.sig_done.connect(lambda outcome: self._on_took_all(workspace, generation, rows,
                                                                            description, provenance, outcome))
            task.signals.sig_failed.connect(lambda message: self._on_take_all_ended(message))
            task.signals.sig_cancelled.connect(lambda: self._on_take_all_ended(
                self.tr("Take all cancelled; nothing was taken.")))
            self._task = task

        workspace.run_in_worker(host.runner, run, connect)

    def _set_taking(self, on: bool, text: str = "", total: int = 0) -> None:
        """Show the runner at work on my project (a take of all, or its undo or redo): progress, Cancel
        while taking (an undo or redo runs to its end), and no other edit in the window meanwhile."""
        self._taking = on
        self.host.set_read_only("compare", on)
        self.busy_row.setVisible(on)
        self.cancel_button.setVisible(not on or total > 0)
        if on:
            self.progress.setRange(0, total)
            self.progress.setValue(0)
            self.host.show_message(text, 0)
        self._update_buttons()

    def _on_take_all_ended(self, message: str) -> None:
        """Failed or cancelled: the transaction was rolled back, nothing was taken."""
        self._task = None
        self._set_taking(False)
        self.host.show_message(message, 6000)

    def _on_took_all(self, workspace: Workspace, generation: int, rows: list[int], description: str,
                     provenance, outcome) -> None:
        self._task = None
        self._set_taking(False)
        if self.host.workspace is not workspace:
            return
        by_difference = {id(self.model.difference(r)): r for r in rows} if generation == self._generation else {}
        taken = [by_difference[id(t.difference)] for t in outcome.taken if id(t.difference) in by_difference]
        self.model.set_decisions({by_difference[id(d)]: (Decision.NOT_TAKEN, why) for d, why in outcome.skipped
                                  if id(d) in by_difference})
        if outcome.taken:
            def on_taken(done: bool) -> None:
                if generation == self._generation:  # a command of an earlier comparison marks nothing here
                    self.model.set_decisions({row: (Decision.TAKEN if done else None, "") for row in taken})
                    self._update_buttons()

            workspace.undo_stack.push(TakeAllCommand(
                workspace, self.host.runner, outcome.undo, outcome.changes, description, provenance,
                on_taken, lambda on: self._set_taking(on, self.tr("Undoing…") if on else ""),
                lambda message: self.host.dialogs.error(self.host.parent_widget(), message)))
        self.host.show_message(self.tr("Took theirs for {0}.").format(
            plural(len(outcome.taken), self.tr("difference"), self.tr("differences"))), 6000)
        self._update_buttons()

    def _take_one(self, row: int, description: str) -> bool:
        """Take one difference on the GUI thread (one edit, a few milliseconds); one undo step."""
        host, workspace = self.host, self.host.workspace
        if workspace is None or self._merger is None or self._taking:
            return False
        if host.review_mode:
            host.show_message(self.tr("Review mode: the analyst's annotations cannot be changed."), 6000)
            return False
        generation = self._generation
        try:
            outcome = self._merger.take([self.model.difference(row)])
        except UserFacingError as err:
            host.dialogs.error(host.parent_widget(), err.message)
            return False
        if outcome.skipped:
            self.model.set_decision(row, Decision.NOT_TAKEN, outcome.skipped[0][1])
            self._update_buttons()
            return False
        workspace.undo_stack.push(TakeCommand(
            workspace, outcome.undo, outcome.changes, description, self._merger.provenance,
            lambda done: self._on_taken(generation, row, done)))
        self._update_buttons()
        return True

    def _on_taken(self, generation: int, row: int, taken: bool) -> None:
        if generation == self._generation:  # a command of an earlier comparison marks nothing here
            self.model.set_decision(row, Decision.TAKEN if taken else None)
            self._update_buttons()


def install_compare_panel(host: PanelHost) -> ComparePanel:
    """File → Compare with a colleague's project… (``file.compare``), the Compare dock, and the
    keys for moving between differences and deciding them (``compare.*``)."""
    panel = ComparePanel(host)
    dock = QDockWidget(host.tr("Compare"), host.parent_widget())
    dock.setObjectName("compareDock")
    dock.setWidget(panel)
    dock.setMinimumWidth(380)
    host.add_dock(dock, Qt.DockWidgetArea.BottomDockWidgetArea)
    dock.hide()
    reg = host.actions

    def start() -> None:
        if host.workspace is None:
            host.dialogs.info(host.parent_widget(), host.tr("Open your project first, then compare it with a "
                                                            "colleague’s."))
            return
        path = host.dialogs.colleague_project_path(host.parent_widget())
        if path:
            dock.show()
            dock.raise_()
            window = host.parent_widget()
            if isinstance(window, QMainWindow):  # a strip tall enough for the figures and a few differences
                window.resizeDocks([dock], [max(320, window.height() * 2 // 5)], Qt.Orientation.Vertical)
            panel.compare_with(path)

    reg.add("file.compare", "Co&mpare with a colleague’s project…", start, None, task="Files", menu="menu.file",
            before="file.quit")
    menu = reg.add_menu("menu.compare", "&Differences with colleague", reg.menu("menu.file"))
    reg.place("file.quit", "menu.file")  # Quit stays last, after its separator
    reg.separator("menu.file", before="file.quit")
    keys = (("compare.next", "&Next difference", lambda: panel.step(+1), "Alt+Down"),
            ("compare.previous", "&Previous difference", lambda: panel.step(-1), "Alt+Up"),
            ("compare.take_theirs", "&Take theirs", panel.take_theirs, "Ctrl+Alt+T"),
            ("compare.keep_mine", "&Keep mine", panel.keep_mine, "Ctrl+Alt+K"),
            ("compare.take_all", "Take &all theirs shown", panel.take_all_shown, None))
    for action_id, text, slot, key in keys:
        reg.add(action_id, text, slot, key, task="Comparing", menu="menu.compare")
    menu.menuAction().setEnabled(False)

    def follow_outcome() -> None:
        on = panel.outcome is not None
        menu.menuAction().setEnabled(on)
        for action_id, *_ in keys:
            reg[action_id].setEnabled(on)

    panel.model.modelReset.connect(follow_outcome)
    follow_outcome()
    host.sig_workspace_changed.connect(panel.close_comparison)
    return panel
