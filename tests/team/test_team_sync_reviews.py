"""Push carries a review given offline (issue #17 item 4, docs/team-desk.md "Working offline"): approvals and
queries are added on the quote's team id, an answer to a query is compared three-way. Against a real server."""

import json

from tests.cli.helpers import cli
from tests.team.test_team_sync import db, desk, digest, quotes_of  # noqa: F401  (desk is a fixture)


def review_rows(pg_server, database):
    rows = db(pg_server, database, "SELECT string_agg(quote_id || '|' || reviewer || '|' || verdict || '|' || "
                                   "coalesce(comment, '') || '|' || coalesce(answer, '') || '|' || resolved, "
                                   "E'\\n' ORDER BY id) FROM quote_reviews")
    return rows.splitlines() if rows else []


def test_offline_approve_query_and_answer_are_pushed_once(pg_server, desk, capsys, tmp_path):
    url, database = desk
    a, b, c = sorted(quotes_of(capsys, url))[:3]
    assert cli(capsys, "review", url, c, "--query", "Which speech?", "--reviewer", "Rita")[0] == 0
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local, "--analyst", "Ana")[0] == 0
    query_id = int(db(pg_server, database, f"SELECT id FROM quote_reviews WHERE quote_id = {c}"))

    # on the train: Rita approves one quote and queries another; Ana answers the query made before
    assert cli(capsys, "review", local, a, "--approve", "--reviewer", "Rita")[0] == 0
    assert cli(capsys, "review", local, b, "--query", "Is this the full sentence?", "--reviewer", "Rita")[0] == 0
    code, _, err = cli(capsys, "answer", local, query_id, "--answer", "The rally speech", "--resolve",
                       "--analyst", "Ana")
    assert code == 0, err

    code, out, err = cli(capsys, "push", local, url, "--analyst", "Ana")
    assert code == 0, err
    assert f"pushed    quote {c} review: — → resolved: The rally speech" in out
    assert "not pushed" not in out.replace("0 not pushed", "")
    assert review_rows(pg_server, database) == [
        f"{c}|Rita|queried|Which speech?|The rally speech|1",
        f"{a}|Rita|approved|||0",
        f"{b}|Rita|queried|Is this the full sentence?||0",
    ]
    # in the audit log, with the file as the source
    sources = db(pg_server, database, "SELECT string_agg(DISTINCT source_file, ',') FROM audit_log "
                                      "WHERE entity = 'quote_review' AND source_file IS NOT NULL")
    assert sources == str(local.resolve())
    assert db(pg_server, database, f"SELECT analyst FROM audit_log WHERE entity = 'quote_review' "
                                   f"AND entity_id = {query_id} AND field = 'answer'") == "Ana"

    # a second push pushes nothing: the base remembers the reviews pushed
    rows = db(pg_server, database, "SELECT count(*) FROM audit_log")
    before = digest(local)
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    second = json.loads(out)
    assert second["pushed"] == [] and second["conflicts"] == [] and second["not_pushed"] == []
    assert db(pg_server, database, "SELECT count(*) FROM audit_log") == rows
    assert digest(local) == before
    assert len(review_rows(pg_server, database)) == 3


def test_a_query_answered_differently_on_both_sides_is_a_conflict(pg_server, desk, capsys, tmp_path):
    url, database = desk
    c = sorted(quotes_of(capsys, url))[2]
    assert cli(capsys, "review", url, c, "--query", "Which speech?", "--reviewer", "Rita")[0] == 0
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local, "--analyst", "Ana")[0] == 0
    query_id = int(db(pg_server, database, f"SELECT id FROM quote_reviews WHERE quote_id = {c}"))
    assert cli(capsys, "answer", local, query_id, "--answer", "The rally speech", "--analyst", "Ana")[0] == 0
    assert cli(capsys, "answer", url, query_id, "--answer", "The debate", "--analyst", "Bob")[0] == 0

    code, out, err = cli(capsys, "push", local, url, "--analyst", "Ana")
    assert code == 0, err
    assert (f"CONFLICT  quote {c} review: was —; yours The rally speech; team project The debate, by Bob"
            in out)
    assert "kept the team project’s; yours stays in the file" in out
    assert review_rows(pg_server, database) == [f"{c}|Rita|queried|Which speech?|The debate|0"]

    code, out, err = cli(capsys, "push", local, url, "--prefer", "mine", "--json")
    assert code == 0, err
    assert [x["kind"] for x in json.loads(out)["conflicts"]] == ["review"]
    assert review_rows(pg_server, database) == [f"{c}|Rita|queried|Which speech?|The rally speech|0"]
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["conflicts"] == [] and json.loads(out)["pushed"] == []
