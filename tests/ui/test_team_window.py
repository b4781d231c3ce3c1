"""The window on a team project, against the real PostgreSQL server the test session starts (issue #17)."""

import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import event

from tests.team.conftest import ANALYST_PASSWORD, desk_db, desk_role, desk_url  # noqa: F401 (fixtures)
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.paths import recovery_dir
from workbench.services.project import ProjectService
from workbench.ui.team_desk import OpenTeamProjectDialog

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def team_project(desk_url, sample_article):
    with ProjectStore.create(desk_url, title="Election night", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    return desk_url


def open_with_keys(qtbot, window, url: str, password: str = "") -> None:
    """File → Open team project… by its key; the address (and password) typed into the dialog, then Enter."""
    typed = []

    def type_in_dialog():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, OpenTeamProjectDialog)
            qtbot.keyClicks(dialog.url_edit, url)
            if password:
                qtbot.keyClicks(dialog.password_edit, password)
            qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
            typed.append(True)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    window.activateWindow()  # keys reach the window's shortcuts only while it is the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTimer.singleShot(0, type_in_dialog)  # runs inside the dialog's own event loop
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_O, CTRL_ALT)  # the page the window shows
    assert typed, "the dialog did not come up"


def shown(window) -> bool:
    return window.workspace is not None and window.article_list.count() > 0 and window.quote_model.rowCount() > 0


def status_bar_words(window) -> str:
    label = window.findChild(QLabel, "teamStatus")
    return label.text() if label.isVisible() else ""


def test_open_a_team_project_by_keys_title_recent_and_save(qtbot, make_window, dialogs, pg_server, desk_db,
                                                          team_project, monkeypatch, tmp_path):
    database, role = desk_db
    window = make_window()
    without_password = pg_server.url(database, role, None)
    open_with_keys(qtbot, window, without_password, ANALYST_PASSWORD)  # the password typed in its own field
    qtbot.waitUntil(lambda: shown(window), timeout=15000)
    assert dialogs.errors == []
    assert without_password in window.windowTitle() and ANALYST_PASSWORD not in window.windowTitle()
    assert not window.isWindowModified()
    assert not window.actions["file.save"].isEnabled() and not window.actions["file.save_as"].isEnabled()
    assert window.recent_files()[0] == without_password
    window.settings.sync()
    assert ANALYST_PASSWORD not in (tmp_path / "settings.ini").read_text()

    # reopening from the recent list, with the password where libpq looks for it
    window._close_workspace()
    assert window.actions["file.save"].isEnabled()  # a file project saves again
    monkeypatch.setenv("PGPASSWORD", ANALYST_PASSWORD)
    assert window.open_path(window.recent_files()[0])
    qtbot.waitUntil(lambda: shown(window), timeout=15000)
    assert dialogs.errors == []


def test_what_is_wrong_with_a_team_project_is_said_in_a_sentence(qtbot, make_window, dialogs, pg_server, desk_db,
                                                               team_project):
    database, role = desk_db
    window = make_window()
    open_with_keys(qtbot, window, pg_server.url(database, role, "not-the-password"))
    qtbot.waitUntil(lambda: len(dialogs.errors) == 1, timeout=15000)
    assert "refused the user name or password" in dialogs.errors[0]
    assert "not-the-password" not in dialogs.errors[0]
    assert window.pages.currentWidget() is window.welcome  # not empty panes, as if a project were open

    empty = pg_server.create_database()
    try:
        open_with_keys(qtbot, window, pg_server.url(empty))
        qtbot.waitUntil(lambda: len(dialogs.errors) == 2, timeout=15000)
        assert "is an empty database, not a Quote Workbench project" in dialogs.errors[1]
    finally:
        pg_server.drop_database(empty)

    pg_server.admin_sql("UPDATE alembic_version SET version_num = '99'", database)
    open_with_keys(qtbot, window, team_project)
    qtbot.waitUntil(lambda: len(dialogs.errors) == 3, timeout=15000)
    assert "saved by a newer version of Quote Workbench" in dialogs.errors[2]
    assert window.workspace is None
    assert all(ANALYST_PASSWORD not in e for e in dialogs.errors)


