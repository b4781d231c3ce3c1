"""`import` says where it has got to on stderr: a line per stage in a log, one updating line on a terminal."""

from __future__ import annotations

import io

from tests.cli.helpers import cli
from workbench.cli.common import StageProgress
from workbench.domain.progress import Stage


def test_import_prints_a_line_per_stage_when_stderr_is_not_a_terminal(tmp_path, capsys, sample_article):
    project = tmp_path / "desk.qwb"
    assert cli(capsys, "new", project)[0] == 0
    second = tmp_path / "second.txt"
    second.write_text("Port strike ends\n\n“We are going back to work,” the union leader, Ana Silva, said.\n",
                      encoding="utf-8")
    code, out, err = cli(capsys, "import", project, sample_article, second)
    assert code == 0
    name = sample_article.name
    assert [line.split(": ", 1)[1] for line in err.splitlines()] == [
        "reading the file", "cleaning the text", "finding quotes", "dating the quotes", "saving"] * 2
    assert err.splitlines()[0].startswith("[1/2] ") and err.splitlines()[5].startswith("[2/2] ")
    assert "2 added" in out  # stdout keeps only the result


def test_a_refused_file_stops_after_its_reading_stage(tmp_path, capsys):
    project = tmp_path / "desk.qwb"
    assert cli(capsys, "new", project)[0] == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = cli(capsys, "import", project, empty)
    assert code == 1
    assert err.splitlines() == [f"{empty}: reading the file"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_one_line_is_redrawn_with_the_detection_percentage():
    terminal = _Terminal()
    shown = StageProgress(1, stream=terminal)
    shown.start(1, "long.txt")
    shown.stage(Stage.READING)
    shown.stage(Stage.DETECTING)
    shown.progress(50, 200)
    shown.progress(200, 200)
    shown.stage(Stage.SAVING)
    shown.finish()
    written = terminal.getvalue()
    assert "\n" not in written  # one line, redrawn
    frames = [frame.rstrip() for frame in written.split("\r") if frame.strip()]
    assert frames == ["long.txt: reading the file", "long.txt: finding quotes", "long.txt: finding quotes 25%",
                      "long.txt: finding quotes 100%", "long.txt: saving"]
    assert written.endswith("\r")  # the line is wiped at the end, leaving the terminal clean
