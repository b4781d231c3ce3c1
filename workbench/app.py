"""Composition root: `quote-workbench` with a subcommand runs the CLI; otherwise it opens the window."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench import __version__
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
    from PySide6.QtWidgets import QApplication

    window = start_window(args)  # held here: a top-level window Python no longer references is destroyed
    code = QApplication.instance().exec()
    del window
    return code


def start_window(args: list[str]):
    """Build and show the window as `quote-workbench ARGS` does, without entering the event loop.

    Offers unsaved work of a crashed session back, then opens the given files.
    """
    parser = argparse.ArgumentParser(prog="quote-workbench", add_help=False)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--review", metavar="FILE", help="open a colleague's project file for review")
    options = parser.parse_args(args)

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from workbench.logs import start_logging
    from workbench.persistence.project_file import SUFFIX
    from workbench.services.paths import data_dir
    from workbench.ui.crash import install_crash_handler
    from workbench.services.session import ProjectSession, discard_recoverable, recoverable_sessions
    from workbench.ui.dialogs import Dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.progress_stages import show_stages
    from workbench.ui.runner import TaskRunner

    app = QApplication.instance() or QApplication(["quote-workbench"])
    start_logging()
    app.setApplicationName("Quote Workbench")
    app.setOrganizationName("Quote Workbench")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("org.quoteworkbench.QuoteWorkbench")
    icon = _resource("icons/org.quoteworkbench.QuoteWorkbench.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    analyst = os.environ.get("QUOTE_WORKBENCH_ANALYST") or str(settings.value("analyst", "") or default_analyst())
    dialogs = Dialogs()
    runner = TaskRunner()
    window = MainWindow(settings, dialogs, runner, analyst)
    show_stages(runner, window.statusBar())
    window.show()
    settle_startup_objects()
    install_crash_handler(window)  # a bug: a plain message with "Copy details", the traceback in the log
    if not settings.contains("analyst") and not os.environ.get("QUOTE_WORKBENCH_ANALYST"):
        window.ask_analyst_name_on_first_run()

    recovered = None
    for leftover in recoverable_sessions():
        if dialogs.ask_recover(window, str(leftover.project_path or leftover.title)):
            window.set_session(ProjectSession.recover(leftover))
            recovered = leftover
            break  # one at a time; the others are offered at the next start
        discard_recoverable(leftover)

    for path in options.paths:
        if recovered is not None and Path(path).suffix.lower() == SUFFIX:
            # Opening it would ask to save or throw away the work just recovered: it stays open instead.
            if recovered.project_path is None or Path(path).resolve() != recovered.project_path:
                dialogs.info(window, window.tr("Your recovered work is open; save it, then open “{0}”.")
                             .format(Path(path).name))
            continue
        window.open_path(path)
    if options.review:
        window.open_for_review(options.review)
    if window.workspace is None and not window.opening:  # a big file may still be opening in the background
        window.set_session(ProjectSession.new(analyst=analyst))
    return window


def settle_startup_objects() -> None:
    """Keep the objects made at start-up (Qt bindings, SQLAlchemy, the window) out of garbage collection.

    About 100,000 of them; Python's full collection walks every tracked object and, with them, stopped
    the window for 70–90 ms now and then (while a long article was being shown, say). Frozen, a full
    collection walks only what the open project holds.
    """
    gc.collect()
    gc.freeze()


def _resource(name: str) -> Path:
    """A file under resources/ (the source tree, or beside the frozen app)."""
    return Path(__file__).resolve().parents[1] / "resources" / name
