"""Comparing my project with a colleague's, and taking their work into mine (issue 16).

Their file is only ever read, through ``persistence.readonly`` (immutable, never locked or
journalled). Mine is read the same way for ``compare``; ``merge`` writes into mine through
``ProjectService`` edits (undoable, audit-logged with the provenance of the change).
No Qt here: the window's comparison panel will call the same functions.
"""

from __future__ import annotations

import filecmp
import json
import os
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.agreement import Agreement, measure_agreement
from workbench.domain.comparison import (
    Comparison,
    Difference,
    DifferenceKind,
    ProjectSnapshot,
    compare_projects,
)
from workbench.domain.edits import (
    NO_CHANGES,
    AddEvidence,
    AddQuote,
    Changes,
    Edit,
    EditGroup,
    QuoteFields,
    QuotePatch,
    SetSpeaker,
)
from workbench.domain.errors import ComparisonRefused
from workbench.domain.model import AuditProvenance, Evidence, Quote, QuoteCandidate, Span, VerificationStatus
from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled
from workbench.persistence.location import is_database_url, redacted
from workbench.persistence.project_file import check_project_file
from workbench.persistence.readonly import ReadOnlyStore, open_read_only
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

# --- reading ----------------------------------------------------------------------------------


def read_snapshot(store: ProjectStore) -> ProjectSnapshot:
    """Everything a comparison needs of one open project, as domain values."""
    info = store.project_info()
    articles = tuple(store.article(s.id) for s in store.article_summaries())
    quotes: dict[int, list[Quote]] = defaultdict(list)
    for quote in store.quotes():
        quotes[quote.article_id].append(quote)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in store.evidence():
        evidence[item.quote_id].append(item)
    reviews = defaultdict(list)
    for review in store.quote_reviews():
        reviews[review.quote_id].append(review)
    return ProjectSnapshot(
        redacted(store.location) if store.is_team else str(Path(store.path).absolute()), info, articles,
        {k: tuple(v) for k, v in quotes.items()}, {k: tuple(v) for k, v in evidence.items()},
        {k: tuple(v) for k, v in reviews.items()})


def read_their_file(path: str | os.PathLike) -> ProjectSnapshot:
    """Read a colleague's file as one consistent snapshot, without changing a byte of it."""
    with open_read_only(path) as store:
        snapshot = read_snapshot(store)
        store.check_unchanged()
    return snapshot


def check_comparable(mine: str | os.PathLike, theirs: str | os.PathLike) -> None:
    """Refuse, in words, two files that are not two projects worth comparing. Reads only.

    ``mine`` may be a team project's URL (docs/team-desk.md): the server checks it when it is opened."""
    if is_database_url(mine):
        check_project_file(theirs)
        return
    check_project_file(mine)
    check_project_file(theirs)
    check_not_the_same_file(mine, theirs)


def check_not_the_same_file(mine: str | os.PathLike, theirs: str | os.PathLike) -> None:
    """Refuse their file when it is mine itself or a byte-identical copy of it."""
    if os.path.samefile(mine, theirs):
        raise ComparisonRefused(
            f"“{Path(mine).name}” and “{Path(theirs).name}” are the same file; choose your colleague’s copy "
            "as the second file.")
    if filecmp.cmp(mine, theirs, shallow=False):
        raise ComparisonRefused(
            f"“{Path(mine).name}” and “{Path(theirs).name}” are identical, byte for byte: there is no difference "
            "to show or to take.")


def refuse_without_common_articles(comparison: Comparison) -> None:
    if not comparison.articles:
        raise ComparisonRefused(
            f"“{Path(comparison.mine.path).name}” and “{Path(comparison.theirs.path).name}” have no article in "
            "common, so there is nothing to compare and no agreement to measure; check that you chose the "
            "right colleague’s file.")


@dataclass(frozen=True)
class CompareOutcome:
    comparison: Comparison
    agreement: Agreement


def compare_files(mine: str | os.PathLike, theirs: str | os.PathLike) -> CompareOutcome:
    """Compare two project files, both only read. Raises a UserFacingError for bad input."""
    check_comparable(mine, theirs)
    if is_database_url(mine):  # a team project: one read-only transaction's worth of reads
        with ProjectStore(mine, read_only=True) as store:
            mine_snapshot = read_snapshot(store)
    else:
        mine_snapshot = read_their_file(mine)  # my own file is only read here too
    theirs_snapshot = read_their_file(theirs)
    comparison = compare_projects(mine_snapshot, theirs_snapshot)
    refuse_without_common_articles(comparison)
    return CompareOutcome(comparison, measure_agreement(comparison))


