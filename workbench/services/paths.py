"""Where the app keeps its own files (recovery journals); never project data."""

import os
from pathlib import Path

import platformdirs

DATA_DIR_VARIABLE = "QUOTE_WORKBENCH_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder; tests and portable installs point it elsewhere with the variable."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    folder = Path(configured) if configured else Path(platformdirs.user_data_dir("quote-workbench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_dir() -> Path:
    folder = data_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
