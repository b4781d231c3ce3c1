"""Format 6 on a team project: row versions refuse a stale edit in words, the audit log names the database
user, and Alembic upgrades an older team project (and refuses a newer one), against a real server."""

import re

import pytest
from sqlalchemy import create_engine, event

from tests.team.conftest import ANALYST_PASSWORD
from workbench.domain.edits import QuoteFields, QuotePatch
from workbench.domain.errors import EditConflict, ProjectTooNew
from workbench.persistence import migrations
from workbench.persistence.project_file import FORMAT_VERSION
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


def test_a_stale_edit_is_refused_naming_who_changed_the_quote(pg_server, desk_db, desk, desk_url):
    database, role = desk_db
    ana, bob = ProjectService(desk, "Ana"), ProjectService(ProjectStore(desk_url), "Bob")
    try:
        quote_id = desk.quotes()[0].id
        seen_by_bob = bob.store.quote(quote_id)  # Bob reads the quote
        seen_by_ana = desk.quote(quote_id)
        ana.apply(QuotePatch(quote_id, QuoteFields(status="verified", note="ok by Ana"),
                             expected_version=seen_by_ana.row_version))
        assert desk.quote(quote_id).row_version == seen_by_ana.row_version + 1
        with pytest.raises(EditConflict) as refused:
            bob.apply(QuotePatch(quote_id, QuoteFields(status="altered"), expected_version=seen_by_bob.row_version))
        message = refused.value.message
        # no field values expected: any change since refuses, naming every field of Ana's change
        assert re.fullmatch(rf"Ana \(database user {role}\) changed the status and the note of quote {quote_id} "
                            r"at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; your change was not saved\. "
                            r"The quote now shows their version\.", message), message
        # nothing of Bob's change is in the database
        row = pg_server.admin_sql(f"SELECT status || '|' || note || '|' || row_version FROM quotes "
                                  f"WHERE id = {quote_id}", database)
        assert row == f"verified|ok by Ana|{seen_by_ana.row_version + 1}"
        assert pg_server.admin_sql("SELECT count(*) FROM audit_log WHERE analyst = 'Bob' AND entity = 'quote'",
                                   database) == "0"
        # read again, Bob's edit goes through
        fresh = bob.store.quote(quote_id)
        bob.apply(QuotePatch(quote_id, QuoteFields(status="altered"), expected_version=fresh.row_version))
        assert desk.quote(quote_id).status.value == "altered"
    finally:
        bob.store.close()


def test_the_audit_log_names_the_database_user(pg_server, desk_db, desk):
    database, role = desk_db
    ProjectService(desk, "Ana").apply(QuotePatch(1, QuoteFields(note="n")))
    users = pg_server.admin_sql("SELECT string_agg(DISTINCT coalesce(db_user, 'NULL'), ',') FROM audit_log",
                                database)
    assert users == role
    _ = ANALYST_PASSWORD


