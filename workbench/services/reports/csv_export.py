"""The report as CSV: one row per listed quote, for a newsroom's spreadsheets and systems.

UTF-8, comma-separated, CRLF line ends, a header row. Text cells that a
spreadsheet would take for a formula (=, +, -, @, tab, CR first) get a leading
single quote. Columns are documented in docs/reports.md.
"""

from __future__ import annotations

import csv
import io

from workbench.services.reports.data import QuoteItem, ReportData
from workbench.services.reports.safety import neutralise_cell

COLUMNS = (
    "quote_id", "article_id", "article_title", "article_source", "article_url", "article_published",
    "quote", "kind", "speaker", "speaker_role", "speaker_kind", "date_said", "date_precision",
    "status", "status_label", "speaker_confirmed_by", "speaker_confirmed_at",
    "date_confirmed_by", "date_confirmed_at", "status_confirmed_by", "status_confirmed_at",
    "note", "evidence_urls", "evidence_excerpts", "review_state", "review_comment", "review_answer",
    "confidence",
)


def _row(q: QuoteItem, article) -> list[object]:
    confirmed = {c.what: c for c in q.confirmations}

    def by(what: str) -> str:
        return confirmed[what].by if what in confirmed else ""

    def at(what: str) -> str:
        return (confirmed[what].at or "") if what in confirmed else ""

    latest = q.reviews[-1] if q.reviews else None
    return [
        q.id, q.article_id, article.title, article.source, article.url or "", article.published or "",
        q.text, q.kind_label, q.speaker or "", q.speaker_role, q.speaker_kind, q.date_said or "", q.date_precision,
        q.status, q.status_label, by("speaker"), at("speaker"), by("date said"), at("date said"),
        by("status"), at("status"), q.note,
        "\n".join(e.location for e in q.evidence), "\n".join(e.excerpt for e in q.evidence if e.excerpt),
        q.review_state, latest.comment if latest else "", latest.answer if latest else "",
        q.confidence,
    ]


def render_csv(data: ReportData) -> str:
    """Pure Python; safe to call off the GUI thread."""
    articles = {a.id: a for a in data.articles}
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for q in data.quotes:
        writer.writerow([neutralise_cell(v) for v in _row(q, articles[q.article_id])])
    return buffer.getvalue()
