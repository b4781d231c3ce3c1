"""The test server itself: real, with password authentication and a second session that can kill a
connection, which the team-desk tests rely on."""

import psycopg
import pytest


def test_the_server_accepts_the_right_password_and_refuses_a_wrong_one(pg_server, pg_database):
    with psycopg.connect(pg_server.url(pg_database)) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "qwb_admin"
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_server.url(pg_database, password="wrong")).close()


def test_a_second_session_can_terminate_a_connection(pg_server, pg_database):
    conn = psycopg.connect(pg_server.url(pg_database))
    assert pg_server.terminate_backends(pg_database) == 1
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()
