"""Working offline on a team project (issue #17, item 4; docs/team-desk.md, "Working offline").

``checkout`` copies articles of a team project, with everything hanging from them and their ids, into an
ordinary project file that also records where it came from and its *base*: each quote and article as the
team project had it. ``push`` is a three-way merge per field group: *mine* is the file against its base,
*theirs* the team project against the same base. A group changed on one side only is taken; changed on
both sides to different values is a conflict, shown field by field with the file comparison's kinds
(``span``, ``kind``, ``speaker``, ``date``, ``status``, ``notes``, ``evidence``) and decided by ``prefer``
(None: the team project's value stays and mine stays in the file, listed again at the next push).
Every change reaches the team project as a ``ProjectService`` edit, one short transaction each, its audit
rows naming the file as their source. Reviews given in the file are added (``ReviewService``) and a query's
answer is the group ``review``; primary sources attached in the file are added or, when the team project
keeps the same text, linked. Sign-offs and speaker edits stay in the file, listed with the reason. The file
is only read, except that after the push its base is
recorded again (no audit row, no other change). No Qt here.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.comparison import DifferenceKind
from workbench.domain.edits import (
    AddEvidence,
    AddQuote,
    AddQuoteReview,
    AddSource,
    ArticleFields,
    AttachSource,
    ArticlePatch,
    QuoteFields,
    PatchQuoteReview,
    QuotePatch,
    RemoveEvidence,
    ReviewAnswerFields,
    SetSpeaker,
)
from workbench.domain.errors import EditConflict, UserFacingError
from workbench.domain.model import (
    Article,
    AuditProvenance,
    Evidence,
    PrimarySource,
    Quote,
    QuoteCandidate,
    QuoteReview,
    SourceLink,
)
from workbench.persistence.checkout import (
    BaseEntry,
    Checkout,
    TeamChange,
    articles_and_quotes,
    audit_high_water,
    changes_since,
    copy_for_checkout,
    read_checkout,
    record_base,
)
from workbench.persistence.location import display_name, is_database_url
from workbench.persistence.locking import ProjectLock, cli_lock_wait
from workbench.persistence.project_file import check_project_file
from workbench.persistence.readonly import open_read_only
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService

# The field groups push compares, by the file comparison's kind where it has one. A group is taken or
# conflicts as a whole: a status comes with who confirmed it and when.
QUOTE_GROUPS: dict[str, tuple[str, ...]] = {
    DifferenceKind.SPAN.value: ("spans", "text"),
    DifferenceKind.KIND.value: ("kind",),
    DifferenceKind.SPEAKER.value: ("speaker", "speaker_confirmed_by", "speaker_confirmed_at"),
    DifferenceKind.DATE.value: ("date_value", "date_precision", "date_confirmed_by", "date_confirmed_at"),
    DifferenceKind.STATUS.value: ("status", "status_confirmed_by", "status_confirmed_at"),
    DifferenceKind.NOTES.value: ("note",),
    "deleted": ("deleted",),
}
ARTICLE_GROUPS: dict[str, tuple[str, ...]] = {"title": ("title",), "published": ("published",)}
EVIDENCE = DifferenceKind.EVIDENCE.value
ADDED = "added"

# the audit fields through which the team project's change of a group shows (who changed it, when)
_AUDIT_FIELDS = {**{kind: set(cols) for kind, cols in QUOTE_GROUPS.items()},
                 DifferenceKind.SPEAKER.value: {"speaker_id", "speaker_confirmed_by", "speaker_confirmed_at"}}

REVIEW = "review"
SOURCE = "source"
SOURCE_LINK = "source_link"
REVIEW_ANSWER = ("answer", "answered_by", "answered_at", "resolved")

# what push leaves in the file, and why, in words
_NOT_PUSHED_ENTITIES = {
    "speaker": ("speakers’ names, kinds, roles and aliases",
                "the speaker list is shared by every article of the team project; make them there"),
    "signoff": ("sign-offs", "a sign-off covers the whole team project, not a checkout; sign off there"),
}


# --- the fields compared ------------------------------------------------------------------------


def quote_state(quote: Quote, deleted: bool, evidence: Iterable[Evidence]) -> dict[str, Any]:
    """The fields of a quote push compares, as JSON values."""
    return {
        "spans": [[s.start, s.end] for s in quote.spans], "text": quote.text, "kind": quote.kind.value,
        "speaker": quote.speaker_name, "speaker_confirmed_by": quote.speaker_confirmation.by,
        "speaker_confirmed_at": quote.speaker_confirmation.at,
        "date_value": quote.date_said.value, "date_precision": quote.date_said.precision.value,
        "date_confirmed_by": quote.date_confirmation.by, "date_confirmed_at": quote.date_confirmation.at,
        "status": quote.status.value, "status_confirmed_by": quote.status_confirmation.by,
        "status_confirmed_at": quote.status_confirmation.at,
        "note": quote.note, "deleted": int(deleted),
        "evidence": sorted({e.location for e in evidence if e.location}),
    }


def review_state(review: QuoteReview) -> dict[str, Any]:
    """The analyst's side of a query, which push compares (the verdict and comment never change)."""
    return {"answer": review.answer, "answered_by": review.answered_by, "answered_at": review.answered_at,
            "resolved": bool(review.resolved)}


