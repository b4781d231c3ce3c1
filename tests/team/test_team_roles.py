"""Analysts and reviewers are database roles, and the server itself refuses a reviewer's change to an
annotation (issue #17, "Who may do what")."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import delete, insert, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tests.team.desk import PASSWORD, engine_for, member, project_database
from workbench.domain.errors import NotAllowed, UserFacingError
from workbench.persistence import team
from workbench.persistence.schema import (
    AnalystRecord,
    AuditRecord,
    Base,
    ProjectRecord,
    QuoteRecord,
    QuoteReviewRecord,
    SignOffRecord,
)

ANNOTATION_TABLES = ("quotes", "speakers", "speaker_aliases", "evidence", "articles", "sources", "source_links")


def test_a_reviewer_may_not_change_a_quote_the_server_refuses_it(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    reviewer = member(pg_server, engine, "reviewer")
    with psycopg.connect(pg_server.url(pg_database, reviewer, PASSWORD)) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE quotes SET status = 'verified' WHERE id = 1")
        conn.rollback()
        for statement in ("DELETE FROM quotes", "INSERT INTO speakers (name, kind, description) VALUES ('x', 'person', '')",
                          "UPDATE project SET title = 'mine'", "DELETE FROM audit_log", "UPDATE audit_log SET analyst = 'x'",
                          "UPDATE quote_reviews SET answer = 'x'"):
            with pytest.raises(pg_errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM quotes WHERE id = 1")).scalar_one() == "unchecked"
        assert connection.execute(text("SELECT title FROM project")).scalar_one() == "Election night"


def test_a_reviewer_can_approve_query_and_sign_off_as_the_store_writes_them(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    reviewer = member(pg_server, engine, "reviewer")
    as_reviewer = engine_for(pg_server.url(pg_database, reviewer, PASSWORD))
    # the rows ProjectStore.add_analyst / add_quote_review / add_signoff write, each with _audit and modified
    with Session(as_reviewer) as session, session.begin():
        session.add(AnalystRecord(name="Rita", first_seen="2026-12-03T20:00:00"))
        for verdict, comment in (("approved", ""), ("queried", "Source?")):
            review = QuoteReviewRecord(quote_id=1, reviewer="Rita", verdict=verdict, comment=comment,
                                       at="2026-12-03T20:01:00", answer="", resolved=0)
            session.add(review)
            session.flush()
            session.add(AuditRecord(at="2026-12-03T20:01:00", analyst="Rita", action="create",
                                    entity="quote_review", entity_id=review.id, field="verdict", new_value=verdict))
        signoff = SignOffRecord(reviewer="Rita", decision="approved", comment="", at="2026-12-03T20:02:00",
                                fingerprint="f" * 64)
        session.add(signoff)
        session.flush()
        session.add(AuditRecord(at="2026-12-03T20:02:00", analyst="Rita", action="create", entity="signoff",
                                entity_id=signoff.id, field="decision", new_value="approved"))
        session.execute(update(ProjectRecord).values(modified="2026-12-03T20:02:00"))
        signoff_id = signoff.id
    # undo of the reviewer's own verdict and sign-off (remove_quote_review / remove_signoff)
    with Session(as_reviewer) as session, session.begin():
        session.execute(delete(SignOffRecord).where(SignOffRecord.id == signoff_id))
        session.execute(delete(QuoteReviewRecord).where(QuoteReviewRecord.verdict == "approved"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT verdict, comment FROM quote_reviews")).all() == [("queried", "Source?")]
        assert connection.execute(text("SELECT count(*) FROM signoffs")).scalar_one() == 0
        assert connection.execute(text("SELECT modified FROM project")).scalar_one() == "2026-12-03T20:02:00"
        assert connection.execute(text("SELECT name FROM analysts")).scalars().all() == ["Rita"]
    as_reviewer.dispose()


def test_an_analyst_changes_annotations_and_answers_queries(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    analyst = member(pg_server, engine, "analyst")
    as_analyst = engine_for(pg_server.url(pg_database, analyst, PASSWORD))
    with Session(as_analyst) as session, session.begin():
        session.execute(update(QuoteRecord).where(QuoteRecord.id == 1).values(status="verified"))
        session.execute(insert(QuoteReviewRecord).values(quote_id=1, reviewer="Rita", verdict="queried",
                                                         comment="?", at="t", answer="", resolved=0))
        session.execute(update(QuoteReviewRecord).values(answer="Checked the tape", resolved=1))
        session.execute(update(ProjectRecord).values(title="Renamed"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT status FROM quotes")).scalar_one() == "verified"
        assert connection.execute(text("SELECT answer FROM quote_reviews")).scalar_one() == "Checked the tape"
    as_analyst.dispose()


def test_privileges_cover_every_table_of_the_schema(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    assert set(team.REVIEWER_WRITES) <= set(Base.metadata.tables)  # no write right for a table that is gone
    with engine.connect() as connection:
        def may(role: str, table: str, privilege: str) -> bool:
            return connection.execute(text("SELECT has_table_privilege(:r, :t, :p)"),
                                      {"r": role, "t": table, "p": privilege}).scalar_one()
        for table in Base.metadata.tables:
            for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                assert may(team.ANALYST_ROLE, table, privilege), (table, privilege)
            assert may(team.REVIEWER_ROLE, table, "SELECT"), table
        for table in ANNOTATION_TABLES:
            for privilege in ("INSERT", "UPDATE", "DELETE"):
                assert not may(team.REVIEWER_ROLE, table, privilege), (table, privilege)


def test_install_is_idempotent_and_a_table_created_later_gets_the_same_rights(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    with engine.begin() as connection:
        team.install(connection)  # again: no error, same rights
        connection.execute(text("CREATE TABLE later_notes (id serial PRIMARY KEY, body text)"))
    reviewer = member(pg_server, engine, "reviewer")
    analyst = member(pg_server, engine, "analyst")
    with psycopg.connect(pg_server.url(pg_database, analyst, PASSWORD)) as conn:
        conn.execute("INSERT INTO later_notes (body) VALUES ('from an analyst')")
        conn.execute("UPDATE quotes SET note = 'checked'")
    with psycopg.connect(pg_server.url(pg_database, reviewer, PASSWORD)) as conn:
        assert conn.execute("SELECT body FROM later_notes").fetchall() == [("from an analyst",)]
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("INSERT INTO later_notes (body) VALUES ('from a reviewer')")
    with engine.connect() as connection:  # the trigger was not doubled by the second install
        assert connection.execute(text("SELECT count(*) FROM pg_trigger WHERE tgname = 'qwb_notify_audit'")
                                  ).scalar_one() == 1


def _drop_group_roles(pg_server) -> None:
    """Roles belong to the whole server: take the desk's group roles away everywhere (earlier tests made them)."""
    databases = pg_server.admin_sql("SELECT datname FROM pg_database WHERE datallowconn").split()
    if pg_server.admin_sql("SELECT count(*) FROM pg_roles WHERE rolname IN ('qwb_analyst', 'qwb_reviewer')") == "0":
        return
    for database in databases:
        pg_server.admin_sql("DROP OWNED BY qwb_analyst, qwb_reviewer", database=database)
    pg_server.admin_sql("DROP ROLE qwb_analyst; DROP ROLE qwb_reviewer")


