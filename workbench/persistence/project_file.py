"""Recognising, creating and copying project files.

A project file is one SQLite database marked with ``PRAGMA application_id`` =
APPLICATION_ID and its format version in ``PRAGMA user_version``. Files are
identified from their header bytes before SQLite ever opens them, so that a
foreign, truncated or newer file is refused without being touched.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
import tempfile
import urllib.parse
from pathlib import Path

from workbench.domain.errors import NotAProjectFile, ProjectLocked, ProjectTooNew, ProjectWriteFailed, Remedy
from workbench.persistence.locking import ProjectLock

APPLICATION_ID = 0x51574231  # "QWB1"
FORMAT_VERSION = 7
SUFFIX = ".qwb"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


def special_file_kind(path: str | os.PathLike) -> str | None:
    """What ``path`` is when it exists but is neither a regular file nor a folder ("a named pipe",
    "a device", "a socket"); None otherwise. Uses stat only: opening a FIFO would block until a
    writer comes, and reading a device may never end."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def check_project_file(path: str | os.PathLike) -> None:
    """Raise a UserFacingError unless ``path`` is a project file this version can open.

    Reads only the header bytes; never writes.
    """
    path = Path(path)
    name = f"“{path.name}”"
    if not path.exists():
        raise NotAProjectFile(f"{name} does not exist. Check the name and folder.")
    if path.is_dir():
        raise NotAProjectFile(f"{name} is a folder, not a project file. Choose a {SUFFIX} file.")
    kind = special_file_kind(path)
    if kind:
        raise NotAProjectFile(f"{name} is {kind}, not a project file; choose a {SUFFIX} file saved on disk.")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(_HEADER_SIZE)
    except OSError as err:
        raise NotAProjectFile(f"{name} cannot be read ({err.strerror}). Check its permissions.") from None
    if size == 0:
        raise NotAProjectFile(f"{name} is empty, so it is not a Quote Workbench project. Open another file.")
    if not header.startswith(_SQLITE_MAGIC):
        raise NotAProjectFile(f"{name} is {_describe_foreign(header)}, not a Quote Workbench project.",
                              Remedy.IMPORT_ARTICLE)
    if len(header) < _HEADER_SIZE:
        raise NotAProjectFile(f"{name} is truncated (only {size} bytes); restore it from a backup copy.")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    user_version = struct.unpack(">i", header[60:64])[0]
    application_id = struct.unpack(">i", header[68:72])[0]
    if application_id != APPLICATION_ID:
        raise NotAProjectFile(
            f"{name} is a database of another application, not a Quote Workbench project; "
            "open a .qwb project file instead."
        )
    if page_count and size < page_count * page_size:
        raise NotAProjectFile(
            f"{name} is truncated (it should hold {page_count * page_size:,} bytes but has {size:,}); "
            "restore it from a backup copy."
        )
    if user_version > FORMAT_VERSION:
        raise ProjectTooNew(
            f"{name} was saved by a newer version of Quote Workbench (file format {user_version}; "
            f"this version reads up to format {FORMAT_VERSION}); update Quote Workbench to open it."
        )
    if user_version < 1:
        raise NotAProjectFile(f"{name} is damaged (no format version); restore it from a backup copy.")


def sqlite_uri(path: str | os.PathLike, mode: str = "rw", *, immutable: bool = False) -> str:
    """A ``file:`` URI for SQLite whose path is percent-quoted, so that ``?``, ``#``, ``%``, spaces or
    any other character of a file name reach SQLite as part of the name, never as URI syntax.

    ``mode``: ``ro``, ``rw`` (the file must exist) or ``rwc`` (create it). ``immutable`` (with ``ro``):
    SQLite takes no lock and reads or writes no journal, for a colleague's file (persistence/readonly.py).
    """
    absolute = Path(os.path.abspath(os.fspath(path))).as_posix()
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # a Windows drive path: file:///C:/… is how SQLite wants it
    return f"file:{urllib.parse.quote(absolute, safe='/')}?mode={mode}" + ("&immutable=1" if immutable else "")


