"""The review path without Qt: edits with inverses, states, sign-off freshness, saving a review."""

import dataclasses

import pytest

from workbench.domain.edits import AddQuoteReview, EditGroup, RemoveQuoteReview
from workbench.domain.errors import ProjectLocked, ProjectWriteFailed, Remedy, UserFacingError
from workbench.domain.model import ReviewVerdict, SignOffDecision
from workbench.persistence.locking import ProjectLock
from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService, ReviewSession, ReviewState


@pytest.fixture
def project(tmp_path, sample_article):
    path = tmp_path / "analyst.qwb"
    with ProjectStore.create(path, title="Sample", analyst="Ana") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(sample_article))
        first = store.quotes()[0].id
        service.apply(service.status_edit(first, "verified"))
        service.apply(service.evidence_edit(first, url="https://example.org/transcript", title="Transcript"))
    return path


def annotations(store):
    """Every field of every quote and piece of evidence, for exact comparison."""
    return ([dataclasses.astuple(q) for q in store.quotes(include_deleted=True)],
            [dataclasses.astuple(e) for e in store.evidence()], annotations_fingerprint(store))


def test_approve_query_answer_resolve_and_their_inverses(project):
    with ProjectStore(project) as store:
        before = annotations(store)
        first, second = [q.id for q in store.quotes()[:2]]
        rita = ReviewService(store, "Rita")
        assert rita.summary(first).state is ReviewState.NOT_REVIEWED

        undo_approve, _ = rita.apply(rita.approve_edit(first))
        assert isinstance(undo_approve, RemoveQuoteReview)
        assert rita.summary(first).state is ReviewState.APPROVED
        assert rita.summary(first).latest.reviewer == "Rita"
        assert rita.approve_edit(first) is None  # approving twice adds nothing

        rita.apply(rita.query_edit(second, "  Which day was this said?  "))
        query = rita.summary(second).latest
        assert (query.verdict, query.comment, query.reviewer) == (ReviewVerdict.QUERIED, "Which day was this said?",
                                                                  "Rita")
        assert rita.summary(second).state is ReviewState.QUERIED

        ana = ReviewService(store, "Ana")
        undo_answer, _ = ana.apply(ana.answer_edit(query.id, "26 January, per the transcript"))
        answered = rita.summary(second).latest
        assert rita.summary(second).state is ReviewState.ANSWERED
        assert (answered.answer, answered.answered_by) == ("26 January, per the transcript", "Ana")
        undo_resolve, _ = ana.apply(ana.resolve_edit(query.id))
        assert rita.summary(second).state is ReviewState.RESOLVED
        ana.apply(undo_resolve)
        ana.apply(undo_answer)
        assert rita.summary(second).latest == query  # undone in reverse order: the query as it was
        # undoing the approval removes it; undoing that removal restores the same record, same id
        approval = rita.summary(first).latest
        redo_approve, _ = rita.apply(undo_approve)
        assert isinstance(redo_approve, AddQuoteReview)
        assert rita.summary(first).state is ReviewState.NOT_REVIEWED
        rita.apply(redo_approve)
        assert rita.summary(first).latest == approval

        # the analyst's annotations never moved
        assert annotations(store) == before


def test_answer_patch_inverse_restores_previous_values(project):
    with ProjectStore(project) as store:
        quote_id = store.quotes()[0].id
        rita = ReviewService(store, "Rita")
        rita.apply(rita.query_edit(quote_id, "Source?"))
        review_id = rita.summary(quote_id).latest.id
        ana = ReviewService(store, "Ana")
        undo, _ = ana.apply(ana.answer_edit(review_id, "The transcript", resolve=True))
        assert rita.summary(quote_id).state is ReviewState.RESOLVED
        ana.apply(undo)
        restored = rita.summary(quote_id).latest
        assert (restored.answer, restored.answered_by, restored.answered_at, restored.resolved) == ("", None, None,
                                                                                                     False)


def test_every_review_write_is_audited(project):
    with ProjectStore(project) as store:
        quote_id = store.quotes()[0].id
        rita = ReviewService(store, "Rita")
        undo, _ = rita.apply(rita.query_edit(quote_id, "Source?"))
        review_id = rita.summary(quote_id).latest.id
        ReviewService(store, "Ana").apply(ReviewService(store, "Ana").answer_edit(review_id, "Here", resolve=True))
        rita.apply(rita.signoff_edit(SignOffDecision.CHANGES_REQUESTED, "One open point"))
        rita.apply(undo)
        review_log = [(e.analyst, e.action, e.field, e.new_value) for e in store.audit_log(entity="quote_review")]
        assert ("Rita", "create", "verdict", "queried") in review_log
        assert ("Rita", "create", "comment", "Source?") in review_log
        assert ("Ana", "update", "answer", "Here") in review_log
        assert ("Ana", "update", "resolved", "True") in review_log
        assert ("Rita", "delete", "verdict", None) in review_log
        signoff_log = [(e.analyst, e.field, e.new_value) for e in store.audit_log(entity="signoff")]
        assert ("Rita", "decision", "changes_requested") in signoff_log
        # the reviewer is not recorded as one of the analysts who did the work
        assert store.project_info().analysts == ("Ana",)


