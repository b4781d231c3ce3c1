"""A colleague's review in the window: the Review panel and the review's questions (its controller:
``review_controller.py``).

Review mode (File → Review a project file…) opens a project without its writer lock and
shows the analyst's annotations read-only; the reviewer approves (A) or queries (Q) each
quote and signs off. The analyst, opening the file normally, sees the queries in the same
panel and answers and resolves them. Every review change is an undoable command applied by
the workspace's ``ReviewService``, never by the analyst's ``ProjectService``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.model import QuoteReview, SignOffDecision
from workbench.services.review import (
    QUERY_STATES,
    QuoteReviewSummary,
    ReviewState,
    SignOffSummary,
)
from workbench.ui.dialogs import PROJECT_FILTER
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

def matches_filter(key: str | None, state: ReviewState) -> bool:
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
