"""The nouns of the product (see docs/glossary.md) as plain dataclasses and enums.

Offsets are code-point offsets into the article text as stored and shown,
end exclusive.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class VerificationStatus(enum.StrEnum):
    """Stable names used in the project file, the CLI and reports."""

    UNCHECKED = "unchecked"
    IN_PROGRESS = "in_progress"
    VERIFIED = "verified"
    ALTERED = "altered"
    MISATTRIBUTED = "misattributed"
    OUT_OF_CONTEXT = "out_of_context"
    UNVERIFIABLE = "unverifiable"


class QuoteKind(enum.StrEnum):
    DIRECT = "direct"      # the content is a quotation in marks
    MIXED = "mixed"        # reported speech holding a quoted fragment
    INDIRECT = "indirect"  # reported speech, no quotation marks


class DatePrecision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Origin(enum.StrEnum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"


class SpeakerKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    UNKNOWN = "unknown"


class NameKind(enum.StrEnum):
    """What a detected speaker name stands for (detect JSON ``speaker.kind``; docs/speakers.md)."""

    PERSON = "person"
    ORGANISATION = "organisation"
    DOCUMENT_ISSUER = "document_issuer"   # "a Bloomberg poll" -> Bloomberg
    GROUP = "group"                       # "Trump and Clinton", "the pair"
    UNNAMED = "unnamed"                   # "sources", "a spokesman for the ministry": words kept as label
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class DateSaid:
    """When the words were said: an ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD) and its precision."""

    value: str | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN
    evidence: str = ""  # the words in the text the date was read from, e.g. "earlier on Wednesday"

    @classmethod
    def unknown(cls) -> "DateSaid":
        return cls()


@dataclass(slots=True)
class QuoteCandidate:
    """One attribution found by the detector, before the analyst has seen it.

    ``spans`` are the content spans in document order (a quote split around its
    cue has several); ``speaker_name`` is the canonical name the mention was
    resolved to, or None when the detector could not resolve it.
    """

    spans: list[Span]
    kind: QuoteKind
    cue: Span | None
    mention: Span | None
    speaker_name: str | None
    confidence: float
    reason: str
    date_said: DateSaid = field(default_factory=DateSaid)
    speaker_kind: SpeakerKind = SpeakerKind.UNKNOWN
    speaker_description: str = ""  # e.g. "Secretary of State", taken from the mention
    # How the name was reached (issue #12): what it stands for, how sure the detector is
    # of the name alone (0..1), other names it weighed when unsure, the chain of mentions
    # as text, and the span of the mention the name came from.
    name_kind: NameKind = NameKind.UNKNOWN
    name_confidence: float = 0.0
    name_candidates: tuple[str, ...] = ()
    name_chain: str = ""
    name_source: Span | None = None

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@dataclass(frozen=True, slots=True)
class KnownSpeaker:
    """A speaker the analyst already confirmed in the project; helps resolve new mentions."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    description: str = ""


# --- what a project holds, as the persistence layer hands it out -------------


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    id: str
    title: str
    created: str  # ISO 8601 UTC
    modified: str
    app_version: str
    analysts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str
    source: str
    published: str | None  # ISO date
    quote_count: int


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of page clutter removed at import, kept so the analyst can put it back."""

    text: str
    reason: str  # short and readable: "video player notice", "comment form", "id line"...
    index: int   # its line index in the source, which places it between paragraphs


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    source: str
    url: str | None
    publisher: str | None
    authors: tuple[str, ...]
    published: str | None  # ISO date, None when unknown
    content_hash: str
    imported_at: str
    removed_lines: tuple[RemovedLine, ...] = ()
    paragraph_lines: tuple[int, ...] = ()  # source line index where each paragraph of text begins


@dataclass(frozen=True, slots=True)
class Speaker:
    id: int
    name: str
    kind: SpeakerKind
    description: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Confirmation:
    """Who confirmed a value and when; None/None while it is only proposed."""

    by: str | None = None
    at: str | None = None

    @property
    def confirmed(self) -> bool:
        return self.by is not None


@dataclass(frozen=True, slots=True)
class Quote:
    id: int
    article_id: int
    spans: tuple[Span, ...]
    text: str
    kind: QuoteKind
    cue: Span | None
    mention: Span | None
    mention_text: str
    speaker_id: int | None
    speaker_name: str | None
    proposed_speaker: str | None
    speaker_confirmation: Confirmation
    date_said: DateSaid
    proposed_date: DateSaid
    date_confirmation: Confirmation
    status: VerificationStatus
    status_confirmation: Confirmation
    confidence: float
    reason: str
    origin: Origin
    note: str
    # how the detector reached its proposed name (see QuoteCandidate); None/empty for older rows
    name_kind: NameKind = NameKind.UNKNOWN
    name_confidence: float | None = None
    name_candidates: tuple[str, ...] = ()
    name_chain: str = ""
    name_source: Span | None = None
    # the row's version when read (format 6): an edit based on it is refused once someone else changed the
    # quote (EditConflict, docs/team-desk.md); not part of the quote's value, so not compared
    row_version: int = field(default=1, compare=False)

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int | None
    quote_id: int
    url: str | None = None
    file_path: str | None = None
    title: str = ""
    excerpt: str = ""
    accessed: str | None = None  # ISO date the source was consulted
    note: str = ""
    added_by: str | None = None
    added_at: str | None = None

    @property
    def location(self) -> str:
        return self.url or self.file_path or ""


@dataclass(frozen=True, slots=True)
class AuditProvenance:
    """Where a merged change came from: a colleague's file, who worked on it, when it was last changed."""

    source_file: str
    source_analysts: tuple[str, ...]
    source_saved: str | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    analyst: str
    action: str
    entity: str
    entity_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None


# --- review by a colleague -------------------------------------------------------------------


class ReviewVerdict(enum.StrEnum):
    APPROVED = "approved"
    QUERIED = "queried"


class SignOffDecision(enum.StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


@dataclass(frozen=True, slots=True)
class QuoteReview:
    """A reviewer's verdict on one quote; a query carries the analyst's answer once given."""

    id: int
    quote_id: int
    reviewer: str
    verdict: ReviewVerdict
    comment: str
    at: str
    answer: str = ""
    answered_by: str | None = None
    answered_at: str | None = None
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class SignOff:
    """The overall decision on a project, tied to a fingerprint of the annotations it covered."""

    id: int
    reviewer: str
    decision: SignOffDecision
    comment: str
    at: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class PrimarySource:
    """What was really said: a transcript, speech, statement or post kept in the project.

    ``text`` is what the importer extracted; a passage's offsets point into it.
    ``kind`` is how it was read (text, html, docx, markdown, url, pasted).
    """

    id: int | None
    kind: str
    origin: str  # the path or web address it was read from, or "pasted"
    title: str
    date: str | None  # ISO prefix: when the words were said or published
    accessed_at: str  # ISO 8601 UTC: when the analyst read it
    text: str
    content_hash: str
    added_by: str | None = None


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A source serves an article (``quote_id`` None) or one quote (``article_id`` None)."""

    id: int | None
    source_id: int
    article_id: int | None = None
    quote_id: int | None = None


@dataclass(frozen=True, slots=True)
class SourceSnapshot:
    """A removed source with its links, enough to put it back with the same ids."""

    source: PrimarySource
    links: tuple[SourceLink, ...]
