"""Working offline (issue #17 item 4, docs/team-desk.md): checkout a team project into a file, edit the file with
the command line while another writer edits the database, push back three-way. Against a real server."""

import hashlib
import json

import pytest

from tests.cli.helpers import cli
from tests.team.conftest import ANALYST_PASSWORD
from workbench.persistence.checkout import read_checkout
from workbench.persistence.store import ProjectStore
from workbench.domain.edits import RemoveEvidence
from workbench.services.project import ProjectService

SECOND_ARTICLE = """Council approves the river bridge

The council voted on Monday to build a second bridge over the river.

"We will open it before the next election," said Mayor Dana Hill.

Councillor Tom Reyes warned that the budget "cannot take another overrun".
"""


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def db(pg_server, database, sql):
    return pg_server.admin_sql(sql, database)


@pytest.fixture
def desk(pg_server, desk_db, desk_url, capsys, sample_article, tmp_path):
    """A team project with two articles (15 quotes, then the council's); returns (url, database)."""
    database, _ = desk_db
    second = tmp_path / "council.txt"
    second.write_text(SECOND_ARTICLE, encoding="utf-8")
    assert cli(capsys, "new", desk_url, "--title", "Election night", "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", desk_url, sample_article, second)[0] == 0
    return desk_url, database


def quotes_of(capsys, where):
    code, out, err = cli(capsys, "quotes", where, "--json")
    assert code == 0, err
    return {q["id"]: q for q in json.loads(out)}


def test_checkout_of_chosen_articles_keeps_ids_and_records_where_it_came_from(pg_server, desk, capsys, tmp_path):
    url, database = desk
    council_quote = min(q for q, v in quotes_of(capsys, url).items() if v["article"] == 2)
    assert cli(capsys, "review", url, council_quote, "--approve", "--reviewer", "Rita")[0] == 0
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Mayor Dana Hill: We will open it before the next election.\n", encoding="utf-8")
    assert cli(capsys, "source", "add", url, minutes, "--article", "2")[0] == 0
    assert cli(capsys, "review", url, 1, "--approve", "--reviewer", "Rita")[0] == 0  # article 1: not taken
    local = tmp_path / "train.qwb"
    code, out, err = cli(capsys, "checkout", url, "--article", "2", "-o", local)
    assert code == 0, err
    assert "checked out 1 article" in out
    assert ANALYST_PASSWORD not in out + err
    assert ANALYST_PASSWORD.encode() not in local.read_bytes()

    team = {q["id"]: q for q in quotes_of(capsys, url).values() if q["article"] == 2}
    mine = quotes_of(capsys, local)
    assert mine and mine == team  # the same quotes, the same ids, the same values
    code, out, _ = cli(capsys, "articles", local, "--json")
    assert [a["id"] for a in json.loads(out)] == [2]

    with ProjectStore(local, read_only=True) as store:
        record = read_checkout(store)
        assert record.articles == (2,)
        assert record.origin == url.replace(f":{ANALYST_PASSWORD}", "")
        assert record.high_water == int(db(pg_server, database, "SELECT max(id) FROM audit_log"))
        assert record.project_id == db(pg_server, database, "SELECT id FROM project")
        assert {k for k in record.base if k[0] == "quote"} == {("quote", i) for i in team}
        speakers = {s.name for s in store.speakers()}
    assert speakers == {q["speaker"] for q in team.values() if q["speaker"]}
    with ProjectStore(local, read_only=True) as store:  # what hangs from the article came with it, same ids
        assert [(r.quote_id, r.reviewer) for r in store.quote_reviews()] == [(council_quote, "Rita")]
        assert [(link.source_id, link.article_id) for link in store.source_links()] == [(1, 2)]
        assert "Dana Hill" in store.source(1).text

    # every article when none is named
    everything = tmp_path / "all.qwb"
    assert cli(capsys, "checkout", url, "-o", everything)[0] == 0
    assert quotes_of(capsys, everything) == quotes_of(capsys, url)
    # an article the team project lacks, or a file already there: refused, nothing written
    code, _, err = cli(capsys, "checkout", url, "--article", "99", "-o", tmp_path / "none.qwb")
    assert code == 1 and "has no article 99" in err and not (tmp_path / "none.qwb").exists()
    before = digest(local)
    code, _, err = cli(capsys, "checkout", url, "-o", local)
    assert code == 1 and "already exists" in err and digest(local) == before


