"""The report as JSON: everything the project holds about the chosen articles, in one document.

The shape is documented in docs/reports.md ("format": "quote-workbench-report",
"version": 1). Keys are stable; new keys may be added in later versions.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from workbench.services.reports.agreement import agreement_json
from workbench.services.reports.data import QuoteItem, ReportData, SignOffItem
from workbench.services.reports.safety import embeddable_json

FORMAT_NAME = "quote-workbench-report"
FORMAT_VERSION = 1


def _quote(q: QuoteItem) -> dict[str, Any]:
    return {
        "id": q.id, "article": q.article_id, "text": q.text, "kind": q.kind,
        "speaker": {"name": q.speaker, "kind": q.speaker_kind, "role": q.speaker_role} if q.speaker else None,
        "mention": q.mention or None,
        "date_said": {"value": q.date_said, "precision": q.date_precision, "evidence": q.date_evidence},
        "status": q.status, "status_label": q.status_label, "note": q.note,
        "confidence": q.confidence, "origin": q.origin,
        "confirmations": [{"what": c.what, "by": c.by, "at": c.at} for c in q.confirmations],
        "evidence": [{"id": e.id, "url": None if e.is_file else e.location,
                      "file_path": e.location if e.is_file else None,
                      "title": e.title, "excerpt": e.excerpt, "accessed": e.accessed, "note": e.note,
                      "added_by": e.added_by, "added_at": e.added_at} for e in q.evidence],
        "source_check": None if q.source_check is None else {
            "source_id": q.source_check.source_id, "source_title": q.source_check.source_title,
            "source_origin": q.source_check.source_origin, "verdict": q.source_check.verdict,
            "score": q.source_check.score, "reason": q.source_check.reason,
            "passages": [{"location": loc, "text": words} for loc, words in q.source_check.passages],
            "edits": [{"kind": e.kind, "counts_as": e.counts_as, "quote_text": e.quote_text,
                       "source_text": e.source_text} for e in q.source_check.edits]},
        "review_state": q.review_state,
        "reviews": [{"reviewer": r.reviewer, "verdict": r.verdict, "comment": r.comment, "at": r.at,
                     "answer": r.answer, "answered_by": r.answered_by, "answered_at": r.answered_at,
                     "resolved": r.resolved} for r in q.reviews],
    }


def _signoff(s: SignOffItem) -> dict[str, Any]:
    return {"reviewer": s.reviewer, "decision": s.decision, "comment": s.comment, "at": s.at,
            "fingerprint": s.fingerprint, "current": s.current}


def report_document(data: ReportData) -> dict[str, Any]:
    options = data.options
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generated_at": data.generated_at,
        "fingerprint": {"algorithm": "sha256", "project": data.fingerprint,
                        "annotations": data.annotations_fingerprint},
        "options": {"articles": list(options.article_ids) if options.article_ids is not None else None,
                    "include_unchecked": options.include_unchecked, "order": options.order.value},
        "project": {"id": data.project_id, "title": data.title, "created": data.created,
                    "modified": data.modified, "app_version": data.app_version,
                    "analysts": list(data.analysts)},
        "signoff": _signoff(data.signoff) if data.signoff else None,
        "signoffs": [_signoff(s) for s in data.signoffs],
        "summary": {"quotes": data.total_quotes, "listed": data.listed_count,
                    "omitted_unchecked": data.omitted_unchecked,
                    "by_status": {c.status: c.count for c in data.status_counts}},
        "articles": [{"id": a.id, "title": a.title, "source": a.source, "url": a.url, "publisher": a.publisher,
                      "authors": list(a.authors), "published": a.published, "content_hash": a.content_hash,
                      "imported_at": a.imported_at, "quotes_listed": a.quote_count,
                      "removed_lines": list(a.removed_lines), "text": a.text} for a in data.articles],
        "speakers": [{"id": s.id, "name": s.name, "kind": s.kind.value, "description": s.description,
                      "aliases": list(s.aliases)} for s in data.speakers],
        "quotes": [_quote(q) for q in data.quotes],
        "audit_log": [asdict(a) for a in data.audit],
        **({"agreement": agreement_json(data.agreement)} if data.agreement else {}),
    }


def render_json(data: ReportData) -> str:
    """Pure Python; safe to call off the GUI thread."""
    return embeddable_json(report_document(data)) + "\n"