def _same_review(a: QuoteReview, b: QuoteReview) -> bool:
    """The same verdict given by the same reviewer at the same moment: one review on both sides."""
    return (a.reviewer, a.verdict, a.comment, a.at) == (b.reviewer, b.verdict, b.comment, b.at)


def article_state(article: Article) -> dict[str, Any]:
    return {"title": article.title, "published": article.published}


def _shown(kind: str, state: Mapping[str, Any]) -> str | None:
    """A group's value as the comparison shows it: spans as JSON, a speaker's name, a date, a status…"""
    match kind:
        case "span":
            return json.dumps(state["spans"])
        case "speaker":
            return state["speaker"]
        case "date":
            return state["date_value"]
        case "notes":
            return state["note"]
        case "deleted":
            return "deleted" if state["deleted"] else "live"
        case "evidence":
            return json.dumps(state["evidence"], ensure_ascii=False)
        case "review":
            return ("resolved: " if state["resolved"] else "") + (state["answer"] or "") if (
                state["answer"] or state["resolved"]) else None
    return state[QUOTE_GROUPS.get(kind, ARTICLE_GROUPS.get(kind, (kind,)))[0]]


def _values(state: Mapping[str, Any], cols: tuple[str, ...]) -> tuple:
    return tuple(json.dumps(state.get(c)) if isinstance(state.get(c), list) else state.get(c) for c in cols)


@dataclass
class _Side:
    """One side's articles and quotes (deleted ones too), with their evidence."""

    articles: dict[int, Article]
    quotes: dict[int, Quote]
    deleted: set[int]
    evidence: dict[int, list[Evidence]]
    reviews: dict[int, QuoteReview]

    def state(self, quote_id: int) -> dict[str, Any]:
        return quote_state(self.quotes[quote_id], quote_id in self.deleted, self.evidence.get(quote_id, ()))


def _read_side(store: ProjectStore, article_ids: Iterable[int]) -> _Side:
    found, rows = articles_and_quotes(store, list(article_ids))
    articles = {a.id: a for a in found}
    quotes = {quote.id: quote for quote, _ in rows}
    deleted = {quote.id for quote, gone in rows if gone}
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in store.evidence():
        if item.quote_id in quotes:
            evidence[item.quote_id].append(item)
    reviews = {r.id: r for r in store.quote_reviews() if r.quote_id in quotes}
    return _Side(articles, quotes, deleted, evidence, reviews)


# --- checkout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckoutOutcome:
    path: str
    origin: str  # without the password
    title: str
    articles: tuple[int, ...]
    quotes: int
    high_water: int


def checkout(url: str, output: str | os.PathLike, article_ids: Iterable[int] | None, analyst: str) -> CheckoutOutcome:
    """Copy articles of the team project at ``url`` (all when none are given) into the new file ``output``."""
    if not is_database_url(url):
        raise UserFacingError(f"“{url}” is not a team project’s address; checkout copies from a postgresql://… "
                              "address into a file.")
    if is_database_url(str(output)):
        raise UserFacingError("Give a file to write the copy to (-o local.qwb), not a database address.")
    target = Path(output)
    if target.exists() or target.is_symlink():
        raise UserFacingError(f"“{target}” already exists; choose another name. Nothing was changed.")
    with ProjectStore(url, read_only=True) as team:
        copied = copy_for_checkout(team, target, list(article_ids or ()), analyst)
        origin = team.location.redacted
    try:
        with ProjectStore(target) as local:
            side = _read_side(local, copied.articles)
            record_base(local, _entries_of(side) + _source_entries(local.sources(), local.source_links()),
                        high_water=copied.high_water, pushed_at=None)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return CheckoutOutcome(str(target), origin, copied.project_title, copied.articles, copied.quotes,
                           copied.high_water)


