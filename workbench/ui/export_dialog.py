"""File → Export report…: choose format, articles and order, preview, then save.

Threads: the report is read from the project and rendered to text (and the PDF's
HTML) off the GUI thread (``window.runner``; the worker opens its own read-only
store on the working copy, since a store belongs to one thread). The PDF is laid
out by QTextDocument and painted on a QPdfWriter, which are GUI classes, so that
happens on the GUI thread when the analyst clicks Save — one page at a time, with
paint events processed between pages (for 1,000 quotes: about 1.5 s of layout,
then ~5 ms per page; see benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.errors import UserFacingError
from workbench.qtrender.pdf import CHART_RESOURCE, chart_image, render_pdf
from workbench.services.reports import FORMATS, ReportData, ReportOptions, ReportOrder, render_html, render_text
from workbench.services.reports.agreement import (
    AGREEMENT_FORMATS,
    agreement_section_from_file,
    with_agreement,
)
from workbench.services.reports.files import build_report_from_file, write_report
from workbench.services.reports.html import status_chart
from workbench.ui.host import PanelHost
from workbench.ui.labels import explain
from workbench.ui.runner import Task

PREVIEW_LIMIT = 200_000  # characters of a text format shown in the preview
RICH_FORMATS = frozenset({"html", "pdf"})

# (parent, suggested file name, file-dialog filter) → chosen path or None
AskPathFn = Callable[[QWidget, str, str], "str | None"]


@dataclass(frozen=True)
class PreparedReport:
    """What the worker hands back: the data, the Qt HTML (preview, PDF) and the file's text."""

    generation: int
    format: str
    data: ReportData
    qt_html: str
    text: str | None  # None for PDF


def prepare_report(store_path: Path, options: ReportOptions, fmt: str, generation: int,
                   agreement_with: str | None = None):
    """A runner task reading and rendering the report (with the Agreement section when ``agreement_with``
    names a colleague's file, only read). Runs off the GUI thread; touches no Qt object."""
    def run(progress, cancelled) -> PreparedReport:
        data = build_report_from_file(store_path, options, progress=progress, cancelled=cancelled)
        if agreement_with and fmt in AGREEMENT_FORMATS:
            data = with_agreement(data, agreement_section_from_file(store_path, agreement_with))
        qt_html = render_html(data, qt=True, chart_src=CHART_RESOURCE)
        text = None if fmt == "pdf" else render_text(fmt, data)
        return PreparedReport(generation, fmt, data, qt_html, text)
    return run


