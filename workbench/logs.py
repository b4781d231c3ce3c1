"""The app's log: a rotating file in the user's log folder, for the details of unexpected errors.

The CLI and the window both show one sentence for an unexpected error and say where this log
is; the traceback goes here, never to the terminal or a dialog's main text. No Qt here.

Folder: platformdirs' user log folder for "quote-workbench" (~/.local/state/quote-workbench/log
on Linux). QUOTE_WORKBENCH_LOG_DIR moves it; when QUOTE_WORKBENCH_DATA_DIR moves the data
folder (tests, portable installs) the log goes to its "logs" folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from workbench.services.paths import DATA_DIR_VARIABLE

LOG_DIR_VARIABLE = "QUOTE_WORKBENCH_LOG_DIR"
LOG_NAME = "quote-workbench.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("workbench")


def log_folder() -> Path:
    if os.environ.get(LOG_DIR_VARIABLE):
        return Path(os.environ[LOG_DIR_VARIABLE])
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE]) / "logs"
    return Path(platformdirs.user_log_dir("quote-workbench", appauthor=False))


def start_logging() -> Path | None:
    """Send the app's log records to the rotating log file (once per file); return its path.

    Returns None when the folder cannot be written (read-only home, full disk): the app goes on
    without a log rather than failing over it.
    """
    path = log_folder() / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its per-page notes are not the user's business
    return path


def log_unexpected(error: BaseException, context: str) -> Path | None:
    """Write ``error`` with its traceback to the log; return the log's path (None if it could not be written)."""
    path = start_logging()
    log.error("unexpected error in %s", context, exc_info=(type(error), error, error.__traceback__))
    for handler in logging.getLogger().handlers:
        handler.flush()
    if path is not None and not path.exists():
        return None
    return path


def where_the_details_are(path: Path | None) -> str:
    return f"The details are in {path}." if path else "The details could not be written to a log."