def compare_with_open_project(store: ProjectStore, theirs: str | os.PathLike, *,
                              my_files: Sequence[str | os.PathLike] = (),
                              progress: ProgressFn | None = None,
                              cancelled: CancelledFn = never_cancelled) -> CompareOutcome:
    """Compare the project open in ``store`` with their file, which is only read.

    For the window: runs off the GUI thread, on a store of the worker's own. ``my_files`` are the
    files that hold my project (the project file, its working copy): their file may be neither
    of them, nor a byte-identical copy of one. Raises ``Cancelled`` between steps when asked.
    """
    check_project_file(theirs)
    for mine in my_files:
        if Path(mine).exists():
            check_not_the_same_file(mine, theirs)
    steps = 3

    def step(done: int) -> None:
        if cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, steps)

    step(0)
    mine_snapshot = read_snapshot(store)
    step(1)
    theirs_snapshot = read_their_file(theirs)
    step(2)
    comparison = compare_projects(mine_snapshot, theirs_snapshot)
    refuse_without_common_articles(comparison)
    step(3)
    return CompareOutcome(comparison, measure_agreement(comparison))


# --- choosing what to take ------------------------------------------------------------------

FIELD_KINDS: dict[str, frozenset[DifferenceKind]] = {
    "speaker": frozenset({DifferenceKind.SPEAKER}),
    "date": frozenset({DifferenceKind.DATE}),
    "status": frozenset({DifferenceKind.STATUS}),
    "notes": frozenset({DifferenceKind.NOTES}),
    "evidence": frozenset({DifferenceKind.EVIDENCE}),
    "quotes": frozenset({DifferenceKind.ONLY_MINE, DifferenceKind.ONLY_THEIRS, DifferenceKind.SPLIT,
                         DifferenceKind.MERGED, DifferenceKind.SPAN, DifferenceKind.KIND}),
}
ALL_FIELDS = tuple(FIELD_KINDS)


def kinds_of(fields: Iterable[str]) -> frozenset[DifferenceKind]:
    return frozenset(k for f in fields for k in FIELD_KINDS[f])


def select_differences(comparison: Comparison, *, prefer: str, fields: Collection[str] = ALL_FIELDS,
                       where_mine_unchecked: bool = False) -> list[Difference]:
    """The differences where their side is to be taken.

    ``prefer="theirs"``: every difference of the chosen fields. ``prefer="mine"``: only where
    mine has nothing there: a quote only they found, their evidence I lack, and a speaker, date,
    note I left empty or a status I left unchecked. ``where_mine_unchecked`` keeps only quotes
    whose status is unchecked in mine ("take all their statuses where mine is unchecked").
    Review states are never taken: a review belongs to its reviewer.
    """
    if prefer not in ("mine", "theirs"):
        raise ValueError(prefer)
    wanted = kinds_of(fields)
    mine_quotes = {q.id: q for qs in comparison.mine.quotes.values() for q in qs}
    chosen = []
    for d in comparison.differences:
        if d.kind not in wanted:
            continue
        mine = [mine_quotes[i] for i in d.mine_quotes]
        if where_mine_unchecked and any(q.status is not VerificationStatus.UNCHECKED for q in mine):
            continue
        if prefer == "theirs" or _mine_is_empty(d, mine):
            chosen.append(d)
    return chosen


def _mine_is_empty(d: Difference, mine: Sequence[Quote]) -> bool:
    match d.kind:
        case DifferenceKind.ONLY_THEIRS | DifferenceKind.EVIDENCE:
            return True
        case DifferenceKind.SPEAKER:
            return mine[0].speaker_name is None
        case DifferenceKind.DATE:
            return not mine[0].date_said.value
        case DifferenceKind.STATUS:
            return mine[0].status is VerificationStatus.UNCHECKED
        case DifferenceKind.NOTES:
            return not mine[0].note.strip()
    return False


# --- taking their side -------------------------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    difference: Difference
    what: str  # in words: "status unchecked → verified"


@dataclass(frozen=True)
class MergeOutcome:
    taken: tuple[Taken, ...]
    skipped: tuple[tuple[Difference, str], ...]  # with the reason, in words
    undo: Edit  # applying it puts my project back as it was
    changes: Changes = NO_CHANGES  # what the merge changed in my project (the window refreshes that)


