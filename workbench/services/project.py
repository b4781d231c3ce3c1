"""Use cases on an open project, shared by the command line and the window."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from workbench.domain.dates import resolve_date_said
from workbench.domain.detection import detect_quotes
from workbench.domain.edits import (
    NO_CHANGES,
    AddAlias,
    AddSource,
    Applied,
    AttachSource,
    DetachSource,
    RemoveSource,
    RestoreSource,
    Changes,
    ProjectPatch,
    SetSpeaker,
    AddEvidence,
    AddQuote,
    ArticleFields,
    ArticlePatch,
    DeleteSpeaker,
    Edit,
    EditGroup,
    QuoteFields,
    QuotePatch,
    RemoveAlias,
    RemoveArticle,
    RemoveEvidence,
    RemoveRestoredLine,
    RestoreArticle,
    RestoreRemovedLine,
    RestoreSpeaker,
    SpeakerFields,
    SpeakerPatch,
)
from workbench.domain.errors import ImportRefused, UserFacingError
from workbench.domain.model import (
    Article,
    DatePrecision,
    Origin,
    Quote,
    QuoteKind,
    Span,
    Evidence,
    KnownSpeaker,
    QuoteCandidate,
    SpeakerKind,
    VerificationStatus,
)
from workbench.domain.progress import CancelledFn, ProgressFn, Stage, never_cancelled, report_stage
from workbench.domain.speaker_forms import with_project_forms
from workbench.persistence.project_file import special_file_kind
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.importing import ExtractedArticle, content_fingerprint, extract_any
from workbench.services.reports.labels import STATUS_LABELS

_PROPOSAL_CONTEXT = 3000  # characters read before a selection, so pronouns can be resolved
_QUOTE_MARKS = "\"'“”‘’«»„‹›"
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


# The detector looks back over everything it has read to resolve "he" or "the minister", so its
# time grows faster than the text. A text longer than SECTIONS_FROM characters (far beyond any
# news article; a book, a transcript dump) is read in sections of about SECTION_CHARS, cut at
# paragraph breaks: a mention is not resolved to a name more than a section back. Shorter texts
# are read whole, exactly as before. Measured in benchmarks/bench_big_import.py.
SECTION_CHARS = 500_000
SECTIONS_FROM = 1_000_000


def detect_with_dates(text: str, published: str | None, *, known_speakers=(),
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> list[QuoteCandidate]:
    """Detect quotes and resolve when each was said against the publication date."""
    published_date = date.fromisoformat(published) if published else None
    report_stage(Stage.DETECTING)
    sections = text_sections(text)
    candidates: list[QuoteCandidate] = []
    for number, (start, end) in enumerate(sections):
        part_progress = _section_progress(progress, number, len(sections))
        if start == 0 and end == len(text):
            found = detect_quotes(text, known_speakers=known_speakers, progress=part_progress, cancelled=cancelled)
        else:
            found = [_shifted(c, start) for c in detect_quotes(
                text[start:end], known_speakers=known_speakers, progress=part_progress, cancelled=cancelled)]
        candidates.extend(found)
    report_stage(Stage.DATING)
    return [replace(c, date_said=resolve_date_said(text, c.start, c.end, published_date)) for c in candidates]


def text_sections(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sections detection reads: the whole text unless it is over SECTIONS_FROM."""
    if len(text) <= SECTIONS_FROM:
        return [(0, len(text))]
    sections = []
    start = 0
    while len(text) - start > SECTION_CHARS * 3 // 2:
        cut = text.find("\n\n", start + SECTION_CHARS)
        if cut < 0:
            break
        sections.append((start, cut))
        start = cut + 2
    sections.append((start, len(text)))
    return sections


