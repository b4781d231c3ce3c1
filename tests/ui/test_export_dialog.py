"""File → Export report…: the preview, the options, saving (faked path), and the PDF read back."""

import json
import shutil
import subprocess
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from workbench.persistence.store import ProjectStore
from workbench.qtrender.pdf import render_pdf
from workbench.services.project import ProjectService
from workbench.services.reports import ReportOptions, build_report_data
from workbench.services.reports import files as report_files
from workbench.services.reports.csv_export import COLUMNS
from workbench.ui import export_dialog
from workbench.ui.export_dialog import ExportReportDialog, open_export_dialog

NOTE = "<script>alert('x')</script> called the State Dept"


@pytest.fixture
def checked_project(sample_project):
    with ProjectStore(sample_project) as store:
        service = ProjectService(store, "Ana")
        quotes = store.quotes()
        service.apply(service.status_edit(quotes[1].id, "verified"))
        service.apply(service.note_edit(quotes[1].id, NOTE))
        service.apply(service.evidence_edit(quotes[1].id, url="https://www.state.gov/t", title="Transcript"))
        service.apply(service.status_edit(quotes[2].id, "altered"))
        texts = {"verified": quotes[1].text, "altered": quotes[2].text, "unchecked": quotes[3].text}
    return sample_project, texts


def pdf_text(path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def export_action(window) -> QAction:
    return window.actions["file.export"]


def open_dialog(qtbot, window) -> ExportReportDialog:
    export_action(window).trigger()
    dialog = window.findChild(ExportReportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.prepared is not None, timeout=10000)
    return dialog


def refreshed(qtbot, dialog, change):
    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=10000):
        change()
    return dialog.preview.toPlainText()


def test_export_action_sits_in_the_file_menu_with_ctrl_e(make_window):
    window = make_window()
    action = export_action(window)
    assert len([a for a in window.findChildren(QAction) if a.objectName() == "file.export"]) == 1
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Export report…" in texts and texts.index("Export report…") < texts.index("Quit")
    assert action.shortcut() == QKeySequence("Ctrl+E")


def test_without_a_project_it_explains(make_window, dialogs):
    window = make_window()
    assert open_export_dialog(window) is None
    assert dialogs.infos and "project" in dialogs.infos[0]


def test_preview_follows_the_options(qtbot, make_window, checked_project):
    path, texts = checked_project
    window = make_window()
    assert window.open_path(str(path))
    dialog = open_dialog(qtbot, window)
    shown = dialog.preview.toPlainText()
    assert "Verification report" in shown and "Sample" in shown
    assert texts["verified"] in shown and texts["altered"] in shown
    assert texts["unchecked"] not in shown  # unchecked quotes are left out by default
    assert NOTE in shown  # the note as text
    shown = refreshed(qtbot, dialog, lambda: dialog.include_unchecked.setChecked(True))
    assert texts["unchecked"] in shown
    shown = refreshed(qtbot, dialog, lambda: dialog.order_combo.setCurrentIndex(1))
    assert "Quotes by speaker" in shown
    shown = refreshed(qtbot, dialog, lambda: dialog.set_format("csv"))
    assert shown.startswith("quote_id,article_id")
    shown = refreshed(qtbot, dialog, lambda: dialog.article_list.item(0).setCheckState(Qt.CheckState.Unchecked))
    assert shown.strip() == ",".join(COLUMNS)
    assert dialog.status_label.text().startswith("0 of 0")


def test_the_report_is_built_off_the_gui_thread(qtbot, make_window, checked_project, monkeypatch):
    threads = []
    real = report_files.build_report_from_file

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_dialog, "build_report_from_file", spy)
    window = make_window()
    window.open_path(str(checked_project[0]))
    open_dialog(qtbot, window)
    assert threads and threading.main_thread() not in threads


def test_save_writes_the_chosen_format(qtbot, make_window, dialogs, checked_project, tmp_path):
    path, texts = checked_project
    window = make_window()
    window.open_path(str(path))
    dialog = open_dialog(qtbot, window)
    refreshed(qtbot, dialog, lambda: dialog.set_format("claimreview"))
    target = tmp_path / "out" / "claims.jsonld"
    target.parent.mkdir()
    asked = []
    dialogs.save_report_path = lambda parent, suggested, file_filter: asked.append(suggested) or str(target)
    with qtbot.waitSignal(dialog.sig_saved, timeout=5000):
        dialog.save_button.click()
    assert asked == ["sample report.jsonld"]
    claims = json.loads(target.read_text(encoding="utf-8"))
    assert {c["reviewRating"]["alternateName"] for c in claims} == {"Verified", "Altered"}
    assert not dialogs.errors


