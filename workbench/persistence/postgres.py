"""A team project in PostgreSQL: connecting, recognising, creating and upgrading it (docs/team-desk.md).

The project's tables are schema.py's, the same as in a project file; ``ProjectStore`` does the reads and
writes for both. What is here is what only a server has: a connection that can be refused (the server is
not there, the password is wrong, the database does not exist) or lost mid-edit, and a database that
may hold someone else's tables. Every such failure becomes one sentence (a ``UserFacingError``).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from workbench.domain.errors import NotAProjectFile, ProjectOffline, ProjectTooNew, ProjectUnreachable, ProjectWriteFailed
from workbench.persistence import team
from workbench.persistence.location import DatabaseLocation
from workbench.persistence.project_file import FORMAT_VERSION
from workbench.persistence.schema import Base

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10  # seconds, unless the URL says connect_timeout=…

# The tables every format since 1 has; a database with all of them and alembic_version is a project.
PROJECT_TABLES = frozenset({"project", "analysts", "articles", "speakers", "speaker_aliases", "quotes", "evidence",
                            "audit_log", "quote_reviews", "signoffs"})


def connect(location: DatabaseLocation) -> Any:
    """A psycopg connection to ``location``; a refusal is one sentence (ProjectUnreachable).

    libpq finds what the URL leaves out: the password in ~/.pgpass or PGPASSWORD, a service file entry."""
    import psycopg

    extra = {} if "connect_timeout" in location.url else {"connect_timeout": CONNECT_TIMEOUT}
    try:
        return psycopg.connect(location.url, **extra)
    except psycopg.Error as err:
        raise refused(location, err) from None


def refused(location: DatabaseLocation, err: Exception) -> ProjectUnreachable:
    """What a failed connection means, in words (the server's message never holds the password)."""
    message = str(err)
    lowered = message.lower()
    name = location.display_name
    log.info("connection to %s refused: %s", location.redacted, type(err).__name__)
    if "password authentication failed" in lowered or "no password supplied" in lowered or \
            ("role" in lowered and "does not exist" in lowered) or "authentication failed" in lowered:
        return ProjectUnreachable(
            f"The server refused the user name or password for {name}; check ~/.pgpass or PGPASSWORD "
            "(or the user in the address). Nothing was changed.")
    if "database" in lowered and "does not exist" in lowered:
        return ProjectUnreachable(
            f"{_capital(name)} does not exist: the server has no database of that name. Check the name, or ask "
            "whoever runs the server to create it. Nothing was changed.")
    if any(words in lowered for words in ("connection refused", "could not translate host name", "timeout expired",
                                          "no route to host", "name or service not known", "network is unreachable",
                                          "could not connect", "connection timed out", "is the server running")):
        return ProjectUnreachable(
            f"The server of {name} cannot be reached; check the address and that the server is running, "
            "then try again. Nothing was changed.")
    first_line = message.strip().splitlines()[0] if message.strip() else type(err).__name__
    return ProjectUnreachable(f"Cannot connect to {name} ({first_line}). Nothing was changed.")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_engine(location: DatabaseLocation, *, read_only: bool) -> Engine:
    """An engine on ``location``: ``pool_pre_ping`` checks a pooled connection before each use, so a
    restarted server is reconnected at the next command instead of failing it."""
    engine = create_engine("postgresql+psycopg://", creator=lambda: connect(location), pool_pre_ping=True,
                           pool_size=2, max_overflow=8)
    if read_only:
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection: Any, _record: object) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()
    return engine


def offline(location: DatabaseLocation, *, before_commit: bool = True) -> ProjectOffline:
    if before_commit:
        return ProjectOffline(f"The connection to {location.display_name} was lost; your change was not saved. "
                              "Check the network, then try again.")
    return ProjectOffline(f"The connection to {location.display_name} was lost while your change was being "
                          "saved; check whether it is there before making it again.", before_commit=False)


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def stored_revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_project(engine: Engine, location: DatabaseLocation) -> str | None:
    """Refuse a database that is not a project this version can open; upgrade an older project in one
    transaction. Returns a sentence when it was upgraded, else None."""
    from workbench.persistence import migrations

    name = location.display_name
    with engine.connect() as connection:
        tables = table_names(connection)
        if "alembic_version" not in tables or not PROJECT_TABLES <= tables:
            if not tables:
                raise NotAProjectFile(f"{_capital(name)} is an empty database, not a Quote Workbench project yet; "
                                      "create a new team project in it first.")
            raise NotAProjectFile(f"{_capital(name)} holds tables of another application, not a Quote Workbench "
                                  "project; check the database name.")
        revision = stored_revision(connection)
    known = migrations.known_revisions()
    if revision not in known:
        raise ProjectTooNew(
            f"{_capital(name)} was saved by a newer version of Quote Workbench (format {revision}; this version "
            f"reads up to format {FORMAT_VERSION}); update Quote Workbench to open it.")
    old = int(revision)
    if old >= FORMAT_VERSION:
        return None
    writer = make_engine(location, read_only=False)  # a reader's engine runs read-only transactions
    try:
        with writer.begin() as connection:
            # one upgrade at a time: a second analyst opening the project meanwhile waits, then finds it done
            connection.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
            if int(stored_revision(connection)) >= FORMAT_VERSION:
                return None
            migrations.upgrade_connection(connection, 0)
            team.install_where_allowed(connection)  # a revision's new tables get the desk's privileges too
    except ProjectOffline:
        raise
    except Exception as err:  # the transaction rolled back: the project is as it was
        log.warning("upgrading %s failed", location.redacted, exc_info=True)
        raise ProjectWriteFailed(
            f"{_capital(name)} is in an older format and could not be upgraded ({type(err).__name__}); it was left "
            "as it was. Whoever owns the database can upgrade it by opening it once.") from None
    finally:
        writer.dispose()
    return f"{_capital(name)} was upgraded from format {old} to {FORMAT_VERSION}."


def initialise(engine: Engine, location: DatabaseLocation, fill: Any) -> None:
    """Make an EMPTY database a project: the tables, the Alembic stamp and ``fill(session)`` (the project
    row), all in one transaction, so a failure leaves the database empty."""
    from workbench.persistence import migrations

    name = _capital(location.display_name)
    with engine.begin() as connection:
        tables = table_names(connection)
        if tables:
            if "alembic_version" in tables and "project" in tables:
                raise ProjectWriteFailed(f"{name} already holds a Quote Workbench project; open it instead. "
                                         "Nothing was changed.")
            raise ProjectWriteFailed(f"{name} already holds tables of another application; choose an empty "
                                     "database. Nothing was changed.")
        Base.metadata.create_all(connection)
        migrations.stamp_head(connection)
        team.install_where_allowed(connection)  # the desk roles' privileges (when allowed), the notifications
        with Session(bind=connection, join_transaction_mode="rollback_only") as session:
            fill(session)
            session.flush()
