"""First start without modal questions: a bar that asks (name, publication date) and a welcome page.

The first-run bar sits above the panes and asks one thing at a time; the window stays usable while
it waits. An empty project shows the welcome page instead of empty panes: open, import, paste, drop,
or try the sample.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "bbc-ukraine-blinken.txt"

BAR_STYLE = ("QFrame#firstRunBar { background: #E8F1FB; border-bottom: 1px solid #9DBEE0; }"
             " QLabel#firstRunQuestion { font-weight: bold; }")


class FirstRunBar(QFrame):
    """Asks one question at a time in a line across the window; Enter answers, Later puts it off."""

    sig_analyst = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="firstRunBar")
        self.setStyleSheet(BAR_STYLE)
        self.question = QLabel(objectName="firstRunQuestion")
        self.question.setWordWrap(True)
        self.answer = QLineEdit(objectName="firstRunAnswer")
        self.answer.setMinimumWidth(220)
        self.ok_button = QPushButton(self.tr("OK"), objectName="firstRunOk")
        self.later_button = QPushButton(self.tr("Later"), objectName="firstRunLater")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.question, 1)
        row.addWidget(self.answer)
        row.addWidget(self.ok_button)
        row.addWidget(self.later_button)
        self.answer.returnPressed.connect(self._on_answered)
        self.ok_button.clicked.connect(self._on_answered)
        self.later_button.clicked.connect(self._next)
        self._queue: deque[tuple[str, str, str, Callable[[str], None]]] = deque()
        self._current: tuple[str, str, str, Callable[[str], None]] | None = None
        self.hide()

    def ask_analyst(self, current: str) -> None:
        self._ask("analyst", self.tr("Welcome to Quote Workbench. Your name, as it will stand on every "
                                     "confirmation and in reports:"), current,
                  lambda name: self.sig_analyst.emit(name))

    def ask_publication_date(self, title: str, answered: Callable[[str], None]) -> None:
        self._queue = deque(q for q in self._queue if q[0] != "published")
        if self._current is not None and self._current[0] == "published":
            self._current = None
        self._ask("published", self.tr("When was “{0}” published? (YYYY-MM-DD; dates said like “on Wednesday” "
                                       "are worked out from it)").format(title), "", answered)

    def _ask(self, key: str, question: str, initial: str, answered: Callable[[str], None]) -> None:
        self._queue.append((key, question, initial, answered))
        if self._current is None:
            self._next()

    @property
    def asking(self) -> str | None:
        """What is being asked now ("analyst", "published"), or None."""
        return self._current[0] if self._current else None

    def _next(self) -> None:
        self._current = self._queue.popleft() if self._queue else None
        if self._current is None:
            self.hide()
            return
        _, question, initial, _ = self._current
        self.question.setText(question)
        self.answer.setText(initial)
        self.show()
        self.answer.setFocus()
        self.answer.selectAll()

    def _on_answered(self) -> None:
        if self._current is None:
            return
        value = self.answer.text().strip()
        if not value:
            return
        answered = self._current[3]
        self._next()
        answered(value)


class WelcomePage(QWidget):
    """Shown while the project has no article."""

    sig_open = Signal()
    sig_import = Signal()
    sig_paste = Signal()
    sig_sample = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="welcomePage")
        self.sample_path = SAMPLE
        title = QLabel(self.tr("<h2>Start checking quotes</h2>"))
        text = QLabel(self.tr("Import a news article — a web page, a Word or text file — and Quote Workbench "
                              "finds its quotes and who said them. Or drop files on this window."))
        text.setWordWrap(True)
        buttons = []
        for name, words, signal in (("welcomeImport", self.tr("Import articles…"), self.sig_import),
                                    ("welcomePaste", self.tr("Paste an article from the clipboard"), self.sig_paste),
                                    ("welcomeOpen", self.tr("Open a project…"), self.sig_open),
                                    ("welcomeSample", self.tr("Try the sample article"), self.sig_sample)):
            button = QPushButton(words, objectName=name)
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            buttons.append(button)
        buttons[-1].setVisible(SAMPLE.exists())
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(text)
        box.addSpacing(12)
        for button in buttons:
            box.addWidget(button)
        inner = QWidget()
        inner.setLayout(box)
        inner.setFixedWidth(480)  # a fixed width lets the wrapped text take the height it needs
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
