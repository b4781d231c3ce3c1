"""The article pane: header (byline, publication date), the article text with its quotes, the status
legend, and the lines removed from the page at import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.model import Article, VerificationStatus
from workbench.ui.article_view import STATUS_UNDERLINES, ArticleView
from workbench.ui.labels import STATUS_COLOURS, status_label
from workbench.ui.runner import Turns


class ArticlePane(QWidget):
    """Shows one article; asks for nothing itself (its signals go to the window)."""

    sig_publication_date_wanted = Signal()
    sig_restore_line = Signal(int)  # a removed line's index

    def __init__(self, turns: Turns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = ElidedLabel(keep_after=_META_SEPARATOR, objectName="articleHeader")
        self.view = ArticleView(turns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.published_button = QPushButton(self.tr("Set publication date…"), objectName="publishedButton")
        self.published_button.clicked.connect(self.sig_publication_date_wanted)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.published_button)
        layout.addLayout(header_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(_status_legend())
        self.removed_toggle = QToolButton(objectName="removedToggle", checkable=True)
        self.removed_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.removed_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.removed_toggle.setAutoRaise(True)
        self.removed_list = QListWidget(objectName="removedLines")
        self.removed_list.setAccessibleName("Lines removed from the page at import")
        self.removed_list.setMaximumHeight(110)
        self.removed_list.setVisible(False)
        self.removed_toggle.toggled.connect(self._on_removed_toggled)
        self.removed_list.setToolTip(self.tr("Double-click a line that was removed by mistake to put it back"))
        self.removed_list.itemActivated.connect(
            lambda item: self.sig_restore_line.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.removed_toggle)
        layout.addWidget(self.removed_list)
        self.setMinimumWidth(240)

    def show_article(self, article: Article | None, *, editable: bool, empty_text: str = "") -> None:
        self.published_button.setVisible(article is not None and editable)
        if article is not None:
            self.published_button.setText(self.tr("Change publication date…") if article.published
                                          else self.tr("Set publication date…"))
        self.view.show_article(article)
        if article is not None:
            source = article.publisher or (article.url or Path(article.source).name)
            meta = [source, article.published or self.tr("publication date unknown")]
            if article.authors:
                meta.insert(0, ", ".join(article.authors))
            self.header.setText(_META_SEPARATOR.join(m for m in meta if m))
        else:
            self.header.setText(empty_text)
        self.removed_list.clear()
        removed = article.removed_lines if article is not None else ()
        for line in removed:
            item = QListWidgetItem(f"{line.text}    — {line.reason}")
            item.setData(Qt.ItemDataRole.UserRole, line.index)
            self.removed_list.addItem(item)
        self.removed_toggle.setText(self.tr("Removed from the page at import ({0})").format(len(removed)))
        self.removed_toggle.setEnabled(bool(removed))

    def set_font_size(self, size: int) -> None:
        font = self.view.font()
        font.setPointSize(size)
        self.view.setFont(font)

    def _on_removed_toggled(self, shown: bool) -> None:
        self.removed_list.setVisible(shown)
        self.removed_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


_META_SEPARATOR = " · "
_FEW_LETTERS = "abcde…"   # the least of the rest worth showing beside the kept tail


class ElidedLabel(QLabel):
    """One line of plain text that, when the pane is narrow, is shortened in the middle with '…'
    (a file name keeps its start and its extension) instead of wrapping into a tall block that
    pushes the button beside it off the pane. What follows the last ``keep_after`` (the
    publication date) is kept whole while a few letters of the rest still fit. The whole text is
    in its tooltip, and ``text()`` is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, keep_after: str = "",
                 **kwargs) -> None:
        super().__init__(text, parent, **kwargs)
        self._keep_after = keep_after
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setToolTip(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        rect, metrics, text = self.contentsRect(), self.fontMetrics(), self.text()
        head, separator, tail = text.rpartition(self._keep_after) if self._keep_after else ("", "", text)
        kept = metrics.horizontalAdvance(separator + tail)
        if head and metrics.horizontalAdvance(text) > rect.width() \
                and kept + metrics.horizontalAdvance(_FEW_LETTERS) < rect.width():
            shown = metrics.elidedText(head, Qt.TextElideMode.ElideMiddle, rect.width() - kept) \
                + separator + tail
        else:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, rect.width())
        self.style().drawItemText(painter, rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), shown, self.foregroundRole())


def _status_legend() -> QWidget:
    """Colour and underline style of each status, so neither has to be remembered."""
    legend = QLabel(objectName="statusLegend")
    lines = {"DotLine": "dotted", "DashUnderline": "dashed", "SingleUnderline": "solid", "WaveUnderline": "wavy",
             "DashDotLine": "dash-dot", "DashDotDotLine": "dash-dot-dot"}
    parts = []
    for status in VerificationStatus:
        style = "struck through" if status is VerificationStatus.MISATTRIBUTED \
            else lines.get(STATUS_UNDERLINES[status].name, "")
        parts.append(f'<span style="background:{STATUS_COLOURS[status].name()}">&nbsp;&nbsp;&nbsp;</span>'
                     f"&nbsp;{status_label(status)} <small>({style})</small>")
    legend.setText("&nbsp;&nbsp; ".join(parts))
    legend.setWordWrap(True)
    return legend
