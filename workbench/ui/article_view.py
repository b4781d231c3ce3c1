"""The article as stored, with its quotes highlighted by status (colour and underline style)."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from workbench.domain.model import Article, Quote, VerificationStatus
from workbench.ui.labels import STATUS_COLOURS, status_label

# A second channel besides colour, for colour-blind analysts.
STATUS_UNDERLINES = {
    VerificationStatus.UNCHECKED: QTextCharFormat.UnderlineStyle.DotLine,
    VerificationStatus.IN_PROGRESS: QTextCharFormat.UnderlineStyle.DashUnderline,
    VerificationStatus.VERIFIED: QTextCharFormat.UnderlineStyle.SingleUnderline,
    VerificationStatus.ALTERED: QTextCharFormat.UnderlineStyle.WaveUnderline,
    VerificationStatus.MISATTRIBUTED: QTextCharFormat.UnderlineStyle.SingleUnderline,  # and struck through
    VerificationStatus.OUT_OF_CONTEXT: QTextCharFormat.UnderlineStyle.DashDotLine,
    VerificationStatus.UNVERIFIABLE: QTextCharFormat.UnderlineStyle.DashDotDotLine,
}


HIGHLIGHT_MARGIN = 6000  # characters around the visible text whose quotes are highlighted
MENTION_COLOUR = QColor("#1F4E99")
CUE_COLOUR = QColor("#8A3B12")


class ArticleView(QPlainTextEdit):
    """Read-only article text. Clicking a highlighted quote emits its id."""

    sig_quote_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(16)
        self.setAccessibleName("Article text")
        self._quotes: list[Quote] = []
        self._starts: list[int] = []
        self._selected: int | None = None
        self._article_id: int | None = None
        self._length = 0
        # Only the quotes near the visible text are highlighted (a long article has thousands);
        # scrolling repaints them after a short pause.
        self._repaint_timer = QTimer(self, singleShot=True, interval=40)
        self._repaint_timer.timeout.connect(self._repaint_highlights)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._repaint_timer.start())

    def show_article(self, article: Article | None) -> None:
        self._article_id = article.id if article else None
        self.setPlainText(article.text if article else "")
        self._length = len(article.text) if article else 0
        if article:
            headline = QTextCursor(self.document().firstBlock())
            headline.select(QTextCursor.SelectionType.BlockUnderCursor)
            bold = QTextCharFormat()
            bold.setFontWeight(QFont.Weight.Bold)
            bold.setFontPointSize(self.font().pointSizeF() * 1.35)
            headline.mergeCharFormat(bold)
        self._quotes = []
        self._starts = []
        self._selected = None

    @property
    def article_id(self) -> int | None:
        return self._article_id

    def show_quotes(self, quotes: list[Quote], selected: int | None = None) -> None:
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self._quotes]
        self._selected = selected
        self._repaint_highlights()

    def select_quote(self, quote_id: int | None) -> None:
        self._selected = quote_id
        quote = next((q for q in self._quotes if q.id == quote_id), None)
        if quote is not None:
            cursor = self.textCursor()
            cursor.setPosition(min(quote.start, self._length))
            self.setTextCursor(cursor)
            self.centerCursor()
        self._repaint_highlights()

    def quote_at_offset(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset)
        for quote in reversed(self._quotes[max(0, i - 8):i]):
            if any(s.start <= offset < s.end for s in quote.spans):
                return quote
        return None

    def _near_visible(self) -> list[Quote]:
        first = self.firstVisibleBlock().position()
        corner = self.viewport().rect().bottomRight()
        last = self.cursorForPosition(corner).position()
        lo = bisect_right(self._starts, first - HIGHLIGHT_MARGIN)
        hi = bisect_right(self._starts, last + HIGHLIGHT_MARGIN)
        near = self._quotes[max(0, lo - 1):hi]
        return [q for q in near if q.end >= first - HIGHLIGHT_MARGIN]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._repaint_timer.start()

    def _repaint_highlights(self) -> None:
        selections = []
        length = self._length
        for quote in self._near_visible():
            is_selected = quote.id == self._selected
            colour = QColor(STATUS_COLOURS[quote.status])
            fmt = QTextCharFormat()
            colour.setAlpha(150 if is_selected else 60)
            fmt.setBackground(colour)
            fmt.setUnderlineStyle(STATUS_UNDERLINES[quote.status])
            fmt.setUnderlineColor(STATUS_COLOURS[quote.status].darker(150))
            fmt.setFontStrikeOut(quote.status is VerificationStatus.MISATTRIBUTED)
            for span in quote.spans:
                selections.append(self._selection(span.start, span.end, fmt, length))
            for marked, colour in ((quote.mention, MENTION_COLOUR), (quote.cue, CUE_COLOUR)):
                if marked is not None:
                    light = QTextCharFormat()  # extra selections ignore anything that changes layout (bold)
                    light.setForeground(colour)
                    light.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    light.setUnderlineColor(colour)
                    selections.append(self._selection(marked.start, marked.end, light, length))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat, length: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            quote = self.quote_at_offset(self.cursorForPosition(event.position().toPoint()).position())
            if quote is not None:
                self.sig_quote_clicked.emit(quote.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            quote = self.quote_at_offset(self.cursorForPosition(self.viewport().mapFromGlobal(
                event.globalPos())).position())
            if quote is not None:
                QToolTip.showText(event.globalPos(), f"{quote.speaker_name or 'Speaker unknown'} — "
                                                     f"{status_label(quote.status)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
