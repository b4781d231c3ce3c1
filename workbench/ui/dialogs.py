"""Every question the window asks, in one injectable place (tests pass a fake)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

PROJECT_FILTER = "Quote Workbench projects (*.qwb)"
ARTICLE_FILTER = "Articles (*.txt *.html *.htm *.docx *.md *.markdown);;All files (*)"


@dataclass(frozen=True)
class EvidenceInput:
    location: str
    title: str
    excerpt: str


class Dialogs:
    """Modal questions. Each returns None when the analyst cancels."""

    def error(self, parent: QWidget, message: str) -> None:
        QMessageBox.warning(parent, parent.tr("Quote Workbench"), message)

    def info(self, parent: QWidget, message: str) -> None:
        QMessageBox.information(parent, parent.tr("Quote Workbench"), message)

    def ask_save_changes(self, parent: QWidget, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Unsaved changes"),
                          parent.tr("Save the changes to “{0}” before closing?").format(name),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, parent)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")

    def ask_close_with_waiting(self, parent: QWidget, name: str, waiting: int) -> bool:
        """True when the analyst closes a team project whose server has not taken ``waiting`` edits yet."""
        box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("Edits waiting for the server"),
                          parent.tr("{0} edit(s) to {1} are waiting for its server. They are kept on this computer "
                                    "and sent the next time you open this team project.").format(waiting, name),
                          QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel, parent)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Close

    def ask_recover(self, parent: QWidget, description: str) -> bool:
        answer = QMessageBox.question(
            parent, parent.tr("Recover unsaved work?"),
            parent.tr("Quote Workbench closed unexpectedly while “{0}” had unsaved changes. "
                      "Recover them?").format(description))
        return answer == QMessageBox.StandardButton.Yes

    def offer_rescue(self, parent: QWidget, message: str) -> bool:
        """A damaged project: True when the analyst chooses Rescue…"""
        box = QMessageBox(QMessageBox.Icon.Warning, parent.tr("Damaged project"), message,
                          QMessageBox.StandardButton.Close, parent)
        rescue = box.addButton(parent.tr("Rescue…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(rescue)
        box.exec()
        return box.clickedButton() is rescue

    def open_project_path(self, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Open project"), "", PROJECT_FILTER)
        return path or None

    def colleague_project_path(self, parent: QWidget) -> str | None:
        """A colleague's project file to compare mine with (only ever read)."""
        path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Compare with a colleague’s project"), "",
                                              PROJECT_FILTER)
        return path or None

    def save_project_path(self, parent: QWidget, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Save project as"), suggested, PROJECT_FILTER)
        return path or None

    def save_report_path(self, parent: QWidget, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export report"), suggested, file_filter)
        return path or None

    def article_paths(self, parent: QWidget) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, parent.tr("Import articles"), "", ARTICLE_FILTER)
        return paths

    def article_url(self, parent: QWidget) -> str | None:
        url, ok = QInputDialog.getText(parent, parent.tr("Import from the web"), parent.tr("Address of the article:"))
        return url.strip() if ok and url.strip() else None

    def publication_date(self, parent: QWidget, title: str, current: str | None) -> str | None:
        """The article's publication date as YYYY-MM-DD ('' for unknown); None when cancelled."""
        value, ok = QInputDialog.getText(
            parent, parent.tr("Publication date"),
            parent.tr("When was “{0}” published? (YYYY-MM-DD)\nDates said like “on Wednesday” are worked out "
                      "from it.").format(title), text=current or "")
        return value.strip() if ok else None

    def analyst_name(self, parent: QWidget, current: str) -> str | None:
        name, ok = QInputDialog.getText(
            parent, parent.tr("Your name"),
            parent.tr("Your name, as it will stand on every confirmation and in reports:"), text=current)
        return name.strip() if ok and name.strip() else None

    def project_title(self, parent: QWidget, current: str) -> str | None:
        """The project's title, as reports show it; None when cancelled."""
        title, ok = QInputDialog.getText(parent, parent.tr("Project title"),
                                         parent.tr("Title of this project, as reports show it:"), text=current)
        return title.strip() if ok and title.strip() else None

    def evidence(self, parent: QWidget) -> EvidenceInput | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle(parent.tr("Add evidence"))
        location = QLineEdit(placeholderText="https://… or a file path")
        title = QLineEdit()
        excerpt = QPlainTextEdit()
        form = QFormLayout(dialog)
        form.addRow(parent.tr("Link or file"), location)
        form.addRow(parent.tr("Title"), title)
        form.addRow(parent.tr("Excerpt"), excerpt)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted or not location.text().strip():
            return None
        return EvidenceInput(location.text().strip(), title.text().strip(), excerpt.toPlainText().strip())