def test_signoff_goes_out_of_date_when_the_analyst_changes_anything(project):
    with ProjectStore(project) as store:
        rita = ReviewService(store, "Rita")
        rita.apply(rita.signoff_edit("approved", "Good to go"))
        assert rita.signoff_summary().current
        assert rita.signoff_summary().signoff.fingerprint == annotations_fingerprint(store)
        # the reviewer's own later records do not make it stale
        rita.apply(rita.query_edit(store.quotes()[1].id, "One more thing"))
        assert rita.signoff_summary().current

        ana = ProjectService(store, "Ana")
        undo, _ = ana.apply(ana.note_edit(store.quotes()[1].id, "Checked again"))
        assert not rita.signoff_summary().current
        ana.apply(undo)
        assert rita.signoff_summary().current  # back to exactly what was signed off


def test_the_analyst_path_refuses_review_edits_and_the_review_path_refuses_analyst_edits(project):
    with ProjectStore(project) as store:
        quote_id = store.quotes()[0].id
        rita = ReviewService(store, "Rita")
        ana = ProjectService(store, "Ana")
        with pytest.raises(TypeError):
            ana.apply(rita.approve_edit(quote_id))
        with pytest.raises(TypeError):
            rita.apply(ana.note_edit(quote_id, "sneaky"))
        with pytest.raises(TypeError):
            rita.apply(EditGroup((ana.note_edit(quote_id, "sneaky"),)))
        with pytest.raises(ValueError):
            store.patch_quote_review(1, {"comment": "rewritten"}, "Ana")


def test_refusals_are_sentences(project, tmp_path):
    with ProjectStore(project) as store:
        rita = ReviewService(store, "Rita")
        with pytest.raises(UserFacingError, match="no quote 9999"):
            rita.approve_edit(9999)
        with pytest.raises(UserFacingError, match="needs a comment"):
            rita.query_edit(store.quotes()[0].id, "   ")
        approve = rita.approve_edit(store.quotes()[0].id)
        rita.apply(approve)
        approval = rita.summary(store.quotes()[0].id).latest.id
        with pytest.raises(UserFacingError, match="approval, not a query"):
            rita.answer_edit(approval, "answer")
    with ProjectStore.create(tmp_path / "empty.qwb", title="Empty") as empty:
        with pytest.raises(UserFacingError, match="This project has no quotes to review."):
            ReviewService(empty, "Rita").signoff_edit("approved")


# --- saving a review into the file ------------------------------------------------------------------------


def test_review_session_saves_into_the_file_when_nobody_holds_it(project):
    session = ReviewSession.open_for_review(project)
    try:
        assert session.read_only
        rita = ReviewService(session.store, "Rita")
        quote_id = session.store.quotes()[0].id
        rita.apply(rita.approve_edit(quote_id))
        session.save()
        session.save()  # again, after its own save: the file is still the one it wrote
    finally:
        session.close()
    with ProjectStore(project, read_only=True) as store:
        assert [r.verdict for r in store.quote_reviews(quote_id)] == [ReviewVerdict.APPROVED]
    # the reviewer did not keep the writer lock
    ProjectLock(project).acquire().release()


def test_review_session_refuses_to_save_while_the_analyst_has_the_file_open(project):
    analyst_lock = ProjectLock(project).acquire()
    try:
        session = ReviewSession.open_for_review(project)  # opening for review needs no lock
        try:
            rita = ReviewService(session.store, "Rita")
            rita.apply(rita.approve_edit(session.store.quotes()[0].id))
            original = project.read_bytes()
            with pytest.raises(ProjectLocked, match="the analyst has it open") as refused:
                session.save()
            assert refused.value.remedy is Remedy.SAVE_AS  # the window and the CLI word it in their terms
            assert project.read_bytes() == original
            copy = project.with_name("review-copy.qwb")
            session.save_as(copy)
            session.save()  # now the reviewer's own file
        finally:
            session.close()
    finally:
        analyst_lock.release()
    with ProjectStore(copy, read_only=True) as store:
        assert len(store.quote_reviews()) == 1


def test_review_session_refuses_to_overwrite_changes_saved_since_it_opened(project):
    session = ReviewSession.open_for_review(project)
    try:
        rita = ReviewService(session.store, "Rita")
        rita.apply(rita.approve_edit(session.store.quotes()[0].id))
        with ProjectStore(project) as store:  # the analyst saves a change meanwhile
            ana = ProjectService(store, "Ana")
            ana.apply(ana.note_edit(store.quotes()[2].id, "new note"))
        changed = project.read_bytes()
        with pytest.raises(ProjectWriteFailed, match="changed since you opened it"):
            session.save()
        assert project.read_bytes() == changed
    finally:
        session.close()


def test_a_project_without_quotes_is_not_opened_for_review(tmp_path):
    path = tmp_path / "empty.qwb"
    ProjectStore.create(path, title="Empty", analyst="Ana").close()
    with pytest.raises(UserFacingError, match="This project has no quotes to review."):
        ReviewSession.open_for_review(path)
