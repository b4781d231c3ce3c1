"""The stage long work has reached, in words, in the window's status bar.

Wired in app.py to the runner that imports articles, so that a long import says what it is doing
(reading, cleaning the text, finding quotes, saving) beside the progress bar.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar

from workbench.domain.progress import Stage

_WORDS = {
    Stage.READING: "Importing: reading the file…",
    Stage.DOWNLOADING: "Importing: downloading…",
    Stage.CLEANING: "Importing: cleaning the text…",
    Stage.DETECTING: "Importing: finding quotes…",
    Stage.DATING: "Importing: dating the quotes…",
    Stage.SAVING: "Importing: saving…",
}


def stage_message(stage: Stage) -> str:
    return QCoreApplication.translate("ProgressStages", _WORDS[stage])


def show_stages(runner, status_bar: QStatusBar) -> None:
    """Show each stage ``runner``'s tasks report in ``status_bar`` (queued: they come from a worker)."""
    runner.sig_stage.connect(lambda stage: status_bar.showMessage(stage_message(stage)))
