"""The core stays importable and usable without Qt; the import contracts in pyproject.toml hold."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CORE_WITHOUT_QT = textwrap.dedent("""
    import sys
    sys.modules["PySide6"] = None  # any Qt import now fails
    import workbench.cli.main, workbench.services.project, workbench.services.session
    import workbench.services.evaluation, workbench.services.importing, workbench.domain.detection
    from workbench.domain.detection import detect_quotes
    quotes = detect_quotes("Title\\n\\n“We will win,” Jane Doe said.")
    assert quotes and quotes[0].speaker_name == "Jane Doe", quotes
    print("core ok")
""")


def test_core_runs_with_qt_unavailable():
    done = subprocess.run([sys.executable, "-c", CORE_WITHOUT_QT], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "core ok"


def test_import_contracts_hold():
    linter = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(linter).exists():
        pytest.fail("lint-imports is not installed; install the test extra")
    done = subprocess.run([linter], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
