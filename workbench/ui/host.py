"""What the window offers the panels that plug into it (review, speakers, export, source check, compare).

A panel module imports this protocol, never ``main_window``: the window builds the panels and
hands itself over as a ``PanelHost``. Everything a panel may use is here; anything else of the
window is private to it (docs/architecture.md, "Panels").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

if TYPE_CHECKING:
    from workbench.ui.actions import ActionRegistry
    from workbench.ui.dialogs import Dialogs
    from workbench.ui.runner import TaskRunner, Turns
    from workbench.ui.workspace import Workspace

QuoteFilter = Callable[[int], bool]  # quote id -> shown


class PanelHost(Protocol):
    # --- the open project ------------------------------------------------------------------------
    workspace: Workspace | None  # None while no project is open
    sig_workspace_changed: SignalInstance  # a project was opened, created, closed or opened for review
    dialogs: Dialogs
    runner: TaskRunner  # long work off the GUI thread (one task at a time per project)
    turns: Turns  # big things shown a piece per turn of the event loop (a long list of differences)
    actions: ActionRegistry  # every action and menu by id ("quote.confirm_speaker", "menu.file")

    @property
    def review_mode(self) -> bool: ...

    # --- the selection -------------------------------------------------------------------------------
    sig_current_quote_changed: SignalInstance  # (quote id or None)

    def current_quote_id(self) -> int | None: ...

    def selected_quote_ids(self) -> list[int]: ...

    def select_quote(self, quote_id: int) -> None:
        """Select a quote of the article shown."""

    def go_to_quote(self, quote_id: int) -> None:
        """Show the quote's article and select the quote."""

    def select_first_shown_quote(self) -> None:
        """Select the first quote the filters let through, when none is selected."""

    # --- hooks -----------------------------------------------------------------------------------------
    def set_quote_filter(self, key: str, accepts: QuoteFilter | None) -> None:
        """Hide quotes of the table for which ``accepts`` says False (None removes the filter ``key``)."""

    def filter_by_speaker(self, name: str | None) -> None: ...

    def set_read_only(self, key: str, read_only: bool) -> None:
        """Make the quote detail read-only while any panel asks for it."""

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> None:
        """Dock a panel; docks on one side share it as tabs, so none crushes the quote table."""

    def add_bar(self, bar: QToolBar) -> None:
        """A bar across the top of the window (the review banner)."""

    def show_message(self, text: str, msecs: int = 4000) -> None: ...

    def may_replace_project(self) -> bool: ...

    def open_project_file(self, path: str, open_session) -> bool: ...

    def tr(self, text: str) -> str: ...

    def parent_widget(self) -> QWidget:
        """The widget dialogs are modal to."""
