"""Issue #14 item 10: errors on output are one sentence, never a traceback; a saved change exits 0."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.helpers import cli

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QW = [sys.executable, "-m", "workbench"]


@pytest.fixture
def project(tmp_path, capsys, sample_article):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path)[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    return path


def to_dev_full(*args):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        return subprocess.run([*QW, *map(str, args)], stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO)


def test_quotes_to_a_full_disk_is_one_sentence(project):
    done = to_dev_full("quotes", project, "--json")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr.strip() == ("quote-workbench: the output could not be written (No space left on device); "
                                   "nothing was changed.")


def test_set_json_that_saved_exits_0_and_says_so(project, capsys):
    done = to_dev_full("set", project, 1, "--status", "verified", "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "was saved, but the output could not be written" in done.stderr
    code, out, _ = cli(capsys, "quotes", project, "--json")
    assert json.loads(out)[0]["status"] == "verified"


def test_a_reader_that_goes_away_gives_no_traceback(project, capsys):
    for _ in range(3):  # enough output to outlast the pipe's buffer
        cli(capsys, "import", project, os.path.join(REPO, "resources", "samples", "bbc-ukraine-blinken.txt"))
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run([*QW, "articles", str(project), "--json"], stdout=reader.stdin, stderr=subprocess.PIPE,
                          text=True, cwd=REPO)
    reader.stdin.close()
    reader.wait()
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    big = subprocess.run(f"{sys.executable} -m workbench quotes '{project}' --json | head -c 10 >/dev/null; "
                         "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True,
                         cwd=REPO)
    assert big.stdout.strip() in ("0", "1") and "Traceback" not in big.stderr and not big.stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs: too small for a project. Needs root (mount); skipped otherwise."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_new_on_a_full_disk_is_one_sentence_and_leaves_no_file(tiny_disk, capsys):
    code, out, err = cli(capsys, "new", tiny_disk / "p.qwb")
    assert code == 1 and err.strip() == ("quote-workbench: The disk is full, so “p.qwb” was not created; "
                                         "free some space or choose another folder.")
    assert os.listdir(tiny_disk) == []
    code, out, err = cli(capsys, "new", tiny_disk / "p.qwb")  # not blocked by a 0-byte leftover
    assert "already exists" not in err
