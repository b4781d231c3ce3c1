"""The window's own menus and actions (File, Edit, Quote, View, Help), registered by id, and the shortcut list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMessageBox

from workbench.logs import LOG_NAME, log_folder
from workbench.ui.actions import ActionRegistry
from workbench.ui.help import HelpActions

StandardKey = QKeySequence.StandardKey


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


def build_menus(window: Any) -> None:
    """Register the MainWindow's actions and menus (``window`` is the MainWindow; typed loosely so
    that this module does not import it back)."""
    reg: ActionRegistry = window.actions
    bar = window.menuBar()
    for menu_id, title in (("menu.file", "&File"), ("menu.edit", "&Edit"), ("menu.quote", "&Quote"),
                           ("menu.view", "&View"), ("menu.help", "&Help")):
        reg.add_menu(menu_id, title, bar)

    reg.add("file.new", "&New project", window.new_project, StandardKey.New, task="Files", menu="menu.file")
    reg.add("file.open", "&Open project…", window._on_open, StandardKey.Open, task="Files", menu="menu.file")
    recent = reg.add_menu("menu.recent", "Open &recent", reg.menu("menu.file"))
    recent.aboutToShow.connect(lambda: _fill_recent_menu(window))
    reg.separator("menu.file")
    reg.add("file.import", "&Import articles…", window.importer.import_files, "Ctrl+I",
            task="Files", menu="menu.file", analyst_only=True)
    reg.add("file.import_url", "Import from the &web…", window.importer.import_url, "Ctrl+Shift+I",
            task="Files", menu="menu.file", analyst_only=True)
    reg.add("file.import_clipboard", "New article from &clipboard", window.importer.import_clipboard,
            "Ctrl+Shift+V", task="Files", menu="menu.file", analyst_only=True)
    reg.separator("menu.file")
    reg.add("file.save", "&Save", window.save, StandardKey.Save, task="Files", menu="menu.file")
    reg.add("file.save_as", "Save &as…", window.save_as, StandardKey.SaveAs, task="Files", menu="menu.file")
    reg.add("file.title", "Project &title…", lambda: _ask_title(window), None, task="Files", menu="menu.file",
            analyst_only=True)
    reg.separator("menu.file")
    reg.add("file.quit", "&Quit", window.close, StandardKey.Quit, task="Files", menu="menu.file")

    # Redo: Ctrl+Shift+Z and Ctrl+Y on every platform, each bound once (a key bound twice does nothing).
    reg.add("edit.undo", "&Undo", lambda: window.workspace and window.workspace.undo_stack.undo(),
            StandardKey.Undo, task="Editing quotes", menu="menu.edit")
    reg.add("edit.redo", "&Redo", lambda: window.workspace and window.workspace.undo_stack.redo(),
            "Ctrl+Shift+Z", shortcuts=("Ctrl+Y", StandardKey.Redo), task="Editing quotes", menu="menu.edit")
    reg.add("edit.history", "Undo &history", window.undo_view.show, None, task="Editing quotes", menu="menu.edit")
    reg.separator("menu.edit")
    reg.add("edit.find", "&Find quotes", window.quote_pane.focus_search, StandardKey.Find,
            task="Moving around", menu="menu.edit")

    reg.add("quote.next", "&Next quote", lambda: window.quote_pane.step(+1), "J", task="Moving around",
            menu="menu.quote")
    reg.add("quote.previous", "&Previous quote", lambda: window.quote_pane.step(-1), "K", task="Moving around",
            menu="menu.quote")
    reg.add("quote.next_unchecked", "Next &unchecked quote", window.next_unchecked, "U", task="Moving around",
            menu="menu.quote")
    reg.add("article.previous", "Previous &article", lambda: window.step_article(-1), "Ctrl+PgUp",
            task="Moving around", menu="menu.quote")
    reg.add("article.next", "Next a&rticle", lambda: window.step_article(+1), "Ctrl+PgDown",
            task="Moving around", menu="menu.quote")

    # Ctrl+= is Ctrl++ without Shift on most keyboards: both zoom in.
    reg.add("view.zoom_in", "&Larger text", lambda: window.change_font_size(+1), StandardKey.ZoomIn,
            shortcuts=("Ctrl+=",), task="View", menu="menu.view")
    reg.add("view.zoom_out", "&Smaller text", lambda: window.change_font_size(-1), StandardKey.ZoomOut,
            task="View", menu="menu.view")
    reg.separator("menu.view")
    reg.add("view.analyst", "Analyst &name…", window.ask_analyst_name, None, task="View", menu="menu.view")

    reg.add("help.shortcuts", "&Keyboard shortcuts", lambda: _show_shortcuts(window), StandardKey.HelpContents,
            task="Help", menu="menu.help")
    help_actions = HelpActions(log_folder() / LOG_NAME)
    reg.add("help.user_guide", "&User guide", lambda: help_actions.show_user_guide(window), None, task="Help",
            menu="menu.help")
    reg.separator("menu.help")
    reg.add("help.open_log_folder", "Open &log folder", help_actions.open_log_folder, None, task="Help",
            menu="menu.help")
    reg.add("help.report_problem", "&Report a problem…", lambda: help_actions.report_problem(window), None,
            task="Help", menu="menu.help")
    reg.separator("menu.help")
    reg.add("help.about", "&About Quote Workbench", lambda: help_actions.show_about(window), None, task="Help",
            menu="menu.help")


def _fill_recent_menu(window: Any) -> None:
    menu = window.actions.menu("menu.recent")
    menu.clear()
    for path in window.recent_files():
        menu.addAction(path, lambda p=path: window.open_path(p))
    if menu.isEmpty():
        menu.addAction(window.tr("(none yet)")).setEnabled(False)


def _ask_title(window: Any) -> None:
    if window.workspace is None:
        return
    title = window.dialogs.project_title(window, window.workspace.store.project_info().title)
    if title:
        window.set_project_title(title)


def shortcuts_html(actions: ActionRegistry, review_mode: bool) -> str:
    """The shortcut list, grouped by task; the review keys only in review mode."""
    parts = []
    for task, rows in actions.shortcut_groups(review_mode):
        parts.append(f"<tr><td colspan=2><b>{task}</b></td></tr>")
        parts.extend(f"<tr><td>&nbsp;&nbsp;{keys}</td><td>{words}</td></tr>" for keys, words in rows)
    return "<table cellspacing=4>" + "".join(parts) + "</table>"


def name_undo_redo(actions: ActionRegistry, stack: QUndoStack | None) -> None:
    """Edit → Undo says what it undoes ("Undo Set status to Verified"), Redo what it redoes."""
    undo, redo = (stack.undoText(), stack.redoText()) if stack else ("", "")
    actions["edit.undo"].setText(_tr("&Undo {0}").format(undo) if undo else _tr("&Undo"))
    actions["edit.redo"].setText(_tr("&Redo {0}").format(redo) if redo else _tr("&Redo"))
    actions["edit.undo"].setEnabled(bool(stack and stack.canUndo()))
    actions["edit.redo"].setEnabled(bool(stack and stack.canRedo()))


def _show_shortcuts(window: Any) -> None:
    box = QMessageBox(window)
    box.setObjectName("shortcutsDialog")
    box.setWindowTitle(window.tr("Keyboard shortcuts"))
    box.setText(window.shortcuts_text())
    box.exec()
