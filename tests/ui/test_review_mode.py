"""A colleague's review through the real widgets: review mode, keys, undo, save, the analyst's answers."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
)

from workbench.domain.model import SignOffDecision, VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService, ReviewState
from workbench.ui.quote_table import QUOTE_ID_ROLE
from workbench.ui.review_panel import ReviewDialogs


class FakeReviewDialogs(ReviewDialogs):
    """Answers the review's questions from a script."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.comment: str | None = "Which day was this said?"
        self.answer_given: tuple[str, bool] | None = ("On 26 January, per the transcript", False)
        self.signoff_given: tuple[SignOffDecision, str] | None = (SignOffDecision.APPROVED, "Ready to publish")
        self.asked: list[str] = []

    def review_project_path(self, parent):
        return self.path

    def query_comment(self, parent, quote_text):
        self.asked.append("query")
        return self.comment

    def answer(self, parent, review):
        self.asked.append("answer")
        return self.answer_given

    def signoff(self, parent, summary, preselect=SignOffDecision.APPROVED):
        self.asked.append("signoff")
        self.signoff_shown = (summary, preselect)
        return self.signoff_given


@pytest.fixture
def project(sample_project):
    """The sample project with some of the analyst's work in it: a status, a note, evidence."""
    with ProjectStore(sample_project) as store:
        ana = ProjectService(store, "Ana")
        first, second = [q.id for q in store.quotes()[:2]]
        ana.apply(ana.status_edit(first, VerificationStatus.VERIFIED))
        ana.apply(ana.note_edit(second, "Ask the press office"))
        ana.apply(ana.evidence_edit(first, url="https://www.state.gov/transcript", title="Transcript"))
    return sample_project


@pytest.fixture
def open_window(make_window, qtbot):
    def make(analyst="Test Analyst"):
        window = make_window()
        window.analyst = analyst
        window.review.dialogs = FakeReviewDialogs()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window
    return make


def annotations(store):
    """Every field of every quote and every piece of evidence, and their fingerprint."""
    return ([dataclasses.astuple(q) for q in store.quotes(include_deleted=True)],
            [dataclasses.astuple(e) for e in store.evidence()], annotations_fingerprint(store))


def file_annotations(path):
    with ProjectStore(path, read_only=True) as store:
        return annotations(store)


def press(qtbot, window, key):
    qtbot.keyClick(window.quote_table, key)


def state_of(window, quote_id):
    return window.workspace.review_service.summary(quote_id).state


