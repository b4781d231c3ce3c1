"""Headless Qt renderers: turn reports into files with Qt's text layout, no window needed.

Used by the window and by the command line; ``ensure_gui_application`` makes a
QGuiApplication (offscreen) when none exists, so ``quote-workbench report
--format pdf`` works without a display.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None

def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen QGuiApplication kept for the process."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["quote-workbench"])
    return _app