def test_save_as_pdf_is_readable(qtbot, make_window, dialogs, checked_project, tmp_path):
    path, texts = checked_project
    window = make_window()
    window.open_path(str(path))
    dialog = open_dialog(qtbot, window)
    refreshed(qtbot, dialog, lambda: dialog.set_format("pdf"))
    target = tmp_path / "report.pdf"
    dialogs.save_report_path = lambda *_: str(target)
    dialog.save_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    assert "Verification report" in text
    assert " ".join(texts["verified"].split()) in text
    assert "<script>alert('x')</script>" in text


def test_save_into_a_missing_folder_is_one_sentence(qtbot, make_window, dialogs, checked_project, tmp_path):
    window = make_window()
    window.open_path(str(checked_project[0]))
    dialog = open_dialog(qtbot, window)
    dialogs.save_report_path = lambda *_: str(tmp_path / "nowhere" / "r.html")
    dialog.save_button.click()
    assert len(dialogs.errors) == 1 and "does not exist" in dialogs.errors[0]
    assert dialog.isVisible()


def test_pdf_renderer_reads_back(qapp, checked_project, tmp_path):
    path, texts = checked_project
    with ProjectStore(path, read_only=True) as store:
        data = build_report_data(store, ReportOptions(include_unchecked=True))
    target = tmp_path / "r.pdf"
    target.write_bytes(render_pdf(data))
    text = pdf_text(target)
    for expected in ("Sample", "Reviewer sign-off", "No reviewer has signed off", "Summary", "Articles",
                     "Antony Blinken", "Secretary of State", "Transcript", "https://www.state.gov/t",
                     data.fingerprint[:40]):
        assert expected in text, expected
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
        assert "Sample — verification report" in info and "A4" in info


def test_saving_over_the_open_project_is_refused_in_a_sentence(qtbot, make_window, dialogs, checked_project):
    """Issue #14 item 1: the dialog uses the same core check as the CLI; the project stays byte for byte."""
    path = checked_project[0]
    before = path.read_bytes()
    window = make_window()
    window.open_path(str(path))
    dialog = open_dialog(qtbot, window)
    dialogs.save_report_path = lambda *_: str(path)
    assert dialog.save() is False
    assert len(dialogs.errors) == 1 and "never replaces its project" in dialogs.errors[0]
    assert path.read_bytes() == before and dialog.isVisible()


def test_pdf_keeps_each_quote_on_one_page_and_gives_headings_room(qapp, sample_project):
    from PySide6.QtCore import QSizeF
    from workbench.qtrender.pdf import _is_rule, keep_quotes_on_one_page, report_document, scale_margins
    with ProjectStore(sample_project) as store:
        service = ProjectService(store, "Ana")
        for i, quote in enumerate(store.quotes()):  # notes of different lengths, so quotes fall across page ends
            service.apply(service.note_edit(quote.id, "A note on the check. " * (3 + 7 * (i % 4))))
        data = build_report_data(store, ReportOptions(include_unchecked=True))
    document = report_document(data)
    scale_margins(document, 2.0)  # as for a device of twice the screen's resolution
    document.setPageSize(QSizeF(600, 800))
    assert keep_quotes_on_one_page(document) > 0  # without it some quotes ran across a page end
    layout, block, tops = document.documentLayout(), document.begin(), []
    while block.isValid():
        if _is_rule(block):
            tops.append(layout.blockBoundingRect(block).top())
        if block.blockFormat().headingLevel() == 2:
            assert block.blockFormat().topMargin() >= 40  # headings were cramped against the text above
        block = block.next()
    for top, end in zip(tops, tops[1:]):
        assert int(top // 800) == int((end - 1) // 800) or end - top >= 800 or top % 800 < 40, (top, end)


def test_a_file_imported_by_a_relative_path_is_reported_by_its_full_path(tmp_path, sample_article, monkeypatch):
    monkeypatch.chdir(sample_article.parent)
    with ProjectStore.create(tmp_path / "r.qwb", title="R", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(sample_article.name)
        assert store.article_summaries()[0].source == str(sample_article.resolve())