def test_review_mode_says_so_and_locks_the_annotations(open_window, project, qtbot, dialogs):
    window = open_window("Rita")
    assert window.open_for_review(str(project))
    banner = window.findChild(QLabel, "reviewBanner")
    assert banner.isVisible()
    assert banner.text() == ("Review mode — you are reviewing the work of Ana. "
                             "Their annotations cannot be changed here.")
    assert window.windowTitle() == "sample.qwb[*] (review) — Quote Workbench"
    assert window.findChild(QDockWidget, "reviewDock").isVisible()

    window.quote_table.selectRow(0)
    assert window.findChild(QLineEdit, "speakerEdit").isReadOnly()
    assert window.findChild(QLineEdit, "dateEdit").isReadOnly()
    assert window.findChild(QPlainTextEdit, "notesEdit").isReadOnly()
    assert not window.findChild(QComboBox, "statusCombo").isEnabled()
    assert not window.findChild(QPushButton, "addEvidenceButton").isEnabled()
    assert not window.findChild(QPushButton, "confirmSpeakerButton").isEnabled()
    assert not window.import_action.isEnabled()

    before = annotations(window.workspace.store)
    press(qtbot, window, Qt.Key.Key_2)  # the analyst's "verified" key
    qtbot.keyClick(window.quote_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.detail.sig_note_entered.emit(window.current_quote_id(), "the reviewer's words")  # even if asked to
    window.import_sources([str(project)])
    assert annotations(window.workspace.store) == before
    assert window.workspace.undo_stack.count() == 0
    assert any("cannot be imported" in m for m in dialogs.infos)

    # opening a project normally leaves review mode
    window.open_path(str(project))
    assert not banner.isVisible()
    assert window.windowTitle() == "sample.qwb[*] — Quote Workbench"
    window.quote_table.selectRow(0)
    assert not window.findChild(QLineEdit, "speakerEdit").isReadOnly()
    assert window.findChild(QComboBox, "statusCombo").isEnabled()


def test_review_keys_undo_redo_save_then_the_analyst_answers_and_the_reviewer_sees_it(open_window, project, qtbot):
    reviewer = open_window("Rita")
    reviewer.open_for_review(str(project))
    reviewer.quote_table.selectRow(0)
    first = reviewer.current_quote_id()
    state_label = reviewer.findChild(QLabel, "reviewState")
    assert "Not yet reviewed" in state_label.text()

    press(qtbot, reviewer, Qt.Key.Key_A)
    assert state_of(reviewer, first) is ReviewState.APPROVED
    assert "Approved" in state_label.text() and "Rita" in state_label.text()
    assert reviewer.isWindowModified()
    reviewer.undo_action.trigger()
    assert state_of(reviewer, first) is ReviewState.NOT_REVIEWED
    assert "Not yet reviewed" in state_label.text()
    assert not reviewer.isWindowModified()
    reviewer.redo_action.trigger()
    assert state_of(reviewer, first) is ReviewState.APPROVED

    reviewer.quote_table.selectRow(1)
    second = reviewer.current_quote_id()
    press(qtbot, reviewer, Qt.Key.Key_Q)
    assert reviewer.review.dialogs.asked == ["query"]
    assert state_of(reviewer, second) is ReviewState.QUERIED
    assert "Which day was this said?" in state_label.text()

    reviewer.save_action.trigger()
    assert not reviewer.isWindowModified()
    with ProjectStore(project, read_only=True) as store:
        assert [(r.quote_id, r.verdict.value, r.reviewer) for r in store.quote_reviews()] == [
            (first, "approved", "Rita"), (second, "queried", "Rita")]
    reviewer.close()

    analyst = open_window("Ana")
    analyst.open_path(str(project))
    assert analyst.findChild(QDockWidget, "reviewDock").isVisible()  # there is a review to see
    assert not analyst.findChild(QLabel, "reviewBanner").isVisible()
    queries = analyst.findChild(QListWidget, "reviewQueries")
    assert queries.count() == 1 and "Which day was this said?" in queries.item(0).text()
    queries.setCurrentRow(0)
    queries.itemClicked.emit(queries.item(0))
    assert analyst.current_quote_id() == second  # the list leads to the quote
    analyst.findChild(QPushButton, "answerQueryButton").click()
    assert state_of(analyst, second) is ReviewState.ANSWERED
    analyst.findChild(QPushButton, "resolveQueryButton").click()
    assert state_of(analyst, second) is ReviewState.RESOLVED
    analyst.undo_action.trigger()
    assert state_of(analyst, second) is ReviewState.ANSWERED
    analyst.redo_action.trigger()
    assert "resolved" in queries.item(0).text() and "26 January" in queries.item(0).text()
    analyst.save_action.trigger()
    analyst.close()

    again = open_window("Rita")
    again.open_for_review(str(project))
    queries = again.findChild(QListWidget, "reviewQueries")
    assert "Ana: On 26 January, per the transcript" in queries.item(0).text()
    again.review.go_to_quote(second)
    assert "Answer by Ana" in again.findChild(QLabel, "reviewState").text()
    with ProjectStore(project, read_only=True) as store:
        fields = {(e.analyst, e.field) for e in store.audit_log(entity="quote_review")}
        assert {("Rita", "verdict"), ("Ana", "answer"), ("Ana", "resolved")} <= fields


def test_a_review_session_never_changes_the_analysts_annotations(open_window, project, qtbot):
    before = file_annotations(project)
    window = open_window("Rita")
    window.open_for_review(str(project))
    store = window.workspace.store
    assert annotations(store) == before
    for row in range(4):
        window.quote_table.selectRow(row)
        press(qtbot, window, Qt.Key.Key_A if row % 2 == 0 else Qt.Key.Key_Q)
        press(qtbot, window, Qt.Key.Key_3)  # an analyst's status key, refused
        speaker = window.findChild(QLineEdit, "speakerEdit")
        speaker.setText("Somebody Else")
        speaker.editingFinished.emit()
        assert annotations(store) == before
    window.findChild(QPushButton, "signOffButton").click()
    stack = window.workspace.undo_stack
    assert stack.count() == 5
    while stack.canUndo():
        stack.undo()
        assert annotations(store) == before
    assert store.quote_reviews() == [] and store.signoffs() == []
    while stack.canRedo():
        stack.redo()
        assert annotations(store) == before
    assert len(store.quote_reviews()) == 4 and len(store.signoffs()) == 1
    window.save_action.trigger()
    assert file_annotations(project) == before
    with ProjectStore(project, read_only=True) as saved:
        assert ReviewService(saved, "").signoff_summary().current


def test_signoff_goes_out_of_date_after_an_analyst_edit(open_window, project, qtbot):
    reviewer = open_window("Rita")
    reviewer.open_for_review(str(project))
    reviewer.actions["review.sign_off"].trigger()
    label = reviewer.findChild(QLabel, "reviewSignOff")
    # the sign-off's state is worked out a moment after edits settle
    qtbot.waitUntil(lambda: "Approved" in label.text() and "Ready to publish" in label.text())
    qtbot.waitUntil(lambda: "Covers the annotations as they are now" in label.text())
    reviewer.save_action.trigger()
    reviewer.close()

    analyst = open_window("Ana")
    analyst.open_path(str(project))
    label = analyst.findChild(QLabel, "reviewSignOff")
    qtbot.waitUntil(lambda: "Covers the annotations as they are now" in label.text())
    analyst.quote_table.selectRow(2)
    press(qtbot, analyst, Qt.Key.Key_4)  # misattributed
    qtbot.waitUntil(lambda: "Out of date" in label.text())
    analyst.undo_action.trigger()
    qtbot.waitUntil(lambda: "Covers the annotations as they are now" in label.text())


def test_filters_not_yet_reviewed_and_queried(open_window, project, qtbot):
    window = open_window("Rita")
    window.open_for_review(str(project))
    table, rows = window.quote_table, window.quote_proxy.rowCount()
    window.actions["review.filter.not_reviewed"].trigger()
    assert window.findChild(QComboBox, "reviewFilter").currentData() == "not_reviewed"
    table.selectRow(0)
    first = window.current_quote_id()
    press(qtbot, window, Qt.Key.Key_A)
    shown = lambda: [window.quote_proxy.index(r, 0).data(QUOTE_ID_ROLE)  # noqa: E731
                     for r in range(window.quote_proxy.rowCount())]
    assert first not in shown() and len(shown()) == rows - 1
    assert window.current_quote_id() not in (None, first)  # moved on to the next quote to review
    second = window.current_quote_id()
    press(qtbot, window, Qt.Key.Key_Q)
    assert len(shown()) == rows - 2

    window.findChild(QComboBox, "reviewFilter").setCurrentIndex(2)  # Queried
    assert shown() == [second]
    assert window.actions["review.filter.queried"].isChecked()
    assert window.current_quote_id() == second
    window.actions["review.filter.all"].trigger()
    assert len(shown()) == rows


def test_saving_while_the_analyst_has_the_file_open_asks_for_save_as(open_window, project, qtbot, dialogs, tmp_path):
    analyst = open_window("Ana")
    analyst.open_path(str(project))  # holds the writer lock
    reviewer = open_window("Rita")
    assert reviewer.open_for_review(str(project))  # reviewing needs no lock
    original = project.read_bytes()
    reviewer.quote_table.selectRow(0)
    press(qtbot, reviewer, Qt.Key.Key_A)
    reviewer.save_action.trigger()
    assert "the analyst has it open" in dialogs.errors[-1] and "Save As" in dialogs.errors[-1]
    assert reviewer.isWindowModified()
    assert project.read_bytes() == original
    dialogs.save_path = str(tmp_path / "review-copy.qwb")
    assert reviewer.save_as()
    assert reviewer.windowTitle() == "review-copy.qwb[*] (review) — Quote Workbench"
    with ProjectStore(tmp_path / "review-copy.qwb", read_only=True) as store:
        assert len(store.quote_reviews()) == 1


@pytest.mark.parametrize("make, message", [
    (lambda p: (p.unlink(), ProjectStore.create(p, title="Empty", analyst="Ana").close()),
     "This project has no quotes to review."),
    (lambda p: p.write_bytes(p.read_bytes()[:60] + (99).to_bytes(4, "big") + p.read_bytes()[64:]),
     "newer version"),
])
def test_bad_files_are_refused_with_a_sentence(open_window, project, dialogs, make, message):
    make(project)
    original = project.read_bytes()
    window = open_window("Rita")
    window.review.dialogs.path = str(project)
    window.actions["file.review"].trigger()
    assert message in dialogs.errors[-1]
    assert not window.review_mode
    assert project.read_bytes() == original


def test_review_counts_are_made_when_the_panel_is_shown(make_window, project, qtbot):
    window = make_window()
    window.open_path(str(project))  # no review records yet: the panel is hidden and counts nothing
    dock = window.findChild(QDockWidget, "reviewDock")
    counts = window.findChild(QLabel, "reviewCounts")
    assert dock.isHidden() and counts.text() == ""
    dock.show()
    assert counts.text() == f"Not yet reviewed: {len(window.workspace.store.quotes())}"


def test_signoff_counts_every_quote_and_starts_on_changes_when_a_query_is_open(open_window, project, qtbot):
    reviewer = open_window("Rita")
    reviewer.open_for_review(str(project))
    total = reviewer.workspace.store.quote_count()
    reviewer.select_quote(reviewer.quote_model.quote_at(0).id)
    press(qtbot, reviewer, Qt.Key.Key_A)
    reviewer.select_quote(reviewer.quote_model.quote_at(1).id)
    press(qtbot, reviewer, Qt.Key.Key_Q)
    reviewer.actions["review.sign_off"].trigger()
    summary, preselect = reviewer.review.dialogs.signoff_shown
    # It said "1 of 2 quotes approved, 0 not yet reviewed" while most were not reviewed, and chose "Approved".
    assert summary == f"1 of {total} quotes approved, 1 open query, {total - 2} not yet reviewed."
    assert preselect is SignOffDecision.CHANGES_REQUESTED
