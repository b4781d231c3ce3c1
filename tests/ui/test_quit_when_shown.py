"""QUOTE_WORKBENCH_QUIT_WHEN_SHOWN: `python -m workbench` (the frozen app's entry) quits once its window shows."""

import os
import subprocess
import sys

from tests.conftest import REPO, SAMPLE_ARTICLE


def test_the_app_quits_by_itself_once_its_window_is_shown(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_WORKBENCH_QUIT_WHEN_SHOWN="1",
               QUOTE_WORKBENCH_DATA_DIR=str(tmp_path / "data"), QUOTE_WORKBENCH_ANALYST="Test Analyst")
    done = subprocess.run([sys.executable, "-m", "workbench", str(SAMPLE_ARTICLE)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "window shown after" in done.stderr
    assert "Traceback" not in done.stderr
