"""A team project made with `new` is a desk at once: the server refuses a reviewer's change to an annotation,
and the store says so in a sentence; the reviewer's own work (approve, query, sign off) goes through."""

import pytest
from sqlalchemy import text

from tests.conftest import SAMPLE_ARTICLE
from tests.team.desk import PASSWORD
from workbench.domain.edits import QuoteFields, QuotePatch
from workbench.domain.errors import NotAllowed
from workbench.domain.model import VerificationStatus
from workbench.persistence import team
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.services.review import ReviewService


@pytest.fixture
def desk(pg_server, pg_database):
    url = pg_server.url(pg_database)
    with ProjectStore.create(url, title="Election night", analyst="Admin") as store:
        ProjectService(store, "Admin").import_source(str(SAMPLE_ARTICLE))
        with store._engine.begin() as connection:
            team.add_member(connection, reviewer := f"rev_{pg_database[-8:]}", "reviewer", PASSWORD)
    return pg_server.url(pg_database, reviewer, PASSWORD), reviewer


def test_a_reviewer_cannot_change_a_quote_and_is_told_why(desk):
    url, reviewer = desk
    with ProjectStore(url) as store:
        quote = store.quotes()[0]
        service = ProjectService(store, "Rita")
        with pytest.raises(NotAllowed) as refused:
            service.apply(QuotePatch(quote.id, QuoteFields(status=VerificationStatus.VERIFIED)))
        assert refused.value.message == (f"You are signed in as {reviewer}, a reviewer: reviewers can approve, "
                                         "query and sign off, but not change annotations; nothing was changed.")
        assert store.quote(quote.id).status is quote.status


def test_a_reviewer_can_approve_and_query(desk):
    url, reviewer = desk
    with ProjectStore(url) as store:
        first, second = store.quotes()[:2]
        review = ReviewService(store, "Rita")
        review.apply(review.approve_edit(first.id))
        review.apply(review.query_edit(second.id, "Which interview?"))
        assert {r.quote_id for r in store.quote_reviews()} == {first.id, second.id}
        with store._engine.connect() as connection:
            who = connection.execute(text("SELECT DISTINCT db_user FROM audit_log WHERE entity = 'quote_review'"))
            assert who.scalars().all() == [reviewer]