def test_a_user_who_may_not_create_roles_is_told_so(pg_server, pg_database):
    name = "owner_without_createrole"
    pg_server.admin_sql(f"DROP ROLE IF EXISTS {name}")
    pg_server.admin_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    pg_server.admin_sql(f"ALTER DATABASE \"{pg_database}\" OWNER TO {name}")
    pg_server.admin_sql(f"GRANT ALL ON SCHEMA public TO {name}", database=pg_database)
    _drop_group_roles(pg_server)
    engine = engine_for(pg_server.url(pg_database, name, PASSWORD))
    Base.metadata.create_all(engine)
    with pytest.raises(UserFacingError, match=f"connected as {name}, who may not create the analyst"):
        with engine.begin() as connection:
            team.install(connection)
    engine.dispose()
    assert pg_server.admin_sql("SELECT count(*) FROM pg_roles WHERE rolname IN ('qwb_analyst', 'qwb_reviewer')") == "0"
    pg_server.drop_database(pg_database)
    pg_server.admin_sql(f"DROP ROLE {name}")


def test_someone_who_does_not_own_the_tables_is_told_so_and_nothing_is_granted(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    name = f"deputy_{uuid.uuid4().hex[:8]}"
    pg_server.admin_sql(f"CREATE ROLE {name} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
    pg_server.admin_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}", database=pg_database)
    pg_server.admin_sql("CREATE TABLE later_table (id serial PRIMARY KEY)", database=pg_database)
    deputy = engine_for(pg_server.url(pg_database, name, PASSWORD))
    with pytest.raises(UserFacingError, match=f"connected as {name}, who does not own this project's tables"):
        with deputy.begin() as connection:
            team.install(connection)
    deputy.dispose()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT has_table_privilege('qwb_reviewer', 'quotes', 'SELECT')")).scalar()


def test_a_refused_write_in_words(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    reviewer = member(pg_server, engine, "reviewer")
    as_reviewer = engine_for(pg_server.url(pg_database, reviewer, PASSWORD))
    with as_reviewer.connect() as connection:
        with pytest.raises(DBAPIError) as refused:
            connection.execute(update(QuoteRecord).values(note="mine"))
        connection.rollback()
        error = team.not_allowed(refused.value, reviewer, team.roles_of(connection))
    assert isinstance(error, NotAllowed)
    assert error.message == (f"You are signed in as {reviewer}, a reviewer: reviewers can approve, query and sign "
                             "off, but not change annotations; nothing was changed.")
    assert team.not_allowed(ValueError("no"), reviewer, ("reviewer",)) is None
    as_reviewer.dispose()
