"""Every project command takes a team project's URL too (docs/team-desk.md), against a real server."""

import json
import logging
import os
from pathlib import Path

from tests.cli.helpers import cli
from tests.team.conftest import ANALYST_PASSWORD
from workbench.persistence.location import parse_location


def _no_password(*texts):
    for text in texts:
        assert ANALYST_PASSWORD not in text


def test_new_import_quotes_set_report_on_a_team_project(pg_server, desk_db, desk_url, capsys, sample_article, tmp_path,
                                                        isolated_data_dir):
    database, role = desk_db
    code, out, err = cli(capsys, "new", desk_url, "--title", "Election night", "--analyst", "Ana")
    assert code == 0, err
    assert f"team project “{database}” on 127.0.0.1" in out
    _no_password(out, err)

    code, out, err = cli(capsys, "import", desk_url, sample_article)
    assert code == 0, err
    assert "15 quotes" in out
    _no_password(out, err)

    code, out, err = cli(capsys, "quotes", desk_url, "--json")
    quotes = json.loads(out)
    assert code == 0 and len(quotes) == 15

    first = quotes[0]["id"]
    code, out, err = cli(capsys, "set", desk_url, first, "--status", "verified", "--note", "checked on air",
                         "--analyst", "Ana")
    assert code == 0, err
    code, out, err = cli(capsys, "quotes", desk_url, "--json")
    mine = next(q for q in json.loads(out) if q["id"] == first)
    assert (mine["status"], mine["note"], mine["status_confirmed_by"]) == ("verified", "checked on air", "Ana")

    # what the server holds: the change, its audit rows, nothing beside the database (no lock, no backup file)
    assert pg_server.admin_sql(f"SELECT status FROM quotes WHERE id = {first}", database) == "verified"
    assert pg_server.admin_sql("SELECT count(*) FROM audit_log WHERE entity = 'quote' AND field = 'status'",
                               database) == "1"
    assert not [name for name in os.listdir(tmp_path) if name != sample_article.name]

    report = tmp_path / "night.md"
    code, out, err = cli(capsys, "report", desk_url, "--format", "md", "-o", report, "--include-unchecked")
    assert code == 0, err
    text = report.read_text()
    assert "checked on air" in text
    _no_password(out, err, text)
    for fmt in ("json", "csv", "html"):
        target = tmp_path / f"night.{fmt}"
        assert cli(capsys, "report", desk_url, "--format", fmt, "-o", target)[0] == 0
        _no_password(target.read_text())
    _no_password(pg_server.admin_sql("SELECT string_agg(coalesce(old_value,'') || coalesce(new_value,''), ' ') "
                                     "FROM audit_log", database))
    # nor in anything the app wrote to its data folder (the log among them)
    for folder, _, names in os.walk(isolated_data_dir):
        for name in names:
            _no_password((Path(folder) / name).read_text(errors="replace"))


def test_the_other_project_commands_take_the_url(pg_server, desk_url, capsys, sample_article, tmp_path):
    assert cli(capsys, "new", desk_url, "--title", "Desk")[0] == 0
    assert cli(capsys, "import", desk_url, sample_article)[0] == 0
    code, out, err = cli(capsys, "articles", desk_url, "--json")
    assert code == 0 and json.loads(out)[0]["quotes"] == 15
    code, out, err = cli(capsys, "article", desk_url, "1", "--published", "2022-02-20", "--json")
    assert code == 0, err
    code, out, err = cli(capsys, "review", desk_url, "1", "--approve", "--reviewer", "Rita")
    assert code == 0, err
    code, out, err = cli(capsys, "reviews", desk_url, "--json")
    assert code == 0 and "Rita" in out
    transcript = tmp_path / "transcript.txt"
    transcript.write_text("Blinken said the proposal offers a serious diplomatic path forward.\n")
    code, out, err = cli(capsys, "source", "add", desk_url, transcript, "--article", "1")
    assert code == 0, err
    code, out, err = cli(capsys, "sources", desk_url, "--json")
    assert code == 0 and json.loads(out)
    code, out, err = cli(capsys, "echoes", desk_url, "--json")
    assert code == 0, err
    code, out, err = cli(capsys, "check-source", desk_url, "1", "--json")
    assert code == 0, err
    code, out, err = cli(capsys, "review", desk_url, "2", "--query", "Who said this?", "--reviewer", "Rita",
                         "--json")
    assert code == 0, err
    review_id = json.loads(out)["review"]["id"]
    code, out, err = cli(capsys, "answer", desk_url, review_id, "--answer", "Blinken, on air", "--resolve")
    assert code == 0, err
    database = parse_location(desk_url).database
    assert pg_server.admin_sql(f"SELECT answer || '|' || resolved FROM quote_reviews WHERE id = {review_id}",
                               database) == "Blinken, on air|1"
    code, out, err = cli(capsys, "signoff", desk_url, "--approved", "--reviewer", "Rita")
    assert code == 0, err
    _no_password(out, err)
    code, out, err = cli(capsys, "rescue", desk_url, "-o", tmp_path / "copy.qwb")
    assert code == 1 and "is kept whole by its database server" in err
    _no_password(out, err)