class Merger:
    """Takes their side of chosen differences into my project, as ProjectService edits.

    Every audit row written records where the change came from (their file's path, its
    analysts, its last change); the analyst column says who decided. The edits are applied one
    by one (a quote they added must exist before its status is set); ``MergeOutcome.undo``
    undoes all of them as one step.
    """

    def __init__(self, service: ProjectService, comparison: Comparison) -> None:
        self.service = service
        self.comparison = comparison
        theirs = comparison.theirs
        self.provenance = AuditProvenance(theirs.path, theirs.info.analysts, theirs.info.modified)
        self._theirs_quotes = {q.id: q for qs in theirs.quotes.values() for q in qs}
        self._mine_quotes = {q.id: q for qs in comparison.mine.quotes.values() for q in qs}
        self._articles = {a.pair.mine.id: a for a in comparison.articles}

    def take(self, differences: Sequence[Difference], *, progress: ProgressFn | None = None,
             cancelled: CancelledFn = never_cancelled) -> MergeOutcome:
        inverses: list[Edit] = []
        self._changes = NO_CHANGES
        taken: list[Taken] = []
        skipped: list[tuple[Difference, str]] = []
        with self.service.store.provenance(self.provenance):
            for done, d in enumerate(differences):
                if cancelled():
                    raise Cancelled
                if progress is not None and done % 50 == 0:
                    progress(done, len(differences))
                try:
                    what = self._take(d, inverses)
                except _CannotTake as reason:
                    skipped.append((d, str(reason)))
                else:
                    taken.append(Taken(d, what))
        return MergeOutcome(tuple(taken), tuple(skipped),
                            EditGroup(tuple(reversed(inverses)), "Undo the merge from a colleague’s file"),
                            self._changes)

    def take_in_one_transaction(self, differences: Sequence[Difference], *, progress: ProgressFn | None = None,
                                cancelled: CancelledFn = never_cancelled) -> MergeOutcome:
        """``take``, with every edit written in one transaction (``ProjectStore.batch``): the same edits,
        audit rows and provenance as taking them one by one, committed once. All or nothing: when
        ``cancelled`` answers yes (``Cancelled`` is raised) or an edit is refused, nothing is taken.
        Runs off the GUI thread for thousands of differences (the window's "Take all theirs shown")."""
        with self.service.store.batch():
            return self.take(differences, progress=progress, cancelled=cancelled)

    def _apply(self, edit: Edit, inverses: list[Edit]) -> Edit:
        inverse, changes = self.service.apply(edit)
        self._changes |= changes
        inverses.append(inverse)
        return inverse

    def _take(self, d: Difference, inverses: list[Edit]) -> str:
        theirs = [self._theirs_quotes[i] for i in d.theirs_quotes]
        mine_id = d.mine_quotes[0] if d.mine_quotes else None
        article = self._articles[d.mine_article]
        text = article.pair.mine.text
        match d.kind:
            case DifferenceKind.STATUS:
                t = theirs[0]
                self._apply(QuotePatch(mine_id, QuoteFields(
                    status=t.status.value, status_confirmed_by=t.status_confirmation.by,
                    status_confirmed_at=t.status_confirmation.at), f"Take their status ({t.status.value})"),
                    inverses)
                return f"status {d.mine_value} → {d.theirs_value}"
            case DifferenceKind.SPEAKER:
                t = theirs[0]
                # SetSpeaker creates a speaker my project lacks inside the edit, so undoing the merge removes it
                self._apply(SetSpeaker(mine_id, t.speaker_name, t.speaker_confirmation.by,
                                       t.speaker_confirmation.at, f"Take their speaker ({t.speaker_name or 'nobody'})"),
                            inverses)
                return f"speaker {d.mine_value or 'none'} → {d.theirs_value or 'none'}"
            case DifferenceKind.DATE:
                t = theirs[0]
                self._apply(QuotePatch(mine_id, QuoteFields(
                    date_value=t.date_said.value, date_precision=t.date_said.precision.value,
                    date_confirmed_by=t.date_confirmation.by, date_confirmed_at=t.date_confirmation.at),
                    f"Take their date said ({t.date_said.value or 'unknown'})"), inverses)
                return f"date said {d.mine_value or 'unknown'} → {d.theirs_value or 'unknown'}"
            case DifferenceKind.NOTES:
                self._apply(QuotePatch(mine_id, QuoteFields(note=theirs[0].note), "Take their note"), inverses)
                return "their note"
            case DifferenceKind.KIND:
                self._apply(QuotePatch(mine_id, QuoteFields(kind=theirs[0].kind.value), "Take their kind of quote"), inverses)
                return f"kind {d.mine_value} → {d.theirs_value}"
            case DifferenceKind.EVIDENCE:
                have = set(json.loads(d.mine_value or "[]"))
                added = 0
                for e in self.comparison.theirs.evidence.get(theirs[0].id, ()):
                    if e.location and e.location not in have:
                        have.add(e.location)
                        self._apply(AddEvidence(Evidence(None, mine_id, e.url, e.file_path, e.title, e.excerpt,
                                                         e.accessed, e.note, e.added_by, e.added_at),
                                                "Take their evidence"), inverses)
                        added += 1
                if not added:
                    raise _CannotTake("they have no evidence you lack (a merge adds evidence, never removes it)")
                return f"{added} piece{'s' if added != 1 else ''} of their evidence"
            case DifferenceKind.SPAN:
                spans = article.theirs_spans[theirs[0].id]
                if spans is None:
                    raise _CannotTake("the article’s text differs where their quote is, so it cannot be placed")
                self._apply(QuotePatch(mine_id, _span_values(text, spans), "Take their quote span"), inverses)
                return f"span {d.mine_value} → {d.theirs_value}"
            case DifferenceKind.ONLY_THEIRS:
                new_id = self._add_their_quote(d.mine_article, theirs[0], inverses)
                return f"their quote, added as quote {new_id}"
            case DifferenceKind.ONLY_MINE:
                self._apply(QuotePatch(mine_id, QuoteFields(deleted=1), "Delete a quote they do not have"), inverses)
                return "deleted (not in their file)"
            case DifferenceKind.SPLIT | DifferenceKind.MERGED:
                if any(article.theirs_spans[t.id] is None for t in theirs):
                    raise _CannotTake("the article’s text differs where their quotes are, so they cannot be placed")
                for quote_id in d.mine_quotes:
                    self._apply(QuotePatch(quote_id, QuoteFields(deleted=1), "Replace by their quotes"), inverses)
                new_ids = [self._add_their_quote(d.mine_article, t, inverses) for t in theirs]
                return (f"their {len(theirs)} quote{'s' if len(theirs) != 1 else ''} "
                        f"(as {', '.join(map(str, new_ids))}) in place of {len(d.mine_quotes)}")
        raise _CannotTake("a review belongs to its reviewer and is never merged")

    def _add_their_quote(self, mine_article: int, t: Quote, inverses: list[Edit]) -> int:
        article = self._articles[mine_article]
        spans = article.theirs_spans[t.id]
        if spans is None:
            raise _CannotTake("the article’s text differs where their quote is, so it cannot be placed")
        offsets = article.pair.offsets
        candidate = QuoteCandidate(
            list(spans), t.kind, offsets.span(t.cue) if t.cue else None,
            offsets.span(t.mention) if t.mention else None, t.speaker_name, t.confidence,
            f"taken from a colleague’s file: {t.reason}" if t.reason else "taken from a colleague’s file",
            date_said=t.date_said)
        inverse = self._apply(AddQuote(mine_article, candidate, t.origin, "Add their quote"), inverses)
        new_id = inverse.quote_id  # the inverse of AddQuote deletes the new quote
        their_work = QuoteFields(status=t.status.value, status_confirmed_by=t.status_confirmation.by,
                                 status_confirmed_at=t.status_confirmation.at, note=t.note,
                                 speaker_confirmed_by=t.speaker_confirmation.by,
                                 speaker_confirmed_at=t.speaker_confirmation.at,
                                 date_confirmed_by=t.date_confirmation.by, date_confirmed_at=t.date_confirmation.at)
        self._apply(QuotePatch(new_id, their_work, "Their work on the quote"), inverses)
        for e in self.comparison.theirs.evidence.get(t.id, ()):
            self._apply(AddEvidence(Evidence(None, new_id, e.url, e.file_path, e.title, e.excerpt, e.accessed,
                                             e.note, e.added_by, e.added_at), "Take their evidence"), inverses)
        return new_id


class _CannotTake(Exception):
    pass


def _span_values(text: str, spans: Sequence[Span]) -> QuoteFields:
    return QuoteFields(spans=json.dumps([[s.start, s.end] for s in spans]), text=text[spans[0].start:spans[-1].end])


def merge_files(service: ProjectService, theirs: str | os.PathLike, *, prefer: str,
                fields: Collection[str] = ALL_FIELDS, where_mine_unchecked: bool = False) -> MergeOutcome:
    """Take their side into the open project of ``service`` (the caller holds its lock)."""
    mine_snapshot = read_snapshot(service.store)
    theirs_snapshot = read_their_file(theirs)
    comparison = compare_projects(mine_snapshot, theirs_snapshot)
    refuse_without_common_articles(comparison)
    chosen = select_differences(comparison, prefer=prefer, fields=fields, where_mine_unchecked=where_mine_unchecked)
    return Merger(service, comparison).take(chosen)


__all__ = ["CompareOutcome", "MergeOutcome", "Merger", "Taken", "check_comparable", "check_not_the_same_file",
           "compare_files", "compare_with_open_project", "merge_files", "read_snapshot", "read_their_file", "select_differences", "ReadOnlyStore"]
