"""The project's articles, one item each: its headline and how many quotes it has."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from workbench.domain.model import ArticleSummary
from workbench.ui.labels import plural

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole


class ArticleList(QListWidget):
    """Items follow a list of article summaries and are updated in place, never rebuilt.

    A project of 1,000 articles rebuilt its list after every import or removal; now only the items
    that changed are touched, so the current item, the scroll position and Qt's item layout stay.
    Item data ``UserRole`` is the article id.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        self.setAccessibleName("Articles")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Laying out 1,000 word-wrapped items takes 20-40 ms; a scroll bar that came and went would change
        # the width and make Qt lay them all out a second time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._summaries: dict[int, ArticleSummary] = {}

    def show_summaries(self, summaries: list[ArticleSummary]) -> None:
        """Make the items match ``summaries`` (ordered by article id), without emitting item signals."""
        blocked = self.blockSignals(True)
        try:
            row = 0
            for summary in summaries:
                while row < self.count() and self.item(row).data(ARTICLE_ID_ROLE) < summary.id:
                    self._remove(row)
                if row < self.count() and self.item(row).data(ARTICLE_ID_ROLE) == summary.id:
                    if self._summaries.get(summary.id) != summary:
                        _describe(self.item(row), summary)
                else:
                    self.insertItem(row, _describe(QListWidgetItem(), summary))
                row += 1
            while row < self.count():
                self._remove(row)
        finally:
            self.blockSignals(blocked)
        self._summaries = {s.id: s for s in summaries}

    def show_summary(self, summary: ArticleSummary) -> None:
        """Show new details of one article already in the list."""
        row = self.row_of(summary.id)
        if row is not None:
            _describe(self.item(row), summary)
            self._summaries[summary.id] = summary

    def _remove(self, row: int) -> None:
        item = self.takeItem(row)
        del item

    def summary(self, article_id: int | None) -> ArticleSummary | None:
        """The article's summary as last shown (None for one not in the list)."""
        return self._summaries.get(article_id) if article_id is not None else None

    def row_of(self, article_id: int | None) -> int | None:
        if article_id not in self._summaries:
            return None
        for row in range(self.count()):
            if self.item(row).data(ARTICLE_ID_ROLE) == article_id:
                return row
        return None

    def article_id_at(self, row: int) -> int | None:
        item = self.item(row)
        return item.data(ARTICLE_ID_ROLE) if item is not None else None


def tr(text: str) -> str:
    return QCoreApplication.translate("ArticleList", text)


def _describe(item: QListWidgetItem, summary: ArticleSummary) -> QListWidgetItem:
    count = plural(summary.quote_count, tr("quote"), tr("quotes"))
    item.setText(f"{summary.title}\n{count}")
    item.setData(ARTICLE_ID_ROLE, summary.id)
    item.setToolTip(summary.source)
    return item
