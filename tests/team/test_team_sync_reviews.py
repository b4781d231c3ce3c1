"""Push carries a review given offline (issue #17 item 4, docs/team-desk.md "Working offline"): approvals and
queries are added on the quote's team id, an answer to a query is compared three-way. Against a real server."""

import json

from tests.cli.helpers import cli
from tests.team.test_team_sync import SECOND_ARTICLE, db, desk, digest, quotes_of  # noqa: F401  (desk: a fixture)
from workbench.persistence.store import ProjectStore
from workbench.domain.edits import RemoveQuoteReview
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService


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


def source_rows(pg_server, database):
    """Each source of the team project with what it serves: 'title|quote:Q' or 'title|article:A'."""
    rows = db(pg_server, database, "SELECT string_agg(s.title || '|' || coalesce('quote:' || l.quote_id, "
                                   "'article:' || l.article_id), E'\\n' ORDER BY l.id) FROM sources s "
                                   "JOIN source_links l ON l.source_id = s.id")
    return rows.splitlines() if rows else []


def test_a_source_attached_offline_is_added_linked_to_the_quotes_team_id(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "2", "-o", local)[0] == 0
    text = SECOND_ARTICLE.strip()
    start = text.index("The council voted")
    end = start + len("The council voted on Monday to build a second bridge over the river.")
    # the database takes the next quote id first, so the file's new quote has a different id there
    with ProjectStore(url) as team:
        bob = ProjectService(team, "Bob")
        bob.apply(bob.add_quote_edit(1, 0, 20))
    with ProjectStore(local) as store:
        ana = ProjectService(store, "Ana")
        mine_id = ana.apply(ana.add_quote_edit(2, start, end)).inverse.quote_id
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Council minutes. The council voted on Monday to build a second bridge over the river.\n",
                       encoding="utf-8")
    assert cli(capsys, "source", "add", local, minutes, "--quote", mine_id, "--title", "Minutes")[0] == 0
    assert cli(capsys, "review", local, mine_id, "--approve", "--reviewer", "Rita")[0] == 0

    code, out, err = cli(capsys, "push", local, url, "--analyst", "Ana", "--json")
    assert code == 0, err
    added = next(x for x in json.loads(out)["pushed"] if x["kind"] == "added")
    new_id = added["quote"]
    assert new_id != mine_id
    assert source_rows(pg_server, database) == [f"Minutes|quote:{new_id}"]
    assert review_rows(pg_server, database) == [f"{new_id}|Rita|approved|||0"]
    assert db(pg_server, database, "SELECT string_agg(DISTINCT source_file, ',') FROM audit_log "
                                   "WHERE entity = 'source'") == str(local.resolve())

    before = digest(local)
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["pushed"] == [] and json.loads(out)["not_pushed"] == []
    assert digest(local) == before and len(source_rows(pg_server, database)) == 1


def test_a_source_whose_text_the_team_keeps_is_linked_not_stored_twice(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local)[0] == 0
    b = sorted(quotes_of(capsys, url))[1]
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Mayor Dana Hill: We will open it before the next election.\n", encoding="utf-8")
    assert cli(capsys, "source", "add", url, minutes, "--article", "2", "--title", "Minutes")[0] == 0  # meanwhile
    assert cli(capsys, "source", "add", local, minutes, "--quote", b, "--title", "Minutes")[0] == 0

    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    [linked] = json.loads(out)["pushed"]
    assert (linked["kind"], linked["quote"], linked["mine"]) == ("source", b, "Minutes")
    assert linked["decision"] == "linked to source 1"
    assert source_rows(pg_server, database) == ["Minutes|article:2", f"Minutes|quote:{b}"]
    assert db(pg_server, database, "SELECT count(*) FROM sources") == "1"


def test_signoffs_and_speaker_edits_stay_in_the_file_and_say_why(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local)[0] == 0
    assert cli(capsys, "signoff", local, "--approved", "--reviewer", "Rita")[0] == 0
    with ProjectStore(local) as store:
        ana = ProjectService(store, "Ana")
        speaker = store.speakers()[0]
        ana.apply(ana.rename_speaker_edit(speaker.id, "Someone Else"))

    code, out, err = cli(capsys, "push", local, url)
    assert code == 0, err
    assert "sign-offs in the file, not pushed: a sign-off covers the whole team project, not a checkout" in out
    assert "not pushed: the speaker list is shared by every article of the team project" in out
    assert db(pg_server, database, "SELECT count(*) FROM signoffs") == "0"


def test_a_review_removed_in_the_file_stays_in_the_team_project_and_is_listed(pg_server, desk, capsys, tmp_path):
    url, database = desk
    a = min(quotes_of(capsys, url))
    assert cli(capsys, "review", url, a, "--approve", "--reviewer", "Rita")[0] == 0
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local)[0] == 0
    review_id = int(db(pg_server, database, f"SELECT id FROM quote_reviews WHERE quote_id = {a}"))
    with ProjectStore(local) as store:
        ReviewService(store, "Rita").apply(RemoveQuoteReview(review_id))

    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    [item] = json.loads(out)["not_pushed"]
    assert (item["kind"], item["quote"], item["base"]) == ("review", a, "approved")
    assert "removed in the file" in item["decision"]
    assert review_rows(pg_server, database) == [f"{a}|Rita|approved|||0"]
