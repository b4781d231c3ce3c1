"""Helpers for the team-desk tests: a project's tables on a fresh PostgreSQL database, and desk members."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, create_engine, insert

from workbench.persistence import team
from workbench.persistence.schema import (
    ArticleRecord,
    Base,
    ProjectRecord,
    QuoteRecord,
)

PASSWORD = "member-secret"


def engine_for(url: str) -> Engine:
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://"))


def project_database(pg_server, database: str) -> Engine:
    """The project tables on ``database``, with one article and one quote, and ``team.install`` run on it;
    returns the owner's engine."""
    engine = engine_for(pg_server.url(database))
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(ProjectRecord).values(id="p1", title="Election night", created="2026-12-03",
                                                        modified="2026-12-03", app_version="test"))
        connection.execute(insert(ArticleRecord).values(id=1, title="A", source="a.txt", text="“Yes,” she said.",
                                                        content_hash="h", imported_at="2026-12-03"))
        connection.execute(insert(QuoteRecord).values(id=1, article_id=1, spans="[[1, 4]]", text="Yes", kind="direct"))
        team.install(connection)
    return engine


def member(pg_server, engine: Engine, role: str, prefix: str = "") -> str:
    """A new login of the desk with ``role``; returns its name (unique: roles belong to the whole server)."""
    name = f"{prefix or role}_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        team.add_member(connection, name, role, PASSWORD)
    return name