def connect_sqlite(path: str | os.PathLike, mode: str = "rw", *, immutable: bool = False) -> sqlite3.Connection:
    """Open ``path`` with sqlite3 through ``sqlite_uri``; usable from any thread (one at a time)."""
    return sqlite3.connect(sqlite_uri(path, mode, immutable=immutable), uri=True, check_same_thread=False)


def is_project_file(path: str | os.PathLike) -> bool:
    """True when ``path`` is a regular file whose header marks it as a Quote Workbench project (any version).

    Reads only the first 100 bytes; never opens a FIFO or device (it would block or consume input).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as f:
            header = f.read(_HEADER_SIZE)
    except OSError:
        return False
    return (len(header) == _HEADER_SIZE and header.startswith(_SQLITE_MAGIC)
            and struct.unpack(">i", header[68:72])[0] == APPLICATION_ID)


def roll_back_interrupted_write(path: str | os.PathLike) -> None:
    """Finish what SQLite does on its next write: undo a transaction a killed writer left half done.

    A killed command leaves a "hot" rollback journal beside the project. A read-only
    connection cannot roll it back, and copying the file without it would copy a torn
    database; so before reading or copying, let a brief read-write connection restore
    the last committed state. Only our own project files are touched, and only while
    nobody holds the writer lock.
    """
    path = Path(path)
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0 or special_file_kind(path) or special_file_kind(journal):
        return
    try:
        with path.open("rb") as f:
            header = f.read(_HEADER_SIZE)
    except OSError:
        return
    if len(header) < _HEADER_SIZE or struct.unpack(">i", header[68:72])[0] != APPLICATION_ID:
        return
    lock = ProjectLock(path)
    try:
        lock.acquire()
    except ProjectLocked:
        return  # a live writer owns the journal
    try:
        connection = connect_sqlite(path, "rw")
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # check_project_file and the store report what is wrong in words
    finally:
        lock.release()


def _describe_foreign(header: bytes) -> str:
    signatures = {
        b"%PDF": "a PDF document",
        b"PK\x03\x04": "a zip archive or Word/Office document",
        b"\x89PNG": "a PNG image",
        b"\xff\xd8\xff": "a JPEG image",
        b"GIF8": "a GIF image",
    }
    for magic, description in signatures.items():
        if header.startswith(magic):
            return description
    if b"\x00" in header:
        return "a binary file"
    head = header.lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "a web page"
    return "a text file"


def atomic_copy_database(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """Write a complete copy of the SQLite database ``source`` to ``target`` atomically.

    The copy goes to a temporary file in the target's folder, is flushed to disk, and
    replaces ``target`` in one rename: a crash at any moment leaves either the old or
    the new file, never a mixture.
    """
    target = Path(target)
    for stale in target.parent.glob(f".{target.name}.*.saving"):  # left by a save that was killed
        _remove_quietly(str(stale))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".saving", dir=target.parent)
    except OSError as err:
        raise ProjectWriteFailed(f"Cannot save in “{target.parent}” ({err.strerror}).", Remedy.SAVE_AS) from None
    os.close(fd)
    try:
        _give_mode(tmp_name, target)
        src = connect_sqlite(source, "ro")
        dst = connect_sqlite(tmp_name, "rw")
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with open(tmp_name, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
        _fsync_directory(target.parent)
    except (OSError, sqlite3.Error) as err:
        _remove_quietly(tmp_name)
        reason = getattr(err, "strerror", None) or str(err)
        raise ProjectWriteFailed(f"“{target.name}” could not be saved ({reason}); your work is still open.",
                                 Remedy.SAVE_AS) from None
    except BaseException:
        _remove_quietly(tmp_name)
        raise


def new_file_mode() -> int:
    """The mode a new file gets from the user's umask (0o666 & ~umask), as an editor would make it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _give_mode(tmp_name: str, target: Path) -> None:
    """The saved file keeps the mode (and, where allowed, the group) of the file it replaces; a new
    file honours the umask. mkstemp's 0600 would lock a reviewer out of a shared folder."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        os.chmod(tmp_name, new_file_mode())
        return
    os.chmod(tmp_name, stat.S_IMODE(old.st_mode))
    try:
        os.chown(tmp_name, -1, old.st_gid)
    except OSError:
        pass  # not a member of that group: the mode is kept, the group is the user's


def _fsync_directory(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
