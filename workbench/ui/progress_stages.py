"""The stage long work has reached, in words, in the window's status bar.

Wired in app.py to the runner that imports articles, so that a long import says what it is doing
(reading, cleaning the text, finding quotes, saving) beside the progress bar, and clears it when done.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar

from workbench.domain.progress import Stage

# Neutral words: an article's import and a primary source's reading go through the same stages.
_WORDS = {
    Stage.READING: "Reading the file…",
    Stage.DOWNLOADING: "Downloading…",
    Stage.CLEANING: "Cleaning the text…",
    Stage.DETECTING: "Finding quotes…",
    Stage.DATING: "Dating the quotes…",
    Stage.SAVING: "Saving…",
}


def stage_message(stage: Stage) -> str:
    return QCoreApplication.translate("ProgressStages", _WORDS[stage])


def show_stages(runner, status_bar: QStatusBar) -> None:
    """Show each stage ``runner``'s tasks report in ``status_bar`` (queued: they come from a worker)."""
    runner.sig_stage.connect(lambda stage: status_bar.showMessage(stage_message(stage)))
    stage_words = {stage_message(stage) for stage in Stage}
    # once the work is over its last stage is no longer true: it went on saying "Cleaning the text…"
    runner.sig_idle.connect(lambda: status_bar.currentMessage() in stage_words and status_bar.clearMessage())
