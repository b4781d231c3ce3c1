"""A local copy of a team project (``quote-workbench checkout``): copying its rows with their ids into a new
project file, and the record of where it came from and of its base (docs/team-desk.md, "Working offline").

The use cases (what a push compares and writes) are in ``services/team_sync.py``; here are only the rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from workbench.domain.errors import UserFacingError
from workbench.persistence.location import DatabaseLocation
from workbench.persistence.schema import (
    AnalystRecord,
    ArticleRecord,
    AuditRecord,
    CheckoutBaseRecord,
    CheckoutRecord,
    EvidenceRecord,
    ProjectRecord,
    QuoteRecord,
    QuoteReviewRecord,
    SourceLinkRecord,
    SourceRecord,
    SpeakerAliasRecord,
    SpeakerRecord,
)
from workbench.domain.model import Article, Quote
from workbench.persistence.store import (
    _QUOTE_ROWS,
    ProjectStore,
    _article_from_record,
    _audit,
    _quote_from_row,
    now_iso,
)


@dataclass(frozen=True)
class BaseEntry:
    """One checked-out quote or article as the base of a push: its ids here and there, and its fields."""

    entity: str  # quote, article
    local_id: int
    db_id: int
    state: Mapping[str, Any]


@dataclass(frozen=True)
class Checkout:
    """Where a checkout file came from, and its base."""

    origin: str  # the team project's URL without its password
    project_id: str
    taken_at: str
    high_water: int  # the team project's audit_log id the base reflects
    articles: tuple[int, ...]
    pushed_at: str | None
    base: Mapping[tuple[str, int], BaseEntry]  # by (entity, local id)


@dataclass(frozen=True)
class CheckoutCopy:
    """What ``copy_for_checkout`` copied."""

    project_title: str
    articles: tuple[int, ...]
    quotes: int
    high_water: int


@dataclass(frozen=True)
class TeamChange:
    """One audit row of the team project: who changed which field of what, and when."""

    id: int
    at: str
    analyst: str
    db_user: str | None
    entity: str
    entity_id: int | None
    field: str | None


def copy_for_checkout(team: ProjectStore, target: str | Path, article_ids: Sequence[int] | None,
                      analyst: str) -> CheckoutCopy:
    """Copy ``article_ids`` (every article when None or empty) of the team project ``team`` into a new
    project file ``target`` with everything that hangs from them, KEEPING their ids: their quotes (deleted
    ones too), the speakers those use with their aliases, evidence, reviews, the primary sources serving
    them and the links. The team project is read in one REPEATABLE READ transaction, so the copy and the
    audit high-water recorded with it are one moment. The file is all or nothing: removed on failure."""
    if not team.is_team:
        raise ValueError("checkout copies from a team project")
    with team._engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            high_water = connection.scalar(select(func.coalesce(func.max(AuditRecord.id), 0)))
            project = dict(connection.execute(select(ProjectRecord.__table__)).mappings().one())
            every = list(connection.scalars(select(ArticleRecord.id).order_by(ArticleRecord.id)))
            wanted = list(dict.fromkeys(article_ids or every))
            missing = [i for i in wanted if i not in set(every)]
            if missing:
                shown = ", ".join(map(str, missing[:5]))
                raise UserFacingError(
                    f"{team.name} has no article {shown}; `quote-workbench articles` lists them. Nothing was copied.")
            quote_ids = select(QuoteRecord.id).where(QuoteRecord.article_id.in_(wanted)).scalar_subquery()
            speaker_ids = (select(QuoteRecord.speaker_id).where(QuoteRecord.article_id.in_(wanted),
                                                                QuoteRecord.speaker_id.is_not(None))
                           .scalar_subquery())
            link_filter = SourceLinkRecord.article_id.in_(wanted) | SourceLinkRecord.quote_id.in_(quote_ids)
            source_ids = select(SourceLinkRecord.source_id).where(link_filter).scalar_subquery()

            def rows(table: Any, *where: Any) -> list[dict[str, Any]]:
                stmt = select(table.__table__).where(*where).order_by(table.__table__.c.id)
                return [dict(r) for r in connection.execute(stmt).mappings()]

            copied = {
                "analysts": rows(AnalystRecord),
                "speakers": rows(SpeakerRecord, SpeakerRecord.id.in_(speaker_ids)),
                "speaker_aliases": rows(SpeakerAliasRecord, SpeakerAliasRecord.speaker_id.in_(speaker_ids)),
                "articles": rows(ArticleRecord, ArticleRecord.id.in_(wanted)),
                "quotes": rows(QuoteRecord, QuoteRecord.article_id.in_(wanted)),
                "evidence": rows(EvidenceRecord, EvidenceRecord.quote_id.in_(quote_ids)),
                "quote_reviews": rows(QuoteReviewRecord, QuoteReviewRecord.quote_id.in_(quote_ids)),
                "sources": rows(SourceRecord, SourceRecord.id.in_(source_ids)),
                "source_links": rows(SourceLinkRecord, link_filter),
            }
    origin = team.location.redacted if isinstance(team.location, DatabaseLocation) else str(team.location)
    target = Path(target)
    local = ProjectStore.create(target, title=project["title"], analyst=analyst)
    try:
        with local._engine.begin() as connection:
            # the team project's own id: a push checks that it goes back where it came from
            connection.execute(update(ProjectRecord).values(id=project["id"], created=project["created"],
                                                            modified=now_iso()))
            connection.execute(delete(AnalystRecord))
            analysts = copied["analysts"]
            if analyst and analyst not in {a["name"] for a in analysts}:
                next_id = max((a["id"] for a in analysts), default=0) + 1
                analysts = [*analysts, {"id": next_id, "name": analyst, "first_seen": now_iso()}]
            for record in (AnalystRecord, SpeakerRecord, SpeakerAliasRecord, ArticleRecord, QuoteRecord,
                           EvidenceRecord, QuoteReviewRecord, SourceRecord, SourceLinkRecord):
                values = analysts if record is AnalystRecord else copied[record.__tablename__]
                if values:
                    connection.execute(insert(record.__table__), values)
            connection.execute(insert(CheckoutRecord.__table__).values(
                origin=origin, project_id=project["id"], taken_at=now_iso(), high_water=high_water,
                articles=json.dumps(wanted), pushed_at=None))
        with local._write() as session:
            _audit(session, analyst, "import", "project", None, "checkout", None, origin)
    except BaseException:
        local.close()
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    local.close()
    return CheckoutCopy(project["title"], tuple(wanted), len(copied["quotes"]), high_water)


def read_checkout(store: ProjectStore) -> Checkout | None:
    """The checkout record of a project file, or None when it is not a checkout."""
    with store._sessions() as session:
        record = session.scalars(select(CheckoutRecord)).first()
        if record is None:
            return None
        base = {(r.entity, r.local_id): BaseEntry(r.entity, r.local_id, r.db_id, json.loads(r.state))
                for r in session.scalars(select(CheckoutBaseRecord))}
        return Checkout(record.origin, record.project_id, record.taken_at, record.high_water,
                        tuple(json.loads(record.articles)), record.pushed_at, base)


def record_base(store: ProjectStore, entries: Iterable[BaseEntry], *, high_water: int,
                pushed_at: str | None) -> None:
    """Replace a checkout file's base and high-water, in one transaction. Nothing else of the file changes:
    no audit row, not the project's modified time (the analyst's work is not touched)."""
    if store.read_only:
        raise ValueError("read-only store")
    with store._engine.begin() as connection:
        connection.execute(delete(CheckoutBaseRecord))
        values = [{"entity": e.entity, "local_id": e.local_id, "db_id": e.db_id,
                   "state": json.dumps(e.state, ensure_ascii=False, sort_keys=True)} for e in entries]
        if values:
            connection.execute(insert(CheckoutBaseRecord.__table__), values)
        connection.execute(update(CheckoutRecord).values(high_water=high_water, pushed_at=pushed_at))


def audit_high_water(store: ProjectStore) -> int:
    """The newest audit_log id of a project (0 when empty)."""
    with store._sessions() as session:
        return session.scalar(select(func.coalesce(func.max(AuditRecord.id), 0)))


def changes_since(store: ProjectStore, after_id: int, entities: Sequence[str]) -> list[TeamChange]:
    """The audit rows after ``after_id`` about ``entities``, oldest first."""
    stmt = (select(AuditRecord.id, AuditRecord.at, AuditRecord.analyst, AuditRecord.db_user, AuditRecord.entity,
                   AuditRecord.entity_id, AuditRecord.field)
            .where(AuditRecord.id > after_id, AuditRecord.entity.in_(list(entities))).order_by(AuditRecord.id))
    with store._sessions() as session:
        return [TeamChange(*row) for row in session.execute(stmt)]


def articles_and_quotes(store: ProjectStore, article_ids: Sequence[int]) -> tuple[list[Article], list[tuple[Quote, bool]]]:
    """The articles ``article_ids`` (those that exist) and all their quotes with whether each is deleted, in two
    queries (a push of a 1,000-article checkout read them article by article: 3,000 round trips a side)."""
    ids = list(article_ids)
    with store._sessions() as session:
        articles = [_article_from_record(r) for r in
                    session.scalars(select(ArticleRecord).where(ArticleRecord.id.in_(ids)).order_by(ArticleRecord.id))]
        rows = session.execute(_QUOTE_ROWS.where(QuoteRecord.article_id.in_(ids)).order_by(QuoteRecord.id))
        quotes = [(_quote_from_row(row, row.speaker_name), bool(row.deleted)) for row in rows]
    return articles, quotes
