"""One writer per project file: a lock file beside it, held while a window or command writes.

Beside the lock (``.NAME.qwb.lock``, an OS file lock released when its process dies) a small
``.NAME.qwb.holder`` JSON file says who holds it (user, host, pid, program, since), so that a
refusal can name them. A command-line writer waits a few seconds for the lock, with backoff,
before refusing: two scripts editing one project take turns instead of failing.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import filelock

from workbench.domain.errors import ProjectLocked

# How long a command-line writer waits for the lock; QUOTE_WORKBENCH_LOCK_WAIT (seconds) changes it.
CLI_LOCK_WAIT = 5.0


def cli_lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get("QUOTE_WORKBENCH_LOCK_WAIT", CLI_LOCK_WAIT)))
    except ValueError:
        return CLI_LOCK_WAIT


class ProjectLock:
    """An exclusive lock on a project file; released on close or process death.

    ``wait``: seconds to keep trying (first after 20 ms, doubling up to 0.4 s) before refusing.
    """

    def __init__(self, project_path: str | Path, *, wait: float = 0.0) -> None:
        path = Path(project_path)
        self._name = path.name
        self._wait = wait
        self._holder = path.with_name(f".{path.name}.holder")
        # Not thread-local: the window opens big projects on a worker thread and lets go of them on the GUI thread.
        self._lock = filelock.FileLock(str(path.with_name(f".{path.name}.lock")), timeout=0, thread_local=False)

    def acquire(self) -> "ProjectLock":
        deadline = time.monotonic() + self._wait
        pause = 0.02
        while True:
            try:
                self._lock.acquire()
            except filelock.Timeout:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ProjectLocked(self._refusal()) from None
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.4)
                continue
            except OSError:
                return self  # a read-only folder: no lock file can be made, and nobody can write there either
            self._write_holder()
            return self

    def release(self) -> None:
        if self._lock.is_locked:
            try:
                self._holder.unlink(missing_ok=True)
            except OSError:
                pass
            self._lock.release()

    def __enter__(self) -> "ProjectLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _write_holder(self) -> None:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "someone"
        record = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
                  "program": "command line" if sys.argv and "quote-workbench" in os.path.basename(sys.argv[0])
                  else "Quote Workbench",
                  "since": datetime.now(UTC).replace(microsecond=0).isoformat()}
        try:
            tmp = self._holder.with_name(self._holder.name + f".{os.getpid()}")
            tmp.write_text(json.dumps(record), encoding="utf-8")
            os.replace(tmp, self._holder)
        except OSError:
            pass  # the lock still works; a refusal just cannot name the holder

    def _refusal(self) -> str:
        waited = f" (waited {self._wait:g} s)" if self._wait else ""
        try:
            holder = json.loads(self._holder.read_text(encoding="utf-8"))
            who = (f"elsewhere, by {holder['user']} on {holder['host']} ({holder['program']}, process "
                   f"{holder['pid']}, since {holder['since'][11:16]} UTC)")
        except (OSError, ValueError, KeyError, TypeError):
            who = "elsewhere (another Quote Workbench window or command)"
        return (f"“{self._name}” is open for writing {who}{waited}; close it there first, "
                "or open it for review, which only reads it.")