def _open(qtbot, window, url):
    assert window.open_path(url)
    qtbot.waitUntil(lambda: shown(window), timeout=15000)
    qtbot.wait(300)  # the article is shown a piece per turn; a selection made before may be redone
    qtbot.waitUntil(lambda: window.quote_table.selectRow(0) or bool(window.selected_quote_ids()))
    qtbot.wait(600)  # what selecting a quote reads later (the review panel's sign-off summary) is read
    assert len(window.selected_quote_ids()) == 1
    return window.current_quote_id()


def test_server_away_edit_waits_in_the_outbox_then_is_applied(qtbot, make_window, dialogs, pg_server, desk_db,
                                                             team_project):
    database, _role = desk_db
    window = make_window()
    quote = _open(qtbot, window, team_project)
    pg_server.stop()
    try:
        window.editing.set_selected_status(VerificationStatus.VERIFIED)
        assert dialogs.errors == []  # no box: the status bar says it
        assert status_bar_words(window) == "Offline — 1 edit waiting"
        kept = list((recovery_dir() / "team-outbox").glob("*.json"))
        assert len(kept) == 1 and '"verified"' in kept[0].read_text()
        window.editing.edit(lambda s: s.note_edit(quote, "said on air"))
        assert status_bar_words(window) == "Offline — 2 edits waiting"
        assert not window.actions["edit.undo"].isEnabled()  # undo needs the server too
        qtbot.wait(1500)  # the probe finds nobody: still waiting, still no box
        assert status_bar_words(window) == "Offline — 2 edits waiting" and dialogs.errors == []
        # another quote chosen meanwhile: the detail shows that one (from the table), never the previous one
        window.quote_table.selectRow(1)
        other = window.current_quote_id()
        assert other != quote and window.detail.quote.id == other
        window.quote_table.selectRow(0)
        # closing now asks first (the edits would wait on this computer); Cancel keeps the window open
        assert not window.may_replace_project() and dialogs.asked_about_waiting == [2]
    finally:
        pg_server.start()  # the server restarted: the waiting edits go through
    qtbot.waitUntil(lambda: status_bar_words(window) == "", timeout=5000)
    assert "Back online: 2 waiting edits saved" in window.statusBar().currentMessage()
    assert pg_server.admin_sql(f"SELECT status || '/' || note FROM quotes WHERE id = {quote}",
                               database) == "verified/said on air"
    assert not list((recovery_dir() / "team-outbox").glob("*.json"))
    assert window.workspace.undo_stack.count() == 2 and window.actions["edit.undo"].isEnabled()
    assert window.current_quote_id() == quote
    assert dialogs.errors == []
    assert window.detail.status_combo.currentData() == "verified"


def test_connection_killed_during_an_edit_is_tried_again_at_once_and_applied_once(qtbot, make_window, dialogs, pg_server,
                                                                         desk_db, team_project):
    database, _role = desk_db
    window = make_window()
    quote = _open(qtbot, window, team_project)
    engine = window.workspace.store._engine
    killed = []

    def kill_mid_edit(_conn, _cursor, statement, *_args):
        if statement.startswith("UPDATE quotes") and not killed:
            killed.append(pg_server.terminate_backends(database))

    event.listen(engine, "before_cursor_execute", kill_mid_edit)
    try:
        window.editing.set_selected_status(VerificationStatus.MISATTRIBUTED)
    finally:
        event.remove(engine, "before_cursor_execute", kill_mid_edit)
    assert killed and killed[0] >= 1
    assert dialogs.errors == []
    # the server rolled the cut transaction back; ProjectService.apply tried it once more on a new connection
    assert status_bar_words(window) == ""
    assert pg_server.admin_sql(f"SELECT status FROM quotes WHERE id = {quote}", database) == "misattributed"
    assert pg_server.admin_sql(f"SELECT count(*) FROM audit_log WHERE entity = 'quote' AND entity_id = {quote} "
                               "AND field = 'status'", database) == "1"
    assert window.current_quote_id() == quote


