"""The article as stored, with its quotes highlighted by status (colour and underline style)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from workbench.domain.model import Article, Quote, VerificationStatus
from workbench.ui.labels import STATUS_COLOURS, status_label
from workbench.ui.runner import Turns

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
# A long text goes into the view a slice at a time, one slice per turn of the event loop: Qt takes
# about 50 ms to take in a million characters at once, ~8 ms for a slice of this size.
TEXT_SLICE = 150_000
MENTION_COLOUR = QColor("#1F4E99")
CUE_COLOUR = QColor("#8A3B12")


_OUTSIDE_BMP = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Positions:
    """Article offsets (Python code points) to Qt document positions (UTF-16 code units) and back.

    Qt counts a character outside the Basic Multilingual Plane — most emoji, some CJK — as two
    positions; without this, every highlight after an emoji would sit one character early.
    """

    def __init__(self, text: str = "") -> None:
        self._wide = [m.start() for m in _OUTSIDE_BMP.finditer(text)]
        self._wide_positions = [offset + k for k, offset in enumerate(self._wide)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._wide, offset) if self._wide else offset

    def to_offset(self, position: int) -> int:
        """The article offset at a Qt position (inside an emoji: the emoji's own offset)."""
        return position - bisect_left(self._wide_positions, position) if self._wide else position


# Bidi embedding, override and isolate controls would let a quote read on screen otherwise than it
# is. Import removes them; a project imported before may still hold some: each is shown as "¦",
# one BMP code point for one, so article offsets and Qt positions are unchanged.
BIDI_CONTROL_SHOWN_AS = "¦"
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_VISIBLE_BIDI = str.maketrans(dict.fromkeys(_BIDI_CONTROLS, BIDI_CONTROL_SHOWN_AS))
_ANY_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")


def visible_text(text: str) -> str:
    """``text`` with each bidi control shown as BIDI_CONTROL_SHOWN_AS; a text without any is returned as
    it is: translating a million characters took ~50 ms of the GUI thread, the search takes ~4 ms."""
    return text.translate(_VISIBLE_BIDI) if _ANY_BIDI.search(text) else text


class ArticleView(QPlainTextEdit):
    """Read-only article text. Clicking a highlighted quote emits its id."""

    sig_quote_clicked = Signal(int)

    def __init__(self, turns: Turns | None = None, parent: QWidget | None = None) -> None:
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
        self._length = 0  # article offsets, of the text already in the view
        self._positions = Utf16Positions()
        # Only the quotes near the visible text are highlighted (a long article has thousands);
        # scrolling repaints them after a short pause.
        self._repaint_timer = QTimer(self, singleShot=True, interval=40)
        self._repaint_timer.timeout.connect(self._repaint_highlights)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._repaint_timer.start())
        self._rest = ""  # text still to go in, slice by slice
        self._turns = turns or Turns(self)
        self._slice_queued = False
        self.document().setUndoRedoEnabled(False)  # read-only: no undo history for the slices

    def show_article(self, article: Article | None) -> None:
        """Show the article's text; a long one goes in a slice per turn of the event loop."""
        self._article_id = article.id if article else None
        text = visible_text(article.text) if article else ""
        self._positions = Utf16Positions(text)
        cut = _slice_end(text)
        # The cursor keeps the format of the text it stood in: the last headline's bold and size would
        # otherwise spread over the whole of the next article.
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(text[:cut])
        self._rest = text[cut:]
        self._length = cut
        self._queue_next_slice()
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

    @property
    def loading(self) -> bool:
        """True while some of a long text still waits for its slice."""
        return bool(self._rest)

    def _queue_next_slice(self) -> None:
        if self._rest and not self._slice_queued:
            self._slice_queued = True
            self._turns.later(self._add_next_slice)

    def _add_next_slice(self) -> None:
        self._slice_queued = False
        self._add_text(_slice_end(self._rest))

    def show_all_text(self) -> None:
        """Put the rest of a long text in now (to go to a quote far down)."""
        self._add_text(len(self._rest))

    def _add_text(self, count: int) -> None:
        if not self._rest:
            return
        piece, self._rest = self._rest[:count], self._rest[count:]
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
        self._length += len(piece)
        self._queue_next_slice()
        self._repaint_timer.start()  # quotes in the new text near the visible part get their highlights

    def show_quotes(self, quotes: list[Quote], selected: int | None = None) -> None:
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self._quotes]
        self._selected = selected
        self._repaint_highlights()

    def select_quote(self, quote_id: int | None) -> None:
        self._selected = quote_id
        quote = next((q for q in self._quotes if q.id == quote_id), None)
        if quote is not None and quote.end > self._length:
            self.show_all_text()
        if quote is not None:
            cursor = self.textCursor()
            cursor.setPosition(self._positions.to_qt(min(quote.start, self._length)))
            self.setTextCursor(cursor)
            self.centerCursor()
        self._repaint_highlights()

    def show_span(self, start: int, end: int) -> None:
        """Select the article's words [start, end) and scroll them into view (where a speaker's name is written)."""
        if end > self._length:
            self.show_all_text()
        cursor = self.textCursor()
        cursor.setPosition(self._positions.to_qt(min(start, self._length)))
        cursor.setPosition(self._positions.to_qt(min(end, self._length)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def selected_range(self) -> tuple[int, int] | None:
        """The selected words as article offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._positions.to_offset(cursor.selectionStart()),
                self._positions.to_offset(cursor.selectionEnd()))

    def cursor_offset(self) -> int:
        """Where the text cursor is, as an article offset."""
        return self._positions.to_offset(self.textCursor().position())

    def quote_at_position(self, position: int) -> Quote | None:
        """The quote under a Qt document position (e.g. where the mouse is)."""
        return self.quote_at_offset(self._positions.to_offset(position))

    def quote_at_offset(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset)
        for quote in reversed(self._quotes[max(0, i - 8):i]):
            if any(s.start <= offset < s.end for s in quote.spans):
                return quote
        return None

    def _near_visible(self) -> list[Quote]:
        first = self._positions.to_offset(self.firstVisibleBlock().position())
        corner = self.viewport().rect().bottomRight()
        last = self._positions.to_offset(self.cursorForPosition(corner).position())
        lo = bisect_right(self._starts, first - HIGHLIGHT_MARGIN)
        hi = bisect_right(self._starts, last + HIGHLIGHT_MARGIN)
        near = self._quotes[max(0, lo - 1):hi]
        return [q for q in near if q.end >= first - HIGHLIGHT_MARGIN and q.start < self._length]

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
        cursor.setPosition(self._positions.to_qt(min(start, length)))
        cursor.setPosition(self._positions.to_qt(min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            quote = self.quote_at_position(self.cursorForPosition(event.position().toPoint()).position())
            if quote is not None:
                self.sig_quote_clicked.emit(quote.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            quote = self.quote_at_position(self.cursorForPosition(self.viewport().mapFromGlobal(
                event.globalPos())).position())
            if quote is not None:
                QToolTip.showText(event.globalPos(), f"{quote.speaker_name or 'Speaker unknown'} — "
                                                     f"{status_label(quote.status)}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def _slice_end(text: str) -> int:
    """Where the first slice of ``text`` ends: all of a short text, else at TEXT_SLICE or a line break soon after."""
    if len(text) <= TEXT_SLICE:
        return len(text)
    cut = text.find("\n", TEXT_SLICE, TEXT_SLICE + TEXT_SLICE // 10)
    return TEXT_SLICE if cut < 0 else cut
