"""What the Help menu opens: the user guide, About (version and licences), the log folder, Report a problem.

Built here, wired into the menu by the window's action registry (docs/packaging.md, "Help"). ``HelpActions``
is the one object the window needs: it is made in app.py with the log file's path (workbench/logs.py decides
where the log lives) and each method is an action's handler. Everything runs on the GUI thread.
"""

from __future__ import annotations

import html
import platform
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QStandardItem, QStandardItemModel, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.services.about import (
    app_version,
    dependency_licences,
    last_lines,
    problem_report,
    shipped_file,
    user_guide_path,
)

OpenUrl = Callable[[QUrl], bool]


class AboutDialog(QDialog):
    """The version, the project's own licence, and every shipped dependency with its version and licence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="aboutDialog")
        self.setWindowTitle(self.tr("About Quote Workbench"))
        self.heading = QLabel(objectName="aboutHeading", textFormat=Qt.TextFormat.RichText)
        self.heading.setText(self.tr("<h3>Quote Workbench {0}</h3><p>Find, attribute and verify the quotes in news "
                                     "articles.</p><p>Free software under the MIT licence. It is built on the "
                                     "software below; their licence texts are in {1}.</p>")
                             .format(app_version(), _file_link(shipped_file("THIRD-PARTY-NOTICES.md"))))
        self.heading.setWordWrap(True)
        self.heading.setOpenExternalLinks(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        for item in dependency_licences():
            self.model.appendRow([QStandardItem(item.name), QStandardItem(item.version), QStandardItem(item.licence)])
        self.table = QTableView(objectName="licenceTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Components and their licences"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.model.item(row, column).text() for column in range(3))
                for row in range(self.model.rowCount())]


GUIDE_IMAGE_WIDTH = 760  # the screenshots are 1,500 pixels wide: shown smaller, they fit the window


def fit_images(document: QTextDocument, max_width: int) -> None:
    """Scale every image of ``document`` wider than ``max_width`` down to it (height in proportion)."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            image_format = fragment.charFormat().toImageFormat()
            if fragment.isValid() and image_format.isValid():
                image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image_format.name()))
                if image is not None and image.width() > max_width:
                    image_format.setWidth(max_width)
                    image_format.setHeight(image.height() * max_width / image.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image_format)
            iterator += 1
        block = block.next()


def _file_link(path: Path) -> str:
    if not path.is_file():
        return html.escape(path.name)
    return f'<a href="{html.escape(QUrl.fromLocalFile(str(path)).toString())}">{html.escape(path.name)}</a>'


class UserGuideWindow(QWidget):
    """docs/user-guide.md rendered by QTextBrowser's Markdown support; its screenshots load from beside it."""

    def __init__(self, guide: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="userGuideWindow")
        self.setWindowTitle(self.tr("Quote Workbench user guide"))
        self.browser = QTextBrowser(objectName="userGuideBrowser", openExternalLinks=True)
        self.browser.setAccessibleName(self.tr("User guide"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        guide = guide or user_guide_path()
        if guide.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(guide)), QTextDocument.ResourceType.MarkdownResource)
            fit_images(self.browser.document(), GUIDE_IMAGE_WIDTH)
        else:  # a broken install: say so rather than show an empty window
            self.browser.setPlainText(self.tr("The user guide is missing from this installation ({0}).")
                                      .format(str(guide)))
        self.resize(820, 760)


class ProblemReportDialog(QDialog):
    """Shows what Report a problem put on the clipboard, so the analyst sees exactly what they would send."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="problemReportDialog")
        self.setWindowTitle(self.tr("Report a problem"))
        explanation = QLabel(self.tr("This text is on the clipboard. Paste it into your message to us and say what "
                                     "you were doing. It holds no article or quote text."), wordWrap=True)
        self.text_view = QPlainTextEdit(text, objectName="problemReportText", readOnly=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.text_view)
        layout.addWidget(buttons)
        self.resize(640, 480)


class HelpActions:
    """The Help menu's handlers. ``log_file`` is the current log; ``open_url`` is injectable for tests."""

    def __init__(self, log_file: Path, *, open_url: OpenUrl = QDesktopServices.openUrl,
                 guide: Path | None = None) -> None:
        self.log_file = log_file
        self.open_url = open_url
        self.guide = guide
        # one of each, kept here: the guide is not modal, and a dialog without a parent would be collected
        self.guide_window: UserGuideWindow | None = None
        self.about_dialog: AboutDialog | None = None
        self.problem_dialog: ProblemReportDialog | None = None

    def show_user_guide(self, parent: QWidget | None = None) -> UserGuideWindow:
        """Show the guide in a window of its own (closed with ``parent``); shown again, it comes to the front."""
        if self.guide_window is None:
            self.guide_window = UserGuideWindow(self.guide)
            if parent is not None:
                self.guide_window.setParent(parent, Qt.WindowType.Window)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()
        return self.guide_window

    def show_about(self, parent: QWidget | None = None) -> AboutDialog:
        if self.about_dialog is None:  # the installed distributions do not change while the app runs
            self.about_dialog = AboutDialog(parent)
        self.about_dialog.open()
        return self.about_dialog

    def open_log_folder(self) -> bool:
        """Open the folder of the log in the file manager; it is made first if nothing was logged yet."""
        folder = self.log_file.parent
        folder.mkdir(parents=True, exist_ok=True)
        return bool(self.open_url(QUrl.fromLocalFile(str(folder))))

    def problem_report_text(self) -> str:
        return problem_report(platform=platform.platform(), python=sys.version.split()[0], qt=qVersion(),
                              log_lines=last_lines(self.log_file))

    def report_problem(self, parent: QWidget | None = None) -> ProblemReportDialog:
        """Copy the problem report to the clipboard and show it."""
        text = self.problem_report_text()
        QGuiApplication.clipboard().setText(text)
        if self.problem_dialog is not None:
            self.problem_dialog.deleteLater()
        self.problem_dialog = ProblemReportDialog(text, parent)
        self.problem_dialog.open()
        return self.problem_dialog