def test_an_edit_by_another_process_appears_within_two_seconds_and_nothing_moves(
        qtbot, make_window, dialogs, pg_server, desk_db, team_project):
    database, _role = desk_db
    window = make_window()
    _open(qtbot, window, team_project)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.quote_table.clearSelection()
    window.quote_table.selectRow(2)
    quote = window.current_quote_id()
    selected = window.selected_quote_ids()
    assert selected == [quote]
    scroll = window.article_view.verticalScrollBar().value()
    # the analyst is typing a note on this quote when someone else sets its status
    notes = window.detail.notes_edit
    notes.setFocus()
    qtbot.keyClicks(notes, "half a thou")
    cursor = notes.textCursor().position()
    done = subprocess.run([sys.executable, "-m", "workbench", "set", team_project, str(quote), "--status",
                           "misattributed", "--analyst", "Bea"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    committed = time.monotonic()
    qtbot.waitUntil(lambda: window.detail.status_combo.currentData() == "misattributed", timeout=2000)
    took = time.monotonic() - committed
    print(f"another process's edit shown after {took * 1000:.0f} ms")
    assert took < 2.0
    assert window.current_quote_id() == quote and window.selected_quote_ids() == selected
    assert notes.toPlainText() == "half a thou" and notes.textCursor().position() == cursor and notes.hasFocus()
    assert window.article_view.verticalScrollBar().value() == scroll
    remote = window.findChild(QLabel, "remoteChange")
    assert remote.isVisible() and remote.text() == "Bea changed this quote (status) just now."
    row = window.quote_model.row_of(quote)
    assert "Misattributed" in str(window.quote_model.index(row, 0).siblingAtColumn(
        [c for c in range(window.quote_model.columnCount()) if window.quote_model.headerData(
            c, Qt.Orientation.Horizontal) == "Status"][0]).data())
    # my own edits are not announced back to me as someone else's
    window.quote_table.setFocus()
    window.editing.set_selected_status(VerificationStatus.VERIFIED)
    qtbot.wait(1200)
    assert not remote.isVisible() or "Test Analyst" not in remote.text()
    assert dialogs.errors == []


def test_a_server_that_went_away_during_a_read_is_said_in_the_status_bar_not_a_crash_box(qtbot, make_window):
    from workbench.domain.errors import ProjectUnreachable
    from workbench.ui.crash import CrashHandler

    window = make_window()
    boxes = []
    handler = CrashHandler(window, show=lambda *args: boxes.append(args))
    handler.handle(ProjectUnreachable("The server of team project “x” on h cannot be reached; try again."))
    assert boxes == []
    assert window.statusBar().currentMessage().startswith("The server of team project “x” on h cannot be reached")


def test_server_restarted_while_the_window_is_open(qtbot, make_window, dialogs, pg_server, desk_db, team_project):
    """After a restart the next edit just goes through (the pool reconnects), and others' changes are followed
    again on a new connection."""
    database, _role = desk_db
    window = make_window()
    quote = _open(qtbot, window, team_project)
    pg_server.restart()
    window.editing.set_selected_status(VerificationStatus.UNVERIFIABLE)
    assert status_bar_words(window) == "" and dialogs.errors == []
    assert pg_server.admin_sql(f"SELECT status FROM quotes WHERE id = {quote}", database) == "unverifiable"
    with ProjectStore(team_project) as other:
        ProjectService(other, "Bea").apply(ProjectService(other, "Bea").note_edit(quote, "after the restart"))
    qtbot.waitUntil(lambda: window.detail.notes_edit.toPlainText() == "after the restart", timeout=5000)
    assert window.current_quote_id() == quote and dialogs.errors == []