def test_push_takes_each_side_and_reports_a_conflict_field_by_field(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local, "--analyst", "Ana")[0] == 0
    ids = sorted(quotes_of(capsys, url))
    a, b, c, d, e = ids[:5]

    # offline, on the train (the file): Ana's edits
    for args in ((a, "--status", "verified"), (b, "--note", "said on air"), (c, "--status", "verified"),
                 (e, "--evidence", "https://example.org/transcript"), (e, "--speaker", "Jake Sullivan")):
        code, _, err = cli(capsys, "set", local, *args, "--analyst", "Ana")
        assert code == 0, err
    # meanwhile, in the database: Bob's
    for args in ((d, "--status", "altered"), (c, "--status", "misattributed"), (b, "--status", "in_progress")):
        code, _, err = cli(capsys, "set", url, *args, "--analyst", "Bob")
        assert code == 0, err

    code, out, err = cli(capsys, "push", local, url, "--analyst", "Ana")
    assert code == 0, err
    assert f"pushed    quote {a} status: unchecked → verified" in out
    assert f"pushed    quote {b} notes: — → said on air" in out
    assert f"CONFLICT  quote {c} status: was unchecked; yours verified; team project misattributed, by Bob (database user" in out
    assert "kept the team project’s; yours stays in the file" in out
    assert "1 conflict" in out and ANALYST_PASSWORD not in out + err

    team = quotes_of(capsys, url)
    assert team[a]["status"] == "verified" and team[a]["status_confirmed_by"] == "Ana"
    assert (team[b]["note"], team[b]["status"]) == ("said on air", "in_progress")  # both sides kept
    assert team[c]["status"] == "misattributed"  # the conflict keeps the database's value…
    assert quotes_of(capsys, local)[c]["status"] == "verified"  # …and yours stays in the file
    assert team[d]["status"] == "altered"
    assert team[e]["speaker"] == "Jake Sullivan"
    assert [ev["url"] for ev in team[e]["evidence"]] == ["https://example.org/transcript"]
    # the audit rows say the change came from the file, made by Ana
    sources = db(pg_server, database, f"SELECT source_file || '|' || analyst FROM audit_log "
                                      f"WHERE entity = 'quote' AND entity_id = {a} AND field = 'status'")
    assert sources == f"{local.resolve()}|Ana"

    # a second push pushes nothing (the conflict is listed again), and neither side changes
    audit_rows = db(pg_server, database, "SELECT count(*) FROM audit_log")
    before = digest(local)
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    second = json.loads(out)
    assert second["pushed"] == [] and [x["quote"] for x in second["conflicts"]] == [c]
    assert second["conflicts"][0] | {"theirs_by": None, "theirs_at": None} == {
        "kind": "status", "article": 1, "quote": c, "local_quote": c, "base": "unchecked", "mine": "verified",
        "theirs": "misattributed", "decision": "kept the team project’s; yours stays in the file",
        "theirs_by": None, "theirs_at": None}
    assert db(pg_server, database, "SELECT count(*) FROM audit_log") == audit_rows
    assert digest(local) == before

    # --prefer mine decides it: yours goes in; then nothing is left to push
    code, out, err = cli(capsys, "push", local, url, "--prefer", "mine")
    assert code == 0, err
    assert "took yours (--prefer mine)" in out
    assert quotes_of(capsys, url)[c]["status"] == "verified"
    code, out, _ = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["pushed"] == [] and json.loads(out)["conflicts"] == []


