"""Taking a colleague's work into my project: undoable edits, provenance in the audit log, theirs untouched."""

import hashlib
import shutil

import pytest

from workbench.domain.comparison import DifferenceKind
from workbench.domain.edits import QuoteFields, QuotePatch
from workbench.persistence.store import ProjectStore
from workbench.services.comparing import Merger, compare_files, merge_files, read_snapshot, read_their_file
from workbench.services.project import ProjectService
from workbench.domain.comparison import compare_projects


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_files(tmp_path, sample_article):
    mine = tmp_path / "mine.qwb"
    with ProjectStore.create(mine, title="Desk", analyst="Ana") as store:
        assert ProjectService(store, "Ana").import_source(str(sample_article)).quote_count == 15
    theirs = tmp_path / "bea's copy.qwb"
    shutil.copyfile(mine, theirs)
    with ProjectStore(theirs) as store:
        bea = ProjectService(store, "Bea")
        bea.apply(bea.status_edit(5, "verified"))
        bea.apply(bea.status_edit(6, "altered"))
        bea.apply(bea.note_edit(6, "The transcript has other words"))
        bea.apply(bea.speaker_edit(7, "Sergei Lavrov"))
        bea.apply(bea.evidence_edit(5, url="https://www.state.gov/transcript", title="Transcript"))
        bea.apply(bea.delete_edit([9]))
    with ProjectStore(mine) as store:
        ana = ProjectService(store, "Ana")
        ana.apply(ana.status_edit(6, "verified"))
    return mine, theirs


def test_compare_lists_the_differences_and_changes_neither_file(two_files):
    mine, theirs = two_files
    before = sha(mine), sha(theirs)
    outcome = compare_files(mine, theirs)
    got = {(d.kind, d.mine_quotes) for d in outcome.comparison.differences}
    assert got == {(DifferenceKind.STATUS, (5,)), (DifferenceKind.EVIDENCE, (5,)), (DifferenceKind.STATUS, (6,)),
                   (DifferenceKind.NOTES, (6,)), (DifferenceKind.SPEAKER, (7,)), (DifferenceKind.ONLY_MINE, (9,))}
    assert outcome.agreement.overall.exact_f1.items == 15 and outcome.agreement.overall.status_kappa.items == 14
    assert (sha(mine), sha(theirs)) == before


def test_take_their_statuses_where_mine_is_unchecked_records_provenance_and_undoes(two_files):
    mine, theirs = two_files
    their_sha = sha(theirs)
    with ProjectStore(mine) as store:
        service = ProjectService(store, "Carla")
        outcome = merge_files(service, theirs, prefer="theirs", fields=["status"], where_mine_unchecked=True)
        # quote 6 is not unchecked in mine, so only quote 5 takes their status
        assert [(t.difference.kind, t.difference.mine_quotes) for t in outcome.taken] == [(DifferenceKind.STATUS, (5,))]
        assert store.quote(5).status == "verified" and store.quote(5).status_confirmation.by == "Bea"
        assert store.quote(6).status == "verified"
        entry = [e for e in store.audit_log(entity="quote", entity_id=5) if e.field == "status"][-1]
        assert entry.analyst == "Carla" and entry.new_value == "verified"
        source = store.audit_provenance()[entry.id]
        assert source.source_file == str(theirs.absolute())
        assert source.source_analysts == ("Ana", "Bea")
        assert source.source_saved == read_their_file(theirs).info.modified
        # the window will keep outcome.undo on its undo stack: applying it puts my quote back
        service.apply(outcome.undo)
        assert store.quote(5).status == "unchecked" and store.quote(5).status_confirmation.by is None
        undo_entry = [e for e in store.audit_log(entity="quote", entity_id=5) if e.field == "status"][-1]
        assert undo_entry.id > entry.id and undo_entry.id not in store.audit_provenance()
    assert sha(theirs) == their_sha


def test_prefer_mine_takes_only_what_mine_lacks(two_files):
    mine, theirs = two_files
    with ProjectStore(mine) as store:
        outcome = merge_files(ProjectService(store, "Ana"), theirs, prefer="mine")
        taken = sorted((t.difference.kind.value, t.difference.mine_quotes) for t in outcome.taken)
        # their status of 5 (mine unchecked), their evidence and their note of 6 (mine empty);
        # not their status of 6 (mine is verified), their speaker of 7 (mine has one) or deleting 9
        assert taken == [("evidence", (5,)), ("notes", (6,)), ("status", (5,))]
        assert store.quote(6).status == "verified" and store.quote(6).note == "The transcript has other words"
        assert store.evidence(5)[0].url == "https://www.state.gov/transcript"
        assert store.quote(7).speaker_name not in (None, "Sergei Lavrov") and store.quote_count() == 15


def test_prefer_theirs_with_quotes_adds_their_quote_and_deletes_what_they_deleted(two_files):
    mine, theirs = two_files
    with ProjectStore(mine) as store:
        outcome = merge_files(ProjectService(store, "Ana"), theirs, prefer="theirs", fields=["quotes", "speaker"])
        assert {t.difference.kind for t in outcome.taken} == {DifferenceKind.ONLY_MINE, DifferenceKind.SPEAKER}
        assert store.quote_count() == 14 and store.quote(7).speaker_name == "Sergei Lavrov"
    # a quote only they have (I deleted 5, they kept it and verified it) comes back with their work
    with ProjectStore(theirs) as store:
        snapshot = read_snapshot(store)
    with ProjectStore(mine) as store:
        service = ProjectService(store, "Ana")
        service.apply(service.delete_edit([5]))
        comparison = compare_projects(read_snapshot(store), snapshot)
        only_theirs = [d for d in comparison.differences if d.kind is DifferenceKind.ONLY_THEIRS]
        assert [d.theirs_quotes for d in only_theirs] == [(5,)]
        outcome = Merger(service, comparison).take(only_theirs)
        new_id = int(outcome.taken[0].what.rsplit(" ", 1)[1])
        added = store.quote(new_id)
        assert added.spans == snapshot.quotes[1][[q.id for q in snapshot.quotes[1]].index(5)].spans
        assert added.status == "verified" and store.evidence(new_id)[0].url == "https://www.state.gov/transcript"
        service.apply(outcome.undo)
        assert store.quote_count() == 13 and store.evidence(new_id) == []


def test_their_date_kind_and_span_are_taken_into_my_quotes(two_files):
    mine, theirs = two_files
    with ProjectStore(theirs) as store:
        bea = ProjectService(store, "Bea")
        bea.apply(bea.date_edit(3, "2022-01-25"))
        bea.apply(QuotePatch(4, QuoteFields(kind="indirect")))
        q8 = store.quote(8)
        bea.apply(bea.adjust_span_edit(8, q8.start + 1, q8.end))
        their_span = store.quote(8).spans
    with ProjectStore(mine) as store:
        outcome = merge_files(ProjectService(store, "Ana"), theirs, prefer="theirs", fields=["date", "quotes"])
        kinds = {(t.difference.kind, t.difference.mine_quotes) for t in outcome.taken}
        assert {(DifferenceKind.DATE, (3,)), (DifferenceKind.KIND, (4,)), (DifferenceKind.SPAN, (8,))} <= kinds
        assert store.quote(3).date_said.value == "2022-01-25" and store.quote(3).date_said.precision == "day"
        assert store.quote(3).date_confirmation.by == "Bea"
        assert store.quote(4).kind == "indirect"
        assert store.quote(8).spans == their_span and store.quote(8).text == store.article(1).text[
            their_span[0].start:their_span[-1].end]