def _section_progress(progress: ProgressFn | None, number: int, count: int) -> ProgressFn | None:
    if progress is None or count == 1:
        return progress
    return lambda done, total: progress(number * 1000 + (1000 * done // total if total else 0), count * 1000)


def _shifted(candidate: QuoteCandidate, offset: int) -> QuoteCandidate:
    def move(span: Span | None) -> Span | None:
        return None if span is None else Span(span.start + offset, span.end + offset)

    return replace(candidate, spans=[move(span) for span in candidate.spans],
                   cue=move(candidate.cue), mention=move(candidate.mention), name_source=move(candidate.name_source))


def refuse_special_file(source: str) -> None:
    """Refuse, before anything opens it, an article path that is a named pipe, a device or a socket:
    reading one blocks forever or never ends. Used by import (CLI and window), detect and extract."""
    kind = special_file_kind(source)
    if kind:
        raise ImportRefused(f"“{os.path.basename(source) or source}” is {kind}, not an article file; "
                            "save the article as a file and import that.")


class ProjectService:
    """Everything an analyst can do to a project, in domain terms; every change is audit-logged."""

    def __init__(self, store: ProjectStore, analyst: str) -> None:
        self.store = store
        self.analyst = analyst

    @contextmanager
    def on_own_connection(self) -> Iterator["ProjectService"]:
        """This service over a connection of its own, for a worker thread (a store is used by one
        thread at a time); opened and closed on the thread that uses it."""
        store = self.store.open_another()
        try:
            yield ProjectService(store, self.analyst)
        finally:
            store.close()

    # --- import -----------------------------------------------------------------------

    def import_source(self, source: str, *, extract: Callable[[str], ExtractedArticle] = extract_any,
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> ImportOutcome:
        if "://" not in source and Path(source).exists():
            source = str(Path(source).resolve())  # a relative path means nothing in a report or on another day
        try:
            refuse_special_file(source)
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
        candidates = self.in_project_forms(
            detect_with_dates(extracted.text, published, known_speakers=self.known_speakers(),
                              progress=progress, cancelled=cancelled))
        article = Article(
            id=0, title=extracted.title, text=extracted.text, source=extracted.source, url=extracted.url,
            publisher=extracted.site, authors=tuple(extracted.authors), published=published,
            content_hash=fingerprint, imported_at=now_iso(),
            removed_lines=tuple(extracted.removed), paragraph_lines=extracted.paragraph_lines,
        )
        report_stage(Stage.SAVING)
        self.store.add_analyst(self.analyst)
        article_id = self.store.add_article(article, candidates, self.analyst)
        return ImportOutcome(extracted.source, article_id=article_id, quote_count=len(candidates))

    def in_project_forms(self, candidates: list[QuoteCandidate]) -> list[QuoteCandidate]:
        """One form per person across the project: 'Donald Trump' becomes the project's
        'Donald J. Trump', a confirmed speaker first (domain/speaker_forms.py)."""
        speakers = self.store.speakers()
        if not speakers:
            return candidates
        confirmed = {s.id for s in self.store.confirmed_speakers()}
        return with_project_forms(candidates, speakers, confirmed)

    def known_speakers(self) -> list[KnownSpeaker]:
        """Speakers the analyst confirmed somewhere in the project: they help resolve new mentions."""
        return [KnownSpeaker(s.name, s.aliases, s.kind, s.description) for s in self.store.confirmed_speakers()]

    # --- edits, as values with inverses (the window's undo stack holds them) ---------------

    def speaker_edit(self, quote_id: int, name: str) -> SetSpeaker:
        """Set (and confirm) a quote's speaker by name; a new name makes a new speaker, as part of this edit."""
        name = " ".join(name.split())
        confirmed = self._confirmed("speaker")
        return SetSpeaker(quote_id, name or None, confirmed["speaker_confirmed_by"], confirmed["speaker_confirmed_at"],
                          f"Set speaker to {name or 'nobody'}")

    def title_edit(self, title: str) -> ProjectPatch:
        title = " ".join(title.split())
        if not title:
            raise UserFacingError("Give the project a title.")
        return ProjectPatch(title, f"Set project title to {title}")

    def confirm_speaker_edit(self, quote_id: int) -> QuotePatch:
        return QuotePatch(quote_id, QuoteFields(**self._confirmed("speaker")), "Confirm speaker")

    def date_edit(self, quote_id: int, value: str | None) -> QuotePatch:
        date_value, precision = parse_date_said(value)
        return QuotePatch(quote_id, QuoteFields(date_value=date_value, date_precision=precision.value,
                                                **self._confirmed("date")), f"Set date said to {date_value or 'unknown'}")

    def status_edit(self, quote_id: int, status: VerificationStatus | str) -> QuotePatch:
        try:
            status = VerificationStatus(status)
        except ValueError:
            names = ", ".join(s.value for s in VerificationStatus)
            raise UserFacingError(f"“{status}” is not a verification status; use one of {names}.") from None
        return QuotePatch(quote_id, QuoteFields(status=status.value, **self._confirmed("status")),
                          f"Set status to {STATUS_LABELS[status]}")

    def note_edit(self, quote_id: int, note: str) -> QuotePatch:
        return QuotePatch(quote_id, QuoteFields(note=note), "Edit note")

    def evidence_edit(self, quote_id: int, *, url: str | None = None, file_path: str | None = None,
                      title: str = "", excerpt: str = "", note: str = "") -> AddEvidence:
        if not (url or file_path):
            raise UserFacingError("Evidence needs a web address or a file.")
        return AddEvidence(Evidence(None, quote_id, url, file_path, title, excerpt,
                                    now_iso()[:10], note, self.analyst, now_iso()))

    # --- articles ---------------------------------------------------------------------------

    def published_edit(self, article_id: int, value: str | None) -> EditGroup:
        """Set the publication date; dates said that nobody confirmed are resolved against it again."""
        published, precision = parse_date_said(value)
        if published and precision is not DatePrecision.DAY:
            raise UserFacingError(f"Give the full publication date, as YYYY-MM-DD (not “{value}”).")
        text = self.store.article(article_id).text
        day = date.fromisoformat(published) if published else None
        patches = []
        for quote in self.store.quotes(article_id):
            if quote.date_confirmation.confirmed:
                continue
            found = resolve_date_said(text, quote.start, quote.end, day)
            values = {"date_value": found.value, "date_precision": found.precision.value,
                      "proposed_date_value": found.value, "proposed_date_precision": found.precision.value,
                      "date_evidence": found.evidence}
            patches.append(QuotePatch(quote.id, QuoteFields(**values)))
        return EditGroup((ArticlePatch(article_id, ArticleFields(published=published)), *patches),
                         f"Set publication date to {published or 'unknown'}")

    def restore_line_edit(self, article_id: int, line_index: int) -> RestoreRemovedLine:
        return RestoreRemovedLine(article_id, line_index)

    # --- editing the quotes themselves ------------------------------------------------------

    def propose_quote(self, article_id: int, start: int, end: int) -> QuoteCandidate:
        """A quote over the analyst's selection, with the speaker and cue the detector sees there."""
        text = self.store.article(article_id).text
        start, end = _trim(text, max(0, start), min(len(text), end))
        if end <= start:
            raise UserFacingError("Select the words of the quote in the article first.")
        lo = max(0, start - _PROPOSAL_CONTEXT)
        hi = min(len(text), end + 600)
        found = [_shift(c, lo) for c in detect_quotes(text[lo:hi], known_speakers=self.known_speakers())]
        best = max(found, key=lambda c: _overlap(c, start, end), default=None)
        if best is None or _overlap(best, start, end) == 0:
            return QuoteCandidate([Span(start, end)], _kind_of(text[start:end]), None, None, None, 1.0,
                                  "added by hand; no speaker found near the selection")
        return QuoteCandidate([Span(start, end)], _kind_of(text[start:end]), best.cue, best.mention,
                              best.speaker_name, 1.0, f"added by hand; speaker as the detector read it: {best.reason}",
                              speaker_kind=best.speaker_kind, speaker_description=best.speaker_description)

    def add_quote_edit(self, article_id: int, start: int, end: int) -> AddQuote:
        return AddQuote(article_id, self.propose_quote(article_id, start, end), Origin.MANUAL, "Add quote")

    def adjust_span_edit(self, quote_id: int, start: int, end: int) -> QuotePatch:
        quote = self.store.quote(quote_id)
        text = self.store.article(quote.article_id).text
        start, end = _trim(text, max(0, start), min(len(text), end))
        if end <= start:
            raise UserFacingError("Select the words the quote should cover first.")
        return QuotePatch(quote_id, _span_values(text, [Span(start, end)]), "Adjust quote span")

    def split_edit(self, quote_id: int, at: int) -> EditGroup:
        """Split a quote at an offset inside it: the first part keeps the quote, the rest becomes a new one."""
        quote = self.store.quote(quote_id)
        text = self.store.article(quote.article_id).text
        first = [Span(s.start, min(s.end, at)) for s in quote.spans if s.start < at]
        rest = [Span(max(s.start, at), s.end) for s in quote.spans if s.end > at]
        first = [s for s in (Span(*_trim(text, s.start, s.end)) for s in first) if s.end > s.start]
        rest = [s for s in (Span(*_trim(text, s.start, s.end)) for s in rest) if s.end > s.start]
        if not first or not rest:
            raise UserFacingError("Put the cursor inside the quote where it should be split.")
        second = QuoteCandidate(rest, quote.kind, quote.cue, quote.mention, quote.speaker_name, quote.confidence,
                                f"split from quote {quote_id}")
        return EditGroup((QuotePatch(quote_id, _span_values(text, first)),
                          AddQuote(quote.article_id, second, quote.origin)), "Split quote")

    def merge_edit(self, quote_ids: list[int]) -> EditGroup:
        """Merge quotes of one article into the first of them; the others are marked deleted."""
        quotes = sorted((self.store.quote(i) for i in quote_ids), key=lambda q: q.start)
        if len(quotes) < 2 or len({q.article_id for q in quotes}) != 1:
            raise UserFacingError("Select two or more quotes of the same article to merge them.")
        text = self.store.article(quotes[0].article_id).text
        spans = _merged([s for q in quotes for s in q.spans])
        keep, *others = quotes
        return EditGroup((QuotePatch(keep.id, _span_values(text, spans)),
                          *(QuotePatch(q.id, QuoteFields(deleted=1)) for q in others)), f"Merge {len(quotes)} quotes")

    def delete_edit(self, quote_ids: list[int]) -> EditGroup:
        return EditGroup(tuple(QuotePatch(i, QuoteFields(deleted=1)) for i in quote_ids),
                         f"Delete {len(quote_ids)} quote{'s' if len(quote_ids) != 1 else ''}")

    def redetect_edit(self, article_id: int, *, progress: ProgressFn | None = None,
                      cancelled: CancelledFn = never_cancelled) -> EditGroup:
        """Detect again, keeping every quote an analyst or reviewer has worked on.

        Untouched automatic quotes are replaced by the new findings; a new finding that
        overlaps a kept quote is left out. Runs off the GUI thread (reads only).
        """
        article = self.store.article(article_id)
        candidates = self.in_project_forms(
            detect_with_dates(article.text, article.published, known_speakers=self.known_speakers(),
                              progress=progress, cancelled=cancelled))
        with_evidence = {e.quote_id for e in self.store.evidence()}
        reviewed = {r.quote_id for r in self.store.quote_reviews()}
        kept, dropped = [], []
        for quote in self.store.quotes(article_id):
            worked_on = quote.id in with_evidence or quote.id in reviewed or _worked_on(quote)
            (kept if worked_on else dropped).append(quote)
        added = [c for c in candidates
                 if not any(_overlap(c, q.start, q.end) for q in kept)]
        return EditGroup((*(QuotePatch(q.id, QuoteFields(deleted=1)) for q in dropped),
                          *(AddQuote(article_id, c, Origin.AUTOMATIC) for c in added)),
                         f"Detect quotes again ({len(added)} found, {len(kept)} kept)")

    # --- speakers (the Speakers panel) -------------------------------------------------------
    # The builders check what they can before the edit reaches the undo stack, so a refusal is a
    # message and never a half-pushed command.

    def rename_speaker_edit(self, speaker_id: int, name: str) -> SpeakerPatch:
        name = " ".join(name.split())
        speaker = self.store.speaker(speaker_id)
        if name != speaker.name:
            self.store.check_speaker_name_free(name, speaker_id)
        return SpeakerPatch(speaker_id, SpeakerFields(name=name), f"Rename {speaker.name} to {name}")

    def describe_speaker_edit(self, speaker_id: int, *, description: str | None = None,
                              kind: SpeakerKind | str | None = None) -> SpeakerPatch:
        """Set a speaker's role or description, its kind (person, organisation, unknown), or both."""
        speaker = self.store.speaker(speaker_id)
        values: dict[str, str] = {}
        if description is not None:
            values["description"] = " ".join(description.split())
        if kind is not None:
            try:
                values["kind"] = SpeakerKind(kind).value
            except ValueError:
                names = ", ".join(k.value for k in SpeakerKind)
                raise UserFacingError(f"“{kind}” is not a kind of speaker; use one of {names}.") from None
        what = "role" if "description" in values and len(values) == 1 else "kind" if len(values) == 1 else "details"
        return SpeakerPatch(speaker_id, SpeakerFields(**values), f"Edit {what} of {speaker.name}")

    def add_alias_edit(self, speaker_id: int, alias: str) -> AddAlias:
        alias = " ".join(alias.split())
        self.store.check_speaker_name_free(alias, speaker_id, as_alias=True)
        return AddAlias(speaker_id, alias, None, f"Add alias “{alias}” to {self.store.speaker(speaker_id).name}")

    def remove_alias_edit(self, speaker_id: int, alias: str) -> RemoveAlias:
        speaker = self.store.speaker(speaker_id)
        if alias not in speaker.aliases:
            raise UserFacingError(f"{speaker.name} has no alias “{alias}”.")
        return RemoveAlias(speaker_id, alias, f"Remove alias “{alias}” of {speaker.name}")

    def delete_speaker_edit(self, speaker_id: int) -> DeleteSpeaker:
        speaker = self.store.speaker(speaker_id)
        used = sum(q.speaker_id == speaker_id for q in self.store.quotes(include_deleted=True))
        if used:
            raise UserFacingError(f"{speaker.name} is the speaker of {used} quote{'s' if used != 1 else ''}; "
                                  "merge the speaker into another one instead of deleting it.")
        return DeleteSpeaker(speaker_id, f"Delete speaker {speaker.name}")

    def merge_speakers_edit(self, keep_id: int, merge_id: int) -> EditGroup:
        """Merge one speaker into another: its quotes (deleted ones too) move over, its name and
        aliases become aliases of the one kept, and it is deleted. Undone as one step, same ids."""
        if keep_id == merge_id:
            raise UserFacingError("Choose two different speakers to merge.")
        keep, gone = self.store.speaker(keep_id), self.store.speaker(merge_id)
        moved = [q.id for q in self.store.quotes(include_deleted=True) if q.speaker_id == merge_id]
        taken = {keep.name, *keep.aliases}
        aliases = [a for a in dict.fromkeys((gone.name, *gone.aliases)) if a not in taken]
        return EditGroup((*(QuotePatch(qid, QuoteFields(speaker_id=keep_id)) for qid in moved),
                          DeleteSpeaker(merge_id),
                          *(AddAlias(keep_id, a) for a in aliases)),
                         f"Merge {gone.name} into {keep.name}")

    def _confirmed(self, what: str) -> dict[str, str]:
        return {f"{what}_confirmed_by": self.analyst, f"{what}_confirmed_at": now_iso()}

    def apply_in_one_transaction(self, edit: Edit) -> Applied:
        """``apply`` with every write of the edit in one transaction (``ProjectStore.batch``): an
        ``EditGroup`` of thousands of edits commits once, and a failure leaves nothing of it."""
        with self.store.batch():
            return self.apply(edit)

    def apply(self, edit: Edit) -> Applied:
        """Carry out an edit; return the edit that undoes it and what it changed."""
        self.store.add_analyst(self.analyst)
        match edit:
            case QuotePatch(quote_id=quote_id, fields=fields, description=description, expected_version=expected):
                values = fields.columns()
                previous = self.store.patch_quote(quote_id, values, self.analyst, expected_version=expected)
                return Applied(QuotePatch(quote_id, QuoteFields.from_columns(previous), description),
                               _quote_changes(quote_id, values, previous))
            case SetSpeaker(quote_id=quote_id, name=name, confirmed_by=by, confirmed_at=at, description=description):
                return self._set_speaker(quote_id, name, by, at, description)
            case AddEvidence(evidence=evidence, description=description):
                new_id = self.store.add_evidence(evidence, self.analyst)
                return Applied(RemoveEvidence(new_id, description), Changes(quotes=frozenset({evidence.quote_id})))
            case RemoveEvidence(evidence_id=evidence_id, description=description):
                removed = self.store.remove_evidence(evidence_id, self.analyst)
                return Applied(AddEvidence(removed, description), Changes(quotes=frozenset({removed.quote_id})))
            case AddQuote(article_id=article_id, candidate=candidate, origin=origin, description=description):
                new_id = self.store.add_quote(article_id, candidate, origin, self.analyst)
                return Applied(QuotePatch(new_id, QuoteFields(deleted=1), description),
                               Changes(added_quotes=frozenset({new_id}), article_list=True))
            case ArticlePatch(article_id=article_id, fields=fields, description=description):
                previous = self.store.patch_article(article_id, fields.columns(), self.analyst)
                return Applied(ArticlePatch(article_id, ArticleFields.from_columns(previous), description),
                               Changes(articles=frozenset({article_id})))
            case RestoreRemovedLine(article_id=article_id, line_index=index, description=description):
                reason = next(r.reason for r in self.store.article(article_id).removed_lines if r.index == index)
                self.store.restore_removed_line(article_id, index, self.analyst)
                return Applied(RemoveRestoredLine(article_id, index, reason, description),
                               Changes(articles=frozenset({article_id})))
            case RemoveRestoredLine(article_id=article_id, line_index=index, reason=reason, description=description):
                self.store.remove_restored_line(article_id, index, reason, self.analyst)
                return Applied(RestoreRemovedLine(article_id, index, description), Changes(articles=frozenset({article_id})))
            case RemoveArticle(article_id=article_id, description=description):
                return Applied(RestoreArticle(self.store.remove_article(article_id, self.analyst), description),
                               Changes(article_list=True))
            case RestoreArticle(snapshot=snapshot, description=description):
                return Applied(RemoveArticle(self.store.restore_article(snapshot, self.analyst), description),
                               Changes(article_list=True))
            case ProjectPatch(title=title, description=description):
                previous = self.store.project_info().title
                self.store.set_title(title, self.analyst)
                return Applied(ProjectPatch(previous, description), Changes(project=True))
            case SpeakerPatch(speaker_id=speaker_id, fields=fields, description=description):
                previous = self.store.patch_speaker(speaker_id, fields.columns(), self.analyst)
                return Applied(SpeakerPatch(speaker_id, SpeakerFields.from_columns(previous), description),
                               Changes(speakers=frozenset({speaker_id})))
            case AddAlias(speaker_id=speaker_id, alias=alias, alias_id=alias_id, description=description):
                self.store.add_alias(speaker_id, alias, self.analyst, alias_id=alias_id)
                return Applied(RemoveAlias(speaker_id, alias, description), Changes(speakers=frozenset({speaker_id})))
            case RemoveAlias(speaker_id=speaker_id, alias=alias, description=description):
                alias_id = self.store.remove_alias(speaker_id, alias, self.analyst)
                return Applied(AddAlias(speaker_id, alias, alias_id, description), Changes(speakers=frozenset({speaker_id})))
            case DeleteSpeaker(speaker_id=speaker_id, description=description):
                return Applied(RestoreSpeaker(self.store.delete_speaker(speaker_id, self.analyst), description),
                               Changes(speakers=frozenset({speaker_id})))
            case RestoreSpeaker(snapshot=snapshot, description=description):
                restored = self.store.restore_speaker(snapshot, self.analyst)
                return Applied(DeleteSpeaker(restored, description), Changes(speakers=frozenset({restored})))
            case AddSource(source=source, links=links, description=description):
                new_id = self.store.add_source(source, self.analyst)
                for link in links:
                    self.store.add_source_link(replace(link, source_id=new_id), self.analyst)
                return Applied(RemoveSource(new_id, description), _source_changes(links))
            case RemoveSource(source_id=source_id, description=description):
                snapshot = self.store.remove_source(source_id, self.analyst)
                return Applied(RestoreSource(snapshot, description), _source_changes(snapshot.links))
            case RestoreSource(snapshot=snapshot, description=description):
                self.store.restore_source(snapshot, self.analyst)
                return Applied(RemoveSource(snapshot.source.id, description), _source_changes(snapshot.links))
            case AttachSource(link=link, description=description):
                link_id = self.store.add_source_link(link, self.analyst)
                return Applied(DetachSource(link_id, description), _source_changes((link,)))
            case DetachSource(link_id=link_id, description=description):
                removed = self.store.remove_source_link(link_id, self.analyst)
                return Applied(AttachSource(removed, description), _source_changes((removed,)))
            case EditGroup(edits=edits, description=description):
                return apply_group(self.apply, edits, description)
        raise TypeError(f"not an edit: {edit!r}")

    def _set_speaker(self, quote_id: int, name: str, by: str | None, at: str | None, description: str) -> Applied:
        """Point a quote at the speaker called ``name``, creating the speaker when new; undoing the edit
        deletes a speaker it created (redoing puts it back with the same id)."""
        created = None
        speaker_id = self.store.speaker_id_for_name(name, self.analyst, create=False) if name else None
        if name and speaker_id is None:
            speaker_id = created = self.store.speaker_id_for_name(name, self.analyst)
        values = {"speaker_id": speaker_id, "speaker_confirmed_by": by, "speaker_confirmed_at": at}
        previous = self.store.patch_quote(quote_id, values, self.analyst)
        inverse: Edit = QuotePatch(quote_id, QuoteFields.from_columns(previous), description)
        changes = _quote_changes(quote_id, values, previous)
        if created is not None:
            inverse = EditGroup((inverse, DeleteSpeaker(created, description)), description)
            changes |= Changes(speakers=frozenset({created}))
        return Applied(inverse, changes)


def apply_group(apply: Callable[[Edit], Applied], edits, description: str) -> Applied:
    """Apply edits in order; the inverse undoes them in reverse order, the changes are all of theirs."""
    inverses, changes = [], NO_CHANGES
    for e in edits:
        inverse, changed = apply(e)
        inverses.append(inverse)
        changes |= changed
    return Applied(EditGroup(tuple(reversed(inverses)), description), changes)


def _source_changes(links) -> Changes:
    """Sources changed, and the quotes they serve (their detail shows their sources)."""
    return Changes(quotes=frozenset(link.quote_id for link in links if link.quote_id is not None), sources=True)


def _quote_changes(quote_id: int, values, previous) -> Changes:
    ids = frozenset({quote_id})
    if "deleted" in values and bool(values["deleted"]) != bool(previous.get("deleted")):
        return Changes(removed_quotes=ids, article_list=True) if values["deleted"] else Changes(
            added_quotes=ids, article_list=True)
    speakers = frozenset(s for s in (values.get("speaker_id"), previous.get("speaker_id")) if s is not None)
    return Changes(quotes=ids, speakers=speakers if "speaker_id" in values else frozenset())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space at both ends of a span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind_of(words: str) -> QuoteKind:
    marks = sum(ch in _QUOTE_MARKS for ch in words)
    if marks and words[:1] in _QUOTE_MARKS and words.rstrip(".,;:")[-1:] in _QUOTE_MARKS:
        return QuoteKind.DIRECT
    return QuoteKind.MIXED if marks >= 2 else QuoteKind.INDIRECT


def _overlap(candidate: QuoteCandidate, start: int, end: int) -> int:
    return sum(max(0, min(s.end, end) - max(s.start, start)) for s in candidate.spans)


def _shift(candidate: QuoteCandidate, by: int) -> QuoteCandidate:
    def moved(span: Span | None) -> Span | None:
        return None if span is None else Span(span.start + by, span.end + by)
    return replace(candidate, spans=[moved(s) for s in candidate.spans], cue=moved(candidate.cue),
                   mention=moved(candidate.mention))


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out


def _span_values(text: str, spans: list[Span]) -> QuoteFields:
    return QuoteFields(spans=json.dumps([[s.start, s.end] for s in spans]), text=text[spans[0].start:spans[-1].end])


def _worked_on(quote: Quote) -> bool:
    return (quote.origin is Origin.MANUAL or bool(quote.note) or quote.status is not VerificationStatus.UNCHECKED
            or quote.speaker_confirmation.confirmed or quote.date_confirmation.confirmed
            or quote.status_confirmation.confirmed)