def test_prefer_theirs_keeps_the_database_and_stops_listing_the_conflict(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "1", "-o", local)[0] == 0
    quote = min(quotes_of(capsys, local))
    assert cli(capsys, "set", local, quote, "--date", "2022-01-26", "--note", "mine")[0] == 0
    assert cli(capsys, "set", url, quote, "--date", "2022-01-25", "--analyst", "Bob")[0] == 0

    code, out, err = cli(capsys, "push", local, url, "--prefer", "theirs", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert [(x["kind"], x["mine"], x["theirs"], x["decision"]) for x in result["conflicts"]] == [
        ("date", "2022-01-26", "2022-01-25", "kept the team project’s (--prefer theirs)")]
    assert [(x["kind"], x["mine"]) for x in result["pushed"]] == [("notes", "mine")]
    team = quotes_of(capsys, url)[quote]
    assert (team["date"], team["note"]) == ("2022-01-25", "mine")
    assert quotes_of(capsys, local)[quote]["date"] == "2022-01-26"  # the file keeps yours
    code, out, _ = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["conflicts"] == [] and json.loads(out)["pushed"] == []


def test_quotes_added_offline_get_new_ids_and_deleted_ones_are_deleted(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "2", "-o", local)[0] == 0
    council = quotes_of(capsys, local)
    gone = min(council)
    text = SECOND_ARTICLE.strip()
    start = text.index("The council voted")
    end = start + len("The council voted on Monday to build a second bridge over the river.")

    # the database gets a quote first: it takes the next id, which the file's new quote also takes
    with ProjectStore(url) as team:
        bob = ProjectService(team, "Bob")
        theirs_id = bob.apply(bob.add_quote_edit(1, 0, 20)).inverse.quote_id
    with ProjectStore(local) as store:
        ana = ProjectService(store, "Ana")
        mine_id = ana.apply(ana.add_quote_edit(2, start, end)).inverse.quote_id
        ana.apply(ana.status_edit(mine_id, "verified"))
        ana.apply(ana.delete_edit([gone]))
    assert mine_id == theirs_id  # the same number, two different quotes

    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    result = json.loads(out)
    added = [x for x in result["pushed"] if x["kind"] == "added"]
    assert len(added) == 1 and added[0]["local_quote"] == mine_id
    new_id = added[0]["quote"]
    assert new_id not in (mine_id, theirs_id)
    assert [(x["kind"], x["quote"], x["mine"]) for x in result["pushed"] if x["kind"] == "deleted"] == [
        ("deleted", gone, "deleted")]

    team = quotes_of(capsys, url)
    assert team[new_id]["text"] == "The council voted on Monday to build a second bridge over the river."
    assert team[new_id]["status"] == "verified" and team[new_id]["article"] == 2
    assert team[theirs_id]["article"] == 1  # Bob's quote is untouched
    assert gone not in team  # deleted there too (kept, marked deleted)
    assert db(pg_server, database, f"SELECT deleted FROM quotes WHERE id = {gone}") == "1"

    count = db(pg_server, database, "SELECT count(*) FROM quotes")
    code, out, _ = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["pushed"] == [] and db(pg_server, database, "SELECT count(*) FROM quotes") == count
    # the file still opens as an ordinary project, with its own ids
    with ProjectStore(local, read_only=True) as store:
        assert store.quote(mine_id).status.value == "verified"
        assert read_checkout(store).base[("quote", mine_id)].db_id == new_id


def test_a_refused_push_changes_neither_the_file_nor_the_database(pg_server, desk, capsys, tmp_path):
    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "-o", local)[0] == 0
    quote = min(quotes_of(capsys, local))
    assert cli(capsys, "set", local, quote, "--status", "verified")[0] == 0
    before = digest(local)
    rows = db(pg_server, database, "SELECT count(*) FROM audit_log")

    other = pg_server.create_database()
    try:
        other_url = pg_server.url(other)
        assert cli(capsys, "new", other_url, "--title", "Another desk")[0] == 0
        code, out, err = cli(capsys, "push", local, other_url)
        assert code == 1
        assert f"“train.qwb” was checked out from team project “{database}” on 127.0.0.1" in err
        assert "push it to the team project it came from. Nothing was changed." in err
        assert db(pg_server, other, "SELECT count(*) FROM quotes") == "0"
    finally:
        pg_server.drop_database(other)

    plain = tmp_path / "plain.qwb"
    assert cli(capsys, "new", plain)[0] == 0
    plain_before = digest(plain)
    code, _, err = cli(capsys, "push", plain, url)
    assert code == 1 and "“plain.qwb” is not a checkout of a team project" in err
    assert digest(plain) == plain_before

    code, _, err = cli(capsys, "push", local, tmp_path / "elsewhere.qwb")
    assert code == 1 and "is not a team project’s address" in err
    assert digest(local) == before
    assert db(pg_server, database, "SELECT count(*) FROM audit_log") == rows
    assert db(pg_server, database, f"SELECT status FROM quotes WHERE id = {quote}") == "unchecked"


def test_the_window_edits_a_checkout_and_a_push_waits_until_it_is_closed(pg_server, desk, capsys, tmp_path,
                                                                          monkeypatch):
    from workbench.services.session import ProjectSession

    url, database = desk
    monkeypatch.setenv("QUOTE_WORKBENCH_LOCK_WAIT", "0")
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "1", "-o", local)[0] == 0
    session = ProjectSession.open(local)  # what File → Open does
    try:
        ana = ProjectService(session.store, "Ana")
        quote = min(q.id for q in session.store.quotes())
        ana.apply(ana.status_edit(quote, "altered"))
        speaker = session.store.quote(quote).speaker_id
        ana.apply(ana.rename_speaker_edit(speaker, "Tony Blinken"))
        session.save()
        before = digest(local)
        code, _, err = cli(capsys, "push", local, url)
        assert code == 1 and "“train.qwb” is open for writing elsewhere" in err  # the window holds it
        assert digest(local) == before
        assert db(pg_server, database, f"SELECT status FROM quotes WHERE id = {quote}") == "unchecked"
    finally:
        session.close()
    code, out, err = cli(capsys, "push", local, url)
    assert code == 0, err
    assert f"pushed    quote {quote} status: unchecked → altered" in out
    assert "not pushed  speaker: 1 change to speakers’ names, kinds, roles and aliases in the file" in out
    assert db(pg_server, database, f"SELECT status FROM quotes WHERE id = {quote}") == "altered"
    assert db(pg_server, database, f"SELECT name FROM speakers WHERE id = {speaker}") == "Antony Blinken"