class ExportReportDialog(QDialog):
    """Options on the left, a live preview on the right, Save… below."""

    sig_preview_ready = Signal()
    sig_saved = Signal(str)

    def __init__(self, window: PanelHost, *, ask_path: AskPathFn | None = None) -> None:
        super().__init__(window.parent_widget())
        self.setObjectName("exportReportDialog")
        self.setWindowTitle(self.tr("Export report"))
        self._window = window
        self._ask_path = ask_path
        self._store_path = Path(window.workspace.store.path)
        self._generation = 0
        self._task = None
        self.prepared: PreparedReport | None = None
        self._build_widgets()
        self._fill_articles()
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        for signal in (self.format_combo.currentIndexChanged, self.order_combo.currentIndexChanged,
                       self.include_unchecked.toggled, self.article_list.itemChanged):
            signal.connect(lambda *_: self._debounce.start())
        self.resize(1100, 720)
        self.refresh()

    # --- widgets ----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.format_combo = QComboBox(objectName="reportFormat")
        for key, (suffix, description) in FORMATS.items():
            self.format_combo.addItem(f"{description} ({suffix})", key)
        self.article_list = QListWidget(objectName="reportArticles")
        self.article_list.setAccessibleName(self.tr("Articles in the report"))
        self.include_unchecked = QCheckBox(self.tr("Include unchecked and in-progress quotes"),
                                           objectName="includeUnchecked")
        self.order_combo = QComboBox(objectName="reportOrder")
        self.order_combo.addItem(self.tr("By article"), ReportOrder.ARTICLE.value)
        self.order_combo.addItem(self.tr("By speaker"), ReportOrder.SPEAKER.value)

        all_button = QPushButton(self.tr("All"), objectName="allArticles")
        none_button = QPushButton(self.tr("None"), objectName="noArticles")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        article_buttons = QHBoxLayout()
        article_buttons.addWidget(all_button)
        article_buttons.addWidget(none_button)
        article_buttons.addStretch(1)

        options = QWidget()
        form = QFormLayout(options)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Articles"), self.article_list)
        form.addRow("", article_buttons)
        form.addRow("", self.include_unchecked)
        form.addRow(self.tr("Order"), self.order_combo)
        form.addRow(self.tr("Agreement with…"), self._build_agreement_field())

        self.preview = QTextBrowser(objectName="reportPreview")
        self.preview.setOpenLinks(False)  # a preview: links are shown, never followed
        self.preview.setAccessibleName(self.tr("Report preview"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(options)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        self.status_label = QLabel(objectName="reportStatus")
        self.save_button = QPushButton(self.tr("Save…"), objectName="saveReportButton")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        close_button = QPushButton(self.tr("Close"), objectName="closeReportButton")
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _build_agreement_field(self) -> QWidget:
        """Optional: a colleague's project file; the report then has an "Agreement" section
        (their file is only read)."""
        self.agreement_path = QLineEdit(objectName="agreementWithPath", readOnly=True)
        self.agreement_path.setPlaceholderText(self.tr("no colleague’s file (optional)"))
        self.agreement_path.setAccessibleName(self.tr("Agreement with a colleague’s project"))
        choose = QPushButton(self.tr("Choose…"), objectName="chooseAgreementFile")
        choose.clicked.connect(self._choose_agreement_file)
        clear = QPushButton(self.tr("Clear"), objectName="clearAgreementFile")
        clear.clicked.connect(lambda: self.set_agreement_with(None))
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.agreement_path, 1)
        layout.addWidget(choose)
        layout.addWidget(clear)
        return row

    def _choose_agreement_file(self) -> None:
        path = self._window.dialogs.colleague_project_path(self)
        if path:
            self.set_agreement_with(path)

    def set_agreement_with(self, path: str | None) -> None:
        self.agreement_path.setText(path or "")
        self._debounce.start()

    def _fill_articles(self) -> None:
        self.article_list.blockSignals(True)
        for summary in self._window.workspace.store.article_summaries():
            item = QListWidgetItem(f"{summary.title} ({summary.quote_count})")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(summary.source)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.article_list.addItem(item)
        self.article_list.blockSignals(False)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.article_list.blockSignals(True)
        for row in range(self.article_list.count()):
            self.article_list.item(row).setCheckState(state)
        self.article_list.blockSignals(False)
        self._debounce.start()

    # --- options ----------------------------------------------------------------------------

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def report_format(self) -> str:
        return self.format_combo.currentData()

    def options(self) -> ReportOptions:
        items = [self.article_list.item(row) for row in range(self.article_list.count())]
        chosen = tuple(i.data(Qt.ItemDataRole.UserRole) for i in items
                       if i.checkState() == Qt.CheckState.Checked)
        whole = len(chosen) == len(items)
        return ReportOptions(article_ids=None if whole else chosen,
                             include_unchecked=self.include_unchecked.isChecked(),
                             order=ReportOrder(self.order_combo.currentData()))

    # --- preview (built off the GUI thread) ----------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the preview for the current options; a newer request supersedes an older one."""
        self._debounce.stop()
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        self.prepared = None
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Preparing the preview…"))

        def connect(task: Task) -> None:
            task.signals.sig_done.connect(self._on_prepared)
            task.signals.sig_failed.connect(self._on_failed)

        self._task = self._window.runner.start(
            prepare_report(self._store_path, self.options(), self.report_format(), self._generation,
                           self.agreement_path.text() or None), connect)

    def _on_prepared(self, prepared: PreparedReport) -> None:
        if prepared.generation != self._generation:
            return  # options changed since; a newer preview is on its way
        self._task = None
        self.prepared = prepared
        if prepared.format in RICH_FORMATS:
            document = self.preview.document()
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE),
                                 chart_image(status_chart(prepared.data)))
            self.preview.setHtml(prepared.qt_html)
        else:
            text = prepared.text or ""
            if len(text) > PREVIEW_LIMIT:
                text = text[:PREVIEW_LIMIT] + "\n\n" + self.tr("… (the preview stops here; the file holds it all)")
            self.preview.setPlainText(text)
        data = prepared.data
        self.status_label.setText(self.tr("{0} of {1} quotes listed · {2}").format(
            data.listed_count, data.total_quotes, FORMATS[prepared.format][1]))
        self.save_button.setEnabled(True)
        self.sig_preview_ready.emit()

    def _on_failed(self, message: str) -> None:
        self._task = None
        self.status_label.setText(message)
        self._window.dialogs.error(self, message)

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Ask where, then write the prepared report; a PDF is laid out here, on the GUI thread."""
        prepared = self.prepared
        if prepared is None:
            return False
        suffix, description = FORMATS[prepared.format]
        stem = Path(self._window.workspace.session.display_name).stem or "report"
        ask = self._ask_path or self._window.dialogs.save_report_path
        path = ask(self, f"{stem} report{suffix}", f"{description} (*{suffix})")
        if not path:
            return False
        try:
            if prepared.format == "pdf":
                content = self._render_pdf(prepared)
            else:
                content = (prepared.text or "").encode("utf-8")
            session = self._window.workspace.session
            write_report(path, content, protect=[session.project_path, session.working_copy])
        except UserFacingError as err:
            self._window.dialogs.error(self, explain(err))
            return False
        self._window.show_message(self.tr("Report saved to {0}").format(path), 6000)
        self.sig_saved.emit(path)
        self.accept()
        return True

    def _render_pdf(self, prepared: PreparedReport) -> bytes:
        """Lay out and paint the PDF here, on the GUI thread, a page at a time.

        Between pages the window repaints and the progress bar moves (user input is
        held back until the file is written), so a long report does not look frozen.
        """
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Writing the PDF…"))

        def on_page(done: int, total: int) -> None:
            self.status_label.setText(self.tr("Writing the PDF… page {0} of {1}").format(done, total))
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

        try:
            return render_pdf(prepared.data, prepared.qt_html, on_page=on_page)
        finally:
            self.save_button.setEnabled(True)

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        self._debounce.stop()
        super().done(result)


def open_export_dialog(window: PanelHost) -> ExportReportDialog | None:
    """Show the export dialog (window-modal), or explain why there is nothing to export."""
    if window.workspace is None:
        window.dialogs.info(window.parent_widget(), window.tr("Open or create a project first, then export its report."))
        return None
    dialog = ExportReportDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog


def install_export_action(window: PanelHost) -> QAction:
    """Add File → Export report… (Ctrl+E, action ``file.export``), just before Quit's group."""
    window.actions.separator("menu.file", before="file.quit")
    action = window.actions.add("file.export", "&Export report…", lambda: open_export_dialog(window), "Ctrl+E",
                                task="Files", menu="menu.file", before="file.quit")
    return action
