"""Other people's changes arrive within two seconds (issue #17): LISTEN/NOTIFY, and polling the audit log
where notifications are unavailable."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.domain.errors import UserFacingError
from tests.team.desk import PASSWORD, member, project_database
from workbench.persistence.changes import AuditPoller, ChangeBatch, ChangeListener, RemoteChange

WRITER = Path(__file__).with_name("change_writer.py")


def _write_in_another_process(url: str, note: str, *, rollback: bool = False) -> float:
    """Commit (or roll back) a change to quote 1 from a separate process; returns when it committed."""
    done = subprocess.run([sys.executable, str(WRITER), url, note, *(["--rollback"] if rollback else [])],
                          capture_output=True, text=True, check=True, timeout=60)
    return float(done.stdout.strip())


def _collect(listener: ChangeListener, seconds: float) -> tuple[list[RemoteChange], list[ChangeBatch]]:
    changes, batches = [], []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        batch = listener.poll(min(0.5, max(0.0, deadline - time.monotonic())))
        batches.append(batch)
        changes.extend(batch)
        if changes:
            break
    return changes, batches


def test_a_change_committed_by_another_process_arrives_within_two_seconds(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    analyst = member(pg_server, engine, "analyst")
    with ChangeListener(pg_server.url(pg_database)) as listener:
        committed = _write_in_another_process(pg_server.url(pg_database, analyst, PASSWORD), "checked with the tape")
        changes, _ = _collect(listener, 5.0)
        arrived = time.time()
    assert arrived - committed < 2.0, f"arrived {arrived - committed:.3f} s after the commit"
    with engine.connect() as connection:
        audit_id = connection.execute(text("SELECT max(id) FROM audit_log")).scalar_one()
    assert changes == [RemoteChange(audit_id, "quote", 1, "note", "Ana", analyst)]
    assert changes[0].is_own(analyst, "Ana") and not changes[0].is_own("qwb_admin", "Ana")


def test_every_audit_row_of_one_transaction_arrives(pg_server, pg_database):
    """One edit writes several audit rows (a review: quote_id, verdict, comment): their notifications come
    in one packet at commit, and none may be dropped."""
    project_database(pg_server, pg_database)
    import psycopg

    with ChangeListener(pg_server.url(pg_database)) as listener, psycopg.connect(pg_server.url(pg_database)) as conn:
        for field in ("quote_id", "verdict", "comment"):
            conn.execute("INSERT INTO audit_log (at, analyst, action, entity, entity_id, field) "
                         "VALUES ('t', 'Rita', 'create', 'quote_review', 7, %s)", (field,))
        conn.commit()
        changes: list[RemoteChange] = []
        deadline = time.monotonic() + 5
        while len(changes) < 3 and time.monotonic() < deadline:
            changes.extend(listener.poll(0.5))
    assert [c.field for c in changes] == ["quote_id", "verdict", "comment"]


def test_nothing_arrives_for_a_rolled_back_change(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    with ChangeListener(pg_server.url(pg_database)) as listener:
        _write_in_another_process(pg_server.url(pg_database), "never kept", rollback=True)
        changes, _ = _collect(listener, 1.5)
        assert changes == []
        committed = _write_in_another_process(pg_server.url(pg_database), "kept")
        changes, _ = _collect(listener, 5.0)
    assert [c.field for c in changes] == ["note"] and time.time() - committed < 2.0
    with engine.connect() as connection:
        assert connection.execute(text("SELECT note FROM quotes")).scalar_one() == "kept"


def test_listener_and_poller_survive_a_server_restart_and_the_listener_says_it_may_have_missed_changes(pg_server, pg_database):
    project_database(pg_server, pg_database)
    with ChangeListener(pg_server.url(pg_database)) as listener, AuditPoller(pg_server.url(pg_database)) as poller:
        assert poller.poll() == []
        pg_server.restart()
        batches: list[ChangeBatch] = []
        deadline = time.monotonic() + 30
        while not any(b.may_have_missed and b.online for b in batches) and time.monotonic() < deadline:
            batches.append(listener.poll(0.5))
        assert any(b.may_have_missed and b.online for b in batches), "the listener did not come back"
        committed = _write_in_another_process(pg_server.url(pg_database), "after the restart")
        changes, later = _collect(listener, 5.0)
        polled: list[RemoteChange] = []
        for _ in range(10):  # the poller's pooled connection died with the server: it reconnects too
            polled += poller.poll()
            if polled:
                break
            time.sleep(0.2)
        assert polled == changes
    assert [(c.entity, c.field) for c in changes] == [("quote", "note")]
    assert time.time() - committed < 2.0
    assert not any(b.may_have_missed for b in later)  # reported once, not on every poll


def test_the_poller_sees_the_same_changes(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    analyst = member(pg_server, engine, "analyst")
    with AuditPoller(pg_server.url(pg_database)) as poller, ChangeListener(pg_server.url(pg_database)) as listener:
        assert poller.poll() == []  # what was there before it started is not news
        _write_in_another_process(pg_server.url(pg_database, analyst, PASSWORD), "first", rollback=True)
        _write_in_another_process(pg_server.url(pg_database, analyst, PASSWORD), "second")
        heard, _ = _collect(listener, 5.0)
        assert len(heard) == 1
        assert poller.poll() == heard and heard[0].db_user == analyst  # revision 0006's audit_log.db_user
        assert poller.poll() == []  # each change once
        _write_in_another_process(pg_server.url(pg_database, analyst, PASSWORD), "third")
        heard, _ = _collect(listener, 5.0)
        assert poller.poll() == heard and heard[0].field == "note"


def test_the_poller_sees_a_change_that_commits_after_a_later_one(pg_server, pg_database):
    """An earlier transaction takes audit id N, a later one N+1 commits first: N still arrives."""
    project_database(pg_server, pg_database)
    import psycopg

    with AuditPoller(pg_server.url(pg_database)) as poller, psycopg.connect(pg_server.url(pg_database)) as slow:
        slow.execute("INSERT INTO audit_log (at, analyst, action, entity, entity_id, field) "
                     "VALUES ('t', 'Slow', 'update', 'quote', 1, 'status')")
        _write_in_another_process(pg_server.url(pg_database), "quick")
        assert [c.analyst for c in poller.poll()] == ["Ana"]
        slow.commit()
        assert [c.analyst for c in poller.poll()] == ["Slow"]


def test_a_listener_with_a_wrong_password_says_so_without_the_password(pg_server, pg_database):
    with pytest.raises(UserFacingError) as refused:
        ChangeListener(pg_server.url(pg_database, password="not-the-password"))
    assert refused.value.message.startswith(f"Could not connect to the team project {pg_database} on 127.0.0.1 (")
    assert "password authentication failed" in refused.value.message
    assert "not-the-password" not in refused.value.message


def test_the_poller_follows_a_sqlite_project_file(tmp_path):
    from workbench.persistence.store import ProjectStore

    path = tmp_path / "desk.qwb"
    store = ProjectStore.create(path, title="Desk", analyst="Ana")
    with AuditPoller(path) as poller:
        store.set_title("Election night", "Bo")
        changes = poller.poll()
    store.close()
    assert [(c.entity, c.field, c.analyst, c.db_user) for c in changes] == [("project", "title", "Bo", None)]


def test_the_server_writes_who_made_a_change_whatever_the_client_says(pg_server, pg_database):
    engine = project_database(pg_server, pg_database)
    analyst = member(pg_server, engine, "analyst")
    import psycopg

    with psycopg.connect(pg_server.url(pg_database, analyst, PASSWORD)) as conn:
        conn.execute("INSERT INTO audit_log (at, analyst, action, entity, entity_id, field, db_user) "
                     "VALUES ('t', 'Ana', 'update', 'quote', 1, 'status', 'someone_else')")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT db_user FROM audit_log")).scalars().all() == [analyst]
