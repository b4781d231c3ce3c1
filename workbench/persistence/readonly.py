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
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.errors import ProjectBusy
from workbench.persistence.project_file import check_project_file, sqlite_uri
from workbench.persistence.store import ProjectStore


def immutable_uri(path: str | os.PathLike) -> str:
    """The SQLite URI that opens ``path`` read-only and immutable, whatever characters its name holds."""
    return sqlite_uri(path, "ro", immutable=True)


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
    goes through one open file handle. A file in an older format is upgraded in a
    temporary copy, never in place. Not thread-safe, like every store.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        path = Path(path)
        check_project_file(path)  # a foreign file with a journal beside it is still "not a project"
        if _writer_traces(path):
            raise _refuse_busy(path)
        self._identity = _identity(path)
        super().__init__(path, read_only=True, _immutable=True)

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


def open_read_only(path: str | os.PathLike) -> ReadOnlyStore:
    """Open a project file for reading only; raise a UserFacingError for anything that is not one."""
    return ReadOnlyStore(path)