def _entries_of(side: _Side) -> list[BaseEntry]:
    return ([BaseEntry("article", a.id, a.id, article_state(a)) for a in side.articles.values()]
            + [BaseEntry("quote", q, q, side.state(q)) for q in side.quotes]
            + [BaseEntry(REVIEW, r.id, r.id, review_state(r)) for r in side.reviews.values()])


def _source_entries(sources: Iterable[PrimarySource], links: Iterable[SourceLink]) -> list[BaseEntry]:
    """The sources and their links as checked out: a link added in the file later is one without an entry."""
    return ([BaseEntry(SOURCE, s.id, s.id, {"content_hash": s.content_hash}) for s in sources]
            + [BaseEntry(SOURCE_LINK, k.id, k.source_id, {"article": k.article_id, "quote": k.quote_id})
               for k in links])


# --- push --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncItem:
    """One change pushed, one conflict, or one change not pushed: ``kind`` as the file comparison names
    it (``status``…), or ``added``, ``deleted``, ``title``, ``published``; values as text."""

    kind: str
    article: int | None
    quote: int | None  # the quote's id in the team project
    local_quote: int | None  # its id in the file
    base: str | None
    mine: str | None
    theirs: str | None
    decision: str  # in words
    theirs_by: str | None = None  # who changed it in the team project since the checkout
    theirs_at: str | None = None


@dataclass(frozen=True)
class PushOutcome:
    file: str
    database: str  # without the password
    pushed: tuple[SyncItem, ...]
    conflicts: tuple[SyncItem, ...]
    not_pushed: tuple[SyncItem, ...]
    high_water_before: int
    high_water_after: int
    base_recorded: bool


def push(local_path: str | os.PathLike, url: str, *, analyst: str, prefer: str | None = None) -> PushOutcome:
    """Push the work done in the checkout file ``local_path`` into the team project at ``url``."""
    if prefer not in (None, "mine", "theirs"):
        raise ValueError(prefer)
    if is_database_url(str(local_path)):
        raise UserFacingError("Give the checkout file first, then the team project’s address: "
                              "quote-workbench push local.qwb postgresql://…")
    if not is_database_url(url):
        raise UserFacingError(f"“{url}” is not a team project’s address; push sends a checkout file back to the "
                              "postgresql://… address it came from. Nothing was changed.")
    path = Path(local_path)
    check_project_file(path)
    name = f"“{path.name}”"
    with ProjectLock(path, wait=cli_lock_wait()):
        with open_read_only(path) as local:
            record = read_checkout(local)
            if record is None:
                raise UserFacingError(
                    f"{name} is not a checkout of a team project (quote-workbench checkout makes one), so it has "
                    "no base to push from. Nothing was changed; to take a colleague’s file into yours, compare "
                    "and merge the two files.")
            info = local.project_info()
            mine = _read_side(local, record.articles)
            local_audit = local.audit_log()
            mine_sources, mine_links = local.sources(), local.source_links()
            local.check_unchanged()
        with ProjectStore(url) as team:
            if team.project_info().id != record.project_id:
                raise UserFacingError(
                    f"{name} was checked out from {display_name(record.origin)} ({record.origin}), not from "
                    f"{team.name}; push it to the team project it came from. Nothing was changed.")
            provenance = AuditProvenance(str(path.resolve()), info.analysts, info.modified)
            run = _Push(ProjectService(team, analyst), ReviewService(team, analyst), record, mine, prefer,
                        path.name)
            with team.provenance(provenance):
                run.run()
                run.sources(mine_sources, mine_links)
            run.not_pushed.extend(_local_only_changes(local_audit))
            high_water = audit_high_water(team)
            database = team.location.redacted
        entries = list(run.base.values())
        changed = high_water != record.high_water or \
            {k: (e.db_id, e.state) for k, e in record.base.items()} != {k: (e.db_id, e.state) for k, e in run.base.items()}
        if changed:
            with ProjectStore(path) as writable:
                record_base(writable, entries, high_water=high_water, pushed_at=now_iso())
    return PushOutcome(str(path), database, tuple(run.pushed), tuple(run.conflicts), tuple(run.not_pushed),
                       record.high_water, high_water, changed)


