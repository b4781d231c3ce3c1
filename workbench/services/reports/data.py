"""What a verification report holds: a tree of plain dataclasses assembled from a ProjectStore.

Every output format (HTML, PDF, Markdown, CSV, JSON, ClaimReview) is rendered from
one ``ReportData``, so they always agree. Building it only reads the store.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from workbench.domain.errors import UserFacingError
from workbench.domain.model import (
    Article,
    AuditEntry,
    Evidence,
    Quote,
    QuoteReview,
    ReviewVerdict,
    SignOff,
    Speaker,
    SpeakerKind,
    VerificationStatus,
)
from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled
from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint, project_fingerprint
from workbench.services.reports.labels import (
    DECISION_LABELS,
    KIND_LABELS,
    REVIEW_STATE_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
    VERDICT_LABELS,
)
from workbench.services.reports.safety import safe_link

if TYPE_CHECKING:
    from workbench.services.reports.agreement import AgreementSection


class ReportOrder(enum.StrEnum):
    ARTICLE = "article"
    SPEAKER = "speaker"


@dataclass(frozen=True)
class ReportOptions:
    """What goes in a report and in which order.

    ``article_ids`` None means the whole project. ``organisation`` is named as the
    ClaimReview author (the analysts otherwise); ``report_url`` is where the report
    will be published, when known (ClaimReview ``url``).
    """

    article_ids: tuple[int, ...] | None = None
    include_unchecked: bool = False
    order: ReportOrder = ReportOrder.ARTICLE
    organisation: str | None = None
    report_url: str | None = None


class UnknownArticle(UserFacingError):
    """A report was asked for an article the project does not hold."""


@dataclass(frozen=True)
class EvidenceItem:
    id: int | None
    location: str          # the URL or file path, as text
    link: str | None       # the URL when it may be a live link (http/https), else None
    is_file: bool
    title: str
    excerpt: str
    accessed: str | None
    note: str
    added_by: str | None
    added_at: str | None


@dataclass(frozen=True)
class ConfirmationItem:
    what: str              # "speaker", "date said", "status"
    by: str
    at: str | None


@dataclass(frozen=True)
class ReviewItem:
    reviewer: str
    verdict: str           # ReviewVerdict value
    verdict_label: str
    comment: str
    at: str
    answer: str
    answered_by: str | None
    answered_at: str | None
    resolved: bool


@dataclass(frozen=True)
class SourceEditItem:
    kind: str              # changed, added, dropped | spelling, contraction, filler, punctuation
    counts_as: str         # alteration | minor
    quote_text: str
    source_text: str


@dataclass(frozen=True)
class SourceCheckItem:
    """The quote checked against its primary source (docs/source-check.md): verdict, passage, word diff."""

    source_id: int
    source_title: str
    source_origin: str
    verdict: str           # a SourceVerdict value
    verdict_label: str     # "said by someone else"
    score: float
    reason: str
    passages: tuple[tuple[str, str], ...]  # (location, words) of each passage
    edits: tuple[SourceEditItem, ...]      # alterations and minor differences (allowed ones left out)


@dataclass(frozen=True)
class QuoteItem:
    id: int
    article_id: int
    article_title: str
    text: str
    kind: str
    kind_label: str
    speaker: str | None
    speaker_kind: str      # SpeakerKind value
    speaker_role: str      # the speaker's description, e.g. "Secretary of State"
    mention: str
    date_said: str | None  # ISO prefix
    date_precision: str
    date_evidence: str
    status: str            # VerificationStatus value
    status_label: str
    colour: str
    note: str
    confidence: float
    origin: str
    confirmations: tuple[ConfirmationItem, ...]
    evidence: tuple[EvidenceItem, ...]
    reviews: tuple[ReviewItem, ...]
    review_state: str      # none, approved, queried, answered, resolved
    review_state_label: str
    source_check: SourceCheckItem | None = None  # None: no primary source attached to it or its article


@dataclass(frozen=True)
class ArticleItem:
    id: int
    title: str
    source: str
    url: str | None
    link: str | None       # url (or source) when it may be a live link
    publisher: str | None
    authors: tuple[str, ...]
    published: str | None
    content_hash: str
    imported_at: str
    text: str
    removed_lines: tuple[str, ...]
    quote_count: int       # quotes of this article listed in the report


@dataclass(frozen=True)
class Section:
    """One heading of the body: an article (ordered by article) or a speaker (by speaker)."""

    key: str
    heading: str
    details: tuple[str, ...]   # lines under the heading: source, date, role...
    link: str | None
    quotes: tuple[QuoteItem, ...]


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    colour: str


@dataclass(frozen=True)
class SignOffItem:
    reviewer: str
    decision: str
    decision_label: str
    comment: str
    at: str
    fingerprint: str
    current: bool


@dataclass(frozen=True)
class ReportData:
    title: str
    project_id: str
    created: str
    modified: str
    app_version: str
    analysts: tuple[str, ...]
    generated_at: str                    # ISO 8601 UTC
    options: ReportOptions
    whole_project: bool
    fingerprint: str                     # project_fingerprint: SHA-256 of the content reported on
    annotations_fingerprint: str
    signoff: SignOffItem | None          # the latest sign-off
    signoffs: tuple[SignOffItem, ...]
    status_counts: tuple[StatusCount, ...]  # every status, over the chosen articles
    total_quotes: int                    # quotes in the chosen articles
    omitted_unchecked: int               # unchecked/in-progress quotes left out by the options
    articles: tuple[ArticleItem, ...]
    sections: tuple[Section, ...]
    speakers: tuple[Speaker, ...]
    audit: tuple[AuditEntry, ...] = field(default=())
    agreement: AgreementSection | None = None  # with a colleague's file, when the export is given one

    @property
    def report_date(self) -> str:
        return self.generated_at[:10]

    @property
    def quotes(self) -> list[QuoteItem]:
        return [q for section in self.sections for q in section.quotes]

    @property
    def listed_count(self) -> int:
        return sum(len(s.quotes) for s in self.sections)

    @property
    def max_count(self) -> int:
        return max((c.count for c in self.status_counts), default=0)


def build_report_data(store: ProjectStore, options: ReportOptions = ReportOptions(), *,
                      generated_at: str | None = None, progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> ReportData:
    """Read everything a report needs from ``store``.

    Runs off the GUI thread in the window; touches no Qt object. Raises
    UnknownArticle for an article id the project does not hold, Cancelled when
    ``cancelled()`` turns true.
    """
    info = store.project_info()
    summaries = store.article_summaries()
    known = {s.id for s in summaries}
    if options.article_ids is not None:
        missing = [i for i in options.article_ids if i not in known]
        if missing:
            listed = ", ".join(str(i) for i in missing)
            raise UnknownArticle(
                f"There is no article {listed} in this project; list them with `quote-workbench quotes`.")
        chosen = [s.id for s in summaries if s.id in set(options.article_ids)]
    else:
        chosen = [s.id for s in summaries]

    total = len(chosen) + 1
    articles_by_id: dict[int, Article] = {}
    for done, article_id in enumerate(chosen):
        if cancelled():
            raise Cancelled()
        if progress:
            progress(done, total)
        articles_by_id[article_id] = store.article(article_id)

    chosen_set = set(chosen)
    all_quotes = [q for q in store.quotes() if q.article_id in chosen_set]
    speakers = {s.id: s for s in store.speakers()}
    evidence_by_quote: dict[int, list[Evidence]] = defaultdict(list)
    for e in store.evidence():
        evidence_by_quote[e.quote_id].append(e)
    reviews_by_quote: dict[int, list[QuoteReview]] = defaultdict(list)
    for r in store.quote_reviews():
        reviews_by_quote[r.quote_id].append(r)
    if cancelled():
        raise Cancelled()

    counts = Counter(q.status for q in all_quotes)
    unfinished = {VerificationStatus.UNCHECKED, VerificationStatus.IN_PROGRESS}
    listed = all_quotes if options.include_unchecked else [q for q in all_quotes if q.status not in unfinished]

    items = [_quote_item(q, articles_by_id[q.article_id], speakers.get(q.speaker_id),
                         evidence_by_quote.get(q.id, ()), reviews_by_quote.get(q.id, ()))
             for q in listed]
    items = _with_source_checks(store, items, cancelled)
    per_article = Counter(item.article_id for item in items)
    articles = tuple(_article_item(articles_by_id[i], per_article[i]) for i in chosen)
    if options.order == ReportOrder.SPEAKER:
        sections = _sections_by_speaker(items, speakers)
    else:
        sections = _sections_by_article(items, articles)

    annotations = annotations_fingerprint(store)
    signoffs = tuple(_signoff_item(s, annotations) for s in store.signoffs())
    listed_ids = {q.id for q in listed}
    evidence_ids = {e.id for q in listed for e in evidence_by_quote.get(q.id, ())}
    audit = tuple(a for a in store.audit_log() if _audit_is_about(a, chosen_set, listed_ids, evidence_ids))
    if progress:
        progress(total, total)

    return ReportData(
        title=info.title, project_id=info.id, created=info.created, modified=info.modified,
        app_version=info.app_version, analysts=info.analysts,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0).isoformat(),
        options=options, whole_project=options.article_ids is None or chosen_set == known,
        fingerprint=project_fingerprint(store), annotations_fingerprint=annotations,
        signoff=signoffs[-1] if signoffs else None, signoffs=signoffs,
        status_counts=tuple(StatusCount(s.value, STATUS_LABELS[s], counts[s], STATUS_COLOURS[s])
                            for s in VerificationStatus),
        total_quotes=len(all_quotes), omitted_unchecked=len(all_quotes) - len(listed),
        articles=articles, sections=sections, speakers=tuple(speakers.values()), audit=audit,
    )


# --- pieces ------------------------------------------------------------------------------------


def review_state(reviews: Sequence[QuoteReview]) -> str:
    """none, approved, queried, answered or resolved — from the latest review of a quote."""
    if not reviews:
        return "none"
    latest = reviews[-1]
    if latest.verdict == ReviewVerdict.APPROVED:
        return "approved"
    if latest.resolved:
        return "resolved"
    return "answered" if latest.answer else "queried"


def _quote_item(q: Quote, article: Article, speaker: Speaker | None, evidence: Sequence[Evidence],
                reviews: Sequence[QuoteReview]) -> QuoteItem:
    confirmations = tuple(
        ConfirmationItem(what, c.by, c.at)
        for what, c in (("speaker", q.speaker_confirmation), ("date said", q.date_confirmation),
                        ("status", q.status_confirmation))
        if c.by)
    state = review_state(reviews)
    return QuoteItem(
        id=q.id, article_id=q.article_id, article_title=article.title, text=q.text,
        kind=q.kind.value, kind_label=KIND_LABELS[q.kind],
        speaker=q.speaker_name, speaker_kind=(speaker.kind if speaker else SpeakerKind.UNKNOWN).value,
        speaker_role=speaker.description if speaker else "", mention=q.mention_text,
        date_said=q.date_said.value, date_precision=q.date_said.precision.value,
        date_evidence=q.date_said.evidence,
        status=q.status.value, status_label=STATUS_LABELS[q.status], colour=STATUS_COLOURS[q.status],
        note=q.note, confidence=round(q.confidence, 3), origin=q.origin.value,
        confirmations=confirmations,
        evidence=tuple(_evidence_item(e) for e in evidence),
        reviews=tuple(ReviewItem(r.reviewer, r.verdict.value, VERDICT_LABELS[r.verdict], r.comment, r.at,
                                 r.answer, r.answered_by, r.answered_at, r.resolved) for r in reviews),
        review_state=state, review_state_label=REVIEW_STATE_LABELS[state],
    )


def _evidence_item(e: Evidence) -> EvidenceItem:
    return EvidenceItem(
        id=e.id, location=e.location, link=safe_link(e.url), is_file=e.url is None and e.file_path is not None,
        title=e.title, excerpt=e.excerpt, accessed=e.accessed, note=e.note,
        added_by=e.added_by, added_at=e.added_at)


def _article_item(a: Article, quote_count: int) -> ArticleItem:
    return ArticleItem(
        id=a.id, title=a.title, source=a.source, url=a.url, link=safe_link(a.url) or safe_link(a.source),
        publisher=a.publisher, authors=a.authors, published=a.published, content_hash=a.content_hash,
        imported_at=a.imported_at, text=a.text, removed_lines=tuple(line.text for line in a.removed_lines),
        quote_count=quote_count)


def _signoff_item(s: SignOff, annotations: str) -> SignOffItem:
    return SignOffItem(s.reviewer, s.decision.value, DECISION_LABELS[s.decision], s.comment, s.at,
                       s.fingerprint, current=s.fingerprint == annotations)


def _sections_by_article(items: Sequence[QuoteItem], articles: Sequence[ArticleItem]) -> tuple[Section, ...]:
    by_article: dict[int, list[QuoteItem]] = defaultdict(list)
    for item in items:
        by_article[item.article_id].append(item)
    sections = []
    for a in articles:
        details = [f"Source: {a.publisher or a.url or a.source}",
                   f"Published: {a.published or 'date unknown'}"]
        if a.authors:
            details.insert(0, "By " + ", ".join(a.authors))
        sections.append(Section(f"article-{a.id}", a.title, tuple(details), a.link, tuple(by_article[a.id])))
    return tuple(sections)


def _sections_by_speaker(items: Sequence[QuoteItem], speakers: dict[int, Speaker]) -> tuple[Section, ...]:
    groups: dict[str | None, list[QuoteItem]] = defaultdict(list)
    for item in items:
        groups[item.speaker].append(item)
    names = sorted((n for n in groups if n is not None), key=str.casefold)
    sections = []
    for name in [*names, None] if None in groups else names:
        quotes = groups[name]
        role = quotes[0].speaker_role
        details = tuple(d for d in (role,) if d)
        heading = name if name is not None else "Speaker not identified"
        sections.append(Section(f"speaker-{len(sections) + 1}", heading, details, None,
                                tuple(sorted(quotes, key=_by_date_said))))
    return tuple(sections)


def _by_date_said(q: QuoteItem) -> tuple:
    return (q.date_said is None, q.date_said or "", q.article_id, q.id)


def _audit_is_about(entry: AuditEntry, articles: set[int], quotes: set[int], evidence: set[int | None]) -> bool:
    match entry.entity:
        case "article":
            return entry.entity_id in articles
        case "quote":
            return entry.entity_id in quotes
        case "evidence":
            return entry.entity_id in evidence
    return True  # project and speaker entries


def _with_source_checks(store: ProjectStore, items: list[QuoteItem], cancelled: CancelledFn) -> list[QuoteItem]:
    """Each listed quote with a primary source (its own or its article's), checked against it."""
    from dataclasses import replace

    from workbench.services.project import ProjectService
    from workbench.services.sources import SourceService, verdict_words

    if not store.source_links():
        return items
    service = SourceService(ProjectService(store, ""))
    out = []
    for item in items:
        if cancelled():
            raise Cancelled()
        try:
            result = service.check(item.id)
        except UserFacingError:
            out.append(item)  # no source, or one that cannot be checked: nothing to show
            continue
        check, text = result.check, result.source.text
        passages = tuple((f"characters {p.start}–{p.end}" + (f", speaker {p.speaker}" if p.speaker else ""),
                          text[p.start:p.end]) for p in check.passages)
        edits = tuple(SourceEditItem(e.kind, e.counts_as, e.quote_text.strip(), e.source_text.strip())
                      for e in check.edits if e.counts_as != "allowed")
        out.append(replace(item, source_check=SourceCheckItem(
            result.source.id, result.source.title, result.source.origin, check.verdict.value,
            verdict_words(check.verdict), round(check.score, 1), check.reason, passages, edits)))
    return out
