"""Issue #14 item 3 in the window: a damaged project opens read-only with a sentence and a Rescue button."""

import hashlib
import shutil

from tests.hardening.damage import break_utf8, corrupt_index
from tests.persistence.test_migrations import FIXTURES


def test_a_damaged_project_opens_read_only_and_can_be_rescued(qtbot, make_window, dialogs, sample_project, tmp_path):
    corrupt_index(sample_project)
    break_utf8(sample_project, 2)
    before = hashlib.sha256(sample_project.read_bytes()).hexdigest()
    dialogs.rescue_answer = True
    dialogs.save_path = str(tmp_path / "rescued.qwb")
    window = make_window()
    assert window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: bool(getattr(dialogs, "rescue_offers", [])), timeout=5000)
    assert "is damaged" in dialogs.rescue_offers[0] and "read-only" in dialogs.rescue_offers[0]
    qtbot.waitUntil(lambda: window.workspace.session.project_path == tmp_path / "rescued.qwb", timeout=5000)
    assert dialogs.infos and "records saved" in dialogs.infos[-1] and "quotes 15 saved / 0 lost" in dialogs.infos[-1]
    assert not window.workspace.session.read_only and not window.workspace.session.damage
    assert not dialogs.errors
    assert hashlib.sha256(sample_project.read_bytes()).hexdigest() == before


def test_declining_rescue_keeps_the_damaged_project_shown_read_only(qtbot, make_window, dialogs, sample_project):
    corrupt_index(sample_project)
    before = hashlib.sha256(sample_project.read_bytes()).hexdigest()
    window = make_window()
    window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: bool(getattr(dialogs, "rescue_offers", [])), timeout=5000)
    session = window.workspace.session
    assert session.read_only and "index" in session.damage
    assert window.workspace.store.quote_count() == 15  # still readable
    window.save()
    assert dialogs.errors and "is damaged and open read-only" in dialogs.errors[-1]
    assert hashlib.sha256(sample_project.read_bytes()).hexdigest() == before


def test_opening_an_older_format_says_the_original_is_kept(qtbot, make_window, dialogs, tmp_path):
    """Issue #14 item 15 in the window: the upgrade is announced; the original stays until Save."""
    path = tmp_path / "reviewed.qwb"
    shutil.copyfile(FIXTURES / "reviewed.qwb", path)
    window = make_window()
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=5000)
    assert "the original is kept as “reviewed.qwb.v1-backup”" in dialogs.infos[0]
    assert (tmp_path / "reviewed.qwb.v1-backup").read_bytes() == (FIXTURES / "reviewed.qwb").read_bytes()
    assert window.workspace.store.quote_count() == 15 and not dialogs.errors


def test_a_text_that_is_not_utf8_opens_in_the_window_without_a_traceback(qtbot, make_window, dialogs, sample_project):
    break_utf8(sample_project, 2)
    window = make_window()
    assert window.open_path(str(sample_project))
    texts = [q.text for q in window.workspace.store.quotes()]
    assert "One \ufffd\ufffd bad \ufffd" in texts
    assert window.workspace.store.damage == "a text that is not valid UTF-8"
    assert not dialogs.errors
