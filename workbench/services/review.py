"""A colleague's review of a project: verdicts per quote, the analyst's answers, and the sign-off.

The reviewer's path is kept apart from the analyst's: ``ReviewService`` builds and applies
only review edits (``AddQuoteReview``, ``PatchQuoteReview``, ``AddSignOff``…), and
``ProjectService.apply`` refuses them. Nothing here writes a quote or a piece of evidence.

``ReviewSession`` is how the window opens a file for review: a read-only session (no
writer lock) whose Save puts the review into the file only while nobody holds the lock
and the file is still the one the reviewer opened. See docs/review.md.
"""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.edits import (
    Applied,
    Changes,
    AddQuoteReview,
    AddSignOff,
    Edit,
    EditGroup,
    PatchQuoteReview,
    ReviewAnswerFields,
    RemoveQuoteReview,
    RemoveSignOff,
)
from workbench.domain.errors import ProjectLocked, ProjectWriteFailed, Remedy, UserFacingError
from workbench.domain.model import QuoteReview, ReviewVerdict, SignOff, SignOffDecision
from workbench.persistence.locking import ProjectLock
from workbench.persistence.migrations import keep_original_before_upgrade, needs_upgrade
from workbench.persistence.project_file import atomic_copy_database
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.fingerprint import annotations_fingerprint
from workbench.services.session import ProjectSession


class ReviewState(enum.StrEnum):
    """Where one quote stands in the review; taken from its latest review record."""

    NOT_REVIEWED = "not_reviewed"
    APPROVED = "approved"
    QUERIED = "queried"    # a query waiting for the analyst
    ANSWERED = "answered"  # the analyst answered, not yet resolved
    RESOLVED = "resolved"  # the analyst marked the query resolved


QUERY_STATES = frozenset({ReviewState.QUERIED, ReviewState.ANSWERED, ReviewState.RESOLVED})


def state_of(review: QuoteReview | None) -> ReviewState:
    if review is None:
        return ReviewState.NOT_REVIEWED
    if review.verdict is ReviewVerdict.APPROVED:
        return ReviewState.APPROVED
    if review.resolved:
        return ReviewState.RESOLVED
    return ReviewState.ANSWERED if review.answer else ReviewState.QUERIED


@dataclass(frozen=True)
class QuoteReviewSummary:
    """One quote's review: its state, the record that decides it, and every record in order."""

    quote_id: int
    state: ReviewState
    latest: QuoteReview | None
    history: tuple[QuoteReview, ...]


@dataclass(frozen=True)
class SignOffSummary:
    """The latest sign-off and whether it still covers the annotations as they are now."""

    signoff: SignOff
    current: bool


