"""Edits to a project as values: each one, applied, yields its inverse (for undo)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from workbench.domain.model import (Evidence, Origin, PrimarySource, Quote, QuoteCandidate, QuoteReview, SignOff,
                                    SourceLink, SourceSnapshot, Speaker)


@dataclass(frozen=True)
class Changes:
    """What an applied edit changed, so that each view refreshes just that (and nobody sniffs edit types)."""

    quotes: frozenset[int] = frozenset()  # quotes changed in place (words, speaker, date, status, note, evidence)
    added_quotes: frozenset[int] = frozenset()
    removed_quotes: frozenset[int] = frozenset()  # deleted, or marked deleted
    speakers: frozenset[int] = frozenset()  # speakers created, changed or deleted
    articles: frozenset[int] = frozenset()  # an article's text or details (title, publication date…)
    article_list: bool = False  # articles added or removed, or the number of quotes of one changed
    reviews: bool = False  # verdicts, queries, answers, sign-offs
    project: bool = False  # the project's own details (its title)
    sources: bool = False  # primary sources added, removed, attached or detached

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.quotes | other.quotes, self.added_quotes | other.added_quotes,
                       self.removed_quotes | other.removed_quotes, self.speakers | other.speakers,
                       self.articles | other.articles, self.article_list or other.article_list,
                       self.reviews or other.reviews, self.project or other.project,
                       self.sources or other.sources)

    @property
    def in_place_only(self) -> bool:
        """Only existing quotes changed (no quote came or went, no article changed): views update just those."""
        return bool(self.quotes) and not (self.added_quotes or self.removed_quotes or self.articles
                                          or self.article_list)


NO_CHANGES = Changes()


class Applied(NamedTuple):
    """What ``apply`` returns: the edit that undoes it, and what it changed."""

    inverse: "Edit"
    changes: Changes


class _Unset:
    """A field an edit leaves as it is."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class _Fields:
    """Typed fields an edit sets; a field left UNSET is not changed. The names are the project file's
    columns (docs/project-file.md), so the store takes ``columns()`` and gives back what ``from_columns`` reads."""

    def columns(self) -> dict[str, Any]:
        """The fields that are set, by column name (for the store)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not UNSET}

    @classmethod
    def from_columns(cls, values: Mapping[str, Any]):
        return cls(**values)


@dataclass(frozen=True)
class QuoteFields(_Fields):
    """The fields of a quote an edit sets."""

    speaker_id: int | None = UNSET
    speaker_confirmed_by: str | None = UNSET
    speaker_confirmed_at: str | None = UNSET
    date_value: str | None = UNSET
    date_precision: str = UNSET  # a DatePrecision value
    date_confirmed_by: str | None = UNSET
    date_confirmed_at: str | None = UNSET
    proposed_date_value: str | None = UNSET
    proposed_date_precision: str = UNSET
    date_evidence: str | None = UNSET
    status: str = UNSET  # a VerificationStatus value
    status_confirmed_by: str | None = UNSET
    status_confirmed_at: str | None = UNSET
    note: str = UNSET
    deleted: int = UNSET  # 1: deleted (kept in the file and the audit trail), 0: live
    spans: str = UNSET  # JSON list of [start, end]
    text: str = UNSET
    kind: str = UNSET  # a QuoteKind value


@dataclass(frozen=True)
class ArticleFields(_Fields):
    title: str = UNSET
    published: str | None = UNSET  # YYYY-MM-DD
    publisher: str | None = UNSET
    url: str | None = UNSET


@dataclass(frozen=True)
class SpeakerFields(_Fields):
    name: str = UNSET
    kind: str = UNSET  # a SpeakerKind value
    description: str = UNSET  # the role


@dataclass(frozen=True)
class ReviewAnswerFields(_Fields):
    """The analyst's side of a query (the reviewer's verdict and comment are never patched)."""

    answer: str = UNSET
    answered_by: str | None = UNSET
    answered_at: str | None = UNSET
    resolved: bool = UNSET


# --- what an edit expects to find (many writers at once, docs/edit-conflicts.md) -----------------------
# An edit that changes an existing row may carry what the analyst saw: ``expected_version``, the row's
# ``row_version`` when it was read, and ``expected``, the values of the fields it changes as they were shown
# (typed like ``fields``). The store checks them in the same transaction as the write: the version unchanged,
# the edit applies; changed, it still applies when the fields it changes hold the expected values (someone
# changed other fields), otherwise it is refused with EditConflict naming who changed what and when. With a
# version and no ``expected``, any change since refuses. The inverse of an applied patch expects the values the
# edit set, so undo refuses once someone else changed the same field. None for both: no check (the CLI).


def shown_values(quote: Quote, fields: QuoteFields) -> QuoteFields:
    """The values ``quote`` (as the window showed it) holds for the fields ``fields`` sets: what an edit of
    those fields expects to find. A quote shown is live (``deleted`` 0)."""
    shown = {
        "speaker_id": quote.speaker_id, "speaker_confirmed_by": quote.speaker_confirmation.by,
        "speaker_confirmed_at": quote.speaker_confirmation.at,
        "date_value": quote.date_said.value, "date_precision": quote.date_said.precision.value,
        "date_confirmed_by": quote.date_confirmation.by, "date_confirmed_at": quote.date_confirmation.at,
        "proposed_date_value": quote.proposed_date.value,
        "proposed_date_precision": quote.proposed_date.precision.value,
        "date_evidence": quote.date_said.evidence, "status": quote.status.value,
        "status_confirmed_by": quote.status_confirmation.by, "status_confirmed_at": quote.status_confirmation.at,
        "note": quote.note, "deleted": 0, "spans": json.dumps([[s.start, s.end] for s in quote.spans]),
        "text": quote.text, "kind": quote.kind.value,
    }
    return QuoteFields(**{name: shown[name] for name in fields.columns()})


@dataclass(frozen=True)
class QuotePatch:
    """Set some fields of one quote, expecting (when given) the version and values the analyst saw."""

    quote_id: int
    fields: QuoteFields
    description: str = ""
    expected_version: int | None = None
    expected: QuoteFields | None = None


@dataclass(frozen=True)
class SetSpeaker:
    """Set a quote's speaker by name (None: nobody), confirmed by ``confirmed_by``; a name no speaker
    has (nor as an alias) creates the speaker, and undoing the edit removes it again."""

    quote_id: int
    name: str | None
    confirmed_by: str | None
    confirmed_at: str | None
    description: str = ""
    expected_version: int | None = None
    expected: QuoteFields | None = None  # speaker_id and its confirmation as the analyst saw them


@dataclass(frozen=True)
class ProjectPatch:
    """Set the project's title."""

    title: str
    description: str = "Set project title"