def _run_revisions_up_to(url: str, target: str) -> None:
    """Build a team project as an older version left it: the revisions up to ``target`` only."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    script = migrations._script()
    with engine.begin() as connection:
        context = MigrationContext.configure(
            connection, opts={"fn": lambda rev, _ctx: script._upgrade_revs(target, rev), "transactional_ddl": True})
        with Operations.context(context):
            context.run_migrations()
        connection.exec_driver_sql(
            "INSERT INTO project VALUES ('p1', 'Old desk', '2025-01-01T00:00:00+00:00', "
            "'2025-01-01T00:00:00+00:00', '0.0.5')")
        connection.exec_driver_sql("INSERT INTO speakers (name, kind, description) VALUES ('Ana Lee', 'person', '')")
    engine.dispose()


def test_a_format_5_team_project_is_upgraded_in_one_transaction(pg_server, desk_db, desk_url):
    database, _ = desk_db
    _run_revisions_up_to(desk_url, "0005")
    assert pg_server.admin_sql("SELECT version_num FROM alembic_version", database) == "0005"
    with ProjectStore(desk_url) as store:
        assert store.upgrade_note == f"Team project “{database}” on 127.0.0.1 was upgraded from format 5 to {FORMAT_VERSION}."
        assert store.project_info().title == "Old desk"
        assert [s.name for s in store.speakers()] == ["Ana Lee"]
    assert pg_server.admin_sql("SELECT version_num FROM alembic_version", database) == f"{FORMAT_VERSION:04d}"
    assert pg_server.admin_sql("SELECT row_version FROM speakers", database) == "1"
    assert pg_server.admin_sql("SELECT count(*) FROM information_schema.columns "
                               "WHERE table_name = 'audit_log' AND column_name = 'db_user'", database) == "1"


def test_a_reader_upgrades_too_and_reads_through_read_only_transactions(pg_server, desk_db, desk_url):
    database, _ = desk_db
    _run_revisions_up_to(desk_url, "0005")
    with ProjectStore(desk_url, read_only=True) as store:
        assert store.upgrade_note and store.project_info().title == "Old desk"
        with store._engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"
    assert pg_server.admin_sql("SELECT version_num FROM alembic_version", database) == f"{FORMAT_VERSION:04d}"


def test_a_worker_gets_its_own_connection_to_the_same_project(desk):
    service = ProjectService(desk, "Ana")
    with service.on_own_connection() as worker:
        assert worker.store is not desk and worker.store._engine is not desk._engine
        worker.apply(QuotePatch(1, QuoteFields(note="from a worker")))
    assert desk.quote(1).note == "from a worker"


def test_a_failed_upgrade_leaves_the_team_project_as_it_was(pg_server, desk_db, desk_url):
    database, role = desk_db
    _run_revisions_up_to(desk_url, "0005")
    # a column in the way of revision 0006 (on the last table it alters): the upgrade fails half-way
    pg_server.admin_sql("ALTER TABLE sources ADD COLUMN row_version text", database)
    with pytest.raises(Exception) as failed:
        ProjectStore(desk_url)
    assert "could not be upgraded" in str(failed.value) and "left as it was" in str(failed.value)
    assert pg_server.admin_sql("SELECT version_num FROM alembic_version", database) == "0005"
    assert pg_server.admin_sql("SELECT count(*) FROM information_schema.columns "
                               "WHERE column_name = 'row_version' AND table_name = 'quotes'", database) == "0"


def test_a_team_project_from_a_newer_version_is_refused(pg_server, desk_db, desk):
    database, _ = desk_db
    pg_server.admin_sql("UPDATE alembic_version SET version_num = '0099'", database)
    with pytest.raises(ProjectTooNew, match="saved by a newer version of Quote Workbench"):
        ProjectStore(desk.location.url)
    assert pg_server.admin_sql("SELECT version_num FROM alembic_version", database) == "0099"


def test_a_stale_edit_is_refused_in_a_project_file_too(tmp_path, sample_article):
    path = tmp_path / "desk.qwb"
    with ProjectStore.create(path, title="Desk") as first, ProjectStore(path) as second:
        ProjectService(first, "Ana").import_source(str(sample_article))
        old = second.quote(1)
        ProjectService(first, "Ana").apply(QuotePatch(1, QuoteFields(note="Ana's"), expected_version=old.row_version))
        with pytest.raises(EditConflict, match=r"^Ana changed the note of quote 1 to “Ana's” at .* UTC; your change"):
            ProjectService(second, "Bob").apply(QuotePatch(1, QuoteFields(note="Bob's"),
                                                           expected_version=old.row_version))
        assert first.quote(1).note == "Ana's"


def test_a_file_write_reads_and_writes_in_one_transaction(tmp_path, sample_article):
    """Another connection's commit between a write's read and its UPDATE (a worker's import while the analyst
    edits) is not a stale edit: in a project file the write holds SQLite's write lock from its first read."""
    import threading

    path = tmp_path / "desk.qwb"
    with ProjectStore.create(path, title="Desk") as gui, ProjectStore(path) as worker:
        ProjectService(gui, "Ana").import_source(str(sample_article))
        done = []

        def worker_edit():
            ProjectService(worker, "Bob").apply(QuotePatch(1, QuoteFields(status="verified")))
            done.append(True)

        started = []

        @event.listens_for(gui._sessions, "before_flush")
        def between_read_and_write(session, _context, _instances):
            if not started:  # the worker writes the same quote now, between this write's read and its UPDATE
                started.append(threading.Thread(target=worker_edit))
                started[0].start()
                started[0].join(0.5)

        ProjectService(gui, "Ana").apply(QuotePatch(1, QuoteFields(note="Ana's note")))
        started[0].join(15)
        assert done == [True]
        quote = gui.quote(1)
        assert (quote.note, quote.status.value, quote.row_version) == ("Ana's note", "verified", 3)
