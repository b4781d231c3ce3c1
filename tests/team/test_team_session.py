"""A team project as the window's session, and the outbox of edits waiting for the server (real server)."""

import json

import pytest

from tests.team.conftest import ANALYST_PASSWORD
from workbench.domain.edit_codec import EditDecodeError, from_jsonable, to_jsonable
from workbench.domain.edits import EditGroup, QuoteFields, QuotePatch
from workbench.domain.errors import ProjectWriteFailed
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.paths import recovery_dir
from workbench.services.project import ProjectService
from workbench.services.team_session import Outbox, TeamSession


@pytest.fixture
def team_project(desk_url, sample_article):
    with ProjectStore.create(desk_url, title="Election night", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    return desk_url


def test_a_team_session_has_nothing_unsaved_and_names_the_project_without_its_password(team_project, tmp_path):
    session = TeamSession(team_project)
    try:
        assert session.unsaved is False
        session.set_unsaved(True)
        assert session.unsaved is False
        assert ANALYST_PASSWORD not in session.display_name
        assert session.display_name.startswith("postgresql://ana_") and session.display_name.endswith(
            team_project.rsplit("/", 1)[1])
        assert session.recent_location == session.display_name
        assert session.project_path is None and session.working_copy is None
        with pytest.raises(ProjectWriteFailed, match="saved on the server as it is made"):
            session.save()
        with pytest.raises(ProjectWriteFailed, match="checkout"):
            session.save_as(tmp_path / "copy.qwb")
        # no working copy, no lock, no journal: only the (empty) outbox folder
        assert [p.name for p in recovery_dir().iterdir()] == ["team-outbox"]
        assert list((recovery_dir() / "team-outbox").iterdir()) == []
    finally:
        session.close()


def test_edits_survive_as_json_and_nothing_else_is_read_back():
    edit = EditGroup((QuotePatch(3, QuoteFields(status="verified", note="on air"), "Set status", 4),
                      QuotePatch(5, QuoteFields(deleted=1))), "Two")
    assert from_jsonable(json.loads(json.dumps(to_jsonable(edit)))) == edit
    with pytest.raises(EditDecodeError):
        from_jsonable({"~": "Path", "x": 1})
    with pytest.raises(EditDecodeError):
        from_jsonable({"~": "QuotePatch", "quote_id": 1, "fields": None, "evil": 2})


def test_offline_edits_wait_in_the_recovery_folder_then_apply_in_order(pg_server, team_project, desk_db, tmp_path):
    database, _role = desk_db
    session = TeamSession(team_project, outbox_folder=tmp_path)
    service = ProjectService(session.store, "Bea")
    first, second = [q.id for q in session.store.quotes()][:2]
    try:
        pg_server.stop()
        try:
            assert session.outbox.apply(service.status_edit(first, VerificationStatus.VERIFIED), service.apply) is None
            group = EditGroup((QuotePatch(first, QuoteFields(note="kept offline")),
                               QuotePatch(second, QuoteFields(note="me too"))), "Notes")
            assert session.outbox.apply(group, service.apply) is None
            assert session.outbox.waiting == 2
            # a crash now loses nothing: another outbox on the same project reads them back
            again = Outbox(session.location, tmp_path)
            assert again.edits == session.outbox.edits
            assert ANALYST_PASSWORD not in session.outbox.path.read_text()
            assert session.outbox.retry(service.apply).offline  # still away: nothing applied, nothing dropped
            assert session.outbox.waiting == 2
        finally:
            pg_server.start()
        result = session.outbox.retry(service.apply)
        assert not result.offline and not result.refused and len(result.applied) == 2
        assert session.outbox.waiting == 0 and not session.outbox.path.exists()
        assert pg_server.admin_sql(f"SELECT status || '/' || note FROM quotes WHERE id = {first}",
                                   database) == "verified/kept offline"
        assert pg_server.admin_sql(f"SELECT note FROM quotes WHERE id = {second}", database) == "me too"
    finally:
        session.close()


def test_a_dropped_idle_connection_or_a_restarted_server_costs_no_edit(pg_server, team_project, desk_db, tmp_path):
    """The pool's pre-ping finds the dead connection and makes a new one: the edit goes straight through
    (it used to be refused as "lost while being saved", since the failed ping looked like a failed commit)."""
    database, _role = desk_db
    session = TeamSession(team_project, outbox_folder=tmp_path)
    service = ProjectService(session.store, "Bea")
    quote = session.store.quotes()[0].id
    try:
        assert pg_server.terminate_backends(database) >= 1
        assert session.outbox.apply(service.note_edit(quote, "after the kill"), service.apply) is not None
        pg_server.restart()
        assert session.outbox.apply(service.status_edit(quote, VerificationStatus.ALTERED), service.apply) is not None
        assert session.outbox.waiting == 0
        assert pg_server.admin_sql(f"SELECT status || '/' || note FROM quotes WHERE id = {quote}",
                                   database) == "altered/after the kill"
    finally:
        session.close()


def test_a_waiting_edit_someone_overtook_is_refused_with_the_stores_sentence_and_dropped(
        pg_server, team_project, desk_db, tmp_path):
    database, _role = desk_db
    session = TeamSession(team_project, outbox_folder=tmp_path)
    service = ProjectService(session.store, "Bea")
    quote = session.store.quotes()[0]
    try:
        pg_server.stop()
        try:
            stale = QuotePatch(quote.id, QuoteFields(note="Bea's offline note"), "Edit note", quote.row_version)
            assert session.outbox.apply(stale, service.apply) is None
            later = QuotePatch(quote.id, QuoteFields(status="verified"), "Set status")
            assert session.outbox.apply(later, service.apply) is None
        finally:
            pg_server.start()
        with ProjectStore(team_project) as other:  # meanwhile Ana changed the quote
            ProjectService(other, "Ana").apply(QuotePatch(quote.id, QuoteFields(note="Ana's note")))
        result = session.outbox.retry(service.apply)
        assert [type(e).__name__ for e in result.refused] == ["EditConflict"]
        sentence = result.refused[0].message
        assert sentence.startswith("Ana (database user ") and "of quote" in sentence and "your change was not saved" in sentence
        assert result.refused_edits == [stale]
        assert len(result.applied) == 1 and session.outbox.waiting == 0  # the next one still went through
        assert pg_server.admin_sql(f"SELECT note || '/' || status FROM quotes WHERE id = {quote.id}",
                                   database) == "Ana's note/verified"
    finally:
        session.close()