def test_a_quote_changed_during_the_push_is_refused_by_its_version_and_pushed_again(pg_server, desk, capsys,
                                                                                   tmp_path, monkeypatch):
    from workbench.services import team_sync

    url, database = desk
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "1", "-o", local)[0] == 0
    quote = min(quotes_of(capsys, local))
    assert cli(capsys, "set", local, quote, "--status", "verified", "--analyst", "Ana")[0] == 0
    read = team_sync._read_side

    def bob_edits_right_after_the_push_read(store, article_ids):
        side = read(store, article_ids)
        if store.is_team:  # Bob changes the same quote between the push's read and its write
            assert cli(capsys, "set", url, quote, "--note", "Bob's note", "--analyst", "Bob")[0] == 0
        return side

    monkeypatch.setattr(team_sync, "_read_side", bob_edits_right_after_the_push_read)
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["pushed"] == []
    assert [(x["kind"], x["quote"]) for x in result["conflicts"]] == [("status", quote)]
    decision = result["conflicts"][0]["decision"]
    assert f"changed the note of quote {quote}" in decision and decision.endswith("Push again.")
    assert db(pg_server, database, f"SELECT status || '|' || note FROM quotes WHERE id = {quote}") == "unchecked|Bob's note"

    monkeypatch.setattr(team_sync, "_read_side", read)
    code, out, err = cli(capsys, "push", local, url, "--json")
    assert [(x["kind"], x["mine"]) for x in json.loads(out)["pushed"]] == [("status", "verified")]
    assert db(pg_server, database, f"SELECT status || '|' || note FROM quotes WHERE id = {quote}") == "verified|Bob's note"


@pytest.mark.parametrize("cut", [4, 5])  # after adding the quote; after adding it and its work too
def test_a_push_cut_off_half_way_records_nothing_and_the_next_one_finishes_without_doubles(
        pg_server, desk, capsys, tmp_path, monkeypatch, cut):
    from workbench.domain.errors import ProjectOffline

    url, database = desk
    first, second = sorted(q for q, v in quotes_of(capsys, url).items() if v["article"] == 2)[:2]
    with ProjectStore(url) as team:  # evidence there at checkout, which the file will remove
        bob = ProjectService(team, "Bob")
        bob.apply(bob.evidence_edit(second, url="https://wrong.example"))
    local = tmp_path / "train.qwb"
    assert cli(capsys, "checkout", url, "--article", "2", "-o", local)[0] == 0
    with ProjectStore(local) as store:
        ana = ProjectService(store, "Ana")
        added = ana.apply(ana.add_quote_edit(2, 0, len("Council approves the river bridge"))).inverse.quote_id
        ana.apply(ana.status_edit(added, "verified"))
        ana.apply(ana.evidence_edit(first, url="https://example.org/minutes"))
        ana.apply(ana.note_edit(second, "checked"))
        ana.apply(RemoveEvidence(store.evidence(second)[0].id))
    with ProjectStore(url) as team:  # evidence added there meanwhile: it stays
        bob = ProjectService(team, "Bob")
        bob.apply(bob.evidence_edit(second, url="https://old.example"))
    before = digest(local)

    applied = []
    original = ProjectService.apply

    def drops_the_connection_after_the_new_quote(self, edit):
        done = original(self, edit)
        applied.append(edit)
        if self.store.is_team and len(applied) == cut:  # saved, then the connection went
            raise ProjectOffline("The connection to the team project was lost while your change was being saved.",
                                 before_commit=False)
        return done

    monkeypatch.setattr(ProjectService, "apply", drops_the_connection_after_the_new_quote)
    code, _, err = cli(capsys, "push", local, url)
    assert code == 1 and "connection to the team project was lost" in err
    assert digest(local) == before  # no base recorded
    assert [type(e).__name__ for e in applied] == ["AddEvidence", "QuotePatch", "RemoveEvidence", "AddQuote",
                                                   "QuotePatch"][:cut]
    monkeypatch.setattr(ProjectService, "apply", original)

    code, out, err = cli(capsys, "push", local, url, "--json")
    assert code == 0, err
    team = quotes_of(capsys, url)
    title_quotes = [q for q in team.values() if q["text"] == "Council approves the river bridge"]
    assert len(title_quotes) == 1 and title_quotes[0]["status"] == "verified"  # added once, its work pushed
    assert [e["url"] for e in team[first]["evidence"]] == ["https://example.org/minutes"]
    assert team[second]["note"] == "checked"
    assert [e["url"] for e in team[second]["evidence"]] == ["https://old.example"]  # theirs stays
    assert json.loads(out)["conflicts"] == []
    code, out, _ = cli(capsys, "push", local, url, "--json")
    assert json.loads(out)["pushed"] == []