class ReviewService:
    """Everything a reviewer (or an analyst answering a review) can do; every write is audited.

    ``analyst`` is the reviewer when approving, querying or signing off, and the analyst when
    answering or resolving a query.
    """

    def __init__(self, store: ProjectStore, analyst: str) -> None:
        self.store = store
        self.analyst = analyst

    # --- summaries ----------------------------------------------------------------------

    def summaries(self) -> dict[int, QuoteReviewSummary]:
        """The review of every quote of the project (deleted quotes left out), by quote id."""
        by_quote: dict[int, list[QuoteReview]] = {}
        for review in self.store.quote_reviews():
            by_quote.setdefault(review.quote_id, []).append(review)
        result = {}
        for quote in self.store.quotes():
            history = tuple(by_quote.get(quote.id, ()))
            latest = history[-1] if history else None
            result[quote.id] = QuoteReviewSummary(quote.id, state_of(latest), latest, history)
        return result

    def reviewed_summaries(self) -> dict[int, QuoteReviewSummary]:
        """The review of each live quote that has one; every other quote is not yet reviewed.

        Reads only review records, so it stays quick on projects of many thousand quotes.
        """
        by_quote: dict[int, list[QuoteReview]] = {}
        for review in self.store.quote_reviews(live_only=True):
            by_quote.setdefault(review.quote_id, []).append(review)
        return {quote_id: QuoteReviewSummary(quote_id, state_of(history[-1]), history[-1], tuple(history))
                for quote_id, history in by_quote.items()}

    def summary(self, quote_id: int) -> QuoteReviewSummary:
        history = tuple(self.store.quote_reviews(quote_id))
        latest = history[-1] if history else None
        return QuoteReviewSummary(quote_id, state_of(latest), latest, history)

    def signoff_summary(self) -> SignOffSummary | None:
        signoffs = self.store.signoffs()
        if not signoffs:
            return None
        latest = signoffs[-1]
        return SignOffSummary(latest, latest.fingerprint == annotations_fingerprint(self.store))

    def queries(self) -> list[QuoteReview]:
        """Every query ever made, oldest first (answered and resolved ones included)."""
        return [r for r in self.store.quote_reviews() if r.verdict is ReviewVerdict.QUERIED]

    # --- edits, as values with inverses -------------------------------------------------------

    def approve_edit(self, quote_id: int) -> AddQuoteReview | None:
        """Approve a quote; None when its latest review already is an approval."""
        self._require_quote(quote_id)
        if self.summary(quote_id).state is ReviewState.APPROVED:
            return None
        return AddQuoteReview(QuoteReview(0, quote_id, self.analyst, ReviewVerdict.APPROVED, "", now_iso()),
                              f"Approve quote {quote_id}")

    def approve_many_edit(self, quote_ids: Iterable[int]) -> EditGroup | None:
        edits = tuple(e for e in (self.approve_edit(q) for q in quote_ids) if e is not None)
        if not edits:
            return None
        return edits[0] if len(edits) == 1 else EditGroup(edits, f"Approve {len(edits)} quotes")

    def query_edit(self, quote_id: int, comment: str) -> AddQuoteReview:
        comment = comment.strip()
        if not comment:
            raise UserFacingError("A query needs a comment saying what to check.")
        self._require_quote(quote_id)
        return AddQuoteReview(QuoteReview(0, quote_id, self.analyst, ReviewVerdict.QUERIED, comment, now_iso()),
                              f"Query quote {quote_id}")

    def answer_edit(self, review_id: int, answer: str, *, resolve: bool = False) -> PatchQuoteReview:
        answer = answer.strip()
        review = self._require_query(review_id)
        if not answer and not resolve:
            raise UserFacingError("Write an answer, or mark the query resolved.")
        values: dict[str, object] = {}
        if answer:
            values |= {"answer": answer, "answered_by": self.analyst, "answered_at": now_iso()}
        if resolve and not review.resolved:
            values["resolved"] = True
        description = "Answer and resolve query" if answer and resolve else "Answer query" if answer \
            else "Resolve query"
        return PatchQuoteReview(review_id, ReviewAnswerFields(**values), description,
                                expected=_answer_as_read(review, values))

    def resolve_edit(self, review_id: int) -> PatchQuoteReview:
        review = self._require_query(review_id)
        return PatchQuoteReview(review_id, ReviewAnswerFields(resolved=True), "Resolve query",
                                expected=ReviewAnswerFields(resolved=review.resolved))

    def signoff_edit(self, decision: SignOffDecision | str, comment: str = "") -> AddSignOff:
        """Sign off on the annotations exactly as they are now (their fingerprint is recorded)."""
        try:
            decision = SignOffDecision(decision)
        except ValueError:
            names = ", ".join(d.value for d in SignOffDecision)
            raise UserFacingError(f"“{decision}” is not a sign-off decision; use one of {names}.") from None
        self.require_quotes()
        signoff = SignOff(0, self.analyst, decision, comment.strip(), now_iso(), annotations_fingerprint(self.store))
        label = "Sign off: approved" if decision is SignOffDecision.APPROVED else "Sign off: changes requested"
        return AddSignOff(signoff, label)

    def require_quotes(self) -> None:
        if self.store.quote_count() == 0:
            raise UserFacingError("This project has no quotes to review.")

    def _require_quote(self, quote_id: int) -> None:
        self.require_quotes()
        try:
            self.store.quote(quote_id)
        except KeyError:
            raise UserFacingError(f"There is no quote {quote_id} in this project; "
                                  "list them with `quote-workbench reviews`.") from None

    def _require_query(self, review_id: int) -> QuoteReview:
        review = next((r for r in self.store.quote_reviews() if r.id == review_id), None)
        if review is None:
            raise UserFacingError(f"There is no review {review_id} in this project; "
                                  "list them with `quote-workbench reviews`.")
        if review.verdict is not ReviewVerdict.QUERIED:
            raise UserFacingError(f"Review {review_id} is an approval, not a query; there is nothing to answer.")
        return review

    # --- applying ---------------------------------------------------------------------------------

    def apply(self, edit: Edit) -> Applied:
        """Carry out a review edit (or a group of them); return the edit that undoes it and what it changed."""
        reviews = Changes(reviews=True)
        match edit:
            case AddQuoteReview(review=review, description=description):
                return Applied(RemoveQuoteReview(self.store.add_quote_review(review, self.analyst), description),
                               Changes(quotes=frozenset({review.quote_id}), reviews=True))
            case RemoveQuoteReview(review_id=review_id, description=description):
                removed = self.store.remove_quote_review(review_id, self.analyst)
                return Applied(AddQuoteReview(removed, description),
                               Changes(quotes=frozenset({removed.quote_id}), reviews=True))
            case PatchQuoteReview(review_id=review_id, fields=fields, description=description):
                values = fields.columns()
                # the answer as read (a colleague may answer the same query meanwhile); undo expects what it set
                previous = self.store.patch_quote_review(
                    review_id, values, self.analyst, expected_version=edit.expected_version,
                    expected=None if edit.expected is None else edit.expected.columns())
                return Applied(PatchQuoteReview(review_id, ReviewAnswerFields.from_columns(previous), description,
                                                expected=ReviewAnswerFields.from_columns(values)),
                               reviews)
            case AddSignOff(signoff=signoff, description=description):
                return Applied(RemoveSignOff(self.store.add_signoff(signoff, self.analyst), description), reviews)
            case RemoveSignOff(signoff_id=signoff_id, description=description):
                return Applied(AddSignOff(self.store.remove_signoff(signoff_id, self.analyst), description), reviews)
            case EditGroup(edits=edits, description=description):
                inverses, changes = [], reviews
                for e in edits:
                    inverse, changed = self.apply(e)
                    inverses.append(inverse)
                    changes |= changed
                return Applied(EditGroup(tuple(reversed(inverses)), description), changes)
        raise TypeError(f"not a review edit: {edit!r}")


