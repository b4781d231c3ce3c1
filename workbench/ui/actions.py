"""Menu actions, made one way everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def add_action(owner: QWidget, text: str, slot: Callable[..., object],
               shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
               menu: QMenu | None = None, name: str = "") -> QAction:
    """A translated action owned by ``owner`` (whose window scope its shortcut takes), added to ``menu``."""
    action = QAction(owner.tr(text), owner, objectName=name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    if menu is not None:
        menu.addAction(action)
    return action
