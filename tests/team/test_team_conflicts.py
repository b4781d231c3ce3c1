"""Many writers at once against a real server: two analyst processes, each its own database role, edit the same
quotes at the same moment (docs/edit-conflicts.md). Each conflicting pair is refused exactly once, nothing is lost,
edits of different fields of one quote both land, and every audit row carries the database user."""

import multiprocessing
import uuid

import pytest

from tests.cli.helpers import cli
from tests.team.conftest import ANALYST_PASSWORD
from workbench.domain.errors import EditConflict
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

QUOTES = (1, 2, 3)
# per round: what each analyst changes, from the same read of the quote; "status" against "status" conflicts
ROUNDS = (("status", "status"), ("status", "note"), ("note", "note"), ("note", "status"), ("status", "status"))
STATUSES = {"Ana": ("verified", "altered", "unverifiable"), "Bob": ("misattributed", "out_of_context", "in_progress")}


def _analyst(url: str, name: str, barrier, results) -> None:
    """One analyst's process: for every quote and round, read the quote, wait for the other analyst to have read
    it too, then edit it as read; report what became of each edit."""
    with ProjectStore(url) as store:
        service = ProjectService(store, name)
        side = 0 if name == "Ana" else 1
        for quote_id in QUOTES:
            for number, pair in enumerate(ROUNDS):
                field = pair[side]
                seen = store.quote(quote_id)
                barrier.wait(30)  # both have read the same version
                if field == "status":
                    value = STATUSES[name][number % 3]
                    edit = service.status_edit(quote_id, value, seen=seen)
                else:
                    value = f"{name}'s note {quote_id}.{number}"
                    edit = service.note_edit(quote_id, value, seen=seen)
                try:
                    service.apply(edit)
                    results.put((name, quote_id, number, field, value, None))
                except EditConflict as refused:
                    results.put((name, quote_id, number, field, value, refused.message))
                barrier.wait(30)  # both have written before the next read


@pytest.fixture
def two_roles(pg_server, desk_db, desk_url, sample_article):
    """A team project with the sample article; Ana's role owns it, Bob's role may write to it."""
    database, ana_role = desk_db
    bob_role = f"bob_{uuid.uuid4().hex[:8]}"
    pg_server.create_role(bob_role, ANALYST_PASSWORD)
    with ProjectStore.create(desk_url, title="Desk", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    pg_server.admin_sql(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{bob_role}"; '
                        f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{bob_role}"', database)
    return {"Ana": (ana_role, desk_url), "Bob": (bob_role, pg_server.url(database, bob_role, ANALYST_PASSWORD))}


def test_two_analyst_processes_editing_the_same_quotes(pg_server, desk_db, two_roles):
    database, _ = desk_db
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=_analyst, args=(url, name, barrier, results))
                 for name, (_, url) in two_roles.items()]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * len(QUOTES) * len(ROUNDS))]
    for process in processes:
        process.join(60)
        assert process.exitcode == 0

    by_round: dict[tuple[int, int], dict[str, tuple]] = {}
    for name, quote_id, number, field, value, refusal in outcomes:
        by_round.setdefault((quote_id, number), {})[name] = (field, value, refusal)
    roles = {name: role for name, (role, _) in two_roles.items()}
    for (quote_id, number), pair in by_round.items():
        ana, bob = pair["Ana"], pair["Bob"]
        if ana[0] == bob[0]:  # the same field from the same read: exactly one of the two is refused
            assert (ana[2] is None) != (bob[2] is None), pair
            winner = "Ana" if ana[2] is None else "Bob"
            refusal = (bob if winner == "Ana" else ana)[2]
            words = "status" if ana[0] == "status" else "note"
            assert refusal.startswith(f"{winner} (database user {roles[winner]}) changed the {words} of quote "
                                      f"{quote_id} to "), refusal
            assert refusal.endswith("; your change was not saved. The quote now shows their version.")
        else:  # different fields of one quote: both land
            assert ana[2] is None and bob[2] is None, pair

    def sql(query):
        return pg_server.admin_sql(query, database)

    for quote_id in QUOTES:
        for field in ("status", "note"):
            landed = [(number, value) for (q, number), pair in sorted(by_round.items()) if q == quote_id
                      for f, value, refusal in pair.values() if f == field and refusal is None]
            # no lost update: the quote holds the last edit that landed, which is also the audit log's last word
            final = sql(f"SELECT {field} FROM quotes WHERE id = {quote_id}")
            assert final == landed[-1][1]
            audited = sql(f"SELECT new_value FROM audit_log WHERE entity = 'quote' AND entity_id = {quote_id} "
                          f"AND field = '{field}' AND analyst IN ('Ana', 'Bob') ORDER BY id").splitlines()
            assert audited == [value for _, value in landed]  # every landed edit, in order; nothing refused
    # every change carries the database user who made it
    assert sql("SELECT count(*) FROM audit_log WHERE db_user IS NULL") == "0"
    assert sql("SELECT string_agg(DISTINCT analyst || '=' || db_user, ',' ORDER BY analyst || '=' || db_user) "
               "FROM audit_log WHERE entity = 'quote'") == f"Ana={roles['Ana']},Bob={roles['Bob']}"


def test_the_command_line_states_no_expectation_so_it_is_never_stale(pg_server, desk_db, two_roles, capsys):
    """`quote-workbench set` reads and writes in one short transaction and expects nothing: it is not refused
    after someone else's change, it sets what it was told (and the audit log says who did what)."""
    database, _ = desk_db
    _, bob_url = two_roles["Bob"]
    with ProjectStore(bob_url) as store:
        bob = ProjectService(store, "Bob")
        bob.apply(bob.status_edit(1, "altered", seen=store.quote(1)))
    code, _out, err = cli(capsys, "set", two_roles["Ana"][1], 1, "--status", "verified", "--analyst", "Ana")
    assert code == 0, err
    assert pg_server.admin_sql("SELECT status FROM quotes WHERE id = 1", database) == "verified"
    assert pg_server.admin_sql("SELECT string_agg(analyst || ':' || new_value, ',' ORDER BY id) FROM audit_log "
                               "WHERE entity = 'quote' AND entity_id = 1 AND field = 'status'",
                               database) == "Bob:altered,Ana:verified"
