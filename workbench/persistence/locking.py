"""One writer per project file: a lock file beside it, held while a window or command writes."""

from __future__ import annotations

from pathlib import Path

import filelock

from workbench.domain.errors import ProjectLocked


class ProjectLock:
    """An exclusive, non-blocking lock on a project file; released on close or process death."""

    def __init__(self, project_path: str | Path) -> None:
        path = Path(project_path)
        self._name = path.name
        # Not thread-local: the window opens big projects on a worker thread and lets go of them on the GUI thread.
        self._lock = filelock.FileLock(str(path.with_name(f".{path.name}.lock")), timeout=0, thread_local=False)

    def acquire(self) -> "ProjectLock":
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise ProjectLocked(
                f"“{self._name}” is open for writing elsewhere (another Quote Workbench window or command); "
                "close it there first, or open it for review, which only reads it."
            ) from None
        except OSError:
            pass  # a read-only folder: no lock file can be made, and nobody can write there either
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> "ProjectLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