def _local_only_changes(audit) -> list[SyncItem]:
    """Changes in the file that push does not carry: to speakers themselves, sources, sign-offs."""
    start = max((e.id for e in audit if e.entity == "project" and e.field == "checkout"), default=0)
    counts: dict[str, int] = defaultdict(int)
    for entry in audit:
        if entry.id <= start or entry.entity not in _NOT_PUSHED_ENTITIES:
            continue
        if entry.entity == "speaker" and entry.action == "create" and entry.field == "name":
            continue  # a speaker made by naming a quote's speaker: pushed by name with the quote
        counts[entry.entity] += 1
    return [SyncItem(entity, None, None, None, None, None, None,
                     f"{n} change{'s' if n != 1 else ''} to {_NOT_PUSHED_ENTITIES[entity][0]} in the file, "
                     f"not pushed: {_NOT_PUSHED_ENTITIES[entity][1]}") for entity, n in counts.items()]


class _Push:
    """One push: compares and writes quote by quote; ``base`` becomes the file's new base."""

    def __init__(self, service: ProjectService, reviews: ReviewService, record: Checkout, mine: _Side,
                 prefer: str | None, file_name: str) -> None:
        self.service = service
        self.reviews = reviews
        self.record = record
        self.mine = mine
        self.prefer = prefer
        self.description = f"Pushed from “{file_name}”"
        self.base: dict[tuple[str, int], BaseEntry] = dict(record.base)
        self.pushed: list[SyncItem] = []
        self.conflicts: list[SyncItem] = []
        self.not_pushed: list[SyncItem] = []
        self.new_quotes: set[int] = set()  # team ids of the quotes this push added

    def run(self) -> None:
        store = self.service.store
        self.theirs = _read_side(store, self.record.articles)
        self._who: dict[tuple[str, int], list[TeamChange]] = defaultdict(list)
        for change in changes_since(store, self.record.high_water, ("quote", "article", "quote_review")):
            self._who[(change.entity, change.entity_id)].append(change)
        by_article: dict[int, list[int]] = defaultdict(list)
        for quote in self.mine.quotes.values():
            by_article[quote.article_id].append(quote.id)
        # a quote added offline may already be there (a push cut off half-way): found by its spans, among
        # the live quotes no quote of the file already stands for
        claimed = {e.db_id for e in self.base.values() if e.entity == "quote"}
        self._theirs_by_spans = {(q.article_id, q.spans): q.id for q in self.theirs.quotes.values()
                                 if q.id not in self.theirs.deleted and q.id not in claimed}
        for article_id in self.record.articles:
            if article_id not in self.mine.articles:
                self.not_pushed.append(SyncItem("article", article_id, None, None, None, None, None,
                                                "removed from the file; not pushed: it stays in the team project"))
                continue
            if article_id not in self.theirs.articles:
                self.not_pushed.append(SyncItem("article", article_id, None, None, None, None, None,
                                                "removed from the team project since the checkout; your work on "
                                                "it stays in the file"))
                continue
            self._article(article_id)
            for quote_id in sorted(by_article[article_id]):
                entry = self.base.get(("quote", quote_id))
                if entry is None:
                    self._added(article_id, quote_id)
                elif entry.db_id not in self.theirs.quotes:
                    self.not_pushed.append(SyncItem("quote", article_id, entry.db_id, quote_id, None, None, None,
                                                    "the quote is no longer in the team project; your work on it "
                                                    "stays in the file"))
                else:
                    self._quote(article_id, quote_id, entry)
        self._reviews()

    # --- who, in words

    def _changed_by(self, entity: str, entity_id: int, fields: set[str]) -> tuple[str | None, str | None]:
        found = [c for c in self._who.get((entity, entity_id), ()) if c.field in fields]
        if not found:
            return None, None
        last = found[-1]
        who = last.analyst or "someone"
        if last.db_user and last.db_user != last.analyst:
            who += f" (database user {last.db_user})"
        return who, last.at

    # --- the three-way decision for one group

    def _decide(self, kind: str, cols: tuple[str, ...], base: Mapping, mine: Mapping, theirs: Mapping,
                item: dict[str, Any], who: tuple[str | None, str | None]) -> str:
        """"same" (nothing to write; base ← mine), "keep" (nothing to write; base kept), or "take"."""
        b, m, t = _values(base, cols), _values(mine, cols), _values(theirs, cols)
        if m == b:
            return "keep"
        theirs_changed = t != b
        if m == t or (theirs_changed and _shown(kind, mine) == _shown(kind, theirs)):
            return "same"
        if not theirs_changed:
            return "take"
        shown = dict(item, kind=kind, base=_shown(kind, base), mine=_shown(kind, mine), theirs=_shown(kind, theirs),
                     theirs_by=who[0], theirs_at=who[1])
        if self.prefer == "mine":
            self.conflicts.append(SyncItem(**shown, decision="took yours (--prefer mine)"))
            return "take"
        if self.prefer == "theirs":
            self.conflicts.append(SyncItem(**shown, decision="kept the team project’s (--prefer theirs)"))
            return "same"
        self.conflicts.append(SyncItem(**shown, decision="kept the team project’s; yours stays in the file"))
        return "keep"

    def _article(self, article_id: int) -> None:
        entry = self.base.get(("article", article_id)) or BaseEntry(
            "article", article_id, article_id, article_state(self.theirs.articles[article_id]))
        mine = article_state(self.mine.articles[article_id])
        theirs = article_state(self.theirs.articles[article_id])
        state = dict(entry.state)
        item = {"article": article_id, "quote": None, "local_quote": None}
        for kind, cols in ARTICLE_GROUPS.items():
            decision = self._decide(kind, cols, entry.state, mine, theirs, item,
                                    self._changed_by("article", article_id, set(cols)))
            if decision == "take":
                self.service.apply(ArticlePatch(article_id, ArticleFields(**{c: mine[c] for c in cols}),
                                                self.description))
                self.pushed.append(SyncItem(kind, article_id, None, None, _shown(kind, entry.state),
                                            _shown(kind, mine), _shown(kind, theirs), "pushed"))
            if decision != "keep":
                state.update({c: mine[c] for c in cols})
        self.base[("article", article_id)] = BaseEntry("article", article_id, article_id, state)

    def _quote(self, article_id: int, local_id: int, entry: BaseEntry) -> None:
        db_id = entry.db_id
        mine = self.mine.state(local_id)
        if mine == entry.state:
            self.base[("quote", local_id)] = entry  # nothing changed here: nothing to push, the base stays
            return
        theirs = self.theirs.state(db_id)
        same_text = self.mine.articles[article_id].text == self.theirs.articles[article_id].text
        state = dict(entry.state)
        item = {"article": article_id, "quote": db_id, "local_quote": local_id}
        taken: list[str] = []
        for kind, cols in QUOTE_GROUPS.items():
            if kind == "span" and not same_text and _values(mine, cols) != _values(entry.state, cols):
                self.not_pushed.append(SyncItem(kind, article_id, db_id, local_id, _shown(kind, entry.state),
                                                _shown(kind, mine), _shown(kind, theirs),
                                                "the article’s text differs from the team project’s, so the "
                                                "span cannot be placed; it stays in the file"))
                continue
            decision = self._decide(kind, cols, entry.state, mine, theirs, item,
                                    self._changed_by("quote", db_id, _AUDIT_FIELDS[kind]))
            if decision == "take":
                taken.append(kind)
            elif decision == "same":
                state.update({c: mine[c] for c in cols})
        fields = {c: (json.dumps(mine[c]) if c == "spans" else mine[c])
                  for kind in taken if kind != "speaker" for c in QUOTE_GROUPS[kind]}
        try:
            if fields:
                self.service.apply(QuotePatch(db_id, QuoteFields(**fields), self.description,
                                              expected_version=self.theirs.quotes[db_id].row_version))
            if "speaker" in taken:
                self.service.apply(SetSpeaker(db_id, mine["speaker"], mine["speaker_confirmed_by"],
                                              mine["speaker_confirmed_at"], self.description))
        except EditConflict as refused:
            for kind in taken:
                self.conflicts.append(SyncItem(kind, article_id, db_id, local_id, _shown(kind, entry.state),
                                               _shown(kind, mine), _shown(kind, theirs),
                                               f"not pushed: {refused.message} Push again."))
            taken = []
        for kind in taken:
            state.update({c: mine[c] for c in QUOTE_GROUPS[kind]})
            self.pushed.append(SyncItem(kind, article_id, db_id, local_id, _shown(kind, entry.state),
                                        _shown(kind, mine), _shown(kind, theirs), "pushed"))
        state["evidence"] = self._evidence(article_id, local_id, db_id, entry.state.get("evidence", []),
                                           mine["evidence"], theirs["evidence"])
        self.base[("quote", local_id)] = BaseEntry("quote", local_id, db_id, state)

    def _evidence(self, article_id: int, local_id: int, db_id: int, base: list[str], mine: list[str],
                  theirs: list[str]) -> list[str]:
        """Evidence as sets of locations: what I added is added, what I removed is removed (if still there);
        what they added or removed stays. Returns the new base (mine)."""
        have = set(theirs)
        for location in sorted(set(mine) - set(base)):
            if location in have:
                continue
            e = next(x for x in self.mine.evidence[local_id] if x.location == location)
            self.service.apply(AddEvidence(Evidence(None, db_id, e.url, e.file_path, e.title, e.excerpt, e.accessed,
                                                    e.note, e.added_by, e.added_at), self.description))
            self.pushed.append(SyncItem(EVIDENCE, article_id, db_id, local_id, None, location, None, "added"))
        for location in sorted(set(base) - set(mine)):
            for e in self.theirs.evidence.get(db_id, ()):
                if e.location == location:
                    self.service.apply(RemoveEvidence(e.id, self.description))
                    self.pushed.append(SyncItem(EVIDENCE, article_id, db_id, local_id, location, None, location,
                                                "removed"))
        return list(mine)

    # --- reviews

    def _reviews(self) -> None:
        """Reviews given in the file are added on the quote's team id; an answer or resolve of a review on
        both sides is compared three-way like a quote's field group (kind ``review``)."""
        for key, entry in self.base.items():
            if key[0] == REVIEW and key[1] not in self.mine.reviews and entry.db_id in self.theirs.reviews:
                gone = self.theirs.reviews[entry.db_id]
                self.not_pushed.append(SyncItem(REVIEW, self.theirs.quotes[gone.quote_id].article_id, gone.quote_id,
                                                None, gone.verdict.value, None, None, "removed in the file; not "
                                                "pushed: a review is removed in the team project"))
        for review in sorted(self.mine.reviews.values(), key=lambda r: r.id):
            quote_entry = self.base.get(("quote", review.quote_id))
            item = {"article": self.mine.quotes[review.quote_id].article_id, "local_quote": review.quote_id,
                    "quote": quote_entry.db_id if quote_entry else None}
            mine = review_state(review)
            entry = self.base.get((REVIEW, review.id))
            if entry is not None and entry.db_id not in self.theirs.reviews:
                self.not_pushed.append(SyncItem(REVIEW, **item, base=None, mine=review.verdict.value, theirs=None,
                                                decision="the review was removed from the team project since; "
                                                "yours stays in the file"))
                continue
            if entry is None:
                if quote_entry is None or (quote_entry.db_id not in self.theirs.quotes
                                            and quote_entry.db_id not in self.new_quotes):
                    self.not_pushed.append(SyncItem(REVIEW, **item, base=None, mine=review.verdict.value,
                                                    theirs=None, decision="the quote is not in the team "
                                                    "project, so its review stays in the file"))
                    continue
                same = next((r for r in self.theirs.reviews.values()
                             if r.quote_id == quote_entry.db_id and _same_review(r, review)), None)
                if same is not None:  # checked out before reviews had a base, or a push cut off half-way
                    entry = BaseEntry(REVIEW, review.id, same.id, mine)
                else:
                    added = QuoteReview(0, quote_entry.db_id, review.reviewer, review.verdict, review.comment,
                                        review.at, review.answer, review.answered_by, review.answered_at,
                                        review.resolved)
                    inverse, _ = self.reviews.apply(AddQuoteReview(added, self.description))
                    new_id = inverse.review_id  # the inverse of AddQuoteReview removes the new review
                    self.pushed.append(SyncItem(REVIEW, **item, base=None, mine=review.verdict.value, theirs=None,
                                                decision=f"added as review {new_id}"))
                    self.base[(REVIEW, review.id)] = BaseEntry(REVIEW, review.id, new_id, mine)
                    continue
            theirs = review_state(self.theirs.reviews[entry.db_id])
            decision = self._decide(REVIEW, REVIEW_ANSWER, entry.state, mine, theirs, item,
                                    self._changed_by("quote_review", entry.db_id, set(REVIEW_ANSWER)))
            state = entry.state
            if decision == "take":
                try:  # refused when someone answers it during the push: it is listed, its base kept
                    self.reviews.apply(PatchQuoteReview(entry.db_id, ReviewAnswerFields(**mine), self.description,
                                                        expected=ReviewAnswerFields(**theirs)))
                except EditConflict as refused:
                    self.conflicts.append(SyncItem(REVIEW, **item, base=_shown(REVIEW, entry.state),
                                                   mine=_shown(REVIEW, mine), theirs=_shown(REVIEW, theirs),
                                                   decision=f"not pushed: {refused.message} Push again."))
                    self.base[(REVIEW, review.id)] = entry
                    continue
                self.pushed.append(SyncItem(REVIEW, **item, base=_shown(REVIEW, entry.state),
                                            mine=_shown(REVIEW, mine), theirs=_shown(REVIEW, theirs),
                                            decision="pushed"))
            if decision != "keep":
                state = mine
            self.base[(REVIEW, review.id)] = BaseEntry(REVIEW, review.id, entry.db_id, state)

    # --- primary sources

    def sources(self, sources: list[PrimarySource], links: list[SourceLink]) -> None:
        """Sources attached in the file after the checkout, and their links to articles and quotes: added to
        the team project on their team ids. A text the team project already keeps (same content hash) is
        linked, not stored twice; a link already there is only remembered. Detaching stays in the file."""
        store = self.service.store
        by_id = {s.id: s for s in sources}
        team_ids: dict[int, int] = {}  # the file's source id → the team project's
        for source in sources:
            entry = self.base.get((SOURCE, source.id))
            if entry is not None:
                team_ids[source.id] = entry.db_id
            elif (found := store.source_id_by_hash(source.content_hash)) is not None:
                team_ids[source.id] = found
        pending: dict[int, list[tuple[SourceLink, SourceLink]]] = defaultdict(list)  # by the file's source id
        for link in links:
            if (SOURCE_LINK, link.id) in self.base:
                continue
            target = self._link_target(link)
            if target is None:
                where = f"quote {link.quote_id}" if link.quote_id is not None else f"article {link.article_id}"
                self.not_pushed.append(SyncItem(SOURCE, link.article_id, None, link.quote_id, None,
                                                by_id[link.source_id].title or by_id[link.source_id].origin, None,
                                                f"{where} is not in the team project, so the source’s link to it "
                                                "stays in the file"))
                continue
            pending[link.source_id].append((link, target))
        kept = {link.id for link in links}
        for key, entry in self.base.items():
            if key[0] == SOURCE_LINK and key[1] not in kept:
                self.not_pushed.append(SyncItem(SOURCE, entry.state["article"], None, entry.state["quote"], None,
                                                None, None, f"source {entry.db_id} was detached or removed in the "
                                                "file; not pushed: detach it in the team project"))
        for source in sources:
            if ((SOURCE, source.id) in self.base and pending[source.id]
                    and not self._source_there(team_ids[source.id])):
                self.not_pushed.append(SyncItem(SOURCE, *self._where(pending[source.id]), None,
                                                source.title or source.origin, None, "the source was removed from "
                                                "the team project since the checkout; your link stays in the file"))
                continue
            if source.id not in team_ids:
                first = pending[source.id][:1]
                inverse, _ = self.service.apply(AddSource(PrimarySource(
                    None, source.kind, source.origin, source.title, source.date, source.accessed_at, source.text,
                    source.content_hash, source.added_by), tuple(t for _, t in first), self.description))
                team_ids[source.id] = inverse.source_id  # the inverse of AddSource removes the new source
                self.pushed.append(SyncItem(SOURCE, *self._where(first), None, source.title or source.origin,
                                            None, f"added as source {team_ids[source.id]}"))
                for link, _ in first:
                    self.base[(SOURCE_LINK, link.id)] = BaseEntry(SOURCE_LINK, link.id, team_ids[source.id],
                                                                  {"article": link.article_id, "quote": link.quote_id})
                pending[source.id] = pending[source.id][1:]
            self.base[(SOURCE, source.id)] = BaseEntry(SOURCE, source.id, team_ids[source.id],
                                                       {"content_hash": source.content_hash})
            if not pending[source.id]:
                continue
            there = {(k.article_id, k.quote_id) for k in store.source_links(team_ids[source.id])}
            for link, target in pending[source.id]:
                if (target.article_id, target.quote_id) not in there:
                    self.service.apply(AttachSource(SourceLink(None, team_ids[source.id], target.article_id,
                                                               target.quote_id), self.description))
                    self.pushed.append(SyncItem(SOURCE, *self._where([(link, target)]), None,
                                                source.title or source.origin, None,
                                                f"linked to source {team_ids[source.id]}"))
                self.base[(SOURCE_LINK, link.id)] = BaseEntry(SOURCE_LINK, link.id, team_ids[source.id],
                                                              {"article": link.article_id, "quote": link.quote_id})

    def _source_there(self, source_id: int) -> bool:
        try:
            self.service.store.source(source_id)
        except UserFacingError:
            return False
        return True

    def _link_target(self, link: SourceLink) -> SourceLink | None:
        """A link of the file on the team project's ids, or None when what it serves is not there."""
        if link.quote_id is not None:
            entry = self.base.get(("quote", link.quote_id))
            if entry is None or entry.db_id in self.theirs.deleted or (
                    entry.db_id not in self.theirs.quotes and entry.db_id not in self.new_quotes):
                return None
            return SourceLink(None, 0, None, entry.db_id)
        if link.article_id not in self.theirs.articles:
            return None
        return SourceLink(None, 0, link.article_id, None)

    @staticmethod
    def _where(links: list[tuple[SourceLink, SourceLink]]) -> tuple[int | None, int | None, int | None]:
        """(article, team quote, file quote) of a source's first link, for the report."""
        if not links:
            return None, None, None
        link, target = links[0]
        return link.article_id, target.quote_id, link.quote_id

    def _added(self, article_id: int, local_id: int) -> None:
        """A quote added in the file: added to the team project with a new id (unless a quote with the same
        spans is there already, for instance from a push that was cut off), then compared field by field."""
        quote = self.mine.quotes[local_id]
        if local_id in self.mine.deleted:
            return  # added, then deleted again, offline: nothing to bring back
        item = SyncItem(ADDED, article_id, None, local_id, None, quote.text, None, "")
        if self.mine.articles[article_id].text != self.theirs.articles[article_id].text:
            self.not_pushed.append(SyncItem(**{**item.__dict__, "decision": (
                "the article’s text differs from the team project’s, so the quote cannot be placed; it stays "
                "in the file")}))
            return
        same = self._theirs_by_spans.get((article_id, quote.spans))
        if same is not None:
            entry = BaseEntry("quote", local_id, same, self.theirs.state(same))
            self.pushed.append(SyncItem(**{**item.__dict__, "quote": same,
                                           "decision": f"already in the team project as quote {same}"}))
            self._quote(article_id, local_id, entry)
            return
        candidate = QuoteCandidate(list(quote.spans), quote.kind, quote.cue, quote.mention, quote.speaker_name,
                                   quote.confidence, quote.reason, date_said=quote.date_said)
        inverse, _ = self.service.apply(AddQuote(article_id, candidate, quote.origin, self.description))
        new_id = inverse.quote_id  # the inverse of AddQuote deletes the new quote
        self.new_quotes.add(new_id)
        work = QuoteFields(status=quote.status.value, status_confirmed_by=quote.status_confirmation.by,
                           status_confirmed_at=quote.status_confirmation.at, note=quote.note,
                           speaker_confirmed_by=quote.speaker_confirmation.by,
                           speaker_confirmed_at=quote.speaker_confirmation.at,
                           date_confirmed_by=quote.date_confirmation.by, date_confirmed_at=quote.date_confirmation.at)
        self.service.apply(QuotePatch(new_id, work, self.description))
        for e in self.mine.evidence.get(local_id, ()):
            self.service.apply(AddEvidence(Evidence(None, new_id, e.url, e.file_path, e.title, e.excerpt, e.accessed,
                                                    e.note, e.added_by, e.added_at), self.description))
        self.pushed.append(SyncItem(**{**item.__dict__, "quote": new_id, "decision": f"added as quote {new_id}"}))
        self.base[("quote", local_id)] = BaseEntry("quote", local_id, new_id, self.mine.state(local_id))


def push_as_json(outcome: PushOutcome) -> dict[str, Any]:
    """``push --json`` (docs/team-desk.md)."""
    def items(values: Iterable[SyncItem]) -> list[dict[str, Any]]:
        return [dict(item.__dict__) for item in values]

    return {"file": outcome.file, "database": outcome.database, "pushed": items(outcome.pushed),
            "conflicts": items(outcome.conflicts), "not_pushed": items(outcome.not_pushed),
            "high_water_before": outcome.high_water_before, "high_water_after": outcome.high_water_after,
            "base_recorded": outcome.base_recorded}


__all__ = ["CheckoutOutcome", "PushOutcome", "SyncItem", "checkout", "push", "push_as_json", "quote_state"]
