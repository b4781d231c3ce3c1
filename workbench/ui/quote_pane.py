"""The quote pane: filters, the quote table of the article shown, its counts, and the selected quote's detail."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.model import Quote, QuoteKind, VerificationStatus
from workbench.ui.detail_panel import QuoteDetailPanel
from workbench.ui.host import QuoteFilter
from workbench.ui.labels import kind_label, status_label
from workbench.ui.quote_table import (
    QUOTE_ID_ROLE, STATUS_ROLE, Column, QuoteFilterProxy, QuoteTableModel, QuoteTableView,
)
from workbench.ui.runner import Turns

QUOTE_LINES = 2  # a quote shows this many lines of its words in the table
MIN_QUOTE_WIDTH = 200  # pixels the Quote column keeps


class QuotePane(QSplitter):
    """Table above, detail below. Knows no project: the window feeds it quotes and asks it what is selected."""

    sig_current_quote_changed = Signal(object)  # quote id or None

    def __init__(self, turns: Turns, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent, objectName="rightSplitter")
        self._extra_filters: dict[str, QuoteFilter] = {}
        self._wanted_quote: int | None = None  # to select once the shown article's quotes have been read

        self.search_edit = QLineEdit(objectName="searchEdit", placeholderText=self.tr("Search quotes (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in VerificationStatus:
            self.status_filter.addItem(status_label(status), status.value)
        self._search_timer = QTimer(self, singleShot=True, interval=180)  # filter once typing pauses
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.speaker_filter = QComboBox(objectName="speakerFilter")
        self.speaker_filter.setMinimumContentsLength(12)
        self.speaker_filter.addItem(self.tr("All speakers"), None)
        self.kind_filter = QComboBox(objectName="kindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in QuoteKind:
            self.kind_filter.addItem(kind_label(kind), kind.value)
        self.confidence_filter = QDoubleSpinBox(objectName="confidenceFilter", prefix="≥ ", decimals=2,
                                                maximum=1.0, singleStep=0.1)
        self.confidence_filter.setToolTip(self.tr("Show quotes with at least this confidence"))
        for widget in (self.speaker_filter, self.kind_filter):
            widget.currentIndexChanged.connect(self.apply_filters)
        self.confidence_filter.valueChanged.connect(self.apply_filters)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.search_edit, 1)
        for widget in (self.status_filter, self.speaker_filter, self.kind_filter, self.confidence_filter):
            filter_row.addWidget(widget)

        self.model = QuoteTableModel(self, turns=turns)
        self.model.sig_filled.connect(self.update_counts)
        self.proxy = QuoteFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QuoteTableView(objectName="quoteTable")
        self.table.setAccessibleName("Quotes")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.QUOTE, Qt.SortOrder.AscendingOrder)
        # Quotes wrap to QUOTE_LINES lines: rows have one fixed height (no per-row measuring, so a
        # table of thousands stays fast), and the elided end of a long quote is shown as "…".
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_row_height()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        widths = ((Column.SPEAKER, 120), (Column.DATE, 80), (Column.STATUS, 100), (Column.CONFIDENCE, 44),
                  (Column.KIND, 64))
        for column, width in widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # The quotes keep room for two readable lines however the panes and panels share the width.
        self.table.setMinimumWidth(sum(w for _, w in widths) + MIN_QUOTE_WIDTH)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.counts_label = QLabel(objectName="statusCounts")

        self.detail = QuoteDetailPanel()
        quotes_box = QWidget()
        quotes_layout = QVBoxLayout(quotes_box)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addLayout(filter_row)
        quotes_layout.addWidget(self.table, 1)
        quotes_layout.addWidget(self.counts_label)
        self.addWidget(quotes_box)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)

    def _fit_row_height(self) -> None:
        lines = self.table.fontMetrics().lineSpacing() * QUOTE_LINES
        self.table.verticalHeader().setDefaultSectionSize(lines + 8)

    def set_font_size(self, size: int) -> None:
        for widget in (self.table, self.detail):
            font = widget.font()
            font.setPointSize(size)
            widget.setFont(font)
        self._fit_row_height()

    # --- the quotes ---------------------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        return self.model.quotes()

    def set_quotes(self, quotes: list[Quote]) -> None:
        """Show the quotes of another article (a long list goes in slices); then call ``select_kept``."""
        self.model.set_quotes(quotes)
        self.fill_speaker_filter()
        self.update_counts()
        self.detail.show_quote(None, [])

    def select_kept(self, keep_quote: int | None) -> None:
        """Select ``keep_quote``, or a quote wanted before the quotes came, or the first."""
        if keep_quote is None:
            keep_quote, self._wanted_quote = self._wanted_quote, None
        if keep_quote is not None and self.model.row_of(keep_quote) is not None:
            self.select_quote(keep_quote)
        elif self.proxy.rowCount():
            self.table.selectRow(0)

    def forget_wanted(self) -> None:
        self._wanted_quote = None

    def show_detail(self, quote_id: int | None, evidence_of) -> None:
        row = self.model.row_of(quote_id) if quote_id is not None else None
        quote = self.model.quote_at(row) if row is not None else None
        self.detail.show_quote(quote, evidence_of(quote.id) if quote else [])

    def update_counts(self) -> None:
        quotes = self.model.quotes()
        counts = Counter(q.status for q in quotes)
        parts = [f"{status_label(s)}: {counts[s]}" for s in VerificationStatus if counts[s]]
        prefix = ""
        if not self.model.filling:  # counted again once the table is filled (sig_filled)
            shown, total = self.proxy.rowCount(), len(quotes)
            prefix = self.tr("{0} of {1} shown — ").format(shown, total) if shown != total else ""
        self.counts_label.setText(prefix + (" · ".join(parts) or self.tr("No quotes")))

    # --- the selection ----------------------------------------------------------------------------------

    def current_quote_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(QUOTE_ID_ROLE) if index.isValid() else None

    def selected_quote_ids(self) -> list[int]:
        return [index.data(QUOTE_ID_ROLE) for index in self.table.selectionModel().selectedRows()]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.sig_current_quote_changed.emit(current.data(QUOTE_ID_ROLE) if current.isValid() else None)

    def select_quote(self, quote_id: int) -> None:
        """Select a quote of the article shown; one whose quotes are still being read is selected when they come."""
        row = self.model.row_of(quote_id)
        if row is None:
            self._wanted_quote = quote_id
            return
        self.model.show_through(row)  # a long table may still be filling
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def select_first_shown(self) -> None:
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def step(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        self.table.selectRow(0 if current < 0 else max(0, min(rows - 1, current + step)))

    def next_unchecked(self) -> bool:
        """Select the next unchecked quote after the current one; False when none is left."""
        self.model.show_all()
        rows = self.proxy.rowCount()
        start = self.table.currentIndex().row()
        for offset in range(1, rows + 1):
            row = (start + offset) % rows
            if self.proxy.index(row, Column.STATUS).data(STATUS_ROLE) == VerificationStatus.UNCHECKED:
                self.table.selectRow(row)
                return True
        return False

    # --- filters ----------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def apply_filters(self) -> None:
        self.proxy.set_filters(status=self.status_filter.currentData(), speaker=self.speaker_filter.currentData(),
                               kind=self.kind_filter.currentData(),
                               min_confidence=self.confidence_filter.value(), text=self.search_edit.text())
        self.update_counts()

    def set_extra_filter(self, key: str, accepts: QuoteFilter | None) -> None:
        """A panel's filter (review state, source check…); a quote is shown when every filter accepts it."""
        if accepts is None:
            self._extra_filters.pop(key, None)
        else:
            self._extra_filters[key] = accepts
        filters = list(self._extra_filters.values())
        self.proxy.set_extra_filter((lambda quote_id: all(f(quote_id) for f in filters)) if filters else None)
        self.update_counts()

    def filter_by_speaker(self, name: str | None) -> None:
        index = self.speaker_filter.findData(name) if name else 0
        self.speaker_filter.setCurrentIndex(max(index, 0))

    def fill_speaker_filter(self) -> None:
        chosen = self.speaker_filter.currentData()
        names = sorted({q.speaker_name for q in self.model.quotes() if q.speaker_name}, key=str.casefold)
        if chosen and chosen not in names:
            names.append(chosen)
        self.speaker_filter.blockSignals(True)
        self.speaker_filter.clear()
        self.speaker_filter.addItem(self.tr("All speakers"), None)
        for name in names:
            self.speaker_filter.addItem(name, name)
        self.speaker_filter.setCurrentIndex(max(self.speaker_filter.findData(chosen), 0) if chosen else 0)
        self.speaker_filter.blockSignals(False)
