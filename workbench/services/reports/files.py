"""Reading a project file into a report, and writing a report file whole or not at all."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from workbench.domain.errors import UserFacingError
from workbench.domain.progress import CancelledFn, ProgressFn, never_cancelled
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


def check_report_target(path: str | os.PathLike) -> None:
    """Refuse, in one sentence, a report path that cannot be written, before any work is done."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise ReportWriteFailed(f"“{path}” is a folder; give a file name to write the report to.")
    if not folder.is_dir():
        raise ReportWriteFailed(f"The folder “{folder}” does not exist; create it or choose another.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportWriteFailed(f"The folder “{folder}” is not writable; choose another folder for the report.")


def write_report(path: str | os.PathLike, content: bytes) -> None:
    """Write the whole report or nothing: a temporary file beside it, renamed over it."""
    path = Path(path)
    check_report_target(path)
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
