"""Kill a writer at random moments: the project must always open with the previous or the new save."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.persistence.store import ProjectStore

TRIALS = int(os.environ.get("QWB_KILL_TRIALS", "30"))
WRITER = Path(__file__).with_name("save_writer.py")


def _run_and_kill(project: Path, mode: str, delay: float) -> tuple[int, int]:
    """Start a writer, kill it after ``delay`` s of saving; return (last saved n, last started n)."""
    process = subprocess.Popen([sys.executable, str(WRITER), str(project), mode],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while not any(line.startswith("saving") for line in lines):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the writer did not start: {process.stderr.read()}")
        time.sleep(0.01)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(5)
    saved = [int(l.split()[1]) for l in lines if l.startswith("saved")]
    started = [int(l.split()[1]) for l in lines if l.startswith("saving")]
    return (saved[-1] if saved else 0), (started[-1] if started else 0)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["session", "direct"])
def test_killed_saves_leave_the_previous_or_the_new_state(tmp_path, mode):
    project = tmp_path / "crash.qwb"
    ProjectStore.create(project, title="title 0").close()
    rng = random.Random(20261128)
    previous_title = "title 0"
    for trial in range(TRIALS):
        saved, started = _run_and_kill(project, mode, rng.uniform(0.0, 0.25))
        with ProjectStore(project, read_only=True) as store:  # rolls back a killed transaction, then checks
            title = store.project_info().title
        # each run starts again from 1; before its first completed save the file holds the last run's state
        allowed = {f"title {saved}", f"title {started}"} if saved else {previous_title, f"title {started}"}
        assert title in allowed, f"trial {trial}: file says {title!r}, expected one of {allowed}"
        previous_title = title