@dataclass(frozen=True)
class AddEvidence:
    evidence: Evidence
    description: str = "Add evidence"


@dataclass(frozen=True)
class RemoveEvidence:
    evidence_id: int
    description: str = "Remove evidence"


@dataclass(frozen=True)
class AddQuote:
    """Add a quote to an article; undone by marking it deleted (it stays in the audit trail)."""

    article_id: int
    candidate: QuoteCandidate
    origin: Origin = Origin.MANUAL
    description: str = "Add quote"


@dataclass(frozen=True)
class ArticlePatch:
    """Set some fields of one article (title, published, publisher, url)."""

    article_id: int
    fields: ArticleFields
    description: str = ""
    expected_version: int | None = None
    expected: ArticleFields | None = None


@dataclass(frozen=True)
class RestoreRemovedLine:
    """Put back a line removed as page clutter at import (by its source line index)."""

    article_id: int
    line_index: int
    description: str = "Put back a removed line"


@dataclass(frozen=True)
class RemoveRestoredLine:
    article_id: int
    line_index: int
    reason: str
    description: str = "Remove the line again"


@dataclass(frozen=True)
class RemoveArticle:
    article_id: int
    description: str = "Remove article"


@dataclass(frozen=True)
class RestoreArticle:
    """Put back an article removed by RemoveArticle; ``snapshot`` is the store's opaque record of it."""

    snapshot: Any
    description: str = "Restore article"


