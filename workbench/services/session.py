"""An open project in the window: a working copy that journals every edit.

The window never edits the user's project file directly. Opening copies it to a
working file in the recovery folder; every edit is a committed SQLite
transaction on that copy, so an edit survives a crash or power cut; Save writes
the working copy over the project file atomically (see
``atomic_copy_database``). A session that ended without closing leaves its
working copy and a small JSON journal behind, which the next start offers to
recover.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import filelock

from workbench.domain.errors import ProjectDamaged, ProjectWriteFailed, Remedy
from workbench.persistence.locking import ProjectLock
from workbench.persistence.migrations import keep_original_before_upgrade, needs_upgrade
from workbench.persistence.project_file import (
    SUFFIX,
    atomic_copy_database,
    check_project_file,
    roll_back_interrupted_write,
)
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.paths import recovery_dir


@dataclass(frozen=True)
class RecoverableSession:
    """Unsaved work left by a session that did not close normally."""

    journal: Path
    working_copy: Path
    project_path: Path | None
    title: str
    last_change: str


class ProjectSession:
    """One open project: its file (None while untitled), its working copy and its store."""

    def __init__(self, project_path: Path | None, working_copy: Path, *, title: str | None = None,
                 project_lock: ProjectLock | None, read_only: bool = False) -> None:
        self.project_path = project_path
        self.working_copy = working_copy
        self.read_only = read_only
        self._project_lock = project_lock
        self._journal = working_copy.with_suffix(".json")
        self.upgrade_note: str | None = None  # set by open() when an older file format was upgraded
        self.store, self.damage = _open_checked(working_copy)
        if self.damage:  # shown, never written: the window offers Rescue (services/rescue.py)
            self.read_only = True
            if project_lock:
                project_lock.release()
                self._project_lock = None
        # Held by the session, not by a thread: it may be opened on a worker thread and closed on another.
        self._alive = filelock.FileLock(str(working_copy.with_suffix(".lock")), timeout=0, thread_local=False)
        self._alive.acquire()
        self._unsaved = False
        self._title = title if title is not None else self.store.project_info().title
        self._write_journal()

    # --- opening ----------------------------------------------------------------------

    @classmethod
    def new(cls, *, title: str = "Untitled project", analyst: str | None = None) -> "ProjectSession":
        working = _new_working_path()
        ProjectStore.create(working, title=title, analyst=analyst).close()
        return cls(None, working, title=title, project_lock=None)

    @classmethod
    def open(cls, path: str | os.PathLike, *, read_only: bool = False) -> "ProjectSession":
        """Open a project file for editing (or, with read_only, for reading: no lock is taken)."""
        path = Path(path).resolve()
        roll_back_interrupted_write(path)
        check_project_file(path)
        lock = None if read_only else ProjectLock(path).acquire()
        working = _new_working_path()
        try:
            note = None
            if not read_only and needs_upgrade(path):
                # The working copy is upgraded; the original is kept beside the project before Save replaces it.
                note = keep_original_before_upgrade(path)
            shutil.copyfile(path, working)
            session = cls(path, working, project_lock=lock, read_only=read_only)
            session.upgrade_note = note
            return session
        except BaseException:
            working.unlink(missing_ok=True)
            if lock:
                lock.release()
            raise

    @classmethod
    def recover(cls, recoverable: RecoverableSession) -> "ProjectSession":
        """Reopen unsaved work; the result has unsaved changes until it is saved."""
        lock = ProjectLock(recoverable.project_path).acquire() if recoverable.project_path else None
        session = cls(recoverable.project_path, recoverable.working_copy,
                      title=recoverable.title, project_lock=lock)
        session.set_unsaved(True)
        return session

    # --- state ------------------------------------------------------------------------

    @property
    def display_name(self) -> str:
        return self.project_path.name if self.project_path else self._title

    @property
    def recent_location(self) -> str | None:
        """What the recent-projects list keeps (None: an untitled project)."""
        return str(self.project_path) if self.project_path else None

    @property
    def unsaved(self) -> bool:
        return self._unsaved

    def set_unsaved(self, unsaved: bool) -> None:
        if unsaved != self._unsaved:
            self._unsaved = unsaved
            self._write_journal()

    # --- saving -----------------------------------------------------------------------

    def save(self) -> None:
        if self.project_path is None:
            raise ProjectWriteFailed("This project has no file yet.", Remedy.SAVE_AS)
        if self.damage:
            raise ProjectWriteFailed(
                f"“{self.project_path.name}” is damaged and open read-only; nothing was written to it. "
                "Open it again and choose Rescue to copy what can be read into a new project.")
        if self.read_only:
            raise ProjectWriteFailed(
                f"“{self.project_path.name}” is open for review only; nothing was written to it.", Remedy.SAVE_AS)
        atomic_copy_database(self.working_copy, self.project_path)
        self.set_unsaved(False)

    def save_as(self, path: str | os.PathLike) -> None:
        path = Path(path)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        path = path.resolve()
        if path != self.project_path:
            new_lock = ProjectLock(path).acquire()
            try:
                atomic_copy_database(self.working_copy, path)
            except BaseException:
                new_lock.release()
                raise
            if self._project_lock:
                self._project_lock.release()
            self._project_lock = new_lock
            self.project_path = path
            self.read_only = False
        else:
            atomic_copy_database(self.working_copy, path)
        self.set_unsaved(False)

    def close(self) -> None:
        """End the session; its working copy is discarded (save first to keep changes)."""
        self.store.close()
        if self._project_lock:
            self._project_lock.release()
        for leftover in (self.working_copy, self._journal):
            leftover.unlink(missing_ok=True)
        self._alive.release()
        Path(self._alive.lock_file).unlink(missing_ok=True)

    def _write_journal(self) -> None:
        record = {
            "project_path": str(self.project_path) if self.project_path else None,
            "title": self._title,
            "unsaved": self._unsaved,
            "last_change": now_iso(),
        }
        tmp = self._journal.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, self._journal)


def recoverable_sessions() -> list[RecoverableSession]:
    """Unsaved work whose session is gone (its lock is free): offer it at start-up."""
    found = []
    for journal in sorted(recovery_dir().glob("*.json")):
        working = journal.with_suffix(".qwb")
        alive = filelock.FileLock(str(journal.with_suffix(".lock")), timeout=0)
        try:
            alive.acquire()
        except filelock.Timeout:
            continue  # still open in a running window
        alive.release()
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not working.exists():
            journal.unlink(missing_ok=True)
            continue
        if not record.get("unsaved"):
            discard_recoverable(RecoverableSession(journal, working, None, "", ""))
            continue
        project = record.get("project_path")
        found.append(RecoverableSession(journal, working, Path(project) if project else None,
                                        record.get("title", ""), record.get("last_change", "")))
    return found


def discard_recoverable(recoverable: RecoverableSession) -> None:
    for leftover in (recoverable.working_copy, recoverable.journal, recoverable.journal.with_suffix(".lock")):
        leftover.unlink(missing_ok=True)


def _open_checked(working_copy: Path) -> tuple[ProjectStore, str | None]:
    """The working copy's store after SQLite's full integrity check (before any edit can write).

    A damaged copy is opened read-only instead (bad UTF-8 shows as U+FFFD), with what was found.
    """
    try:
        store = ProjectStore(working_copy, backup_on_upgrade=False)
    except ProjectDamaged as err:
        damage = err.detail or "the quick check failed"
    else:
        damage = store.check_integrity()
        if damage is None:
            return store, None
        store.close()
    store = ProjectStore(working_copy, read_only=True)
    store.damage = store.damage or damage
    return store, store.damage


def _new_working_path() -> Path:
    return recovery_dir() / f"{uuid.uuid4().hex}{SUFFIX}"
