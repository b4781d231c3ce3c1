"""Composition root: `quote-workbench` with a subcommand runs the CLI; otherwise it opens the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from workbench.cli.common import COMMANDS, default_analyst
from workbench.cli.main import run


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; ``argv`` is like ``sys.argv`` (program name first). Returns the exit code.

    Reuses a QApplication that already exists, so scripts and tests can drive the real window.
    """
    args = list(sys.argv if argv is None else argv)[1:]
    if args and (args[0] in COMMANDS or args[0] in {"--version", "-h", "--help"}):
        return run(args)
    return run_gui(args)


def entry_point() -> None:
    sys.exit(main(sys.argv))


def run_gui(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="quote-workbench", add_help=False)
    parser.add_argument("paths", nargs="*")
    options = parser.parse_args(args)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.services.paths import data_dir
    from workbench.services.session import ProjectSession, discard_recoverable, recoverable_sessions
    from workbench.ui.dialogs import Dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.runner import TaskRunner

    app = QApplication.instance() or QApplication(["quote-workbench"])
    app.setApplicationName("Quote Workbench")
    app.setOrganizationName("Quote Workbench")
    app.setApplicationVersion(__import__("workbench").__version__)
    settings = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    analyst = os.environ.get("QUOTE_WORKBENCH_ANALYST") or str(settings.value("analyst", "") or default_analyst())
    dialogs = Dialogs()
    runner = TaskRunner()
    window = MainWindow(settings, dialogs, runner, analyst)
    window.show()

    for leftover in recoverable_sessions():
        if dialogs.ask_recover(window, str(leftover.project_path or leftover.title)):
            window.set_session(ProjectSession.recover(leftover))
            break  # one at a time; the others are offered at the next start
        discard_recoverable(leftover)

    for path in options.paths:
        window.open_path(path)
    if window.workspace is None:
        window.set_session(ProjectSession.new(analyst=analyst))
    return app.exec()
