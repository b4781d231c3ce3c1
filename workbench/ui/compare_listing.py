"""How the Compare panel shows a comparison of thousands of differences without freezing the window (issue #16).

The read runs on the runner inside ``collector_paused``; the rows' words come from there too
(``compare_table.listing``). ``ListFiller`` then puts the differences in the list a slice per turn of the
event loop (the window's ``Turns``), and the per-article agreement figures a table per turn between them.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTableView, QTextBrowser

from workbench.ui.compare_table import DiffColumn, DifferenceModel
from workbench.ui.runner import Turns

ROWS_PER_TURN = 1000  # a slice of the list per turn of the event loop: ~10-30 ms on the GUI thread


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a worker reads two big projects, then their survivors frozen.

    Reading 2 × 50,000 quotes made Python run a full collection every time the heap grew by a quarter, on
    the runner's thread and holding the GIL: 0.1-1.1 s each, the window frozen meanwhile. Paused, then
    ``gc.freeze()``: what the read made (and what lived before) is never traversed again; acyclic objects
    are still freed when the last reference goes (a comparison closed), cycles among them are not."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class ListFiller:
    """Fills the panel's list (``model``, shown by ``table``) and its figures (``figures_view``) a piece per
    turn; ``finished`` is called after the last piece. ``clear`` drops the pieces not shown yet."""

    def __init__(self, turns: Turns, model: DifferenceModel, table: QTableView, figures_view: QTextBrowser,
                 finished: Callable[[], None]) -> None:
        self.turns, self.model, self.table, self.figures_view = turns, model, table, figures_view
        self.finished = finished
        self._pieces: deque[Callable[[], None]] = deque()
        self._round = 0  # pieces queued for an earlier comparison show nothing

    @property
    def busy(self) -> bool:
        return bool(self._pieces)

    def clear(self) -> None:
        self._pieces.clear()
        self._round += 1

    def start(self, rows: int, figure_parts: list[str]) -> None:
        """Show ``rows`` rows of the model (it shows none yet) and append the figures' parts after the first
        (already shown): the list's first slice first, then the figures' parts between its slices."""
        self.clear()
        slices = [lambda: self._add_slice(first=True)] + [self._add_slice for _ in range(ROWS_PER_TURN, rows,
                                                                                          ROWS_PER_TURN)]
        more = [lambda part=part: self._add_figures(part) for part in figure_parts]
        self._pieces.extend(slices[:1] + [p for pair in zip(more, slices[1:]) for p in pair]
                            + slices[1 + len(more):] + more[len(slices) - 1:])
        now = self._round
        self.turns.later(lambda: self._next(now))

    def _next(self, now: int) -> None:
        if now != self._round or not self._pieces:
            return  # another comparison, or none, since
        self._pieces.popleft()()
        if self._pieces:
            self.turns.later(lambda: self._next(now))
        else:
            self.finished()

    def _add_slice(self, first: bool = False) -> None:
        """The next slice of differences; the first selects the first difference (shown at once, and the keys
        work from the list) and fits the columns to its rows."""
        self.model.add_rows(ROWS_PER_TURN)
        if first:
            self.table.resizeColumnsToContents()  # on the header's sample of the first rows, never all
            proxy = self.table.model()
            if proxy.rowCount():
                self.table.setCurrentIndex(proxy.index(0, DiffColumn.KIND))

    def _add_figures(self, part: str) -> None:
        cursor = QTextCursor(self.figures_view.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(part)
