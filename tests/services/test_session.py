"""Working copies: saving, save as, one writer at a time, and recovery after a crash."""

import subprocess
import sys
import textwrap
import threading

import pytest

from workbench.domain.errors import ProjectLocked
from workbench.persistence.store import ProjectStore
from workbench.services.session import ProjectSession, discard_recoverable, recoverable_sessions


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.qwb"
    ProjectStore.create(path, title="Before").close()
    return path


def title_of(path):
    with ProjectStore(path, read_only=True) as store:
        return store.project_info().title


def test_edits_reach_the_file_only_on_save(project):
    session = ProjectSession.open(project)
    session.store.set_title("After", "Ana")
    session.set_unsaved(True)
    assert title_of(project) == "Before"
    session.save()
    assert title_of(project) == "After" and not session.unsaved
    session.close()
    assert not session.working_copy.exists()


def test_a_session_opened_on_one_thread_can_be_used_and_closed_on_another(project):
    """The window opens big projects on a worker thread; its locks and store must not belong to that thread."""
    opened = []
    worker = threading.Thread(target=lambda: opened.append(ProjectSession.open(project)))
    worker.start()
    worker.join()
    session = opened[0]
    assert session.store.project_info().title == "Before"
    with pytest.raises(ProjectLocked):
        ProjectSession.open(project)
    session.close()
    again = ProjectSession.open(project)  # the writer lock went with the session
    again.close()
    assert not session.working_copy.exists() and recoverable_sessions() == []


def test_save_as_writes_a_complete_copy_and_moves_the_lock(project, tmp_path):
    session = ProjectSession.open(project)
    session.store.set_title("Copy", "Ana")
    session.save_as(tmp_path / "copy")
    assert session.project_path == (tmp_path / "copy.qwb").resolve()
    assert title_of(tmp_path / "copy.qwb") == "Copy" and title_of(project) == "Before"
    ProjectSession.open(project).close()  # the old file is free again
    with pytest.raises(ProjectLocked):
        ProjectSession.open(tmp_path / "copy.qwb")
    session.close()


def test_a_project_open_elsewhere_is_refused_for_writing_but_can_be_read(project):
    session = ProjectSession.open(project)
    with pytest.raises(ProjectLocked, match="open for writing elsewhere"):
        ProjectSession.open(project)
    reader = ProjectSession.open(project, read_only=True)
    assert reader.store.project_info().title == "Before"
    reader.close()
    session.close()


CRASHING_EDITOR = textwrap.dedent("""
    import os, sys
    from workbench.services.session import ProjectSession
    session = ProjectSession.open(sys.argv[1])
    session.store.set_title("Unsaved work", "Ana")
    session.set_unsaved(True)
    os._exit(1)  # a crash: nothing is closed or saved
""")


def test_unsaved_work_of_a_crashed_session_is_recovered_exactly(project):
    subprocess.run([sys.executable, "-c", CRASHING_EDITOR, str(project)], check=False)
    leftover, = recoverable_sessions()
    assert leftover.project_path == project.resolve()
    assert title_of(project) == "Before"
    session = ProjectSession.recover(leftover)
    assert session.unsaved and session.store.project_info().title == "Unsaved work"
    session.save()
    session.close()
    assert title_of(project) == "Unsaved work"
    assert recoverable_sessions() == []


def test_discarded_recovery_leaves_nothing_behind(project):
    subprocess.run([sys.executable, "-c", CRASHING_EDITOR, str(project)], check=False)
    leftover, = recoverable_sessions()
    discard_recoverable(leftover)
    assert recoverable_sessions() == [] and not leftover.working_copy.exists()


def test_a_cleanly_closed_session_offers_nothing(project):
    session = ProjectSession.open(project)
    session.close()
    assert recoverable_sessions() == []
