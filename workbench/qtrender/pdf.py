"""The report as PDF, laid out by Qt: QTextDocument over the report's HTML, printed with QPdfWriter.

Thread rule: everything here runs on the GUI thread (QTextDocument, QFont and
QPdfWriter are GUI classes). The window builds the ReportData and the HTML off
the GUI thread and calls ``render_pdf`` on it when the analyst saves.

The status chart is drawn with QPainter into a QImage and handed to the document
as an image resource (QTextDocument does not render inline SVG).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from workbench.qtrender import ensure_gui_application
from workbench.services.reports.data import ReportData
from workbench.services.reports.html import Chart, render_html, status_chart

CHART_RESOURCE = "report-chart.png"
CHART_SCALE = 3          # image pixels per chart unit: sharp when printed
PDF_RESOLUTION = 300     # dots per inch of the PDF's layout
MARGIN_MM = 16
FOOTER_MM = 7         # the strip at the foot of each page holding its number
SCREEN_DPI = 96       # CSS px in the report's style are screen pixels


def chart_image(chart: Chart, *, scale: int = CHART_SCALE) -> QImage:
    """The status bar chart, painted: labels right-aligned, one coloured bar and a count per status."""
    image = QImage(chart.width * scale, chart.height * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        font = QFont("DejaVu Sans")
        font.setPixelSize(12)
        painter.setFont(font)
        ink = QColor("#1a1a1a")
        for bar in chart.bars:
            painter.setPen(ink)
            painter.drawText(QRectF(0, bar.y, chart.label_width - 8, chart.bar_height),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), bar.label)
            if bar.width:
                painter.fillRect(QRectF(chart.label_width, bar.y, bar.width, chart.bar_height), QColor(bar.colour))
            painter.setPen(ink)
            painter.drawText(QRectF(chart.label_width + bar.width + 6, bar.y, 60, chart.bar_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(bar.count))
    finally:
        painter.end()
    return image


@cache
def _body_font() -> QFont:
    """The report's font, without "fi"/"fl" ligatures, so text copied or extracted from
    the PDF reads "verification", not "veriﬁcation".

    Made once per process: PySide6 6.12's QFont.setFeature drops a reference to None on
    every call, which crashes the interpreter after a few thousand calls.
    """
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def report_document(data: ReportData, html: str | None = None) -> QTextDocument:
    """A QTextDocument holding the report (Qt variant of the HTML) and its chart image. GUI thread only."""
    ensure_gui_application()
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(QFont(_body_font()))
    image = chart_image(status_chart(data))
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_RESOURCE), image)
    document.setHtml(html if html is not None else render_html(data, qt=True, chart_src=CHART_RESOURCE))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, data.title)
    return document


def render_pdf(data: ReportData, html: str | None = None, *,
               on_page: Callable[[int, int], None] | None = None) -> bytes:
    """The report as PDF bytes (A4, "page n of m" at the foot). GUI thread only.

    ``html`` is the Qt variant of the report HTML (``render_html(data, qt=True)``) when
    it was already made off the GUI thread; it is made here otherwise. Pages are
    painted one at a time and ``on_page(done, total)`` is called after each, so the
    window can update a progress bar and process its paint events between pages.
    """
    document = report_document(data, html)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{data.title} — verification report")
    writer.setCreator(f"Quote Workbench {data.app_version}")

    # Lay the document out at the writer's resolution, leaving a strip at the foot for page numbers.
    paint_rect = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = round(FOOTER_MM / 25.4 * writer.resolution())
    body = QSizeF(paint_rect.width(), paint_rect.height() - footer)
    document.documentLayout().setPaintDevice(writer)
    scale_margins(document, writer.resolution() / SCREEN_DPI)
    document.setPageSize(body)
    keep_quotes_on_one_page(document)
    pages = document.pageCount()

    painter = QPainter(writer)
    try:
        number_font = QFont(document.defaultFont())
        number_font.setPointSizeF(8)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(number_font)
            painter.setPen(QColor("#666666"))
            painter.drawText(QRectF(0, body.height(), body.width(), footer),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             f"{page + 1} / {pages}")
            if on_page:
                on_page(page + 1, pages)
    finally:
        painter.end()
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(buffer.data())


def scale_margins(document: QTextDocument, factor: float) -> None:
    """Scale the blocks' margins (CSS px, meant at SCREEN_DPI) to the paint device: laid out at 300 dpi,
    a heading's 26 px above it would shrink to a third of what the preview shows."""
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.topMargin() or fmt.bottomMargin() or fmt.leftMargin():
            fmt.setTopMargin(fmt.topMargin() * factor)
            fmt.setBottomMargin(fmt.bottomMargin() * factor)
            fmt.setLeftMargin(fmt.leftMargin() * factor)
            QTextCursor(block).setBlockFormat(fmt)
        block = block.next()


def _is_rule(block: QTextBlock) -> bool:
    return block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


def keep_quotes_on_one_page(document: QTextDocument) -> int:
    """Start a quote on a new page rather than split it (Qt's HTML has no page-break-inside), with the
    heading of its article when it is the article's first; a quote longer than a page is left to flow.
    Returns the number of page breaks put in. GUI thread only; the page size must be set."""
    layout, page = document.documentLayout(), document.pageSize().height()
    # Quotes start at a rule (<hr> in the Qt variant); a heading before one starts its group.
    starts: list[tuple[QTextBlock, QTextBlock]] = []  # (first block of the group, the rule)
    heading = None
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() in (2, 3):
            heading = heading or block  # "Quotes by article" and the first article's heading go together
        elif _is_rule(block):
            starts.append((heading or block, block))
            heading = None
        block = block.next()
    breaks = 0
    for i, (first, _rule) in enumerate(starts):
        top = layout.blockBoundingRect(first).top()
        if i + 1 < len(starts):
            end = layout.blockBoundingRect(starts[i + 1][0]).top()
        else:
            end = layout.blockBoundingRect(document.lastBlock()).bottom()
        if int(top // page) != int((end - 1) // page) and end - top < page and top % page > 1:
            cursor = QTextCursor(first)
            fmt = first.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setBlockFormat(fmt)
            breaks += 1
    return breaks


__all__ = ["render_pdf", "report_document", "chart_image", "keep_quotes_on_one_page", "scale_margins"]
