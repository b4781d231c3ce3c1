"""Opening a colleague's project file to read it, without ever changing it.

The file is opened through a percent-quoted SQLite URI with ``mode=ro&immutable=1``:
SQLite then takes no lock, reads no journal, writes no journal and creates no
``-wal``/``-shm`` file, so the file's bytes and its folder stay exactly as they were.
A bare ``file:{path}?mode=ro`` would read a ``?``, ``#`` or ``%`` in the name as URI
syntax and open another file; hence ``urllib.parse.quote``.

``immutable`` promises SQLite that nobody writes the file while it is read, so that
promise is checked rather than assumed (docs/compare.md, "Their file"):

- a rollback journal or write-ahead log beside the file means a writer is half-way
  through a transaction (or was killed in it): the file alone is torn and only a
  write could put it right, so it is refused in words;
- a held project lock alone is fine: a window saves by renaming a complete file over
  the old one, and our single open file handle keeps reading the old one;
- the file's identity (inode, size, modification time) is taken before the read
  and checked again when the caller has read everything (``check_unchanged``): a
  write in between (a command-line edit) is refused, so what was read is one
  consistent snapshot or nothing.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from workbench.domain.errors import ProjectBusy
from workbench.persistence.project_file import check_project_file
from workbench.persistence.store import ProjectStore, _configure_connection


def immutable_uri(path: str | os.PathLike) -> str:
    """The SQLite URI that opens ``path`` read-only and immutable, whatever characters its name holds."""
    absolute = Path(os.path.abspath(os.fspath(path))).as_posix()
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # a Windows drive path: file:///C:/… is how SQLite wants it
    return "file:" + urllib.parse.quote(absolute) + "?mode=ro&immutable=1"


@dataclass(frozen=True)
class _Identity:
    inode: int
    size: int
    mtime_ns: int


def _identity(path: Path) -> _Identity:
    stat = path.stat()
    return _Identity(stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _writer_traces(path: Path) -> list[str]:
    """The names of the non-empty journal files beside ``path`` that a writer in mid-transaction leaves."""
    found = []
    for suffix in ("-journal", "-wal"):
        side = path.with_name(path.name + suffix)
        try:
            if side.stat().st_size > 0:
                found.append(side.name)
        except OSError:
            pass
    return found


def _refuse_busy(path: Path) -> ProjectBusy:
    return ProjectBusy(
        f"“{path.name}” is being written by another program right now (a Quote Workbench command or window); "
        "nothing was changed: try again once it has finished, or ask for a copy saved from the window.")


class ReadOnlyStore(ProjectStore):
    """A ProjectStore on a file opened immutable: reads work, every write is refused.

    One SQLite connection (a ``StaticPool``) for the store's whole life, so every read
    goes through one open file handle. Not thread-safe, like every store.
    """

    def __init__(self, path: str | os.PathLike) -> None:  # noqa: D107 (a different opener, same reads)
        self.path = Path(path)
        self.read_only = True
        if _writer_traces(self.path):
            check_project_file(self.path)  # a foreign file with a journal beside it is still "not a project"
            raise _refuse_busy(self.path)
        check_project_file(self.path)
        self._identity = _identity(self.path)
        uri = immutable_uri(self.path)
        self._engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True,
                                                                                  check_same_thread=False),
                                     poolclass=StaticPool)
        event.listen(self._engine, "connect", _configure_connection)
        event.listen(self._engine, "connect", _query_only)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._verify_readable()

    def check_unchanged(self) -> None:
        """Refuse what was read if the file was written (or replaced) since it was opened."""
        try:
            now = _identity(self.path)
        except OSError:
            now = None
        if now != self._identity or _writer_traces(self.path):
            raise ProjectBusy(
                f"“{self.path.name}” was changed by another program while it was being read; nothing was "
                "changed on your side: try again once your colleague has finished saving.")


def _query_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = 1")
    cursor.close()


def open_read_only(path: str | os.PathLike) -> ReadOnlyStore:
    """Open a project file for reading only; raise a UserFacingError for anything that is not one."""
    return ReadOnlyStore(path)
