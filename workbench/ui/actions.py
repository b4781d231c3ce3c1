"""The window's actions, each registered once under a stable id (``"quote.confirm_speaker"``).

Menus, the shortcut list and review mode read this registry; nothing looks an action or a menu
up by its visible words, which change when a translation is installed (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Keys = QKeySequence | QKeySequence.StandardKey | str

# Groups of the shortcut list, in the order it shows them (item 12 of issue 13: grouped by task).
TASKS = ("Files", "Moving around", "Checking quotes", "Editing quotes", "Review", "Comparing", "View", "Help")


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


@dataclass(frozen=True)
class ActionInfo:
    """What the registry knows of an action besides the QAction: its task, and when it applies."""

    id: str
    task: str
    review_only: bool = False  # its keys work (and are listed) only in review mode
    analyst_only: bool = False  # disabled in review mode (the analyst's annotations are read-only)


class ActionRegistry(QObject):
    """Every action of a window by id, and the window's menus by id (``"menu.file"``)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self._actions: dict[str, QAction] = {}
        self._info: dict[str, ActionInfo] = {}
        self._menus: dict[str, QMenu] = {}

    # --- actions -----------------------------------------------------------------------------------

    def add(self, action_id: str, text: str, slot: Callable[..., object], shortcut: Keys | None = None, *,
            task: str, menu: str | None = None, before: str | None = None, shortcuts: Iterable[Keys] = (),
            review_only: bool = False, analyst_only: bool = False, translated: bool = False) -> QAction:
        """Register an action (``text`` is translated unless ``translated``), put it in menu ``menu``
        (before the action ``before`` when given) and return it. An id is registered once."""
        if action_id in self._actions:
            raise ValueError(f"action id {action_id!r} is registered twice")
        action = QAction(text if translated else _tr(text), self._owner)
        action.setObjectName(action_id)
        keys = [QKeySequence(k) for k in ([shortcut] if shortcut else [])]
        for k in shortcuts:
            keys.extend(QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)])
        if shortcut is not None and isinstance(shortcut, QKeySequence.StandardKey):
            keys = QKeySequence.keyBindings(shortcut) + keys[1:]
        unique: list[QKeySequence] = []
        for key in keys:  # one key bound twice is an "ambiguous shortcut" and does nothing
            if not key.isEmpty() and key not in unique:
                unique.append(key)
        action.setShortcuts(unique)
        action.triggered.connect(slot)
        self._actions[action_id] = action
        self._info[action_id] = ActionInfo(action_id, task, review_only, analyst_only)
        if menu is not None:
            self.place(action_id, menu, before=before)
        return action

    def adopt(self, action_id: str, action: QAction, *, task: str, menu: str | None = None,
              before: str | None = None) -> QAction:
        """Register an action made elsewhere (a dock's toggle), under ``action_id``."""
        if action_id in self._actions:
            raise ValueError(f"action id {action_id!r} is registered twice")
        action.setObjectName(action_id)
        self._actions[action_id] = action
        self._info[action_id] = ActionInfo(action_id, task)
        if menu is not None:
            self.place(action_id, menu, before=before)
        return action

    def place(self, action_id: str, menu_id: str, *, before: str | None = None) -> None:
        menu, action = self._menus[menu_id], self._actions[action_id]
        anchor = self._actions.get(before) if before else None
        if anchor is not None and anchor in menu.actions():
            menu.insertAction(anchor, action)
        else:
            menu.addAction(action)

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def ids(self) -> list[str]:
        return list(self._actions)

    def info(self, action_id: str) -> ActionInfo:
        return self._info[action_id]

    # --- menus --------------------------------------------------------------------------------------

    def add_menu(self, menu_id: str, title: str, parent: QMenuBar | QMenu, *, before: str | None = None) -> QMenu:
        """A menu registered under ``menu_id``, in the menu bar or a menu (before menu ``before``)."""
        menu = QMenu(_tr(title), self._owner)
        menu.setObjectName(menu_id)
        anchor = self._menus[before].menuAction() if before in self._menus else None
        if anchor is not None:
            parent.insertMenu(anchor, menu)
        else:
            parent.addMenu(menu)
        self._menus[menu_id] = menu
        return menu

    def menu(self, menu_id: str) -> QMenu:
        return self._menus[menu_id]

    def separator(self, menu_id: str, *, before: str | None = None) -> None:
        menu = self._menus[menu_id]
        anchor = self._actions.get(before) if before else None
        if anchor is not None and anchor in menu.actions():
            menu.insertSeparator(anchor)
        else:
            menu.addSeparator()

    # --- modes and the shortcut list ----------------------------------------------------------------------

    def set_review_mode(self, review_mode: bool) -> None:
        """Enable what applies in this mode: review keys only in review mode, analyst keys only outside it."""
        for action_id, info in self._info.items():
            if info.review_only:
                self._actions[action_id].setEnabled(review_mode)
            elif info.analyst_only:
                self._actions[action_id].setEnabled(not review_mode)

    def shortcut_groups(self, review_mode: bool) -> list[tuple[str, list[tuple[str, str]]]]:
        """(task, [(keys, words)]) for every action with a key, grouped by task; review keys only in review mode."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for action_id, action in self._actions.items():
            info = self._info[action_id]
            if not action.shortcuts() or (info.review_only and not review_mode) or (
                    info.analyst_only and review_mode):
                continue
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            groups.setdefault(info.task, []).append((keys, action.text().replace("&&", "\0").replace("&", "")
                                                     .replace("\0", "&")))
        order = {task: i for i, task in enumerate(TASKS)}
        return [(_tr(task), rows) for task, rows in sorted(groups.items(), key=lambda g: order.get(g[0], 99))]
