"""Faults on a team project against a real server: a connection killed mid-edit (from a second session) is
retried once or reported, never half-applied; a restarted server is reconnected without reopening."""

import pytest
from sqlalchemy import event

from tests.cli.helpers import cli
from workbench.domain.edits import QuoteFields, QuotePatch
from workbench.domain.errors import ProjectOffline
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


def kill_connection_at_quote_update(pg_server, database, store, times):
    """Terminate the store's connection (from a second session) just as it sends the quote's UPDATE."""
    killed = []

    @event.listens_for(store._engine, "before_cursor_execute")
    def kill(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE quotes") and len(killed) < times:
            killed.append(pg_server.terminate_backends(database))
    return killed


def database_state(pg_server, database):
    return pg_server.admin_sql("SELECT (SELECT string_agg(id || ':' || status || ':' || note || ':' || row_version, ',' "
                               "ORDER BY id) FROM quotes) || '|' || (SELECT count(*) FROM audit_log) || '|' || "
                               "(SELECT string_agg(name, ',' ORDER BY name) FROM analysts)", database)


def test_a_connection_dropped_mid_edit_is_retried_once(pg_server, desk_db, desk):
    database, _ = desk_db
    killed = kill_connection_at_quote_update(pg_server, database, desk, times=1)
    before_audit = int(pg_server.admin_sql("SELECT count(*) FROM audit_log", database))
    ProjectService(desk, "Bob").apply(QuotePatch(1, QuoteFields(status="verified")))
    assert killed == [1]
    assert pg_server.admin_sql("SELECT status || ':' || row_version FROM quotes WHERE id = 1", database) == "verified:2"
    # the change and its audit row once, not twice; Bob joined the analysts once
    assert pg_server.admin_sql("SELECT count(*) FROM audit_log WHERE entity = 'quote' AND field = 'status'",
                               database) == "1"
    assert int(pg_server.admin_sql("SELECT count(*) FROM audit_log", database)) == before_audit + 1


def test_a_connection_that_keeps_dropping_is_reported_and_nothing_is_half_applied(pg_server, desk_db, desk):
    database, _ = desk_db
    before = database_state(pg_server, database)
    killed = kill_connection_at_quote_update(pg_server, database, desk, times=2)
    with pytest.raises(ProjectOffline) as lost:
        ProjectService(desk, "Bob").apply(QuotePatch(1, QuoteFields(status="verified", note="Bob was here")))
    assert killed == [1, 1]
    assert lost.value.message == (f"The connection to team project “{database}” on 127.0.0.1 was lost; your change "
                                  "was not saved. Check the network, then try again.")
    assert database_state(pg_server, database) == before
    # and the store works again at the next edit
    ProjectService(desk, "Bob").apply(QuotePatch(1, QuoteFields(note="second try")))
    assert desk.quote(1).note == "second try"


def test_the_command_line_says_the_connection_was_lost(pg_server, desk_db, desk_url, desk, capsys, monkeypatch):
    database, _ = desk_db
    before = database_state(pg_server, database)
    original = ProjectStore.__init__

    def opened(self, *args, **kwargs):
        original(self, *args, **kwargs)
        kill_connection_at_quote_update(pg_server, database, self, times=5)

    monkeypatch.setattr(ProjectStore, "__init__", opened)
    code, out, err = cli(capsys, "set", desk_url, "1", "--status", "verified")
    assert code == 1
    assert "was lost; your change was not saved" in err and "Traceback" not in err
    assert database_state(pg_server, database) == before


def test_a_restarted_server_is_reconnected_at_the_next_edit(pg_server, desk_db, desk):
    database, _ = desk_db
    service = ProjectService(desk, "Ana")
    service.apply(QuotePatch(1, QuoteFields(note="before the restart")))
    pg_server.restart()
    assert desk.quote(1).note == "before the restart"  # a read reconnects
    pg_server.restart()
    service.apply(QuotePatch(1, QuoteFields(note="after the restart")))  # so does an edit
    assert pg_server.admin_sql("SELECT note FROM quotes WHERE id = 1", database) == "after the restart"