def test_compare_a_team_project_as_mine_with_a_file(pg_server, desk_url, capsys, sample_article, tmp_path):
    theirs = tmp_path / "theirs.qwb"
    for project in (desk_url, theirs):
        assert cli(capsys, "new", project, "--title", "Desk")[0] == 0
        assert cli(capsys, "import", project, sample_article)[0] == 0
    assert cli(capsys, "set", theirs, "1", "--status", "altered")[0] == 0
    code, out, err = cli(capsys, "compare", desk_url, theirs, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["mine"]["path"] == parse_location(desk_url).redacted
    _no_password(out, err)
    code, out, err = cli(capsys, "merge", desk_url, theirs, "--prefer", "theirs", "--fields", "status")
    assert code == 0, err
    _no_password(out, err)
    code, out, _ = cli(capsys, "quotes", desk_url, "--json")
    assert json.loads(out)[0]["status"] == "altered"


def test_bad_locations_are_one_sentence_and_change_nothing(pg_server, desk_db, desk_url, capsys, caplog):
    database, role = desk_db
    caplog.set_level(logging.DEBUG)
    cases = {
        pg_server.url(database, role, "wrong-password"): "check ~/.pgpass or PGPASSWORD",
        pg_server.url(database, "nobody_here", ANALYST_PASSWORD): "check ~/.pgpass or PGPASSWORD",
        pg_server.url("no_such_db", role, ANALYST_PASSWORD): "does not exist",
        f"postgresql://{role}:{ANALYST_PASSWORD}@127.0.0.1:1/{database}": "cannot be reached",
        desk_url: "empty database, not a Quote Workbench project",
    }
    for url, words in cases.items():
        code, out, err = cli(capsys, "quotes", url)
        assert code == 1, (url, err)
        assert words in err and "Traceback" not in err
        assert err.count("\n") == 1
        _no_password(out, err)
    _no_password(caplog.text)
    assert pg_server.admin_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database) == "0"


def test_new_refuses_a_database_that_holds_tables(pg_server, desk_db, desk_url, capsys):
    database, role = desk_db
    pg_server.admin_sql(f'CREATE TABLE invoices (id int); ALTER TABLE invoices OWNER TO "{role}"', database)
    code, _, err = cli(capsys, "new", desk_url, "--title", "T")
    assert code == 1 and "already holds tables of another application" in err
    assert pg_server.admin_sql("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'",
                               database) == "invoices"
    code, _, err = cli(capsys, "quotes", desk_url)
    assert code == 1 and "holds tables of another application, not a Quote Workbench project" in err
    pg_server.admin_sql("DROP TABLE invoices", database)
    assert cli(capsys, "new", desk_url, "--title", "T")[0] == 0
    code, _, err = cli(capsys, "new", desk_url, "--title", "T")
    assert code == 1 and "already holds a Quote Workbench project" in err


def test_credentials_from_pgpassword_and_pgpass(pg_server, desk_db, capsys, monkeypatch, tmp_path):
    database, role = desk_db
    bare = pg_server.url(database, role, None)
    monkeypatch.setenv("PGPASSWORD", ANALYST_PASSWORD)
    code, out, err = cli(capsys, "new", bare, "--title", "T")
    assert code == 0, err
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_server.port}:{database}:{role}:{ANALYST_PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    code, out, err = cli(capsys, "articles", bare)
    assert code == 0, err
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    code, out, err = cli(capsys, "articles", bare)
    assert code == 1 and "check ~/.pgpass or PGPASSWORD" in err


def test_a_service_file_entry_names_the_server(pg_server, desk_db, capsys, monkeypatch, tmp_path):
    database, role = desk_db
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[desk]\nhost=127.0.0.1\nport={pg_server.port}\nuser={role}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("PGPASSWORD", ANALYST_PASSWORD)
    url = f"postgresql:///{database}?service=desk"
    code, out, err = cli(capsys, "new", url, "--title", "T")
    assert code == 0, err
    assert f"team project “{database}” on service “desk”" in out
    assert cli(capsys, "articles", url)[0] == 0
