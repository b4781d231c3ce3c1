"""ClaimReview (schema.org) JSON-LD: one object per quote with a verdict.

The claim reviewed is that the speaker said the words. Ratings use a 1–5 scale
(worst 1, best 5), documented in docs/reports.md:

    verified 5 · out_of_context 3 · altered 2 · misattributed 1
    unverifiable: no ratingValue (no verdict on truth); alternateName "Unverifiable"

Quotes still unchecked or in progress have no verdict and are never included,
whatever the report options say.
"""

from __future__ import annotations

from typing import Any

from workbench.domain.model import VerificationStatus
from workbench.services.reports.data import ArticleItem, QuoteItem, ReportData
from workbench.services.reports.labels import VERDICTS
from workbench.services.reports.safety import embeddable_json, safe_link

BEST_RATING = 5
WORST_RATING = 1
RATING_VALUES: dict[VerificationStatus, int | None] = {
    VerificationStatus.VERIFIED: 5,
    VerificationStatus.OUT_OF_CONTEXT: 3,
    VerificationStatus.ALTERED: 2,
    VerificationStatus.MISATTRIBUTED: 1,
    VerificationStatus.UNVERIFIABLE: None,
}


def _speaker(q: QuoteItem) -> dict[str, Any] | None:
    if not q.speaker:
        return None
    kind = "Organization" if q.speaker_kind == "organisation" else "Person"
    author: dict[str, Any] = {"@type": kind, "name": q.speaker}
    if q.speaker_role:
        author["jobTitle" if kind == "Person" else "description"] = q.speaker_role
    return author


def _appearance(a: ArticleItem) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": a.title}
    url = safe_link(a.url) or safe_link(a.source)
    if url:
        work["url"] = url
    else:
        work["name"] = a.source  # a file or pasted text: named, not linked
    if a.published:
        work["datePublished"] = a.published
    if a.publisher:
        work["publisher"] = {"@type": "Organization", "name": a.publisher}
    if a.authors:
        work["author"] = [{"@type": "Person", "name": name} for name in a.authors]
    return work


def _author(data: ReportData, q: QuoteItem) -> dict[str, Any]:
    if data.options.organisation:
        return {"@type": "Organization", "name": data.options.organisation}
    confirmed = next((c.by for c in q.confirmations if c.what == "status"), None)
    name = confirmed or (data.analysts[0] if data.analysts else "Quote Workbench analyst")
    return {"@type": "Person", "name": name}


def _source_check_body(q: QuoteItem) -> str:
    """The check against the primary source in words: verdict, passage(s) and the changed words."""
    sc = q.source_check
    body = (f"Checked against “{sc.source_title or sc.source_origin}”: {sc.verdict_label} "
            f"(score {sc.score:.1f}). {sc.reason}")
    for location, words in sc.passages:
        body += f" Passage ({location}): “{words}”."
    changed = [e for e in sc.edits if e.counts_as == "alteration"]
    if changed:
        body += " Changed words: " + "; ".join(f"“{e.source_text}” → “{e.quote_text}”" for e in changed) + "."
    return body


def claim_reviews(data: ReportData) -> list[dict[str, Any]]:
    """Pure Python; safe to call off the GUI thread."""
    articles = {a.id: a for a in data.articles}
    reviews = []
    for q in data.quotes:
        status = VerificationStatus(q.status)
        if status not in VERDICTS:
            continue
        claim: dict[str, Any] = {"@type": "Claim", "appearance": _appearance(articles[q.article_id])}
        if (author := _speaker(q)) is not None:
            claim["author"] = author
        if q.date_said:
            claim["datePublished"] = q.date_said
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": q.status_label,
                                  "bestRating": BEST_RATING, "worstRating": WORST_RATING}
        if RATING_VALUES[status] is not None:
            rating["ratingValue"] = RATING_VALUES[status]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": q.text,
            "itemReviewed": claim,
            "reviewRating": rating,
            "author": _author(data, q),
            "datePublished": data.report_date,
        }
        if q.source_check is not None:
            review["reviewBody"] = _source_check_body(q)
        if base := safe_link(data.options.report_url):
            review["url"] = f"{base.split('#')[0]}#quote-{q.id}"
        reviews.append(review)
    return reviews


def render_claimreview(data: ReportData) -> str:
    return embeddable_json(claim_reviews(data)) + "\n"