# --- opening a file for review, and saving the review into it ----------------------------------------


def file_digest(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ReviewSession(ProjectSession):
    """A project opened for review: a working copy, no writer lock on the analyst's file.

    Save writes the working copy over the file (atomically, like any save) only if nobody
    holds the writer lock, taken just for the save, and the file's bytes are still those
    the reviewer opened; otherwise it refuses and the reviewer saves a copy with Save As.
    After Save As the copy is the reviewer's own file and is saved normally.
    """

    _base_digest: str = ""

    @classmethod
    def open_for_review(cls, path: str | os.PathLike) -> "ReviewSession":
        path = Path(path).resolve()
        for _attempt in range(3):
            before = _digest_or_none(path)
            session = cls.open(path, read_only=True)
            if before is not None and before == _digest_or_none(path):
                break
            session.close()  # saved by the analyst while we copied it: copy again
        else:
            raise UserFacingError(f"“{path.name}” keeps changing while it is being opened; try again in a moment.")
        assert isinstance(session, ReviewSession)
        session._base_digest = before
        try:
            if session.store.quote_count() == 0:
                raise UserFacingError("This project has no quotes to review.")
        except BaseException:
            session.close()
            raise
        return session

    def save(self) -> None:
        if not self.read_only:  # saved as the reviewer's own copy: it holds that file's lock
            super().save()
            return
        assert self.project_path is not None
        name = self.project_path.name
        if self.damage:
            raise ProjectWriteFailed(f"“{name}” is damaged and open read-only; nothing was written to it.")
        lock = ProjectLock(self.project_path)
        try:
            lock.acquire()
        except ProjectLocked:
            raise ProjectLocked(
                f"“{name}” is open for writing elsewhere (the analyst has it open), so your review was not "
                "saved into it.", Remedy.SAVE_AS) from None
        try:
            if _digest_or_none(self.project_path) != self._base_digest:
                raise ProjectWriteFailed(
                    f"“{name}” was changed since you opened it for review, so your review was not saved into it.",
                    Remedy.SAVE_AS)
            if needs_upgrade(self.project_path):  # the working copy was upgraded on opening
                self.upgrade_note = keep_original_before_upgrade(self.project_path)
            atomic_copy_database(self.working_copy, self.project_path)
            self._base_digest = file_digest(self.project_path)
        finally:
            lock.release()
        self.set_unsaved(False)


def _digest_or_none(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _answer_as_read(review: QuoteReview, values: dict[str, object]) -> ReviewAnswerFields:
    """The answer fields an edit sets, as the review held them when read: what the edit expects to find."""
    read = {"answer": review.answer, "answered_by": review.answered_by, "answered_at": review.answered_at,
            "resolved": review.resolved}
    return ReviewAnswerFields(**{name: read[name] for name in values})