@dataclass(frozen=True)
class EditGroup:
    """Several edits done and undone as one (bulk actions); inverses apply in reverse order."""

    edits: tuple["Edit", ...]
    description: str = ""


# --- review by a colleague (applied by ReviewService, never by ProjectService) ------------------


@dataclass(frozen=True)
class AddQuoteReview:
    """Record a verdict on a quote; ``review.id`` 0 means "new", any other id is restored as it was."""

    review: QuoteReview
    description: str = "Review quote"


@dataclass(frozen=True)
class RemoveQuoteReview:
    review_id: int
    description: str = "Remove review"


@dataclass(frozen=True)
class PatchQuoteReview:
    """Set the analyst's side of a query: answer, answered by, answered at, resolved."""

    review_id: int
    fields: ReviewAnswerFields
    description: str = ""
    expected_version: int | None = None
    expected: ReviewAnswerFields | None = None


@dataclass(frozen=True)
class AddSignOff:
    """Record an overall decision; ``signoff.id`` 0 means "new"."""

    signoff: SignOff
    description: str = "Sign off"


@dataclass(frozen=True)
class RemoveSignOff:
    signoff_id: int
    description: str = "Remove sign-off"


ReviewEdit = AddQuoteReview | RemoveQuoteReview | PatchQuoteReview | AddSignOff | RemoveSignOff

# --- speakers (the Speakers panel) ------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerSnapshot:
    """A deleted speaker, enough to put it back with the same id and the same alias ids."""

    speaker: Speaker
    alias_ids: tuple[int, ...]


@dataclass(frozen=True)
class SpeakerPatch:
    """Set some fields of one speaker: name, kind, description (its role)."""

    speaker_id: int
    fields: SpeakerFields
    description: str = "Edit speaker"
    expected_version: int | None = None
    expected: SpeakerFields | None = None


@dataclass(frozen=True)
class AddAlias:
    """Give a speaker one more alias; ``alias_id`` puts back a removed alias with its old id (and order)."""

    speaker_id: int
    alias: str
    alias_id: int | None = None
    description: str = "Add alias"


@dataclass(frozen=True)
class RemoveAlias:
    speaker_id: int
    alias: str
    description: str = "Remove alias"


@dataclass(frozen=True)
class DeleteSpeaker:
    """Delete a speaker no quote refers to (a merge moves the quotes first)."""

    speaker_id: int
    description: str = "Delete speaker"


@dataclass(frozen=True)
class RestoreSpeaker:
    snapshot: SpeakerSnapshot
    description: str = "Restore speaker"


SpeakerEdit = SpeakerPatch | AddAlias | RemoveAlias | DeleteSpeaker | RestoreSpeaker

# --- primary sources (docs/source-check.md) -----------------------------------------------------


@dataclass(frozen=True)
class AddSource:
    """Keep a primary source in the project, attached to the articles and quotes in ``links``
    (``SourceLink.source_id`` is ignored: the new source's id is used)."""

    source: PrimarySource
    links: tuple[SourceLink, ...] = ()
    description: str = "Add source"


@dataclass(frozen=True)
class RemoveSource:
    """Remove a source and its links (undone by RestoreSource, with the same ids)."""

    source_id: int
    description: str = "Remove source"


@dataclass(frozen=True)
class RestoreSource:
    snapshot: SourceSnapshot
    description: str = "Restore source"


@dataclass(frozen=True)
class AttachSource:
    """Attach a source already in the project to an article or a quote; ``link.id`` None means new."""

    link: SourceLink
    description: str = "Attach source"


@dataclass(frozen=True)
class DetachSource:
    link_id: int
    description: str = "Detach source"


SourceEdit = AddSource | RemoveSource | RestoreSource | AttachSource | DetachSource

Edit = (QuotePatch | SetSpeaker | ProjectPatch | AddEvidence | RemoveEvidence | AddQuote | RemoveArticle | RestoreArticle
        | RestoreRemovedLine | RemoveRestoredLine | ArticlePatch | EditGroup
        | ReviewEdit | SpeakerEdit | SourceEdit)
