"""Issue #14 item 11: two command-line writers take turns; a writer kept out is told who holds the project."""

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.cli.helpers import cli
from workbench.persistence.locking import ProjectLock

REPO = Path(__file__).resolve().parents[2]


def load_trials():
    spec = importlib.util.spec_from_file_location("lock_trials", REPO / "benchmarks" / "lock_trials.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_writers_400_edits_none_refused(tmp_path, capsys, sample_article):
    project = tmp_path / "p.qwb"
    assert cli(capsys, "new", project)[0] == 0
    assert cli(capsys, "import", project, sample_article)[0] == 0
    result = load_trials().trial(str(project), 200)
    print("lock trials:", {k: v for k, v in result.items() if k != "writers"}, result["writers"])
    assert result["edits"] == 400
    assert result["refused"] == 0 and result["failed"] == 0
    assert result["note_changes_in_audit_log"] == 400  # every edit reached the file and its audit log


def test_a_writer_kept_out_waits_then_names_the_holder(tmp_path, capsys, monkeypatch):
    project = tmp_path / "p.qwb"
    assert cli(capsys, "new", project)[0] == 0
    monkeypatch.setenv("QUOTE_WORKBENCH_LOCK_WAIT", "0.6")
    before = project.read_bytes()
    with ProjectLock(project):
        start = time.monotonic()
        code, _, err = cli(capsys, "article", project, 1, "--title", "x")
        waited = time.monotonic() - start
    assert code == 1 and waited >= 0.6
    assert "open for writing elsewhere, by" in err and f"process {os.getpid()}" in err and "waited 0.6 s" in err
    assert re.search(r"since \d\d:\d\d UTC", err)
    assert project.read_bytes() == before
    assert not (tmp_path / ".p.qwb.holder").exists()  # released with the lock


def test_a_writer_gets_the_lock_once_it_is_let_go(tmp_path, capsys, sample_article):
    project = tmp_path / "p.qwb"
    assert cli(capsys, "new", project)[0] == 0
    assert cli(capsys, "import", project, sample_article)[0] == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from workbench.persistence.locking import ProjectLock\n"
        f"lock = ProjectLock({str(project)!r}).acquire(); print('held', flush=True); time.sleep(1.0); lock.release()")],
        stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert holder.stdout.readline().strip() == "held"
    code, out, err = cli(capsys, "set", project, 1, "--status", "verified")
    holder.wait()
    assert code == 0, err
