"""Issue #14 item 5 (FIFOs and other non-regular files refused before opening) and item 12 (detect goes on)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.cli.helpers import cli

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_cli(*args, timeout=20):
    """In a fresh process with a deadline: a FIFO that is opened blocks forever, which must fail the test."""
    code = textwrap.dedent(f"""
        import sys
        from workbench.app import main
        sys.exit(main(["quote-workbench", *{list(map(str, args))!r}]))
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=timeout)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def project(tmp_path, capsys):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path)[0] == 0
    return path


@pytest.mark.parametrize("command", ["detect", "extract"])
def test_a_fifo_article_is_refused_without_blocking(fifo, command):
    done = run_cli(command, fifo)
    assert done.returncode == 1 and "is a named pipe, not an article file" in done.stderr
    assert "Traceback" not in done.stderr


def test_importing_a_fifo_is_refused_without_blocking(fifo, project):
    done = run_cli("import", project, fifo)
    assert done.returncode == 1 and "refused" in done.stdout and "named pipe" in done.stdout


def test_a_device_as_an_article_is_refused(project):
    done = run_cli("detect", "/dev/zero")
    assert done.returncode == 1 and "is a device" in done.stderr


@pytest.mark.parametrize("command", [("quotes",), ("articles",), ("set", 1, "--status", "verified"),
                                     ("report", "-o", "out.html"), ("signoff", "--approved", "--reviewer", "R"),
                                     ("rescue", "-o", "new.qwb")])
def test_a_fifo_as_a_project_is_refused_without_blocking(tmp_path, command):
    pipe = tmp_path / "pipe.qwb"
    os.mkfifo(pipe)
    args = [command[0], pipe, *command[1:]]
    done = run_cli(*[tmp_path / a if a in ("out.html", "new.qwb") else a for a in args])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "named pipe" in done.stderr or "not a Quote Workbench project" in done.stderr
    assert sorted(os.listdir(tmp_path)) == ["pipe.qwb"]


def test_the_window_open_path_refuses_a_fifo(tmp_path):
    """ProjectSession.open is what the window calls; run in a process of its own so that a block fails."""
    pipe = tmp_path / "pipe.qwb"
    os.mkfifo(pipe)
    code = textwrap.dedent(f"""
        from workbench.domain.errors import NotAProjectFile
        from workbench.services.session import ProjectSession
        try:
            ProjectSession.open({str(pipe)!r})
        except NotAProjectFile as err:
            print(err.message)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=20,
                          env={**os.environ, "QUOTE_WORKBENCH_DATA_DIR": str(tmp_path / "data")})
    assert "is a named pipe, not a project file" in done.stdout, done.stderr


def test_detect_reports_a_refused_file_and_goes_on(sample_article, tmp_path, capsys, fifo):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    other = tmp_path / "other.txt"
    other.write_text("Budget vote delayed\n\n“We need more time,” Mayor Ana Lopez said on Tuesday.\n")
    code, out, err = cli(capsys, "detect", sample_article, empty, tmp_path / "missing.txt", fifo, other, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [line["path"] for line in lines] == [str(sample_article), str(other)]
    assert "empty.txt" in err and "missing.txt" in err and "named pipe" in err
    assert "3 of 5 files refused" in err
    code, out, err = cli(capsys, "detect", sample_article, empty)
    assert code == 1 and "== " in out and "15 quotes" in out and "empty" in err
