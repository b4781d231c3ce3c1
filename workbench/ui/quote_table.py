"""The quote table: a model over the current article's quotes, and a filtering proxy."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTableView

from workbench.domain.model import Quote, VerificationStatus
from workbench.ui.labels import STATUS_COLOURS, kind_label, status_label
from workbench.ui.runner import Turns

QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

# A long article's quotes enter the table a slice at a time, one slice per turn of the event loop, so
# the window keeps answering: the first slice holds more rows than a screen shows; adding a slice of
# 1,000 rows (the filter proxy asks about each) takes a few milliseconds.
FIRST_SLICE = 500
SLICE = 1000

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    QUOTE = 0
    SPEAKER = 1
    DATE = 2
    STATUS = 3
    CONFIDENCE = 4
    KIND = 5


HEADERS = {
    Column.QUOTE: "Quote", Column.SPEAKER: "Speaker", Column.DATE: "Date said",
    Column.STATUS: "Status", Column.CONFIDENCE: "Conf.", Column.KIND: "Kind",
}


class QuoteTableModel(QAbstractTableModel):
    """Adapts a list of domain Quotes; it owns no data beyond that snapshot.

    A long list is shown in slices (FIRST_SLICE rows at once, then SLICE rows per turn of the event
    loop): the views see ``rowCount()`` rows so far, while ``quotes()``, ``row_of()`` and ``quote_at()``
    already cover the whole list. ``sig_filled`` says when the last slice has gone in.
    """

    sig_filled = Signal()

    def __init__(self, parent: QObject | None = None, *, turns: Turns | None = None) -> None:
        super().__init__(parent)
        self._quotes: list[Quote] = []
        self._shown = 0  # the views see self._quotes[:self._shown]
        self._row_of: dict[int, int] = {}
        self._sort_column = Column.QUOTE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._turns = turns or Turns(self)
        self._slice_queued = False

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.beginResetModel()
        self._quotes = self._sorted(quotes)
        self._row_of = {q.id: row for row, q in enumerate(self._quotes)}
        self._shown = min(len(self._quotes), FIRST_SLICE)
        self.endResetModel()
        self._queue_next_slice()

    def _queue_next_slice(self) -> None:
        if self.filling and not self._slice_queued:
            self._slice_queued = True
            self._turns.later(self._show_next_slice)

    @property
    def filling(self) -> bool:
        """True while some quotes of the list still wait for their slice."""
        return self._shown < len(self._quotes)

    def _show_next_slice(self) -> None:
        self._slice_queued = False
        self._show_rows_to(self._shown + SLICE)

    def show_all(self) -> None:
        """Put every remaining row in the table now (before a sort reorders them all)."""
        self._show_rows_to(len(self._quotes))

    def show_through(self, row: int) -> None:
        """Put the rows up to ``row`` in the table now (to select a quote far down); the rest follow."""
        self._show_rows_to(row + 1)

    def _show_rows_to(self, end: int) -> None:
        end = min(end, len(self._quotes))
        if end <= self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()
        if self.filling:
            self._queue_next_slice()
        else:
            self.sig_filled.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort with one key function over the list: thousands of rows in milliseconds.

        (A sort filter proxy would compare rows through data() calls, seconds for a long article.)
        """
        if self.filling:
            self.show_all()  # a sort reorders every row, so every row takes part
        self._sort_column, self._sort_order = Column(column), order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._quotes[index.row()].id for index in before]
        self._quotes = self._sorted(self._quotes)
        self._row_of = {q.id: row for row, q in enumerate(self._quotes)}
        self.changePersistentIndexList(before, [self.index(self._row_of[i], index.column())
                                                for i, index in zip(ids, before)])
        self.layoutChanged.emit()

    def _sorted(self, quotes: list[Quote]) -> list[Quote]:
        return sorted(quotes, key=lambda q: (self._sort_key(q, self._sort_column), q.start),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def update_quotes(self, quotes: list[Quote]) -> None:
        """Refresh in place when the same quotes changed values (keeps selection and scroll)."""
        quotes = self._sorted(quotes)
        if [q.id for q in quotes] != [q.id for q in self._quotes]:
            self.set_quotes(quotes)
            return
        for row, (old, new) in enumerate(zip(self._quotes, quotes)):
            if old != new:
                self._quotes[row] = new
                if row < self._shown:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def replace_quotes(self, changed: list[Quote]) -> None:
        """Show new values of some quotes already in the table (re-sorting if their order changed)."""
        rows = [self._row_of[q.id] for q in changed if q.id in self._row_of]
        for quote in changed:
            if quote.id in self._row_of:
                self._quotes[self._row_of[quote.id]] = quote
        if [q.id for q in self._sorted(self._quotes)] != [q.id for q in self._quotes]:
            self.sort(self._sort_column, self._sort_order)
            return
        for row in rows:
            if row < self._shown:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def quote_at(self, row: int) -> Quote:
        """The quote of a row of the whole list (shown yet or not)."""
        return self._quotes[row]

    def row_of(self, quote_id: int) -> int | None:
        """The row of a quote in the whole list; see ``show_all`` for one not shown yet."""
        return self._row_of.get(quote_id)

    def quotes(self) -> list[Quote]:
        """Every quote of the list, including those still waiting for their slice."""
        return list(self._quotes)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[Column(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        quote = self._quotes[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(quote, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(quote, column)
        if role == QUOTE_ID_ROLE:
            return quote.id
        if role == STATUS_ROLE:
            return quote.status.value
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATUS:
            return STATUS_COLOURS[quote.status]
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.SPEAKER and not quote.speaker_confirmation.confirmed:
            return QBrush(Qt.GlobalColor.darkGray)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, quote: Quote, column: Column) -> str:
        match column:
            case Column.QUOTE:
                text = " ".join(quote.text.split())
                return text if len(text) <= 160 else text[:159] + "…"
            case Column.SPEAKER:
                name = quote.speaker_name or "—"
                return name if quote.speaker_confirmation.confirmed else f"{name} ?"
            case Column.DATE:
                return quote.date_said.value or ""
            case Column.STATUS:
                return status_label(quote.status)
            case Column.CONFIDENCE:
                return f"{quote.confidence:.2f}"
            case Column.KIND:
                return kind_label(quote.kind)

    def _tooltip(self, quote: Quote, column: Column) -> str:
        if column == Column.SPEAKER:
            state = f"confirmed by {quote.speaker_confirmation.by}" if quote.speaker_confirmation.confirmed \
                else "proposed by the detector, not yet confirmed"
            return f"{quote.speaker_name or 'no speaker'} — as written: “{quote.mention_text}” ({state})"
        return quote.reason

    def _sort_key(self, quote: Quote, column: Column) -> Any:
        match column:
            case Column.QUOTE:
                return quote.start
            case Column.SPEAKER:
                return (quote.speaker_name or "").casefold()
            case Column.DATE:
                return quote.date_said.value or ""
            case Column.STATUS:
                return list(VerificationStatus).index(quote.status)
            case Column.CONFIDENCE:
                return quote.confidence
            case Column.KIND:
                return quote.kind.value


class QuoteFilterProxy(QSortFilterProxyModel):
    """Filters by status, speaker, kind, minimum confidence and free text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._status: str | None = None
        self._speaker: str | None = None
        self._kind: str | None = None
        self._min_confidence = 0.0
        self._text = ""
        self._extra: Callable[[int], bool] | None = None

    def set_filters(self, *, status: str | None = None, speaker: str | None = None, kind: str | None = None,
                    min_confidence: float = 0.0, text: str = "") -> None:
        self.beginFilterChange()
        self._status, self._speaker, self._kind = status, speaker, kind
        self._min_confidence, self._text = min_confidence, text.casefold().strip()
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself, quickly; this proxy only filters and keeps its order."""
        self.sourceModel().sort(column, order)

    def set_extra_filter(self, accepts: Callable[[int], bool] | None) -> None:
        """One more test by quote id, from a feature outside the table (review state); None for none."""
        if accepts is None and self._extra is None:
            return
        self.beginFilterChange()
        self._extra = accepts
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, QuoteTableModel)
        quote = model.quote_at(source_row)
        if self._extra is not None and not self._extra(quote.id):
            return False
        if self._status and quote.status.value != self._status:
            return False
        if self._speaker and (quote.speaker_name or "") != self._speaker:
            return False
        if self._kind and quote.kind.value != self._kind:
            return False
        if quote.confidence < self._min_confidence:
            return False
        if self._text:
            haystack = f"{quote.text} {quote.speaker_name or ''} {quote.mention_text} {quote.note}".casefold()
            if self._text not in haystack:
                return False
        return True


class QuoteTableView(QTableView):
    """The quote table. Select all (Ctrl+A) first takes in the rows of a long list still filling,
    so that a bulk action on the selection reaches every quote of the article."""

    def selectAll(self) -> None:
        proxy = self.model()
        source = proxy.sourceModel() if isinstance(proxy, QSortFilterProxyModel) else proxy
        if isinstance(source, QuoteTableModel):
            source.show_all()
        super().selectAll()
