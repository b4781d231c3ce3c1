"""Verification reports: the analyst's work as HTML, Markdown, CSV, JSON and ClaimReview.

Pure Python (no Qt): ``build_report_data`` reads a ProjectStore into a ReportData
tree, and one renderer per format turns it into text. PDF needs Qt's text layout
and lives in ``workbench.qtrender.pdf``.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.services.reports.claimreview import render_claimreview
from workbench.services.reports.csv_export import render_csv
from workbench.services.reports.data import (
    ReportData,
    ReportOptions,
    ReportOrder,
    UnknownArticle,
    build_report_data,
)
from workbench.services.reports.html import render_html
from workbench.services.reports.json_export import render_json
from workbench.services.reports.markdown import render_markdown

# Every format: its file suffix and a description for file dialogs.
FORMATS: dict[str, tuple[str, str]] = {
    "html": (".html", "HTML report"),
    "pdf": (".pdf", "PDF report"),
    "md": (".md", "Markdown report"),
    "csv": (".csv", "CSV, one row per quote"),
    "json": (".json", "JSON, everything in the project"),
    "claimreview": (".jsonld", "ClaimReview JSON-LD"),
}

TEXT_RENDERERS: dict[str, Callable[[ReportData], str]] = {
    "html": render_html,
    "md": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "claimreview": render_claimreview,
}


def render_text(format: str, data: ReportData) -> str:
    """Any format but PDF, as text (write it as UTF-8)."""
    return TEXT_RENDERERS[format](data)


__all__ = ["FORMATS", "ReportData", "ReportOptions", "ReportOrder", "UnknownArticle", "build_report_data",
           "render_text", "render_html", "render_markdown", "render_csv", "render_json", "render_claimreview"]
