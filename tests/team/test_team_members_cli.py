"""`quote-workbench team add | list | remove` against a real server: who may do what is what the server
then enforces."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import errors as pg_errors

from tests.cli.helpers import cli
from tests.team.desk import project_database


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def test_add_a_reviewer_with_a_password_from_the_environment(pg_server, pg_database, capsys, monkeypatch):
    project_database(pg_server, pg_database)
    name = _name("rita")
    monkeypatch.setenv("DESK_PASSWORD", "s3cret-for-rita")
    code, out, err = cli(capsys, "team", "add", pg_server.url(pg_database), name, "--role", "reviewer",
                         "--password-env", "DESK_PASSWORD")
    assert (code, err) == (0, "")
    assert out == f"created the login and added {name} to the desk as reviewer\n"
    assert "s3cret" not in out + err and "desk-admin-secret" not in out + err
    # the new login signs in with that password, and the server holds it to a reviewer's rights
    with psycopg.connect(pg_server.url(pg_database, name, "s3cret-for-rita")) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (1,)
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE quotes SET note = 'mine'")

    code, out, _ = cli(capsys, "team", "list", pg_server.url(pg_database))
    assert code == 0 and f"{name}\treviewer\n" in out


def test_an_existing_login_is_given_the_role_and_removed_again(pg_server, pg_database, capsys):
    project_database(pg_server, pg_database)
    name = _name("ana")
    pg_server.create_role(name, "ana-pw")
    code, out, _ = cli(capsys, "team", "add", pg_server.url(pg_database), name, "--role", "analyst")
    assert (code, out) == (0, f"added {name} to the desk as analyst\n")
    with psycopg.connect(pg_server.url(pg_database, name, "ana-pw")) as conn:
        conn.execute("UPDATE quotes SET note = 'checked'")

    code, out, _ = cli(capsys, "team", "remove", pg_server.url(pg_database), name)
    assert (code, out) == (0, f"removed {name} from the desk (analyst); their database login stays\n")
    code, out, _ = cli(capsys, "team", "list", pg_server.url(pg_database))
    assert name not in out
    with psycopg.connect(pg_server.url(pg_database, name, "ana-pw")) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE quotes SET note = 'after removal'")

    code, _, err = cli(capsys, "team", "remove", pg_server.url(pg_database), name)
    assert code == 1 and err == (f"quote-workbench: “{name}” is not an analyst or reviewer of this desk; "
                                 "nothing was changed.\n")


def test_refusals_and_usage(pg_server, pg_database, capsys, monkeypatch):
    project_database(pg_server, pg_database)
    url = pg_server.url(pg_database)
    for argv, said in ((("add", url, "someone", "--role", "editor"), "invalid choice: 'editor'"),
                       (("add", url, "someone"), "--role"), ((), "ACTION")):
        with pytest.raises(SystemExit) as usage:
            cli(capsys, "team", *argv)
        assert usage.value.code == 2 and said in capsys.readouterr().err

    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    code, _, err = cli(capsys, "team", "add", url, "someone", "--role", "analyst", "--password-env", "NO_SUCH_PASSWORD")
    assert (code, err) == (1, "quote-workbench: The environment variable NO_SUCH_PASSWORD holds no password; "
                              "nothing was changed.\n")

    wrong = pg_server.url(pg_database, password="wrong-password")
    code, _, err = cli(capsys, "team", "list", wrong)
    assert code == 1 and err.startswith(f"quote-workbench: Could not connect to the team project {pg_database} on "
                                        "127.0.0.1 (")
    assert "password authentication failed" in err and "wrong-password" not in err

    code, _, err = cli(capsys, "team", "list", "project.qwb")
    assert code == 1 and "postgresql://HOST/DATABASE" in err
    assert pg_server.admin_sql("SELECT count(*) FROM pg_roles WHERE rolname = 'someone'") == "0"


def test_an_analyst_may_not_add_people_and_is_told_so(pg_server, pg_database, capsys):
    project_database(pg_server, pg_database)
    analyst = _name("ana")
    pg_server.create_role(analyst, "ana-pw")
    assert cli(capsys, "team", "add", pg_server.url(pg_database), analyst, "--role", "analyst")[0] == 0
    intruder = _name("intruder")
    code, out, err = cli(capsys, "team", "add", pg_server.url(pg_database, analyst, "ana-pw"), intruder,
                         "--role", "reviewer")
    assert (code, out) == (1, "")
    assert err == (f"quote-workbench: You are connected as {analyst}, who may not add people to the desk; "
                   "ask the database's administrator. Nothing was changed.\n")
    assert pg_server.admin_sql(f"SELECT count(*) FROM pg_roles WHERE rolname = '{intruder}'") == "0"
