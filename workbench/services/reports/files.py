"""Reading a project file into a report, and writing a report file whole or not at all."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Iterable
from pathlib import Path

from workbench.domain.errors import UserFacingError
from workbench.domain.progress import CancelledFn, ProgressFn, never_cancelled
from workbench.persistence.project_file import is_project_file
from workbench.persistence.store import ProjectStore
from workbench.services.reports.data import ReportData, ReportOptions, build_report_data


class ReportWriteFailed(UserFacingError):
    """The report file could not be written (folder missing or read-only, disk full...)."""


def build_report_from_file(path: str | os.PathLike, options: ReportOptions = ReportOptions(), *,
                           progress: ProgressFn | None = None,
                           cancelled: CancelledFn = never_cancelled) -> ReportData:
    """Open ``path`` read-only with a store of its own and read the report from it.

    Runs off the GUI thread in the window (a store belongs to one thread, so the
    worker opens its own); touches no Qt object.
    """
    with ProjectStore(path, read_only=True) as store:
        return build_report_data(store, options, progress=progress, cancelled=cancelled)


def check_report_target(path: str | os.PathLike, *, protect: Iterable[str | os.PathLike | None] = ()) -> None:
    """Refuse, in one sentence, a report path that cannot or must not be written, before any work is done.

    A report never replaces a project: not the open one (``protect``: the project file and the
    working copy; compared with ``samefile``, so symlinks and hard links are seen through), not any
    other project file (recognised by its header), nor a project's rollback journal. Nor does it
    replace anything that is not a regular file (a device such as /dev/stdout, a FIFO, a socket):
    renaming a file over it would destroy it. Used by the CLI and the window's export dialog alike.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise ReportWriteFailed(f"“{path}” is a folder; give a file name to write the report to.")
    if not folder.is_dir():
        raise ReportWriteFailed(f"The folder “{folder}” does not exist; create it or choose another.")
    real = Path(os.path.realpath(path))
    for system in _SYSTEM_FOLDERS:
        if path.absolute().is_relative_to(system) or real.is_relative_to(system):
            raise ReportWriteFailed(
                f"“{path}” is a device or system file, not an ordinary file; a report is written only to "
                "a file, so give a file name, or - for standard output.")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise ReportWriteFailed(f"“{path}” cannot be checked ({err.strerror}); choose another file name.") from None
    if mode is not None:
        if not stat.S_ISREG(mode):
            raise ReportWriteFailed(
                f"“{path}” is not an ordinary file (it is {_kind(mode)}); a report is written only to a "
                "file, so give a file name, or - for standard output.")
        for protected in protect:
            if protected is not None and _same_file(path, protected):
                raise ReportWriteFailed(
                    f"“{path}” is the open project itself; a report never replaces its project, "
                    "so choose another name for the report.")
        if is_project_file(path):
            raise ReportWriteFailed(
                f"“{path}” is a Quote Workbench project; a report never replaces a project, "
                "so choose another name for the report.")
    for companion in ("-journal", "-wal"):
        if path.name.endswith(companion) and is_project_file(path.with_name(path.name[: -len(companion)])):
            raise ReportWriteFailed(
                f"“{path}” holds unfinished changes of a project; choose another name for the report.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportWriteFailed(f"The folder “{folder}” is not writable; choose another folder for the report.")


# /dev/stdout is a symlink into /proc: stat() sees whatever stdout is (a regular file when redirected),
# and renaming a report over the link would replace the link itself.
_SYSTEM_FOLDERS = (Path("/dev"), Path("/proc"), Path("/sys"))


def _same_file(a: Path, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_report(path: str | os.PathLike, content: bytes, *,
                 protect: Iterable[str | os.PathLike | None] = ()) -> None:
    """Write the whole report or nothing: a temporary file beside it, renamed over it.

    Checks the target again just before writing (see ``check_report_target``): the file
    chosen may have changed since the command or dialog started.
    """
    check_report_target(path, protect=protect)
    path = Path(os.path.realpath(path))  # through a symlink to an ordinary file: write the file, keep the link
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, unlike mkstemp
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as err:
        raise ReportWriteFailed(
            f"Cannot write “{path.name}” ({err.strerror or err}); choose another folder.") from None
