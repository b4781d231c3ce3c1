"""An unexpected error in a subcommand: one sentence on stderr naming the log, exit 1, the traceback in the log."""

from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys

import pytest

from tests.cli.helpers import cli
from workbench.cli import common
from workbench.logs import LOG_NAME, log_folder


@pytest.fixture(autouse=True)
def log_handlers_removed_after():
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers[:]:
        if handler not in before:
            handler.close()
            logging.getLogger().removeHandler(handler)


def _broken(args):
    return {}["a key that is not there"]


def test_a_bug_gives_one_sentence_the_log_and_exit_1(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(common.COMMANDS, "articles", common.Command(_broken, "broken", lambda p: p.add_argument("x")))
    code, out, err = cli(capsys, "articles", tmp_path / "p.qwb")
    log = log_folder() / LOG_NAME
    assert code == 1 and out == ""
    assert err == (
        "quote-workbench: something went wrong inside Quote Workbench (KeyError); anything already saved is "
        f"safe. The details are in {log}.\n"
    )
    assert "Traceback" not in err
    written = log.read_text(encoding="utf-8")
    assert "unexpected error in quote-workbench articles" in written
    assert "Traceback (most recent call last)" in written and "a key that is not there" in written


def test_the_log_folder_is_the_users_log_folder_unless_moved(monkeypatch):
    import platformdirs
    monkeypatch.delenv("QUOTE_WORKBENCH_DATA_DIR", raising=False)
    monkeypatch.delenv("QUOTE_WORKBENCH_LOG_DIR", raising=False)
    assert str(log_folder()) == platformdirs.user_log_dir("quote-workbench", appauthor=False)


def test_an_unwritable_log_folder_still_gives_one_sentence(monkeypatch, capsys, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("QUOTE_WORKBENCH_LOG_DIR", str(blocker / "logs"))
    monkeypatch.setitem(common.COMMANDS, "articles", common.Command(_broken, "broken", lambda p: p.add_argument("x")))
    code, _, err = cli(capsys, "articles", tmp_path / "p.qwb")
    assert code == 1
    assert err.endswith("The details could not be written to a log.\n") and "Traceback" not in err


def test_usage_errors_keep_exit_2_and_refusals_exit_1(capsys, tmp_path):
    with pytest.raises(SystemExit) as usage:
        cli(capsys, "set")
    assert usage.value.code == 2
    code, _, err = cli(capsys, "quotes", tmp_path / "missing.qwb")
    assert code == 1 and "Traceback" not in err


def test_as_a_real_process_nothing_but_the_sentence_reaches_the_terminal(tmp_path):
    script = (
        "import sys; from workbench.cli import common; from workbench.app import main\n"
        "common.COMMANDS['articles'] = common.Command(lambda a: 1 / 0, 'x', lambda p: p.add_argument('x'))\n"
        "sys.exit(main(['quote-workbench', 'articles', 'p.qwb']))\n"
    )
    env = {**os.environ, "QUOTE_WORKBENCH_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "(ZeroDivisionError)" in done.stderr and "Traceback" not in done.stderr
    assert "ZeroDivisionError: division by zero" in (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
