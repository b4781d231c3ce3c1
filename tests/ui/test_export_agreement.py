"""The export dialog's optional "Agreement with…" field: the preview and the saved report gain the section."""

import hashlib
import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.ui.export_dialog import ExportReportDialog


def test_agreement_with_a_chosen_file_is_in_the_preview_and_the_saved_markdown(
        qtbot, make_window, dialogs, sample_project, tmp_path):
    theirs = tmp_path / "bea.qwb"
    shutil.copyfile(sample_project, theirs)
    with ProjectStore(theirs) as store:
        service = ProjectService(store, "Bea")
        service.apply(service.status_edit(store.quotes()[0].id, VerificationStatus.VERIFIED))
    before = hashlib.sha256(theirs.read_bytes()).hexdigest()
    window = make_window()
    assert window.open_path(str(sample_project))
    window.actions["file.export"].trigger()
    dialog = window.findChild(ExportReportDialog)
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=10000)
    assert "Agreement" not in dialog.preview.toPlainText()

    dialogs.compare_path = str(theirs)
    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=10000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "chooseAgreementFile"), Qt.MouseButton.LeftButton)
    assert dialog.findChild(QLineEdit, "agreementWithPath").text() == str(theirs)
    preview = dialog.preview.toPlainText()
    agreement = preview[preview.index("Agreement\n"):]
    assert "With Ana, Bea (“bea.qwb”), on 1 article in common." in agreement and "15 items" in agreement

    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=10000):
        dialog.set_format("md")
    out = tmp_path / "report.md"
    dialog._ask_path = lambda *_: str(out)  # the file dialog, answered
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveReportButton"), Qt.MouseButton.LeftButton)
    text = out.read_text(encoding="utf-8")
    assert "## Agreement" in text and "| Status, Cohen's kappa on the quotes both found |" in text
    assert hashlib.sha256(theirs.read_bytes()).hexdigest() == before
