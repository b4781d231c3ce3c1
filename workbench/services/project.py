"""Use cases on an open project, shared by the command line and the window."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from workbench.domain.dates import resolve_date_said
from workbench.domain.detection import detect_quotes
from workbench.domain.edits import AddEvidence, Edit, EditGroup, QuotePatch, RemoveEvidence
from workbench.domain.errors import ImportRefused, UserFacingError
from workbench.domain.model import (
    Article,
    DatePrecision,
    Evidence,
    KnownSpeaker,
    QuoteCandidate,
    VerificationStatus,
)
from workbench.domain.progress import CancelledFn, ProgressFn, never_cancelled
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.importing import ExtractedArticle, content_fingerprint, extract_any

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file or URL given to import."""

    source: str
    article_id: int | None = None
    quote_count: int = 0
    duplicate_of: int | None = None
    refused: str | None = None

    @property
    def added(self) -> bool:
        return self.article_id is not None and self.duplicate_of is None


def parse_date_said(value: str | None) -> tuple[str | None, DatePrecision]:
    """'2022-01-26' → day, '2022-01' → month, '2022' → year, ''/None → unknown."""
    if not value:
        return None, DatePrecision.UNKNOWN
    match = _DATE_RE.match(value.strip())
    if not match:
        raise UserFacingError(f"“{value}” is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY.")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        raise UserFacingError(f"“{value}” is not a real date; write it as YYYY-MM-DD, YYYY-MM or YYYY.")
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return value.strip(), precision


def detect_with_dates(text: str, published: str | None, *, known_speakers=(),
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> list[QuoteCandidate]:
    """Detect quotes and resolve when each was said against the publication date."""
    from datetime import date

    published_date = date.fromisoformat(published) if published else None
    candidates = detect_quotes(text, known_speakers=known_speakers, progress=progress, cancelled=cancelled)
    return [replace(c, date_said=resolve_date_said(text, c.start, c.end, published_date)) for c in candidates]


class ProjectService:
    """Everything an analyst can do to a project, in domain terms; every change is audit-logged."""

    def __init__(self, store: ProjectStore, analyst: str) -> None:
        self.store = store
        self.analyst = analyst

    # --- import -----------------------------------------------------------------------

    def import_source(self, source: str, *, extract: Callable[[str], ExtractedArticle] = extract_any,
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> ImportOutcome:
        try:
            extracted = extract(source)
        except ImportRefused as refusal:
            return ImportOutcome(source, refused=refusal.message)
        return self.import_extracted(extracted, progress=progress, cancelled=cancelled)

    def import_extracted(self, extracted: ExtractedArticle, *, progress: ProgressFn | None = None,
                         cancelled: CancelledFn = never_cancelled) -> ImportOutcome:
        fingerprint = content_fingerprint(extracted.text)
        existing = self.store.article_id_by_hash(fingerprint)
        if existing is not None:
            return ImportOutcome(extracted.source, article_id=existing, duplicate_of=existing)
        published = extracted.published.isoformat() if extracted.published else None
        candidates = detect_with_dates(extracted.text, published, known_speakers=self.known_speakers(),
                                       progress=progress, cancelled=cancelled)
        article = Article(
            id=0, title=extracted.title, text=extracted.text, source=extracted.source, url=extracted.url,
            publisher=extracted.site, authors=tuple(extracted.authors), published=published,
            content_hash=fingerprint, imported_at=now_iso(),
            removed_lines=tuple(line.text for line in extracted.removed),
        )
        self.store.add_analyst(self.analyst)
        article_id = self.store.add_article(article, candidates, self.analyst)
        return ImportOutcome(extracted.source, article_id=article_id, quote_count=len(candidates))

    def known_speakers(self) -> list[KnownSpeaker]:
        """Speakers the analyst confirmed somewhere in the project: they help resolve new mentions."""
        confirmed = {q.speaker_id for q in self.store.quotes() if q.speaker_confirmation.confirmed}
        return [KnownSpeaker(s.name, s.aliases, s.kind, s.description)
                for s in self.store.speakers() if s.id in confirmed]

    # --- edits, as values with inverses (the window's undo stack holds them) ---------------

    def speaker_edit(self, quote_id: int, name: str) -> QuotePatch:
        name = " ".join(name.split())
        speaker_id = self.store.speaker_id_for_name(name, self.analyst) if name else None
        return QuotePatch(quote_id, {"speaker_id": speaker_id, **self._confirmed("speaker")},
                          f"Set speaker to {name or 'nobody'}")

    def confirm_speaker_edit(self, quote_id: int) -> QuotePatch:
        return QuotePatch(quote_id, self._confirmed("speaker"), "Confirm speaker")

    def date_edit(self, quote_id: int, value: str | None) -> QuotePatch:
        date_value, precision = parse_date_said(value)
        return QuotePatch(quote_id, {"date_value": date_value, "date_precision": precision.value,
                                     **self._confirmed("date")}, f"Set date said to {date_value or 'unknown'}")

    def status_edit(self, quote_id: int, status: VerificationStatus | str) -> QuotePatch:
        try:
            status = VerificationStatus(status)
        except ValueError:
            names = ", ".join(s.value for s in VerificationStatus)
            raise UserFacingError(f"“{status}” is not a verification status; use one of {names}.") from None
        return QuotePatch(quote_id, {"status": status.value, **self._confirmed("status")},
                          f"Set status to {status.value}")

    def note_edit(self, quote_id: int, note: str) -> QuotePatch:
        return QuotePatch(quote_id, {"note": note}, "Edit note")

    def evidence_edit(self, quote_id: int, *, url: str | None = None, file_path: str | None = None,
                      title: str = "", excerpt: str = "", note: str = "") -> AddEvidence:
        if not (url or file_path):
            raise UserFacingError("Evidence needs a web address or a file.")
        return AddEvidence(Evidence(None, quote_id, url, file_path, title, excerpt,
                                    now_iso()[:10], note, self.analyst, now_iso()))

    def _confirmed(self, what: str) -> dict[str, str]:
        return {f"{what}_confirmed_by": self.analyst, f"{what}_confirmed_at": now_iso()}

    def apply(self, edit: Edit) -> Edit:
        """Carry out an edit; return the edit that undoes it."""
        self.store.add_analyst(self.analyst)
        match edit:
            case QuotePatch(quote_id=quote_id, values=values, description=description):
                return QuotePatch(quote_id, self.store.patch_quote(quote_id, values, self.analyst), description)
            case AddEvidence(evidence=evidence, description=description):
                new_id = self.store.add_evidence(evidence, self.analyst)
                return RemoveEvidence(new_id, description)
            case RemoveEvidence(evidence_id=evidence_id, description=description):
                return AddEvidence(self.store.remove_evidence(evidence_id, self.analyst), description)
            case EditGroup(edits=edits, description=description):
                inverses = [self.apply(e) for e in edits]
                return EditGroup(tuple(reversed(inverses)), description)
        raise TypeError(f"not an edit: {edit!r}")
