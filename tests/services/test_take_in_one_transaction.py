"""Taking thousands of a colleague's differences at once (issue #16): one transaction, the same rows as
taking them one by one, all or nothing when cancelled, and undone in one transaction too."""

import shutil
import sqlite3

import pytest
from sqlalchemy import event

from benchmarks.bench_compare import make_theirs
from benchmarks.make_big_project import make_project
from workbench.domain.progress import Cancelled
from workbench.persistence.store import ProjectStore
from workbench.services.comparing import ALL_FIELDS, Merger, compare_with_open_project, select_differences
from workbench.services.project import ProjectService


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("take")
    mine, theirs = folder / "mine.qwb", folder / "theirs.qwb"
    make_project(mine, articles=12, quotes=500, seed=16)
    make_theirs(mine, theirs, 16)
    return mine, theirs


def rows(path, table, *, drop=("at",)):
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        found = [dict(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY id")]
    return [{k: v for k, v in r.items() if k not in drop} for r in found]


def copy(generated, tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(generated[0], path)
    return path


def chosen(store, theirs):
    comparison = compare_with_open_project(store, str(theirs)).comparison
    return comparison, select_differences(comparison, prefer="theirs", fields=ALL_FIELDS)


def commits_of(store):
    counted = []
    event.listen(store._engine, "commit", lambda _connection: counted.append(1))
    return counted


def test_one_transaction_writes_the_rows_one_take_at_a_time_wrote(generated, tmp_path):
    theirs = generated[1]
    one_by_one, batched = copy(generated, tmp_path, "one.qwb"), copy(generated, tmp_path, "batch.qwb")
    outcomes = {}
    for path in (one_by_one, batched):
        with ProjectStore(path) as store:
            comparison, differences = chosen(store, theirs)
            assert len({d.kind for d in differences}) >= 5 and len(differences) > 100
            merger = Merger(ProjectService(store, "Carla"), comparison)
            commits = commits_of(store)
            if path == batched:
                outcomes[path] = merger.take_in_one_transaction(differences)
                assert len(commits) == 1
            else:  # as the window took them before: one take, one transaction
                outcomes[path] = [merger.take([d]) for d in differences]
                assert len(commits) > len(differences)
    batch = outcomes[batched]
    assert len(batch.taken) == sum(len(o.taken) for o in outcomes[one_by_one]) > 100
    assert [s[1] for s in batch.skipped] == [s[1] for o in outcomes[one_by_one] for s in o.skipped]
    for table in ("quotes", "speakers", "speaker_aliases", "evidence", "audit_log"):
        assert rows(batched, table) == rows(one_by_one, table), table
    audit = rows(batched, "audit_log")
    assert sum(1 for r in audit if r["source_file"] == str(theirs.absolute())) > 100


def test_the_undo_in_one_transaction_puts_every_value_back(generated, tmp_path):
    path = copy(generated, tmp_path, "undo.qwb")
    before = {r["id"]: r for r in rows(path, "quotes")}
    speakers_before = rows(path, "speakers")
    with ProjectStore(path) as store:
        comparison, differences = chosen(store, generated[1])
        service = ProjectService(store, "Carla")
        outcome = Merger(service, comparison).take_in_one_transaction(differences)
        assert {r["id"]: r for r in rows(path, "quotes")} != before
        commits = commits_of(store)
        service.apply_in_one_transaction(outcome.undo)
        assert len(commits) == 1
    after = {r["id"]: r for r in rows(path, "quotes")}
    assert {i: after[i] for i in before} == before
    assert all(r["deleted"] == 1 for i, r in after.items() if i not in before)  # their quotes, added then undone
    assert rows(path, "speakers") == speakers_before


def test_cancelled_midway_nothing_is_taken_and_the_project_stays_writable(generated, tmp_path):
    path = copy(generated, tmp_path, "cancel.qwb")
    tables = ("quotes", "speakers", "evidence", "audit_log", "project")
    before = {t: rows(path, t) for t in tables}
    with ProjectStore(path) as store:
        comparison, differences = chosen(store, generated[1])
        service = ProjectService(store, "Carla")
        asked = []

        def cancelled():
            asked.append(1)
            return len(asked) > len(differences) // 2  # half of them written into the batch

        with pytest.raises(Cancelled):
            Merger(service, comparison).take_in_one_transaction(differences, cancelled=cancelled)
        assert {t: rows(path, t) for t in tables} == before
        # nothing holds the file: the next edit is written as usual
        quote = store.quotes()[0]
        service.apply(service.note_edit(quote.id, "checked by phone"))
        assert store.quote(quote.id).note == "checked by phone"
